import { describe, expect, it } from "vitest";
import { parsePython } from "../../src/languages/python/parse.js";
import { parseConfigFile } from "../../src/project/config-files.js";
import { getConfigIndex } from "../../src/project/config-model/config-index.js";
import { nearDuplicates, repeatedValues } from "../../src/project/config-model/duplicates.js";
import { mechanismUsesOf } from "../../src/project/config-model/mechanisms.js";
import { extractConfigClasses } from "../../src/project/config-model/typed-configs.js";
import { getProjectModel } from "../../src/project/model.js";
import { extractCliOptions, extractConfigReads } from "../../src/project/python/config-reads.js";
import { moduleScopeOf } from "../../src/project/python/scope.js";
import type { ConfigKeyEntry } from "../../src/project/config-model/types.js";
import { tempProject } from "../helpers/cli.js";

function module(source: string) {
  const parsed = parsePython(source);
  if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
  return { root: parsed.ast, scope: moduleScopeOf(parsed.ast, source, "train.py") };
}

function indexOf(files: Record<string, string>) {
  return getConfigIndex(getProjectModel(tempProject(files)));
}

function entry(entries: ConfigKeyEntry[], source: string, key: string): ConfigKeyEntry {
  const found = entries.find((candidate) => candidate.source === source && candidate.key === key);
  if (!found) throw new Error(`no entry ${source} :: ${key}; have ${entries.map((candidate) => `${candidate.source} :: ${candidate.key}`).join(", ")}`);
  return found;
}

const at = (place: { file: string; line: number }) => `${place.file}:${place.line}`;

describe("typed config classes", () => {
  it("finds dataclasses and pydantic models named like configs, and every BaseSettings, with their field defaults", () => {
    const { root, scope } = module(`from dataclasses import dataclass, field
from typing import ClassVar
from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings

@dataclass
class TrainConfig:
    lr: float = 1e-3
    layers: list = field(default_factory=list)
    epochs: int = field(default=10)
    VERSION: ClassVar[int] = 2

@dataclass
class Point:
    x: float = 0.0

class ModelParams(BaseModel):
    dropout: float = Field(0.1, ge=0)
    name: str

class Env(BaseSettings):
    data_dir: str = "data"
`);
    const classes = extractConfigClasses(root, scope);
    expect(classes.map((entry) => `${entry.kind} ${entry.name}: ${entry.fields.map((item) => `${item.name}=${item.default?.text ?? "-"}`).join(" ")}`)).toEqual([
      "dataclass TrainConfig: lr=1e-3 layers=- epochs=10",
      "pydantic ModelParams: dropout=0.1 name=-",
      "pydantic-settings Env: data_dir=\"data\"",
    ]);
  });

  it("counts a class handed to a config parser whatever its name, and one that inherits from a config class", () => {
    const { root, scope } = module(`from dataclasses import dataclass
import tyro
from hydra.core.config_store import ConfigStore

@dataclass
class Experiment:
    seed: int = 0

@dataclass
class Sweep(Experiment):
    trials: int = 10

@dataclass
class Model:
    depth: int = 4

cs = ConfigStore.instance()
cs.store(name="model", node=Model)
exp = tyro.cli(Experiment)
`);
    expect(extractConfigClasses(root, scope).map((entry) => entry.name)).toEqual(["Experiment", "Model"]);
  });

  it("reads fields of instances, annotated parameters and annotated assignments; not methods or writes", () => {
    const { root, scope } = module(`from dataclasses import dataclass
from config import load, DataArgs

@dataclass
class TrainConfig:
    lr: float = 1e-3
    optim: dict = None

def fit(cfg: TrainConfig, data: DataArgs):
    print(cfg.lr, cfg.optim.momentum, data.path, cfg.to_dict())
    cfg.lr = 2

config = TrainConfig()
print(config.lr)
loaded: TrainConfig = load()
print(loaded.optim)
`);
    const reads = extractConfigReads(root, scope).filter((read) => read.mechanism === "typed");
    expect(reads.map((read) => `${read.key} ${read.typedClass!.module ?? "local"}.${read.typedClass!.name} @${read.line}`)).toEqual([
      "lr local.TrainConfig @10",
      "optim.momentum local.TrainConfig @10",
      "path config.DataArgs @10",
      "lr local.TrainConfig @14",
      "optim local.TrainConfig @16",
    ]);
  });
});

