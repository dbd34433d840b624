import { describe, expect, it } from "vitest";
import { scriptRunsIn } from "../../src/project/manifests/commands.js";
import { parseDvcFile, parseDvcLock, parseDvcYaml } from "../../src/project/manifests/dvc.js";
import { parseMakefile } from "../../src/project/manifests/makefile.js";
import { resolveManifestPath } from "../../src/project/manifests/paths.js";
import { parseShellScript } from "../../src/project/manifests/shell.js";
import type { ManifestModel, ManifestStage } from "../../src/project/types.js";

function stage(model: ManifestModel, name: string): ManifestStage {
  const found = model.stages.find((entry) => entry.name === name);
  if (!found) throw new Error(`no stage ${name} in ${model.stages.map((entry) => entry.name).join(", ")}`);
  return found;
}

function scripts(text: string, directory = "."): string[] {
  return scriptRunsIn(text, directory).map((run) => run.script);
}

describe("resolveManifestPath", () => {
  it("resolves against the directory and keeps what names no local file", () => {
    expect(resolveManifestPath(".", "./data/raw.csv")).toBe("data/raw.csv");
    expect(resolveManifestPath("pipeline", "../data/out/")).toBe("data/out");
    expect(resolveManifestPath(".", "../outside.csv")).toBe("../outside.csv");
    expect(resolveManifestPath("sub", ".")).toBe("sub");
    for (const kept of ["s3://bucket/x.csv", "/mnt/data", "~/data", "$DATA_DIR/x", "remote://store/x"]) {
      expect(resolveManifestPath("sub", kept)).toBe(kept);
    }
  });
});

describe("scriptRunsIn", () => {
  it("finds python scripts behind options, interpreters and environment runners", () => {
    expect(scripts("python src/train.py --epochs 3")).toEqual(["src/train.py"]);
    expect(scripts("python3 -u -W ignore ./src/train.py")).toEqual(["src/train.py"]);
    expect(scripts("python3.11 -m pkg.features.build --x 1")).toEqual(["pkg/features/build.py"]);
    expect(scripts("python -um pkg.mod")).toEqual(["pkg/mod.py"]);
    expect(scripts("uv run --with pandas python src/a.py")).toEqual(["src/a.py"]);
    expect(scripts("uv run src/b.py")).toEqual(["src/b.py"]);
    expect(scripts("poetry run python -m app.main")).toEqual(["app/main.py"]);
    expect(scripts("conda run -n ml python c.py")).toEqual(["c.py"]);
    expect(scripts("CUDA_VISIBLE_DEVICES=0 nohup .venv/bin/python d.py > log.txt 2>&1 &")).toEqual(["d.py"]);
    expect(scripts("time env SEED=1 python e.py")).toEqual(["e.py"]);
    expect(scripts("./tools/prep.py --fast")).toEqual(["tools/prep.py"]);
    expect(scripts("torchrun --nproc_per_node=2 dist_train.py")).toEqual(["dist_train.py"]);
  });

  it("finds executed notebooks and papermill's output", () => {
    expect(scriptRunsIn("jupyter nbconvert --to notebook --execute --output out.ipynb nb/explore.ipynb", ".")).toMatchObject([
      { script: "nb/explore.ipynb", outputs: [] },
    ]);
    expect(scripts("jupyter execute a.ipynb")).toEqual(["a.ipynb"]);
    expect(scripts("jupyter nbconvert --to html report.ipynb")).toEqual([]);
    expect(scriptRunsIn("papermill -p alpha 0.1 in.ipynb runs/out.ipynb", "nb")).toMatchObject([
      { script: "nb/in.ipynb", outputs: ["nb/runs/out.ipynb"] },
    ]);
  });

  it("ignores programs that run no project script", () => {
    expect(scripts('python -c "import x"; python; Rscript model.R; echo "python fake.py"; pip install -r req.txt')).toEqual([]);
  });

  it("splits chains, follows cd, restores it after a subshell and skips here-documents", () => {
    const text = [
      "set -e", //                                              1
      "# python commented_out.py", //                           2
      "cd stage1 && python prep.py || exit 1", //               3
      "(cd ../stage2; python feat.py) && python train.py \\", // 4
      "  --lr 0.1", //                                          5
      "cat > cfg.yaml <<'END'", //                              6
      "python not_a_command.py", //                             7
      "END", //                                                 8
      "for seed in 1 2; do python run.py --seed $seed; done", // 9
      "cd && python home.py", //                                10
    ].join("\n");
    expect(scriptRunsIn(text, ".")).toEqual([
      { script: "stage1/prep.py", outputs: [], command: "python prep.py", line: 3 },
      { script: "stage2/feat.py", outputs: [], command: "python feat.py", line: 4 },
      { script: "stage1/train.py", outputs: [], command: "python train.py  --lr 0.1", line: 4 },
      { script: "stage1/run.py", outputs: [], command: "python run.py --seed $seed", line: 9 },
      { script: "~/home.py", outputs: [], command: "python home.py", line: 10 },
    ]);
  });

  it("reads quoted words and keeps variables as written", () => {
    expect(scripts('python "my scripts/train it.py" --name \'x y\'')).toEqual(["my scripts/train it.py"]);
    expect(scripts("python $SRC/train.py")).toEqual(["$SRC/train.py"]);
    // Inside double quotes, a command substitution's own quotes do not end the word.
    expect(scripts('python "$(echo "a b")".py')).toEqual(['$(echo "a b").py']);
    expect(scriptRunsIn('cd "$(dirname "$0")" && python x.py', ".", "scripts").map((run) => run.script)).toEqual(["scripts/x.py"]);
    expect(scriptRunsIn('cd "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../src" && python "run $(date)".py', ".", "scripts")).toMatchObject([
      { script: "src/run $(date).py", command: 'python "run $(date)".py' },
    ]);
    expect(scriptRunsIn('cd "$(dirname "$0")/.." && python x.py', ".", "scripts").map((run) => run.script)).toEqual(["x.py"]);
  });
});

