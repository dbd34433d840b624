import { describe, expect, it } from "vitest";
import { parsePython } from "../../src/languages/python/parse.js";
import { field, type PyNode } from "../../src/languages/python/nodes.js";
import { moduleScopeOf, type ModuleScope } from "../../src/project/python/scope.js";
import { resolvePath, resolveString } from "../../src/project/python/paths.js";
import type { ConfigLookup, ResolvedPath } from "../../src/project/types.js";

function moduleOf(source: string, file: string): { root: PyNode; scope: ModuleScope } {
  const parsed = parsePython(source);
  if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
  return { root: parsed.ast, scope: moduleScopeOf(parsed.ast, source, file) };
}

/** The value of the last `p = …` assignment anywhere in the module. */
function valueOfP(root: PyNode): PyNode {
  let found: PyNode | undefined;
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === "assignment" && field(node, "left")?.text === "p") found = field(node, "right");
    stack.push(...node.children);
  }
  if (!found) throw new Error("no `p = …` in the snippet");
  return found;
}

function pathOf(source: string, options: { file?: string; configs?: ConfigLookup } = {}): ResolvedPath | null {
  const { root, scope } = moduleOf(source, options.file ?? "train.py");
  return resolvePath(valueOfP(root), scope, options.configs);
}

const PARAMS: ConfigLookup = (file, key) => (file === "params.yaml" ? ({ "paths.raw": "data/raw.csv", "paths.models": "models" } as Record<string, string>)[key] : undefined);

describe("resolvePath: literals and constants", () => {
  it("normalises a literal relative path against the project root", () => {
    expect(pathOf(`p = "./data/../data//raw.csv"`)).toEqual({ text: "data/raw.csv", exact: true, kind: "relative", via: "literal" });
  });

  it("follows module constants, including constants built from constants", () => {
    const source = `DATA_DIR = "data"\nRAW = DATA_DIR + "/raw.csv"\np = RAW\n`;
    expect(pathOf(source)).toEqual({ text: "data/raw.csv", exact: true, kind: "relative", via: "constant" });
  });

  it("does not treat a name assigned twice as a constant", () => {
    expect(pathOf(`DATA = "a.csv"\nif fast:\n    DATA = "b.csv"\np = DATA\n`)).toBeNull();
  });

  it("does not use a module constant inside a function whose parameter shadows it", () => {
    const source = `DATA = "data/a.csv"\ndef load(DATA):\n    p = DATA\n`;
    expect(pathOf(source)).toBeNull();
  });

  it("follows a function's local variable assigned once", () => {
    const source = `import os\ndef load():\n    folder = os.path.join("data", "raw")\n    p = os.path.join(folder, "x.csv")\n`;
    expect(pathOf(source)?.text).toBe("data/raw/x.csv");
  });

  it("follows a parameter when every call in the module passes, or defaults to, the same value", () => {
    const source = `def load(path="params.yaml"):\n    p = path\nload()\nload("params.yaml")\n`;
    expect(pathOf(source)).toMatchObject({ text: "params.yaml", exact: true });
    expect(pathOf(`def load(path="a.yaml"):\n    p = path\nload()\nload("b.yaml")\n`)).toBeNull();
    expect(pathOf(`def load(path="a.yaml"):\n    p = path\n`)).toBeNull();
  });

  it("decodes escapes and keeps raw strings as written", () => {
    expect(pathOf(`p = "C:\\\\Users\\\\me\\\\data.csv"`)).toMatchObject({ text: "C:/Users/me/data.csv", kind: "windows-drive", exact: true });
    expect(pathOf(`p = r"C:\\Users\\me\\data.csv"`)).toMatchObject({ text: "C:/Users/me/data.csv", kind: "windows-drive" });
  });
});