describe("typer options", () => {
  it("reads parameters of typer commands as options, with defaults from typer.Option and Annotated", () => {
    const { root, scope } = module(`from typing import Annotated
import typer

app = typer.Typer()

@app.command()
def train(data: str, lr: float = 0.01, epochs: int = typer.Option(10, "--epochs", "-e"), seed: Annotated[int, typer.Option("--seed")] = 0, fast: bool = False):
    pass

def other(x: int = 3):
    pass
`);
    expect(extractCliOptions(root, scope).map((option) => `${option.mechanism} ${option.key} [${option.flags.join(" ")}] ${option.default?.text ?? "-"} ${option.required ? "required" : ""}${option.action ?? ""}`.trim())).toEqual([
      "typer data [data] - required",
      "typer lr [--lr] 0.01",
      "typer epochs [--epochs -e] 10",
      "typer seed [--seed] 0",
      "typer fast [--fast] False is_flag",
    ]);
    expect(extractConfigReads(root, scope).filter((read) => read.mechanism === "typer").map((read) => read.key)).toEqual(["data", "lr", "epochs", "seed", "fast"]);
  });

  it("follows typer.run(main), and says nothing without a typer import", () => {
    expect(extractCliOptions(...(Object.values(module("import typer\ndef main(n: int = 5):\n    pass\ntyper.run(main)\n")) as [never, never])).map((option) => option.key)).toEqual(["n"]);
    expect(extractCliOptions(...(Object.values(module("def main(n: int = 5):\n    pass\nrun(main)\n")) as [never, never]))).toEqual([]);
  });
});

describe("Hydra", () => {
  it("keeps the # @package header of a YAML file", () => {
    expect(parseConfigFile("conf/experiment/big.yaml", "# @package _global_\n# a bigger model\nmodel:\n  depth: 50\n").packageDirective).toBe("_global_");
    expect(parseConfigFile("conf/db/mysql.yaml", "host: x\n# @package db\n").packageDirective).toBeUndefined();
  });

  it("composes group options under their package, selected defaults, _global_ experiments as overrides", () => {
    const index = indexOf({
      "conf/config.yaml": "defaults:\n  - model: small\n  - optimizer@optim: adam\n  - _self_\nmodel:\n  depth: 12\nseed: 1\n",
      "conf/model/small.yaml": "depth: 8\nwidth: 64\n",
      "conf/model/large.yaml": "depth: 24\nwidth: 256\n",
      "conf/optimizer/adam.yaml": "lr: 0.001\n",
      "conf/experiment/long.yaml": "# @package _global_\nseed: 7\ntrainer:\n  epochs: 100\n",
      "train.py": 'import hydra\n@hydra.main(config_path="conf", config_name="config", version_base=None)\ndef main(cfg):\n    return cfg.model.width, cfg.optim.lr, cfg.seed\n',
    });
    const source = "hydra conf/config.yaml";
    const width = entry(index.entries, source, "model.width");
    expect(width.definitions.map((definition) => `${at(definition)} ${definition.text} ${definition.option?.selected}`)).toEqual(["conf/model/large.yaml:2 256 false", "conf/model/small.yaml:2 64 true"]);
    expect(width.reads.map(at)).toEqual(["train.py:4"]);
    // the primary config's own value wins over the selected option's
    expect(entry(index.entries, source, "model.depth").overrides.map(at)).toEqual(["conf/config.yaml:6"]);
    expect(entry(index.entries, source, "optim.lr").definitions.map(at)).toEqual(["conf/optimizer/adam.yaml:1"]);
    expect(entry(index.entries, source, "seed").overrides.map(at)).toEqual(["conf/experiment/long.yaml:2"]);
    expect(entry(index.entries, source, "trainer.epochs").definitions.map(at)).toEqual(["conf/experiment/long.yaml:4"]);
    expect(index.hydraRoots.map((root) => [root.dir, root.incomplete])).toEqual([["conf", false]]);
  });

  it("marks a root whose defaults name a group with no folder as incomplete", () => {
    const index = indexOf({
      "conf/config.yaml": "defaults:\n  - dataset: imagenet\nseed: 1\n",
      "train.py": 'import hydra\n@hydra.main(config_path="conf", config_name="config")\ndef main(cfg):\n    return cfg.dataset.root\n',
    });
    expect(index.hydraRoots[0]!.incomplete).toBe(true);
  });
});