describe("parseShellScript", () => {
  it("makes a stage of every run, in order, resolved from the root", () => {
    const text = ["#!/usr/bin/env bash", "set -euo pipefail", "python 01_load.py && python 02_features.py", "cd models; python train.py", "papermill report.ipynb out/report.ipynb"].join("\n");
    const model = parseShellScript("scripts/run_all.sh", text);
    expect(model).toMatchObject({ file: "scripts/run_all.sh", kind: "shell", errors: [] });
    expect(model.stages.map((entry) => [entry.name, entry.order, entry.scripts])).toEqual([
      ["line 3", 0, ["01_load.py"]],
      ["line 3", 1, ["02_features.py"]],
      ["line 4", 2, ["models/train.py"]],
      ["line 5", 3, ["models/report.ipynb"]],
    ]);
    expect(model.stages[1]).toMatchObject({ kind: "shell", line: 3, commands: ["python 02_features.py"], inputs: [], params: [] });
    expect(model.stages[3]?.outputs).toEqual(["models/out/report.ipynb"]);
  });

  it("moves to the script's directory for the dirname idiom", () => {
    const model = parseShellScript("exercises/ex1/run.sh", 'cd "$(dirname "${BASH_SOURCE[0]}")"\npython step.py\n');
    expect(model.stages.map((entry) => entry.scripts[0])).toEqual(["exercises/ex1/step.py"]);
  });

  it("has no stages for a script that runs no Python", () => {
    expect(parseShellScript("x.sh", "echo hi\nls -la | grep x\n").stages).toEqual([]);
  });
});

