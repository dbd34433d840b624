/** `mldebt config`: the settings table of a project, as a user runs it. */
import { describe, expect, it } from "vitest";
import type { ConfigReport } from "../../src/cli/config-command.js";
import { runMldebt, tempProject } from "../helpers/cli.js";

const SPRAWL = "fixtures/projects/config-sprawl";
const TWIN = "fixtures/projects/config-single-source";

function jsonOf(args: string[]): ConfigReport {
  const run = runMldebt(["config", ...args, "--format", "json"]);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as ConfigReport;
}

describe("mldebt config on the sprawled fixture", () => {
  const run = runMldebt(["config", SPRAWL]);
  const conflicts = run.stdout.slice(run.stdout.indexOf("Conflicting values"));

  it("exits 0 and prints the table on stdout only", () => {
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^Settings of fixtures\/projects\/config-sprawl: \d+ keys in \d+ source\(s\), 4 conflicts\n/u);
  });

  it("shows each conflicting key with both of its places", () => {
    expect(conflicts).toContain("Conflicting values (4)");
    const pairs: [string, string, string][] = [
      ["data.min_tenure", "config.yaml:6", "evaluate.py:13"],
      ["data.test_size", "config.yaml:5", "explore.ipynb cell 5:3"],
      ["learning_rate", "config.yaml:8", "train.py:15"],
      ["max_depth", "config.yaml:10", "settings.py:4"],
    ];
    for (const [name, reference, other] of pairs) {
      const block = conflicts.slice(conflicts.indexOf(`  ${name}:`)).split("\n").slice(0, 3).join("\n");
      expect(block, name).toContain(reference);
      expect(block, name).toContain(other);
    }
  });

  it("lists where a key is defined and every place that reads it", () => {
    const row = run.stdout.split("\n").findIndex((line) => line.trimStart().startsWith("data.path"));
    const lines = run.stdout.split("\n").slice(row, row + 4).join("\n");
    expect(lines).toContain("config.yaml:4 = data/churn.csv");
    expect(lines).toContain("explore.ipynb cell 3:2 mapping");
    expect(lines).toContain("prepare.py:14 mapping");
    expect(lines).toContain("train.py:21 mapping");
  });

  it("marks conflicting keys and shows keys read but never defined", () => {
    expect(run.stdout).toMatch(/train\.learning_rate ✖ +config\.yaml:8 = 0\.05/u);
    expect(run.stdout).toMatch(/serve\.threshhold +- +serve\.py:20 mapping/u);
  });

  it("--conflicts keeps only the keys with conflicting values", () => {
    const only = runMldebt(["config", SPRAWL, "--conflicts"]).stdout;
    const table = only.slice(0, only.indexOf("Conflicting values"));
    expect(table).toContain("data.min_tenure ✖");
    expect(table).toContain("MAX_DEPTH ✖");
    expect(table).not.toContain("data.path");
  });

  it("--format json gives the same facts as data, conflicts with the reference first", () => {
    const report = jsonOf([SPRAWL]);
    expect(report.root).toBe(SPRAWL);
    const learningRate = report.conflicts.find((conflict) => conflict.name === "learning_rate")!;
    expect(learningRate.values.map((value) => [value.file, value.line, value.value, value.reference])).toEqual([
      ["config.yaml", 8, "0.05", true],
      ["train.py", 15, "0.1", false],
    ]);
    const testSize = report.conflicts.find((conflict) => conflict.name === "data.test_size")!;
    expect(testSize.values[1]).toMatchObject({ file: "explore.ipynb", cell: 5, line: 3 });
    const option = report.keys.find((key) => key.source === "command line of train.py" && key.key === "learning_rate")!;
    expect(option).toMatchObject({ kind: "cli", conflicting: true });
    expect(option.definedIn[0]).toMatchObject({ file: "train.py", line: 15, written: "--learning-rate", value: "0.1" });
  });

  it("is byte-identical from run to run", () => {
    expect(runMldebt(["config", SPRAWL, "--format", "json"]).stdout).toBe(runMldebt(["config", SPRAWL, "--format", "json"]).stdout);
  });
});

describe("mldebt config on the twin", () => {
  it("finds no conflicts, and every key of params.yaml read through the typed loader", () => {
    const report = jsonOf([TWIN]);
    expect(report.conflicts).toEqual([]);
    const estimators = report.keys.find((key) => key.source === "params.yaml" && key.key === "train.n_estimators")!;
    expect(estimators.definedIn.map((place) => `${place.file}:${place.line}`)).toEqual(["params.yaml:10"]);
    expect(estimators.readBy.map((place) => `${place.file}:${place.line} ${place.mechanism}`)).toEqual(["train.py:17 typed"]);
  });
});

describe("mldebt config: Hydra and command-line overrides", () => {
  it("places group options under their package and shows overrides from scripts", () => {
    const root = tempProject({
      "conf/config.yaml": "defaults:\n  - optimizer: adam\n  - _self_\ntrainer:\n  max_epochs: 10\n",
      "conf/optimizer/adam.yaml": "lr: 0.001\nbetas: [0.9, 0.999]\n",
      "conf/optimizer/sgd.yaml": "lr: 0.1\nmomentum: 0.9\n",
      "train.py": 'import hydra\n\n@hydra.main(config_path="conf", config_name="config")\ndef main(cfg):\n    print(cfg.optimizer.lr, cfg.trainer.max_epochs)\n\nmain()\n',
      "run.sh": "python train.py optimizer.lr=0.01 trainer.max_epochs=3\n",
    });
    const report = jsonOf([root]);
    const lr = report.keys.find((key) => key.key === "optimizer.lr")!;
    expect(lr.source).toBe("hydra conf/config.yaml");
    expect(lr.definedIn.map((place) => `${place.file}:${place.line} ${place.value} ${place.option}`)).toEqual(["conf/optimizer/adam.yaml:1 0.001 optimizer=adam (default)", "conf/optimizer/sgd.yaml:1 0.1 optimizer=sgd"]);
    expect(lr.readBy.map((place) => `${place.file}:${place.line}`)).toEqual(["train.py:5"]);
    expect(lr.overriddenIn.map((place) => `${place.file}:${place.line} ${place.value}`)).toEqual(["run.sh:1 0.01"]);
    expect(report.conflicts).toEqual([]);
  });
});

describe("mldebt config: usage", () => {
  it("exits 2 when the path is not a folder", () => {
    const run = runMldebt(["config", "fixtures/projects/config-sprawl/train.py"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("needs a project folder");
  });

  it("says so when a project has no settings", () => {
    const run = runMldebt(["config", tempProject({ "main.py": "print('hello')\n" })]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("No settings found");
  });
});