describe("resolvePath: os.path and pathlib", () => {
  it("joins with os.path.join, resolving `..`", () => {
    expect(pathOf(`import os\np = os.path.join("data", "x", "..", "y.csv")`)?.text).toBe("data/y.csv");
  });

  it("does not resolve os.path.join when os is not imported", () => {
    expect(pathOf(`p = os.path.join("data", "y.csv")`)).toBeNull();
  });

  it("follows pathlib's `/`, joinpath, with_suffix and str()", () => {
    expect(pathOf(`from pathlib import Path\np = str(Path("data") / "raw" / "x.csv")`)?.text).toBe("data/raw/x.csv");
    expect(pathOf(`import pathlib\np = pathlib.Path("models").joinpath("v1", "m.pkl")`)?.text).toBe("models/v1/m.pkl");
    expect(pathOf(`from pathlib import Path\np = Path("data/x.csv").with_suffix(".parquet")`)?.text).toBe("data/x.parquet");
  });

  it("resolves __file__-relative paths from the module's own folder to root-relative ones", () => {
    const file = "src/pipeline/train.py";
    expect(pathOf(`from pathlib import Path\np = Path(__file__).parent / "assets" / "x.csv"`, { file })?.text).toBe("src/pipeline/assets/x.csv");
    expect(pathOf(`from pathlib import Path\np = Path(__file__).resolve().parents[2] / "data" / "x.csv"`, { file })).toMatchObject({ text: "data/x.csv", kind: "relative", exact: true });
    expect(pathOf(`import os\np = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "models")`, { file })?.text).toBe("models");
  });

  it("marks paths that climb out of the project root", () => {
    expect(pathOf(`p = "../../shared/x.csv"`)).toMatchObject({ text: "../../shared/x.csv", kind: "outside-root" });
    expect(pathOf(`from pathlib import Path\np = Path(__file__).parent.parent.parent / "x.csv"`, { file: "src/a.py" })).toMatchObject({ text: "../x.csv", kind: "outside-root" });
  });
});

describe("resolvePath: patterns and kinds", () => {
  it("keeps the constant parts of f-strings and marks the rest with *", () => {
    const source = `DATA_DIR = "data"\ndef load(split):\n    p = f"{DATA_DIR}/train_{split}.csv"\n`;
    expect(pathOf(source)).toEqual({ text: "data/train_*.csv", exact: false, kind: "relative", via: "constant" });
  });

  it("formats with % and .format", () => {
    expect(pathOf(`def f(name):\n    p = "data/%s.csv" % name`)).toMatchObject({ text: "data/*.csv", exact: false, via: "expression" });
    expect(pathOf(`SPLIT = "test"\np = "data/{}_{}.csv".format(SPLIT, "v1")`)).toMatchObject({ text: "data/test_v1.csv", exact: true });
  });

  it("gives a pattern of unknown location for an unknown base, and null when nothing is known", () => {
    expect(pathOf(`import os\ndef f(base):\n    p = os.path.join(base, "x.csv")`)).toMatchObject({ text: "*/x.csv", kind: "unknown", exact: false });
    expect(pathOf(`def f(path):\n    p = path`)).toBeNull();
    expect(pathOf(`def f(a, b):\n    p = f"{a}/{b}"`)).toBeNull();
  });

  it("classifies absolute, home and remote paths", () => {
    expect(pathOf(`p = "/home/alice/data//x.csv"`)).toMatchObject({ text: "/home/alice/data/x.csv", kind: "absolute" });
    expect(pathOf(`p = "~/datasets/x.csv"`)).toMatchObject({ text: "~/datasets/x.csv", kind: "home" });
    expect(pathOf(`p = "s3://bucket/raw/x.csv"`)).toMatchObject({ text: "s3://bucket/raw/x.csv", kind: "remote", scheme: "s3" });
    expect(pathOf(`p = "HTTPS://example.com/d.csv"`)).toMatchObject({ kind: "remote", scheme: "https" });
    expect(pathOf(`p = "file:///mnt/data/x.csv"`)).toMatchObject({ text: "/mnt/data/x.csv", kind: "absolute" });
  });
});

