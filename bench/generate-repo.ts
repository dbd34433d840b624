/**
 * Writes a synthetic ML repository of realistic shape: pipeline scripts, a package with
 * subpackages, experiments folders with copies, tests, notebooks with outputs, YAML/JSON
 * configs, dvc.yaml, .dvc files, a Makefile, shell scripts and requirements (the root's and
 * one per experiment folder). Sizes follow a log-normal distribution around a few hundred lines
 * per module; a handful of legacy files are Python 2 (parse errors), as in real repositories.
 * The same seed and size give the same bytes.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Random } from "./random.js";
import { BODY_SNIPPETS, constants, importBlock, mainBlock, type SnippetContext } from "./python-snippets.js";

export interface GenerateOptions {
  seed: number;
  /** Lines of Python (scripts, modules and notebook code) to write, at least. */
  lines: number;
}

export interface GeneratedRepo {
  root: string;
  pythonFiles: number;
  notebooks: number;
  otherFiles: number;
  /** Lines of Python in .py files and notebook code cells. */
  pythonLines: number;
  bytes: number;
}

const PACKAGES = ["data", "features", "models", "training", "evaluation", "serving", "monitoring", "viz"];
const STAGES = ["ingest", "clean", "features", "split", "train", "tune", "evaluate", "export", "score", "report"];

function pythonModule(random: Random, context: SnippetContext, targetLines: number, entryPoint: boolean): string {
  const parts = [constants(context)];
  let lines = parts[0]!.split("\n").length + 12;
  while (lines < targetLines) {
    const snippet = random.pick(BODY_SNIPPETS)(context);
    parts.push(snippet);
    lines += snippet.split("\n").length;
  }
  if (entryPoint) parts.push(mainBlock(context));
  const body = parts.join("\n");
  return `${importBlock(context, body)}\n${body}\n`;
}

function python2Module(random: Random): string {
  return `# legacy exporter, never ported\nimport os\n\ndef export(path):\n    print "exporting", path\n    for name in os.listdir(path):\n        print name\n    return ${random.int(0, 9)}\n`;
}

function notebook(random: Random, context: SnippetContext, targetLines: number): string {
  const cells: object[] = [];
  let lines = 0;
  let count = 1;
  cells.push({ cell_type: "markdown", metadata: {}, source: [`# Exploration of the ${random.pick(STAGES)} data\n`, "\n", "Notes from the weekly review.\n"] });
  const headAt = cells.length;
  const bodies: string[] = [];
  lines += 12;
  while (lines < targetLines) {
    const snippet = random.pick(BODY_SNIPPETS)(context).trim();
    bodies.push(snippet);
    cells.push(codeCell(snippet, random.chance(0.1) ? null : count++, random));
    lines += snippet.split("\n").length;
    if (random.chance(0.3)) {
      const call = `df = load_frame("${random.pick(["data/raw/events.csv", "data/processed/train.parquet"])}") if "load_frame" in dir() else pd.DataFrame()\ndf.describe()`;
      cells.push(codeCell(call, count++, random, true));
      lines += 2;
    }
    if (random.chance(0.1)) cells.push({ cell_type: "markdown", metadata: {}, source: ["## Results\n", "The scores below are from the last run.\n"] });
  }
  cells.splice(headAt, 0, codeCell(importBlock(context, bodies.join("\n")), 0, random));
  return `${JSON.stringify({ cells, metadata: { kernelspec: { display_name: "Python 3", language: "python", name: "python3" }, language_info: { name: "python", version: "3.10.12" } }, nbformat: 4, nbformat_minor: 5 }, null, 1)}\n`;
}