describe("parseMakefile", () => {
  const makefile = [
    "PY := python3", //                                              1
    "SRC = src", //                                                  2
    "DATA = data/$(NAME)", //                                        3
    "NAME = raw.csv", //                                             4
    "OPTS ?= --fast", //                                             5
    "OPTS ?= --slow", //                                             6
    "OPTS += --seed 1", //                                           7
    "", //                                                           8
    ".PHONY: all clean", //                                          9
    "all: model.pkl report.html", //                                 10
    "", //                                                           11
    "# the model", //                                                12
    "model.pkl: $(SRC)/train.py ${DATA} | outdir", //                13
    "\t@$(PY) $< --data $(DATA) --out $@ $(OPTS)", //                14
    "", //                                                           15
    "\t-cd $(SRC) && $(PY) -m tools.check", //                       16
    "", //                                                           17
    "report.html: model.pkl eval.py ; uv run python eval.py \\", //  18
    "    --model $<", //                                             19
    "clean:", //                                                     20
    "\trm -rf model.pkl $$HOME/tmp", //                              21
    "train: EPOCHS = 3", //                                          22
  ].join("\n");

  it("makes a stage per target with prerequisites, file outputs and scripts", () => {
    const model = parseMakefile("Makefile", makefile);
    expect(model).toMatchObject({ file: "Makefile", kind: "makefile", errors: [] });
    expect(model.stages.map((entry) => [entry.name, entry.line, entry.order])).toEqual([
      ["all", 10, 0],
      ["model.pkl", 13, 1],
      ["report.html", 18, 2],
      ["clean", 20, 3],
    ]);
    expect(stage(model, "model.pkl")).toMatchObject({
      kind: "makefile",
      commands: ["@$(PY) $< --data $(DATA) --out $@ $(OPTS)", "-cd $(SRC) && $(PY) -m tools.check"],
      scripts: ["src/train.py", "src/tools/check.py"],
      inputs: ["src/train.py", "data/raw.csv"],
      outputs: ["model.pkl"],
      params: [],
    });
    expect(stage(model, "report.html")).toMatchObject({
      commands: ["uv run python eval.py --model $<"],
      scripts: ["eval.py"],
      inputs: ["model.pkl", "eval.py"],
      outputs: ["report.html"],
    });
  });

  it("treats phony targets as neither outputs nor inputs", () => {
    const model = parseMakefile("Makefile", makefile);
    expect(stage(model, "all")).toMatchObject({ inputs: ["model.pkl", "report.html"], outputs: [], commands: [] });
    expect(stage(model, "clean")).toMatchObject({ outputs: [], scripts: [], commands: ["rm -rf model.pkl $$HOME/tmp"] });
  });

  it("expands variables with their final values, ?= and += included", () => {
    const text = ["A = $(B)/x", "B = first", "B = second", "C := $(D)", "D = late", "OPTS ?= 1", "OPTS ?= 2", "OPTS += 3", "out/$(A).csv: $(C) ${OPTS}", "\tpython make.py"].join("\n");
    const model = parseMakefile("Makefile", text);
    // `C := $(D)` expands once, before D is defined: the reference stays as written.
    expect(model.stages.map((entry) => [entry.name, entry.inputs])).toEqual([["out/second/x.csv", ["$(D)", "1", "3"]]]);
  });

  it("resolves paths against the Makefile's directory and reads each recipe line in its own shell", () => {
    const text = ["features.parquet: raw.csv", "\tcd steps && python features.py", "\tpython check.py"].join("\n");
    const model = parseMakefile("pipeline/Makefile", text);
    expect(stage(model, "features.parquet")).toMatchObject({
      scripts: ["pipeline/steps/features.py", "pipeline/check.py"],
      inputs: ["pipeline/raw.csv"],
      outputs: ["pipeline/features.parquet"],
    });
  });

  it("keeps the directory across recipe lines under .ONESHELL", () => {
    const text = [".ONESHELL:", "out.csv:", "\tcd steps", "\tpython make_out.py"].join("\n");
    expect(stage(parseMakefile("Makefile", text), "out.csv").scripts).toEqual(["steps/make_out.py"]);
  });

  it("gives each target of a multi-target rule the recipe and merges repeated rules", () => {
    const text = ["a.csv b.csv: gen.py", "\tpython gen.py", "a.csv: extra.txt"].join("\n");
    const model = parseMakefile("Makefile", text);
    expect(model.stages.map((entry) => [entry.name, entry.inputs, entry.scripts])).toEqual([
      ["a.csv", ["gen.py", "extra.txt"], ["gen.py"]],
      ["b.csv", ["gen.py"], ["gen.py"]],
    ]);
  });

  it("skips define blocks, conditionals and pattern paths, and reports lines make would reject", () => {
    const text = [
      "define HELP", //                                   1
      "model.pkl: not a rule", //                         2
      "endef", //                                         3
      "ifeq ($(ENV),prod)", //                            4
      "DATA = /mnt/data", //                              5
      "else", //                                          6
      "DATA = data", //                                   7
      "endif", //                                         8
      "%.csv: %.py", //                                   9
      "\tpython $<", //                                   10
      "this line is wrong", //                            11
    ].join("\n");
    const model = parseMakefile("Makefile", text);
    expect(model.stages.map((entry) => [entry.name, entry.inputs, entry.outputs, entry.scripts])).toEqual([["%.csv", [], [], []]]);
    expect(model.errors).toEqual([{ message: "Missing separator: not a rule, a variable or a recipe", line: 11, column: 1 }]);
  });
});