describe("resolvePath: settings", () => {
  it("takes an environment variable's default, naming the variable", () => {
    expect(pathOf(`import os\np = os.environ.get("DATA", "/mnt/data/x.csv")`)).toEqual({ text: "/mnt/data/x.csv", exact: true, kind: "absolute", via: "env", envVar: "DATA" });
    expect(pathOf(`from os import getenv\np = getenv("DATA_DIR") or "data"`)).toMatchObject({ text: "data", via: "env", envVar: "DATA_DIR" });
  });

  it("keeps an environment variable without default as an unknown pattern", () => {
    expect(pathOf(`import os\np = os.path.join(os.environ["DATA_ROOT"], "raw.csv")`)).toEqual({ text: "*/raw.csv", exact: false, kind: "unknown", via: "env", envVar: "DATA_ROOT" });
    expect(pathOf(`import os\np = os.getenv("DATA")`)).toMatchObject({ text: "*", via: "env", envVar: "DATA" });
  });

  it("reads values of a config loaded from a project file", () => {
    const source = `import yaml\nwith open("params.yaml") as f:\n    params = yaml.safe_load(f)\np = params["paths"]["raw"]\n`;
    expect(pathOf(source, { configs: PARAMS })).toEqual({ text: "data/raw.csv", exact: true, kind: "relative", via: "config", configKey: "paths.raw", configFile: "params.yaml" });
    expect(pathOf(source)).toMatchObject({ text: "*", exact: false, via: "config", configKey: "paths.raw", configFile: "params.yaml" });
  });

  it("joins config values with literals and falls back to a .get default when the key is missing", () => {
    const source = `import os, yaml\ncfg = yaml.safe_load(open("params.yaml"))\np = os.path.join(cfg["paths"]["models"], "m.pkl")\n`;
    expect(pathOf(source, { configs: PARAMS })?.text).toBe("models/m.pkl");
    const fallback = `import yaml\ncfg = yaml.safe_load(open("params.yaml"))\np = cfg.get("output", "out/preds.csv")\n`;
    expect(pathOf(fallback, { configs: PARAMS })).toMatchObject({ text: "out/preds.csv", via: "config", configKey: "output" });
  });

  it("follows a name holding one config value, but not a whole config document", () => {
    const source = `import yaml\ncfg = yaml.safe_load(open("params.yaml"))\nRAW = cfg["paths"]["raw"]\np = RAW\n`;
    expect(pathOf(source, { configs: PARAMS })).toMatchObject({ text: "data/raw.csv", via: "config", configKey: "paths.raw" });
    expect(pathOf(`import yaml\ncfg = yaml.safe_load(open("params.yaml"))\np = cfg\n`, { configs: PARAMS })).toBeNull();
  });

  it("reads OmegaConf attribute chains", () => {
    const source = `from omegaconf import OmegaConf\nconf = OmegaConf.load("params.yaml")\np = conf.paths.raw\n`;
    expect(pathOf(source, { configs: PARAMS })?.text).toBe("data/raw.csv");
  });

  it("does not read a plain dict or a JSON data file as config", () => {
    expect(pathOf(`paths = {"raw": "data/raw.csv"}\np = paths.get("raw")\n`)).toBeNull();
    expect(pathOf(`import json\nlabels = json.load(open("labels.json"))\np = labels["raw"]\n`, { configs: () => "data/raw.csv" })).toBeNull();
  });

  it("takes the default of an argparse option, also through a parse_args helper", () => {
    const source = `import argparse
def parse():
    parser = argparse.ArgumentParser()
    parser.add_argument("--input-path", default="data/in.csv")
    return parser.parse_args()
args = parse()
p = args.input_path
`;
    expect(pathOf(source)).toEqual({ text: "data/in.csv", exact: true, kind: "relative", via: "argument", argument: "input_path" });
  });
});

describe("resolvePath: robustness", () => {
  it("does not follow a name into its own definition", () => {
    expect(pathOf(`from pathlib import Path\np = p / "x.csv"\n`)).toMatchObject({ text: "*/x.csv", exact: false });
  });

  it("stays bounded on names that double at every step", () => {
    const chain = Array.from({ length: 30 }, (_, index) => `v${index} = v${index + 1} + v${index + 1}`).join("\n");
    const started = performance.now();
    const resolved = pathOf(`${chain}\nv30 = "a"\np = v0\n`);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(resolved === null || !resolved.exact).toBe(true);
  });
});

describe("resolveString", () => {
  it("gives command text with * for unknown parts and leaves it unnormalised", () => {
    const { root, scope } = moduleOf(`SCRIPT = "./src/train.py"\ndef f(n):\n    p = f"python {SCRIPT} --epochs {n}"`, "run.py");
    expect(resolveString(valueOfP(root), scope)).toEqual({ text: "python ./src/train.py --epochs *", exact: false });
  });
});