function codeCell(source: string, executionCount: number | null, random: Random, withOutputs = false): object {
  const lines = source.split("\n").map((line, index, all) => (index < all.length - 1 ? `${line}\n` : line));
  const outputs: object[] = [];
  if (withOutputs || random.chance(0.2)) {
    outputs.push({ output_type: "stream", name: "stdout", text: Array.from({ length: random.int(1, 20) }, (_, index) => `epoch ${index}: loss ${random.next().toFixed(4)}\n`) });
  }
  if (random.chance(0.05)) {
    // A small embedded figure, as notebooks carry them.
    const pixels = Array.from({ length: random.int(200, 2000) }, () => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[random.int(0, 63)]).join("");
    outputs.push({ output_type: "display_data", data: { "image/png": pixels, "text/plain": ["<Figure size 640x480 with 1 Axes>"] }, metadata: {} });
  }
  return { cell_type: "code", execution_count: executionCount, metadata: {}, outputs, source: lines };
}

function yamlConfig(random: Random): string {
  return [
    `seed: ${random.int(0, 9999)}`,
    "data:",
    `  raw: data/raw/${random.pick(["events", "customers", "claims"])}.csv`,
    "  processed: data/processed/train.parquet",
    `  test_size: 0.${random.int(1, 3)}`,
    "train:",
    `  lr: ${random.pick(["0.001", "0.0003", "0.01"])}`,
    `  epochs: ${random.int(5, 100)}`,
    `  batch_size: ${random.pick([32, 64, 128])}`,
    "  optimizer:",
    `    name: ${random.pick(["adam", "sgd", "adamw"])}`,
    `    weight_decay: 0.000${random.int(1, 9)}`,
    "model:",
    `  hidden: [${random.pick([64, 128])}, ${random.pick([32, 64])}]`,
    `  dropout: 0.${random.int(1, 5)}`,
    `debug: ${random.pick(["true", "false"])}`,
    "",
  ].join("\n");
}

