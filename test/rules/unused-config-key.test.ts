import { describe, expect, it } from "vitest";
import { projectLinter } from "../helpers/project-lint.js";

const at = (messages: { messageId: string | undefined; line: number; column: number; endColumn: number | undefined }[]) =>
  messages.map(({ messageId, line, column, endColumn }) => `${messageId} ${line}:${column}-${endColumn}`);

describe("unused-config-key: near-misses that must stay quiet", () => {
  it("every key read: chains, .get, attributes, `in`, a section passed on, a computed key, a local function's parameter", () => {
    const project = projectLinter(
      {
        "params.yaml": "seed: 1\ndata:\n  path: d.csv\n  sep: ','\nmodel:\n  depth: 3\n  width: 8\naugment:\n  flip: true\nextra:\n  a: 1\nlegacy: 0\noptim:\n  lr: 0.1\n",
        "train.py": [
          "import yaml",
          "from omegaconf import OmegaConf",
          "params = yaml.safe_load(open('params.yaml'))",
          "conf = OmegaConf.load('params.yaml')",
          "def build(section):",
          "    return section['depth'] * section['width']",
          "def fit(p):",
          "    return p['lr']",
          "seed = params['seed']",
          "path = params['data'].get('path')",
          "sep = conf.data.sep",
          "model = build(params['model'])",
          "flip = Augment(**params['augment'])",
          "name = input()",
          "value = params['extra'][name]",
          "if 'legacy' in params:",
          "    pass",
          "fit(params['optim'])",
          "",
        ].join("\n"),
      },
      "unused-config-key",
    );
    expect(project.lint("params.yaml")).toEqual([]);
  });

  it.each([
    ["no code loads the file", { "params.yaml": "a: 1\n", "train.py": "print(1)\n" }],
    ["a config of unknown origin escapes as a whole", { "params.yaml": "a: 1\nb: 2\n", "train.py": "import sys, yaml\ncfg = yaml.safe_load(open(sys.argv[1]))\nrun(cfg)\np = yaml.safe_load(open('params.yaml'))\nprint(p['a'])\n" }],
    ["the file is also read without a config loader", { "params.yaml": "a: 1\nb: 2\n", "train.py": "import yaml, pandas as pd\np = yaml.safe_load(open('params.yaml'))\nprint(p['a'])\nraw = pd.read_json('params.yaml')\n" }],
    ["Hydra composes the file", { "conf/config.yaml": "a: 1\nb: 2\n", "train.py": "import hydra\n@hydra.main(config_path='conf', config_name='config')\ndef main(cfg):\n    print(cfg.a)\n" }],
    ["a DVC stage declares the key as a param", { "params.yaml": "a: 1\nb: 2\n", "dvc.yaml": "stages:\n  train:\n    cmd: python train.py\n    params:\n      - b\n", "train.py": "import yaml\np = yaml.safe_load(open('params.yaml'))\nprint(p['a'])\n" }],
    ["an interpolation refers to the key", { "params.yaml": "root: data\nraw: ${root}/raw.csv\n", "train.py": "import yaml\np = yaml.safe_load(open('params.yaml'))\nprint(p['raw'])\n" }],
    ["a load function other modules import returns the config", { "params.yaml": "a: 1\nb: 2\n", "config.py": "import yaml\ndef load():\n    with open('params.yaml') as f:\n        return yaml.safe_load(f)\nprint(load()['a'])\n", "train.py": "from config import load\nprint(load()['b'])\n" }],
    ["a module-level config other modules import", { "params.yaml": "a: 1\nb: 2\n", "config.py": "import yaml\nCFG = yaml.safe_load(open('params.yaml'))\nprint(CFG['a'])\n", "train.py": "from config import CFG\nprint(CFG['b'])\n" }],
    ["the config name is rebound to something else", { "params.yaml": "a: 1\nb: 2\n", "train.py": "import yaml\ncfg = yaml.safe_load(open('params.yaml'))\ncfg = merge(cfg, {})\nprint(cfg['a'])\n" }],
    ["one name holds two sections in turn", { "params.yaml": "train:\n  lr: 1\nprepare:\n  split: 0.2\n", "train.py": "import yaml\nparams = yaml.safe_load(open('params.yaml'))['train']\nprint(params['lr'])\nparams = yaml.safe_load(open('params.yaml'))['prepare']\nprint(params['split'])\n" }],
    ["a method is called on the config", { "params.yaml": "a: 1\nb: 2\n", "train.py": "import yaml\ncfg = yaml.safe_load(open('params.yaml'))\nfor key, value in cfg.items():\n    print(key, value)\n" }],
    ["pyproject.toml configures tools", { "pyproject.toml": "[tool.black]\nline-length = 100\n[project]\nname = 'x'\n", "v.py": "import tomllib\nmeta = tomllib.load(open('pyproject.toml', 'rb'))\nprint(meta['project']['name'])\n" }],
    ["a JSON data file is not config", { "labels.json": '{"cat": 0, "dog": 1}\n', "train.py": "import json\nlabels = json.load(open('labels.json'))\nprint(labels['cat'])\n" }],
    ["a broken config file", { "params.yaml": "a: 1\nb: [\n", "train.py": "import yaml\np = yaml.safe_load(open('params.yaml'))\nprint(p['a'])\n" }],
  ])("%s", (_, files) => {
    const project = projectLinter(files as Record<string, string>, "unused-config-key");
    const config = Object.keys(files).find((file) => /\.(ya?ml|json|toml)$/u.test(file) && file !== "dvc.yaml")!;
    expect(project.lint(config)).toEqual([]);
  });
});

