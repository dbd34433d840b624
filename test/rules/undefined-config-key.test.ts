import rule from "../../rules/undefined-config-key.js";
import { inProject, notebook, notebookTester, pythonTester } from "../helpers/rule-tester.js";

const CONFIG = "data:\n  path: data/x.csv\ntrain:\n  lr: 0.001\n  layers: [64, 32]\nmodel: null\n";
const LOAD = 'import yaml\ncfg = yaml.safe_load(open("config.yaml"))\n';
const read = (code: string, extra: Record<string, string> = {}) => inProject({ "config.yaml": CONFIG, ...extra, "train.py": `${LOAD}${code}` }, "train.py");

pythonTester.run("undefined-config-key", rule as never, {
  valid: [
    // defined keys, containers, list items and keys under a value a run may replace
    read('a = cfg["data"]["path"]\nb = cfg["train"]\nc = cfg["train"]["layers"][0]\nd = cfg["model"]["depth"]\n'),
    // a computed key says nothing about which keys exist
    read('for name in ["x", "y"]:\n    v = cfg["data"][name]\n'),
    // keys the module writes into the config itself
    read('cfg["run_id"] = "abc"\nr = cfg["run_id"]\n'),
    read('cfg.update({"extra": 1})\ne = cfg["extra"]\n'),
    // another config file of the project defines it (it may be the one passed at run time)
    read('b = cfg["train"]["batch_size"]\n', { "configs/big.yaml": "train:\n  batch_size: 512\n" }),
    // a config loaded from a file nobody can know statically
    inProject({ "train.py": 'import sys, yaml\ncfg = yaml.safe_load(open(sys.argv[1]))\nx = cfg["anything"]\n' }, "train.py"),
    // a file the code writes itself
    read('yaml.dump({"best": 1}, open("config.yaml", "w"))\nb = cfg["best"]\n'),
    // a dict that is no config (no loader)
    inProject({ "config.yaml": CONFIG, "train.py": 'row = {"a": 1}\nx = row["b"]\n' }, "train.py"),
    // a config file that does not parse: nothing is known about its keys
    inProject({ "config.yaml": "data: [unclosed\n", "train.py": `${LOAD}x = cfg["data"]["path"]\n` }, "train.py"),
  ],
  invalid: [
    {
      // a typo, with the key it probably means
      ...read('lr = cfg["train"]["lrr"]\n'),
      errors: [{ messageId: "missing", line: 3, column: 6, endLine: 3, endColumn: 25 }],
    },
    {
      // the fallback is the only value the setting ever has
      ...read('bs = cfg["train"].get("batch_size", 64)\n'),
      errors: [{ messageId: "fallbackOnly", line: 3, column: 6 }],
    },
    {
      // reported once, at the first read in project order, with the others as related places
      ...inProject({ "config.yaml": CONFIG, "a.py": `${LOAD}x = cfg["seed"]\n`, "b.py": `${LOAD}y = cfg["seed"]\n` }, "a.py"),
      errors: [{ messageId: "missing", line: 3, column: 5 }],
    },
  ],
});

pythonTester.run("undefined-config-key (Hydra)", rule as never, {
  valid: [
    // defined in a group option, in the primary config, or one of Hydra's own keys
    inProject(
      {
        "conf/config.yaml": "defaults:\n  - model: small\nseed: 1\n",
        "conf/model/small.yaml": "depth: 8\n",
        "train.py": 'import hydra\n@hydra.main(config_path="conf", config_name="config")\ndef main(cfg):\n    return cfg.model.depth, cfg.seed, cfg.hydra.run.dir\n',
      },
      "train.py",
    ),
    // structured configs in the ConfigStore add keys no YAML shows
    inProject(
      {
        "conf/config.yaml": "seed: 1\n",
        "train.py": 'import hydra\nfrom hydra.core.config_store import ConfigStore\n@hydra.main(config_path="conf", config_name="config")\ndef main(cfg):\n    return cfg.trainer.epochs\n',
      },
      "train.py",
    ),
    // a key added on the command line with `+key=value`
    inProject(
      {
        "conf/config.yaml": "seed: 1\n",
        "run.sh": "python train.py +debug.level=2\n",
        "train.py": 'import hydra\n@hydra.main(config_path="conf", config_name="config")\ndef main(cfg):\n    return cfg.debug.level\n',
      },
      "train.py",
    ),
  ],
  invalid: [
    {
      ...inProject(
        {
          "conf/config.yaml": "defaults:\n  - model: small\nseed: 1\n",
          "conf/model/small.yaml": "depth: 8\n",
          "train.py": 'import hydra\n@hydra.main(config_path="conf", config_name="config")\ndef main(cfg):\n    return cfg.model.width\n',
        },
        "train.py",
      ),
      errors: [{ messageId: "missing", line: 4, column: 12 }],
    },
  ],
});

notebookTester.run("undefined-config-key (notebooks)", rule as never, {
  valid: [inProject({ "config.yaml": CONFIG, "nb.ipynb": notebook(LOAD, 'cfg["data"]["path"]') }, "nb.ipynb")],
  invalid: [
    {
      ...inProject({ "config.yaml": CONFIG, "nb.ipynb": notebook(LOAD, { markdown: "Train" }, 'epochs = cfg["train"]["epochs"]') }, "nb.ipynb"),
      errors: [{ messageId: "missing", line: 4, column: 10 }],
    },
  ],
});