describe("parseDvcYaml", () => {
  const dvc = [
    "stages:", //                                                1
    "  prepare:", //                                             2
    "    cmd: python src/prepare.py data/raw.csv", //            3
    "    deps:", //                                              4
    "      - src/prepare.py", //                                 5
    "      - data/raw.csv", //                                   6
    "      - s3://bucket/extra.csv", //                          7
    "    params:", //                                            8
    "      - prepare.split", //                                  9
    "      - configs/model.yaml:", //                            10
    "          - model.depth", //                                11
    "      - configs/all.yaml:", //                              12
    "    outs:", //                                              13
    "      - data/prepared/", //                                 14
    "      - cache.pkl:", //                                     15
    "          cache: false", //                                 16
    "  train:", //                                               17
    "    wdir: training", //                                     18
    "    cmd:", //                                               19
    "      - python -m trainer.fit --out ../models/model.pkl", // 20
    "      - cd eval && python score.py", //                     21
    "    deps: [../data/prepared]", //                           22
    "    params: [lr]", //                                       23
    "    outs: [../models/model.pkl]", //                        24
    "    metrics:", //                                           25
    "      - metrics.json:", //                                  26
    "          cache: false", //                                 27
    "    plots:", //                                             28
    "      - plots/loss.csv:", //                                29
    "          x: step", //                                      30
  ].join("\n");

  it("reads stages with commands, scripts, deps, outs, metrics, plots and params", () => {
    const model = parseDvcYaml("dvc.yaml", dvc);
    expect(model).toMatchObject({ file: "dvc.yaml", kind: "dvc", errors: [] });
    expect(model.stages.map((entry) => [entry.name, entry.line, entry.order])).toEqual([
      ["prepare", 2, 0],
      ["train", 17, 1],
    ]);
    expect(stage(model, "prepare")).toMatchObject({
      kind: "dvc",
      commands: ["python src/prepare.py data/raw.csv"],
      scripts: ["src/prepare.py"],
      inputs: ["src/prepare.py", "data/raw.csv", "s3://bucket/extra.csv"],
      outputs: ["data/prepared", "cache.pkl"],
      params: ["prepare.split", "configs/model.yaml:model.depth", "configs/all.yaml:*"],
    });
  });

  it("applies wdir to every path, the scripts and the default params file", () => {
    expect(stage(parseDvcYaml("dvc.yaml", dvc), "train")).toMatchObject({
      commands: ["python -m trainer.fit --out ../models/model.pkl", "cd eval && python score.py"],
      scripts: ["training/trainer/fit.py", "training/eval/score.py"],
      inputs: ["data/prepared"],
      outputs: ["models/model.pkl", "training/metrics.json", "training/plots/loss.csv"],
      params: ["training/params.yaml:lr"],
    });
  });

  it("resolves paths of a dvc.yaml in a subdirectory", () => {
    const model = parseDvcYaml("pipelines/a/dvc.yaml", "stages:\n  s:\n    cmd: python run.py\n    deps: [in.csv]\n    params: [x]\n");
    expect(stage(model, "s")).toMatchObject({ scripts: ["pipelines/a/run.py"], inputs: ["pipelines/a/in.csv"], params: ["pipelines/a/params.yaml:x"] });
  });

  it("expands foreach over lists and mappings and matrix, with DVC's stage names", () => {
    const text = [
      "stages:",
      "  build:",
      "    foreach: [uk, us]",
      "    do:",
      "      cmd: python train.py ${item}",
      "      outs:",
      "        - model-${item}.pkl",
      "  tune:",
      "    foreach:",
      "      small: {depth: 2}",
      "      large: {depth: 8}",
      "    do:",
      "      cmd: python tune.py --name ${key} --depth ${item.depth}",
      "  fold:",
      "    foreach:",
      "      - {k: 1}",
      "      - {k: 2}",
      "    do:",
      "      cmd: python fold.py ${item.k}",
      "  grid:",
      "    matrix:",
      "      model: [cnn, rnn]",
      "      lr: [0.1, 0.01]",
      "    cmd: python ${item.model}/fit.py --lr ${item.lr}",
    ].join("\n");
    const model = parseDvcYaml("dvc.yaml", text);
    expect(model.errors).toEqual([]);
    expect(model.stages.map((entry) => entry.name)).toEqual([
      "build@uk",
      "build@us",
      "tune@small",
      "tune@large",
      "fold@0",
      "fold@1",
      "grid@cnn-0.1",
      "grid@cnn-0.01",
      "grid@rnn-0.1",
      "grid@rnn-0.01",
    ]);
    expect(stage(model, "build@us")).toMatchObject({ line: 2, commands: ["python train.py us"], outputs: ["model-us.pkl"] });
    expect(stage(model, "tune@large").commands).toEqual(["python tune.py --name large --depth 8"]);
    expect(stage(model, "fold@1").commands).toEqual(["python fold.py 2"]);
    expect(stage(model, "grid@rnn-0.01")).toMatchObject({ commands: ["python rnn/fit.py --lr 0.01"], scripts: ["rnn/fit.py"], line: 20 });
  });

  it("keeps a foreach over a params variable as one stage, its references as written", () => {
    const model = parseDvcYaml("dvc.yaml", "stages:\n  s:\n    foreach: ${models}\n    do:\n      cmd: python fit.py ${item}\n");
    expect(model.stages.map((entry) => [entry.name, entry.commands])).toEqual([["s", ["python fit.py ${item}"]]]);
  });

  it("reports broken YAML, stages without cmd and a malformed stages section", () => {
    const broken = parseDvcYaml("dvc.yaml", "stages:\n  a:\n    cmd: python a.py\n    deps: [x\n  b:\n");
    expect(broken.errors.length).toBeGreaterThan(0);
    expect(broken.errors[0]?.line).toBeGreaterThanOrEqual(4);
    const missing = parseDvcYaml("dvc.yaml", "stages:\n  a:\n    deps: [x]\n  b: 3\n");
    expect(missing.errors).toEqual([
      { message: 'Stage "a" has no cmd', line: 2, column: 3 },
      { message: 'Stage "b" must be a mapping', line: 4, column: 3 },
    ]);
    expect(parseDvcYaml("dvc.yaml", "stages: [a, b]\n").errors).toEqual([{ message: "`stages` must be a mapping of stage names to stages", line: 1, column: 1 }]);
    expect(parseDvcYaml("dvc.yaml", "")).toMatchObject({ stages: [], errors: [] });
  });
});