describe("command-line overrides", () => {
  it("finds option values passed to a script in shell scripts, Makefiles (at the rule's target) and subprocess calls", () => {
    const index = indexOf({
      "train.py": 'import argparse\np = argparse.ArgumentParser()\np.add_argument("--lr", type=float, default=0.1)\np.add_argument("--amp", action="store_true")\nargs = p.parse_args()\n',
      "run.sh": "python train.py --lr 0.01 --amp\n",
      "Makefile": "train:\n\tpython train.py --lr=0.5\n",
      "sweep.py": 'import subprocess\nsubprocess.run(["python", "train.py", "--lr", "0.2"])\n',
    });
    const lr = entry(index.entries, "command line of train.py", "lr");
    expect(lr.overrides.map((override) => `${at(override)} ${override.text}`)).toEqual(["Makefile:1 0.5", "run.sh:1 0.01", "sweep.py:2 0.2"]);
    expect(entry(index.entries, "command line of train.py", "amp").overrides.map((override) => override.value)).toEqual([true]);
  });
});

describe("conflicts", () => {
  it("compares fallbacks of one key with each other when no config sets it", () => {
    const index = indexOf({
      "config.yaml": "seed: 1\n",
      "a.py": 'import yaml\ncfg = yaml.safe_load(open("config.yaml"))\nx = cfg.get("window", 7)\n',
      "b.py": 'import yaml\ncfg = yaml.safe_load(open("config.yaml"))\nx = cfg.get("window", 14)\n',
    });
    expect(index.conflicts.map((conflict) => `${conflict.kind} ${conflict.name} ${at(conflict.reference)} vs ${conflict.disagreeing.map(at).join(",")}`)).toEqual(["fallbacks window a.py:3 vs b.py:3"]);
  });

  it("compares a typed default, an option default and a constant with the config's value of the same name", () => {
    const index = indexOf({
      "params.yaml": "train:\n  batch_size: 32\n",
      "config.py": "from dataclasses import dataclass\n@dataclass\nclass TrainConfig:\n    batch_size: int = 64\n",
      "train.py": 'import argparse\nBATCH_SIZE = 16\np = argparse.ArgumentParser()\np.add_argument("--batch-size", type=int, default=32)\n',
    });
    expect(index.conflicts.map((conflict) => [conflict.name, conflict.disagreeing.map((value) => `${value.role} ${at(value)}`)])).toEqual([["batch_size", ["field-default config.py:4", "constant train.py:2"]]]);
  });
});

describe("settings files", () => {
  it("leaves out tool, CI and infrastructure files and JSON data, keeps YAML/TOML settings and loaded JSON", () => {
    const index = indexOf({
      "params.yaml": "lr: 1\n",
      "conf/train.toml": "lr = 1\n",
      "codecov.yml": "coverage: {}\n",
      "deploy/service.yaml": "apiVersion: v1\nkind: Service\n",
      "data/labels.json": '{"cat": 0}\n',
      "data/hparams.json": '{"lr": 1}\n',
      "outputs/2024-01-01/.hydra/config.yaml": "lr: 1\n",
      "models/bert/config.json": '{"transformers_version": "4.0", "hidden_size": 768}\n',
      "meta.json": '{"a": 1}\n',
      "load.py": 'import json\nwith open("meta.json") as f:\n    config = json.load(f)\nprint(config["a"])\n',
    });
    expect(index.settingsFiles).toEqual(["conf/train.toml", "data/hparams.json", "meta.json", "params.yaml"]);
  });
});

