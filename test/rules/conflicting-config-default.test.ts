import rule from "../../rules/conflicting-config-default.js";
import { inProject, notebook, notebookTester, pythonTester } from "../helpers/rule-tester.js";

const CONFIG = "data:\n  min_tenure: 3\ntrain:\n  lr: 0.001\n  epochs: 10\n";
const LOAD = 'import yaml\ncfg = yaml.safe_load(open("config.yaml"))\n';

pythonTester.run("conflicting-config-default", rule as never, {
  valid: [
    // the fallback agrees with the config
    inProject({ "config.yaml": CONFIG, "prep.py": `${LOAD}t = cfg["data"].get("min_tenure", 3)\n` }, "prep.py"),
    // no fallback at all
    inProject({ "config.yaml": CONFIG, "prep.py": `${LOAD}t = cfg["data"]["min_tenure"]\n` }, "prep.py"),
    // a fallback of None means "optional", not a second value
    inProject({ "config.yaml": CONFIG, "prep.py": `${LOAD}t = cfg["data"].get("min_tenure", None)\n` }, "prep.py"),
    // a plain dict's .get is no config read (no loader)
    inProject({ "config.yaml": CONFIG, "prep.py": 'row = {"min_tenure": 1}\nt = row.get("min_tenure", 6)\n' }, "prep.py"),
    // the argparse default agrees with the config
    inProject({ "config.yaml": CONFIG, "train.py": 'import argparse\np = argparse.ArgumentParser()\np.add_argument("--lr", type=float, default=0.001)\nargs = p.parse_args()\n' }, "train.py"),
    // the option's default comes from the config
    inProject({ "config.yaml": CONFIG, "train.py": `${LOAD}import argparse\np = argparse.ArgumentParser()\np.add_argument("--lr", type=float, default=cfg["train"]["lr"])\nargs = p.parse_args()\n` }, "train.py"),
    // a look-alike: an argparse-like local class is no parser
    inProject({ "config.yaml": CONFIG, "train.py": 'class P:\n    def add_argument(self, *a, **k):\n        pass\np = P()\np.add_argument("--lr", default=0.1)\n' }, "train.py"),
    // two config files disagree on `lr` (alternatives): the name has no single value, so the option is not compared
    inProject({ "config.yaml": CONFIG, "finetune.yaml": "train:\n  lr: 0.0001\n", "train.py": 'import argparse\np = argparse.ArgumentParser()\np.add_argument("--lr", default=0.1)\n' }, "train.py"),
    // runtime names are left alone even when they differ
    inProject({ "config.yaml": "verbose: 1\n", "train.py": 'import argparse\np = argparse.ArgumentParser()\np.add_argument("--verbose", default=0)\n' }, "train.py"),
    // a constant whose name is no config key
    inProject({ "config.yaml": CONFIG, "train.py": "HIDDEN = 128\n" }, "train.py"),
    // strings are names and paths: compared only for one key's fallbacks
    inProject({ "config.yaml": "model:\n  name: resnet\n", "train.py": 'import argparse\np = argparse.ArgumentParser()\np.add_argument("--name", default="exp")\n' }, "train.py"),
    // a config of another program in the same repository (an examples collection) is not compared
    inProject(
      {
        "mnist/config.yaml": "lr: 0.1\n",
        "mnist/train.py": 'import yaml\ncfg = yaml.safe_load(open("mnist/config.yaml"))\nprint(cfg["lr"])\n',
        "vae/main.py": 'import argparse\np = argparse.ArgumentParser()\np.add_argument("--lr", type=float, default=0.001)\n',
      },
      "vae/main.py",
    ),
    // an example's YAML that no code reads serves the example's folder, not the library the example imports
    inProject(
      {
        "lib/config.py": "from dataclasses import dataclass\n\n@dataclass\nclass TrainConfig:\n    lr: float = 0.1\n",
        "examples/finetune/config/finetune.yaml": "model:\n  lr: 0.01\n",
        "examples/finetune/train.py": "from lib.config import TrainConfig\ncfg = TrainConfig()\n",
      },
      "lib/config.py",
    ),
    // no config files at all: two argparse scripts with different defaults are two programs
    inProject({ "a.py": 'import argparse\np = argparse.ArgumentParser()\np.add_argument("--epochs", type=int, default=3)\n', "b.py": 'import argparse\np = argparse.ArgumentParser()\np.add_argument("--epochs", type=int, default=10)\n' }, "b.py"),
  ],
  invalid: [
    {
      // two fallbacks for a key the config sets: the one that differs is reported, in its own file
      ...inProject({ "config.yaml": CONFIG, "prep.py": `${LOAD}t = cfg["data"].get("min_tenure", 3)\n`, "eval.py": `${LOAD}t = cfg["data"].get("min_tenure", 6)\n` }, "eval.py"),
      errors: [{ messageId: "fallback", line: 3, column: 35, endLine: 3, endColumn: 36 }],
    },
    {
      // no config value: the most frequent fallback is the reference
      ...inProject({ "config.yaml": CONFIG, "a.py": `${LOAD}x = cfg.get("patience", 5)\ny = cfg.get("patience", 5)\nz = cfg.get("patience", 8)\n` }, "a.py"),
      errors: [{ messageId: "fallback", line: 5, column: 25 }],
    },
    {
      // an argparse default that disagrees with the config
      ...inProject({ "config.yaml": CONFIG, "train.py": 'import argparse\np = argparse.ArgumentParser()\np.add_argument("--lr", type=float, default=0.01)\nargs = p.parse_args()\n' }, "train.py"),
      errors: [{ messageId: "optionDefault", line: 3, column: 44 }],
    },
    {
      // click and a dashed flag name
      ...inProject({ "config.yaml": "train:\n  num_epochs: 10\n", "cli.py": 'import click\n\n@click.command()\n@click.option("--num-epochs", default=20)\ndef main(num_epochs):\n    pass\n' }, "cli.py"),
      errors: [{ messageId: "optionDefault", line: 4, column: 39 }],
    },
    {
      // a constant named like a config key
      ...inProject({ "config.yaml": CONFIG, "train.py": "EPOCHS = 50\n" }, "train.py"),
      errors: [{ messageId: "constant", line: 1, column: 1 }],
    },
    {
      // a dataclass config's default that disagrees with the YAML
      ...inProject({ "config.yaml": CONFIG, "settings.py": "from dataclasses import dataclass\n\n@dataclass\nclass TrainConfig:\n    lr: float = 0.1\n" }, "settings.py"),
      errors: [{ messageId: "fieldDefault", line: 5, column: 5 }],
    },
  ],
});

notebookTester.run("conflicting-config-default (notebooks)", rule as never, {
  valid: [inProject({ "config.yaml": CONFIG, "nb.ipynb": notebook("import yaml", 'cfg = yaml.safe_load(open("config.yaml"))\nt = cfg["data"].get("min_tenure", 3)') }, "nb.ipynb")],
  invalid: [
    {
      ...inProject({ "config.yaml": CONFIG, "nb.ipynb": notebook("import yaml", { markdown: "Load" }, 'cfg = yaml.safe_load(open("config.yaml"))\nt = cfg["data"].get("min_tenure", 6)') }, "nb.ipynb"),
      // program line 3 (cell 3, line 2 for the CLI); the column is the fallback's
      errors: [{ messageId: "fallback", line: 3, column: 35 }],
    },
  ],
});
