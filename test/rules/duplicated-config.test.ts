import { describe, expect, it } from "vitest";
import { splitRelated } from "../../src/results/related.js";
import { projectLinter, type ProjectMessage } from "../helpers/project-lint.js";

const BASE = "seed: 42\ndata:\n  path: data/x.csv\n  test_size: 0.2\ntrain:\n  lr: 0.001\n  epochs: 20\n  batch_size: 64\n";
const V2 = BASE.replace("epochs: 20", "epochs: 40");
const load = (file: string) => `import yaml\ncfg = yaml.safe_load(open("${file}"))\nprint(cfg["seed"])\n`;
const at = (messages: ProjectMessage[]) => messages.map(({ messageId, line, column, endColumn }) => `${messageId} ${line}:${column}-${endColumn}`);

/** Every config file of the project, linted: file → its findings. */
function lintConfigs(files: Record<string, string>, options: unknown[] = []): Record<string, string[]> {
  const project = projectLinter(files, "duplicated-config", options);
  return Object.fromEntries(Object.keys(files).filter((file) => /\.ya?ml$/u.test(file)).map((file) => [file, at(project.lint(file))]));
}

describe("duplicated-config: near-misses that stay quiet", () => {
  it.each([
    ["one config: nothing to compare", { "config.yaml": BASE, "train.py": load("config.yaml") }],
    ["two configs that share little", { "config.yaml": BASE, "serve.yaml": "host: 0.0.0.0\nport: 8080\nworkers: 4\nseed: 42\n", "train.py": load("config.yaml") }],
    ["near-copies among tool files are not settings (CI, linters)", { ".travis.yml": "language: python\npython: 3.11\nos: linux\ndist: jammy\n", "appveyor.yml": "language: python\npython: 3.11\nos: linux\ndist: focal\n", "train.py": "print(1)\n" }],
    ["a flag or a 0/1 in many files is no duplicated value", { "a.yaml": "debug: false\nk: 1\n", "b.yaml": "debug: false\nk: 1\n", "c.yaml": "debug: false\nk: 1\n", "train.py": load("a.yaml") }],
    ["near-copies no code reads: examples or another tool's settings", { "config.yaml": BASE, "config_v2.yaml": V2, "train.py": "print(1)\n" }],
    ["a value repeated in files no code reads", { "exp/a.yaml": "trainer:\n  max_epochs: 100\n", "exp/b.yaml": "trainer:\n  max_epochs: 100\n", "exp/c.yaml": "trainer:\n  max_epochs: 100\n", "train.py": "print(1)\n" }],
  ])("%s", (_, files) => {
    for (const [file, findings] of Object.entries(lintConfigs(files as Record<string, string>))) expect(findings, file).toEqual([]);
  });
});

describe("duplicated-config: reported in the config file", () => {
  it("reports the copy at its first key, once, and not the original; whichever of the two the code reads", () => {
    expect(lintConfigs({ "config.yaml": BASE, "config_v2.yaml": V2, "train.py": load("config.yaml"), "serve.py": load("config_v2.yaml") })).toEqual({
      "config.yaml": [],
      "config_v2.yaml": ["nearDuplicate 1:1-5"],
    });
    // only the original is read: the copy is reported all the same
    expect(lintConfigs({ "params.yaml": BASE, "params_old.yaml": `# the old settings\n${V2}`, "train.py": load("params.yaml") })).toEqual({
      "params.yaml": [],
      "params_old.yaml": ["nearDuplicate 2:1-5"],
    });
  });

  it("says which file it copies and what differs, and relates the difference and the original", () => {
    const project = projectLinter({ "config.yaml": BASE, "config_v2.yaml": V2, "serve.py": load("config_v2.yaml") }, "duplicated-config");
    const [finding] = project.lint("config_v2.yaml");
    const { message, related } = splitRelated(finding!.message);
    expect(message).toMatch(/^config_v2\.yaml is a near-copy of config\.yaml: 5 of their 6 settings are identical; they differ in `train\.epochs`\. .* To fix: keep one base file/u);
    expect(related).toEqual([
      { file: "config_v2.yaml", line: 7, message: "train.epochs differs here" },
      { file: "config.yaml", line: 1, message: "the original" },
    ]);
  });

  it("reports a value written in three files once, in the first of them, at its key, relating the others", () => {
    const files = {
      "exp/a.yaml": "trainer:\n  max_epochs: 100\n  data: /data/x.csv\nmodel: a\n",
      "exp/b.yaml": "trainer:\n  max_epochs: 100\n  data: /data/x.csv\nmodel: b\n",
      "exp/c.yaml": "model: c\ntrainer:\n  max_epochs: 100\n  data: /data/x.csv\n",
      "train.py": 'import yaml\ncfg = yaml.safe_load(open("exp/c.yaml"))\nn = cfg["trainer"]["max_epochs"]\n',
    };
    expect(lintConfigs(files)).toEqual({ "exp/a.yaml": ["repeatedValue 3:3-7"], "exp/b.yaml": [], "exp/c.yaml": [] });
    const [finding] = projectLinter(files, "duplicated-config").lint("exp/a.yaml");
    const { message, related } = splitRelated(finding!.message);
    expect(message).toContain("`trainer.data: /data/x.csv` is written in 3 config files (exp/a.yaml:3, exp/b.yaml:3, exp/c.yaml:4), and 1 more value of this file is repeated in other config files (`trainer.max_epochs`)");
    expect(related).toEqual([
      { file: "exp/b.yaml", line: 3, column: 3, message: "trainer.data: /data/x.csv" },
      { file: "exp/c.yaml", line: 4, column: 3, message: "trainer.data: /data/x.csv" },
    ]);
  });

  it("finds an exact copy with a stricter similarity from the options", () => {
    expect(lintConfigs({ "config.yaml": BASE, "config copy.yaml": BASE, "train.py": load("config copy.yaml") }, [{ similarity: 1, minKeys: 4, minFiles: 3 }])).toEqual({
      "config.yaml": [],
      "config copy.yaml": ["nearDuplicate 1:1-5"],
    });
  });
});