describe("duplicates", () => {
  const file = (name: string, text: string) => parseConfigFile(name, text);
  const options = { similarity: 0.8, minKeys: 4, minFiles: 3 };

  it("pairs near-copies, names the copy and lists the differences", () => {
    const base = "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\n";
    const found = nearDuplicates([file("base.yaml", base), file("base_v2.yaml", base.replace("e: 5", "e: 6")), file("other.yaml", "x: 1\ny: 2\nz: 3\nw: 4\n")], [], { ...options, similarity: 0.7 });
    expect(found.map((pair) => [pair.copy, pair.original, pair.same, pair.total, pair.differences.map((difference) => `${difference.file}:${difference.line} ${difference.path}`)])).toEqual([["base_v2.yaml", "base.yaml", 4, 5, ["base_v2.yaml:5 e"]]]);
  });

  it("leaves small files and files that share little alone", () => {
    expect(nearDuplicates([file("a.yaml", "a: 1\nb: 2\n"), file("b.yaml", "a: 1\nb: 2\n")], [], options)).toEqual([]);
    expect(nearDuplicates([file("a.yaml", "a: 1\nb: 2\nc: 3\nd: 4\n"), file("b.yaml", "a: 1\nb: 2\nc: 9\nd: 9\n")], [], options)).toEqual([]);
  });

  it("finds one non-trivial value written in many files, not flags or values shared by copies only", () => {
    const files = [file("exp/a.yaml", "trainer:\n  max_epochs: 100\n  fast: true\n"), file("exp/b.yaml", "trainer:\n  max_epochs: 100\n  fast: true\n"), file("exp/c.yaml", "trainer:\n  max_epochs: 100\n  fast: true\n"), file("exp/d.yaml", "trainer:\n  max_epochs: 50\n")];
    expect(repeatedValues(files, [], [], options).map((group) => `${group.path}=${String(group.value)} ${group.places.map((place) => place.file).join(",")}`)).toEqual(["trainer.max_epochs=100 exp/a.yaml,exp/b.yaml,exp/c.yaml"]);
  });

  it("counts paths and URLs among strings, not choices or metric names", () => {
    const text = "data: data/train.csv\nmonitor: val/loss\noptimizer: adam\nurl: https://example.org/x\n";
    const files = ["a", "b", "c"].map((name) => file(`${name}.yaml`, text));
    expect(repeatedValues(files, [], [], options).map((group) => group.path)).toEqual(["data", "url"]);
  });
});

describe("mechanisms", () => {
  it("finds command line, environment, config files, constants modules and exec'd config scripts; not runtime variables", () => {
    const model = getProjectModel(
      tempProject({
        "settings.py": "LR = 0.1\nEPOCHS = 3\n",
        "train.py": 'import argparse, os, yaml\nfrom settings import LR\np = argparse.ArgumentParser()\np.add_argument("--x")\nrank = os.environ["LOCAL_RANK"]\ncfg = yaml.safe_load(open("config.yaml"))\nprint(cfg["a"])\n',
        "eval.py": 'import os\nexec(open("settings.py").read())\nd = os.getenv("DATA_DIR", "data")\n',
        "config.yaml": "a: 1\n",
      }),
    );
    const uses = mechanismUsesOf(model);
    expect([...uses].map(([file, list]) => `${file}: ${list.map((use) => use.mechanism).join(" ")}`)).toEqual(["eval.py: exec-config environment", "train.py: constants-module command-line config-files"]);
  });
});

describe("programs", () => {
  it("links modules by imports, runs, shared configs and manifests; unread configs serve their folder", () => {
    const index = indexOf({
      "mnist/train.py": 'import yaml\nfrom model import Net\ncfg = yaml.safe_load(open("mnist/config.yaml"))\nprint(cfg["lr"])\n',
      "mnist/model.py": "class Net:\n    pass\n",
      "mnist/config.yaml": "lr: 0.1\n",
      "vae/main.py": "print(1)\n",
      "vae/configs/default.yaml": "lr: 0.01\n",
      "pipeline/a.py": "print(1)\n",
      "pipeline/b.py": "print(2)\n",
      "pipeline/run.sh": "python pipeline/a.py && python pipeline/b.py\n",
    });
    const { programs } = index;
    expect(programs.together("mnist/train.py", "mnist/model.py")).toBe(true);
    expect(programs.together("mnist/train.py", "vae/main.py")).toBe(false);
    expect(programs.together("pipeline/a.py", "pipeline/b.py")).toBe(true);
    expect(programs.relates("mnist/model.py", "mnist/config.yaml")).toBe(true);
    expect(programs.relates("vae/main.py", "mnist/config.yaml")).toBe(false);
    // nobody reads vae/configs/default.yaml: it serves vae/, above its configs/ folder
    expect(programs.relates("vae/main.py", "vae/configs/default.yaml")).toBe(true);
    expect(programs.relates("mnist/train.py", "vae/configs/default.yaml")).toBe(false);
  });
});