/** Writes the repository under `root` (emptied first) and returns its size. */
export function generateRepo(root: string, options: GenerateOptions): GeneratedRepo {
  rmSync(root, { recursive: true, force: true });
  const random = new Random(options.seed);
  const stats: GeneratedRepo = { root, pythonFiles: 0, notebooks: 0, otherFiles: 0, pythonLines: 0, bytes: 0 };
  const written = new Set<string>();
  const write = (path: string, text: string, kind: "python" | "notebook" | "other", lines = 0) => {
    if (written.has(path)) return;
    written.add(path);
    const absolute = join(root, path);
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, text);
    stats.bytes += Buffer.byteLength(text);
    stats.pythonLines += lines;
    if (kind === "python") stats.pythonFiles++;
    else if (kind === "notebook") stats.notebooks++;
    else stats.otherFiles++;
  };

  const configs: string[] = ["params.yaml"];
  const scripts: string[] = [];
  write("params.yaml", yamlConfig(random), "other");
  for (const stage of STAGES) {
    const file = `configs/${stage}.yaml`;
    configs.push(file);
    write(file, yamlConfig(random), "other");
  }
  for (let index = 0; index < 12; index++) {
    const file = `configs/experiments/exp_${String(index).padStart(3, "0")}.yaml`;
    configs.push(file);
    write(file, yamlConfig(random), "other");
  }
  write("configs/features.json", `${JSON.stringify({ columns: ["a", "b", "c"], window: random.int(3, 30), normalise: true }, null, 2)}\n`, "other");
  STAGES.forEach((stage, index) => scripts.push(`scripts/${String(index + 1).padStart(2, "0")}_${stage}.py`));

  // How many modules: enough for the requested lines, at a median of ~400 lines per module.
  const context = (stage: string): SnippetContext => ({ random, stage, configs, scripts });
  let planned = 0;
  let counter = 0;
  const emit = (path: string, stage: string, entryPoint: boolean, median: number) => {
    const target = random.size(median, 20, 3000);
    if (random.chance(0.003)) {
      const text = python2Module(random);
      write(path, text, "python", text.split("\n").length - 1);
      planned += 8;
      return;
    }
    const text = pythonModule(random, context(stage), target, entryPoint);
    const lines = text.split("\n").length - 1;
    write(path, text, "python", lines);
    planned += lines;
  };

  for (const script of scripts) emit(script, script, true, 450);
  const subpackages = Math.max(4, Math.round(options.lines / 40_000));
  while (planned < options.lines) {
    counter++;
    const roll = random.next();
    if (roll < 0.62) {
      const pkg = random.pick(PACKAGES);
      const sub = `sub${random.int(0, subpackages)}`;
      const dir = `src/mlproject/${pkg}/${sub}`;
      if (!stats.pythonFiles || random.chance(0.02)) write(`${dir}/__init__.py`, `"""${pkg} ${sub}."""\n`, "python", 1);
      emit(`${dir}/${pkg}_${counter}.py`, pkg, false, 380);
    } else if (roll < 0.74) {
      const kind = random.pick(["baseline", "transformer", "gbm", "ablation", "sweep"]);
      const number = random.int(1, 40);
      const experiment = `experiments/${kind}_${number}`;
      // Each experiment folder has its own environment, as example and research folders of real
      // repositories do (one had 58 requirement files): rules that place a manifest's findings
      // must not cost files × manifests. Its text follows from the folder, not from the seed's stream.
      write(`${experiment}/requirements.txt`, `torch==2.${number % 4}.0\nscikit-learn>=1.${number % 3}\npandas\n${kind === "gbm" ? "lightgbm\n" : ""}`, "other");
      emit(`${experiment}/${random.pick(["train", "train_v2", "train_old", "evaluate", "prepare"])}_${counter}.py`, experiment, true, 420);
    } else if (roll < 0.86) {
      emit(`tests/${random.pick(PACKAGES)}/test_${counter}.py`, "tests", false, 150);
    } else if (roll < 0.95) {
      emit(`scripts/adhoc/${random.pick(STAGES)}_${counter}.py`, "adhoc", true, 300);
    } else {
      const text = notebook(random, context("notebook"), random.size(250, 30, 1500));
      const lines = text.length > 0 ? countNotebookLines(text) : 0;
      write(`notebooks/${random.pick(["eda", "modeling", "reports", "scratch"])}/${String(counter).padStart(4, "0")}_${random.pick(STAGES)}.ipynb`, text, "notebook", lines);
      planned += lines;
    }
  }
  for (const pkg of PACKAGES) write(`src/mlproject/${pkg}/__init__.py`, `"""The ${pkg} package."""\n`, "python", 1);
  write("src/mlproject/__init__.py", '__version__ = "0.3.0"\n', "python", 1);

  write(
    "dvc.yaml",
    `stages:\n${scripts
      .map((script, index) => `  ${STAGES[index]}:\n    cmd: python ${script}\n    deps:\n      - ${script}\n      - data/interim/${STAGES[index]}.csv\n    outs:\n      - data/processed/${STAGES[index]}.parquet\n    params:\n      - train.lr\n`)
      .join("")}`,
    "other",
  );
  write("data/raw.dvc", "outs:\n- md5: 3f2a9c0d\n  size: 120034\n  path: raw\n", "other");
  write("Makefile", `all: train\n\ndata:\n\tpython ${scripts[0]}\n\tpython ${scripts[1]}\n\ntrain: data\n\tpython ${scripts[4]} --epochs 10\n\n.PHONY: all data train\n`, "other");
  write("run_all.sh", `#!/bin/sh\nset -e\n${scripts.map((script) => `python ${script}`).join("\n")}\n`, "other");
  write("requirements.txt", "numpy\npandas>=1.5\nscikit-learn==1.3.2\ntorch\nmatplotlib\npyyaml\n", "other");
  write(".gitignore", "/data/\n*.pyc\n.mldebt-cache/\n", "other");
  write("README.md", "# mlproject\n\nA synthetic ML repository generated for mldebt's benchmark.\n", "other");
  return stats;
}

function countNotebookLines(text: string): number {
  const parsed = JSON.parse(text) as { cells: { cell_type: string; source: string[] }[] };
  return parsed.cells.filter((cell) => cell.cell_type === "code").reduce((sum, cell) => sum + cell.source.length, 0);
}