describe("parseDvcFile and parseDvcLock", () => {
  it("reads the outputs a .dvc file tracks and an import's source", () => {
    const added = parseDvcFile("data/raw.csv.dvc", "outs:\n- md5: 1a2b\n  size: 120\n  hash: md5\n  path: raw.csv\n");
    expect(added.stages).toEqual([
      { kind: "dvc", file: "data/raw.csv.dvc", name: "data/raw.csv.dvc", line: 1, commands: [], scripts: [], inputs: [], outputs: ["data/raw.csv"], params: [], order: 0 },
    ]);
    const imported = parseDvcFile("data/images.dvc", "deps:\n- path: https://example.com/images.zip\nouts:\n- path: images\n");
    expect(imported.stages[0]).toMatchObject({ inputs: ["https://example.com/images.zip"], outputs: ["data/images"] });
    expect(parseDvcFile("x.dvc", "outs: [\n").errors.length).toBeGreaterThan(0);
  });

  it("reads the stages recorded in dvc.lock, current and first layout", () => {
    const lock = [
      "schema: '2.0'",
      "stages:",
      "  train:",
      "    cmd: python train.py",
      "    deps:",
      "    - path: data/prepared",
      "      hash: md5",
      "      md5: abc.dir",
      "    params:",
      "      params.yaml:",
      "        lr: 0.1",
      "      configs/model.yaml:",
      "        depth: 3",
      "    outs:",
      "    - path: model.pkl",
      "      md5: def",
    ].join("\n");
    expect(parseDvcLock("dvc.lock", lock).stages).toEqual([
      {
        kind: "dvc",
        file: "dvc.lock",
        name: "train",
        line: 3,
        commands: ["python train.py"],
        scripts: ["train.py"],
        inputs: ["data/prepared"],
        outputs: ["model.pkl"],
        params: ["lr", "configs/model.yaml:depth"],
        order: 0,
      },
    ]);
    const first = parseDvcLock("sub/dvc.lock", "prepare:\n  cmd: python prep.py\n  outs:\n  - path: out.csv\n    md5: x\n");
    expect(first.stages.map((entry) => [entry.name, entry.line, entry.outputs, entry.scripts])).toEqual([["prepare", 1, ["sub/out.csv"], ["sub/prep.py"]]]);
  });
});
