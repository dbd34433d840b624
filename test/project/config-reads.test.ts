import { describe, expect, it } from "vitest";
import { parsePython } from "../../src/languages/python/parse.js";
import { extractCliOptions, extractConfigReads } from "../../src/project/python/config-reads.js";
import { moduleScopeOf, type ModuleScope } from "../../src/project/python/scope.js";
import type { PyNode } from "../../src/languages/python/nodes.js";
import type { CliOption, ConfigRead } from "../../src/project/types.js";

function moduleOf(source: string, file = "src/train.py"): { root: PyNode; scope: ModuleScope } {
  const parsed = parsePython(source);
  if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
  return { root: parsed.ast, scope: moduleScopeOf(parsed.ast, source, file) };
}

function readsOf(source: string, file?: string): ConfigRead[] {
  const { root, scope } = moduleOf(source, file);
  return extractConfigReads(root, scope);
}

function optionsOf(source: string): CliOption[] {
  const { root, scope } = moduleOf(source);
  return extractCliOptions(root, scope);
}

/** `mechanism key [= default] @line:column` per read. */
function summary(source: string, file?: string): string[] {
  return readsOf(source, file).map((read) => `${read.mechanism} ${read.key}${read.default ? ` = ${read.default.text}` : ""} @${read.line}:${read.column}`);
}

describe("extractConfigReads: loaded config files", () => {
  it("a name bound to two sections in turn reads neither section through it", () => {
    const source = `import yaml
params = yaml.safe_load(open("params.yaml"))["train"]
lr = params["lr"]
params = yaml.safe_load(open("params.yaml"))["prepare"]
split = params["split"]
`;
    expect(summary(source)).toEqual(["mapping train @2:10", "mapping prepare @4:10"]);
  });

  it("reads subscript chains, .get with defaults and keys through aliases", () => {
    const source = `import yaml
with open("params.yaml") as f:
    cfg = yaml.safe_load(f)
lr = cfg["train"]["lr"]
bs = cfg["train"].get("batch_size", 32)
train = cfg["train"]
epochs = train["epochs"]
`;
    expect(summary(source)).toEqual(["mapping train.lr @4:6", "get train.batch_size = 32 @5:6", "mapping train @6:9", "mapping train.epochs @7:10"]);
    expect(readsOf(source).every((read) => read.source === "params.yaml")).toBe(true);
    expect(readsOf(source)[1]!.default).toEqual({ text: "32", value: 32, known: true, at: expect.anything() });
  });

  it("resolves constant keys, marks computed keys dynamic and skips writes", () => {
    const source = `import yaml
cfg = yaml.safe_load(open("params.yaml"))
LR = "lr"
a = cfg[LR]
for name in ["x", "y"]:
    b = cfg["model"][name]
cfg["new_key"] = 1
for key, value in cfg["data"].items():
    pass
`;
    expect(readsOf(source).map((read) => [read.key, read.dynamic])).toEqual([
      ["lr", false],
      ["model.*", true],
      ["data", false],
    ]);
  });

  it("reads OmegaConf attribute chains and list indexes", () => {
    const source = `from omegaconf import OmegaConf\nconf = OmegaConf.load("conf/model.yaml")\ndepth = conf.model.depth\nfirst = conf.layers[0]\nprint(conf.model.keys())\n`;
    expect(readsOf(source).map((read) => [read.mechanism, read.key, read.source])).toEqual([
      ["attribute", "model.depth", "conf/model.yaml"],
      ["mapping", "layers[0]", "conf/model.yaml"],
      ["attribute", "model", "conf/model.yaml"],
    ]);
  });

  it("follows a config passed to a function and one returned by a loader function", () => {
    const source = `import yaml
def load_params():
    with open("params.yaml") as f:
        return yaml.safe_load(f)
def train(params):
    return params["train"]["lr"]
train(load_params())
`;
    expect(readsOf(source).map((read) => [read.key, read.source])).toEqual([["train.lr", "params.yaml"]]);
    const withDefault = `import yaml
def load_params(path="params.yaml"):
    with open(path) as f:
        return yaml.safe_load(f)
params = load_params()
seed = params["seed"]
`;
    expect(readsOf(withDefault).map((read) => [read.key, read.source])).toEqual([["seed", "params.yaml"]]);
  });

  it("reads a Hydra cfg with the composed config file", () => {
    const source = `import hydra
from omegaconf import DictConfig
@hydra.main(config_path="../conf", config_name="config", version_base=None)
def main(cfg: DictConfig) -> None:
    print(cfg.train.lr, cfg.get("seed", 0))
`;
    expect(readsOf(source, "src/train.py").map((read) => [read.mechanism, read.key, read.default?.value, read.source])).toEqual([
      ["hydra", "train.lr", undefined, "conf/config.yaml"],
      ["hydra", "seed", 0, "conf/config.yaml"],
    ]);
  });

  it("takes defaults' values from constants and leaves computed defaults unknown", () => {
    const source = `import yaml\ncfg = yaml.safe_load(open("p.yaml"))\nDEFAULT_LR = 0.001\na = cfg.get("lr", DEFAULT_LR)\nb = cfg.get("workers", os.cpu_count())\n`;
    expect(readsOf(source).map((read) => read.default)).toEqual([
      { text: "DEFAULT_LR", value: 0.001, known: true, at: { line: 4, column: 19, endLine: 4, endColumn: 29 } },
      { text: "os.cpu_count()", value: null, known: false, at: { line: 5, column: 24, endLine: 5, endColumn: 38 } },
    ]);
  });
});