describe("unused-config-key: keys nothing reads", () => {
  it("reports an unread leaf at its key and an unread section once, at the section", () => {
    const project = projectLinter(
      {
        "params.yaml": "seed: 42\ntrain:\n  lr: 0.01\n  dropout: 0.5\nold_experiment:\n  use_mixup: true\n  alpha: 0.2\nlayers: [64, 32]\n",
        "train.py": "import yaml\nwith open('params.yaml') as f:\n    params = yaml.safe_load(f)\nprint(params['seed'], params['train']['lr'], params['layers'][0])\n",
      },
      "unused-config-key",
    );
    const messages = project.lint("params.yaml");
    expect(at(messages)).toEqual(["unusedKey 4:3-10", "unusedSection 5:1-15"]);
    expect(messages[0]!.message).toContain("`train.dropout` is read by no code: params.yaml is loaded by train.py (line 3)");
    expect(messages[0]!.message).toContain("⟨related: train.py:3:14 params.yaml is loaded here⟩");
  });

  it("reports in JSON and TOML configs, read through a local load function", () => {
    const project = projectLinter(
      {
        "config.json": '{\n  "epochs": 3,\n  "warmup": 100\n}\n',
        "settings.toml": "[model]\nname = 'rf'\nold_name = 'svm'\n",
        "train.py": [
          "import json, tomllib",
          "def load_config(path='config.json'):",
          "    with open(path) as f:",
          "        return json.load(f)",
          "config = load_config()",
          "settings = tomllib.load(open('settings.toml', 'rb'))",
          "print(config['epochs'], settings['model']['name'])",
          "",
        ].join("\n"),
      },
      "unused-config-key",
    );
    expect(at(project.lint("config.json"))).toEqual(["unusedKey 3:3-11"]);
    expect(at(project.lint("settings.toml"))).toEqual(["unusedKey 3:1-9"]);
  });

  it("a key only written by code is still unread", () => {
    const project = projectLinter(
      { "params.yaml": "a: 1\nb: 2\n", "train.py": "import yaml\np = yaml.safe_load(open('params.yaml'))\np['b'] = 3\nprint(p['a'])\n" },
      "unused-config-key",
    );
    expect(at(project.lint("params.yaml"))).toEqual(["unusedKey 2:1-2"]);
  });
});