describe("extractConfigReads: near-misses", () => {
  it("does not read a plain dict's .get or subscripts", () => {
    expect(readsOf(`settings = {"lr": 0.1}\na = settings.get("lr", 0.01)\nb = settings["lr"]\n`)).toEqual([]);
  });

  it("does not read a parameter no config is passed to", () => {
    expect(readsOf(`def train(cfg):\n    return cfg["lr"]\ntrain({"lr": 1})\n`)).toEqual([]);
  });

  it("does not take a JSON data file for config, but takes a config-named one", () => {
    const source = `import json\nlabels = json.load(open("data/labels.json"))\nx = labels["cat"]\nsettings = json.load(open("settings.json"))\ny = settings["seed"]\n`;
    expect(readsOf(source).map((read) => read.key)).toEqual(["seed"]);
  });

  it("does not read yaml.safe_load without an import", () => {
    expect(readsOf(`cfg = yaml.safe_load(open("params.yaml"))\nx = cfg["lr"]\n`)).toEqual([]);
  });
});

describe("extractConfigReads: argparse, click and the environment", () => {
  const argparseSource = `import argparse
def get_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--learning-rate", "-l", type=float, default=0.01)
    group = parser.add_argument_group("data")
    group.add_argument("--data-dir", dest="data", default="data")
    parser.add_argument("--use-aug", action="store_true")
    parser.add_argument("input")
    return parser.parse_args()
def run(args):
    print(args.learning_rate, args.data, args.missing)
if __name__ == "__main__":
    run(get_args())
`;

  it("reads attributes of parsed arguments with the default of their definition", () => {
    expect(summary(argparseSource)).toEqual(["argparse learning_rate = 0.01 @11:11", "argparse data = \"data\" @11:31", "argparse missing @11:42"]);
  });

  it("lists argparse options with dest, flags, type, action and requiredness", () => {
    expect(optionsOf(argparseSource).map((option) => [option.key, option.flags, option.type, option.action, option.required, option.default?.value])).toEqual([
      ["learning_rate", ["--learning-rate", "-l"], "float", undefined, false, 0.01],
      ["data", ["--data-dir"], undefined, undefined, false, "data"],
      ["use_aug", ["--use-aug"], undefined, "store_true", false, undefined],
      ["input", ["input"], undefined, undefined, true, undefined],
    ]);
  });

  it("does not read attributes of an object that is not a parsed namespace", () => {
    expect(readsOf(`import argparse\nclass Args:\n    lr = 0.1\nargs = Args()\nprint(args.lr)\n`)).toEqual([]);
  });

  it("reads click options as reads of their parameter", () => {
    const source = `import click
@click.command()
@click.option("--learning-rate", default=0.01, type=float)
@click.option("--debug/--no-debug")
@click.argument("input_path")
def main(learning_rate, debug, input_path):
    pass
`;
    expect(summary(source)).toEqual(["click learning_rate = 0.01 @3:2", "click debug @4:2", "click input_path @5:2"]);
    expect(optionsOf(source).map((option) => [option.key, option.action, option.required])).toEqual([
      ["learning_rate", undefined, false],
      ["debug", "is_flag", false],
      ["input_path", undefined, true],
    ]);
  });

  it("reads environment variables with their defaults", () => {
    const source = `import os\nfrom os import environ\nhome = os.environ["HOME"]\ntoken = environ.get("TOKEN", None)\nroot = os.getenv("DATA_DIR", "data")\nname = "X"\nvalue = os.environ[name + "_Y"]\n`;
    expect(readsOf(source).map((read) => [read.key, read.default?.value, read.dynamic])).toEqual([
      ["HOME", undefined, false],
      ["TOKEN", null, false],
      ["DATA_DIR", "data", false],
      ["*", undefined, true],
    ]);
  });
});
