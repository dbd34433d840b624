import { describe, expect, it } from "vitest";
import { projectLinter } from "../helpers/project-lint.js";
import { pythonTester } from "../helpers/rule-tester.js";
import rule from "../../rules/unset-experiment-flag.js";

const at = (messages: { messageId: string | undefined; line: number; column: number; endColumn: number | undefined }[]) =>
  messages.map(({ messageId, line, column, endColumn }) => `${messageId} ${line}:${column}-${endColumn}`);

describe("unset-experiment-flag: config keys", () => {
  const project = projectLinter(
    {
      "configs/base.yaml": "model:\n  kind: rf\ntrain:\n  use_amp: true\n  epochs: 3\n  use_dropout: false\n",
      "configs/exp1.yaml": "train:\n  use_amp: true\n  epochs: 5\n",
      "configs/exp2.yaml": "train:\n  use_amp: true\n  epochs: 10\n",
      "train.py": [
        "import argparse",
        "import yaml",
        "cfg = yaml.safe_load(open('configs/base.yaml'))",
        "if cfg.get('use_mixup'):",
        "    x = 1",
        "if cfg['train']['use_amp']:",
        "    x = 2",
        "if not cfg.get('use_cutmix', True):",
        "    x = 3",
        "if cfg['train']['epochs'] > 3:",
        "    x = 4",
        "if cfg['train']['use_dropout']:",
        "    x = 5",
        "if cfg.get('model'):",
        "    x = 6",
        "name = input()",
        "if cfg.get(name):",
        "    x = 7",
        "cfg['use_swa'] = True",
        "if cfg.get('use_swa'):",
        "    x = 8",
        "if cfg.get('use_ema'):",
        "    x = 9",
        "",
      ].join("\n"),
      "options.py": "import argparse\np = argparse.ArgumentParser()\np.add_argument('--use_ema', action='store_true')\nargs = p.parse_args()\nprint(args.use_ema)\n",
      "merged.py": "import yaml\ncfg = yaml.safe_load(open('configs/exp1.yaml'))\ncfg.update(overrides)\nif cfg.get('use_sam'):\n    pass\n",
      "unknown.py": "import sys, yaml\ncfg = yaml.safe_load(open(sys.argv[1]))\nif cfg.get('use_rare'):\n    pass\n",
      "hydra_app.py": "import hydra\n@hydra.main(config_path='configs', config_name='base')\ndef main(cfg):\n    if cfg.get('use_hydra_only'):\n        pass\n",
    },
    "unset-experiment-flag",
  );

  it("stays quiet on comparisons, keys defined in one config, computed keys, keys code sets, keys named like CLI options, merged configs, unknown or Hydra configs", () => {
    for (const file of ["options.py", "merged.py", "unknown.py", "hydra_app.py"]) expect(project.lint(file), file).toEqual([]);
  });

  it("reports a `.get` of a key no config sets, and a key every config sets to the same value, naming the configs checked", () => {
    const messages = project.lint("train.py");
    expect(at(messages)).toEqual(["unsetConfigKey 4:4-24", "sameInEveryConfig 6:4-27", "unsetConfigKey 8:8-35"]);
    expect(messages[0]!.message).toContain(
      "`use_mixup` is read from configs/base.yaml with a fallback, but no config file in the project sets it (checked: configs/base.yaml, configs/exp1.yaml, configs/exp2.yaml), so it is always `None` and the branch under it never runs.",
    );
    expect(messages[1]!.message).toContain("Every config that sets `train.use_amp` sets it to true (configs/base.yaml, configs/exp1.yaml, configs/exp2.yaml), and no code changes it, so the check always passes");
    expect(messages[2]!.message).toContain("so it is always `True` and the branch under it never runs");
  });
});

describe("unset-experiment-flag: command-line options and parameters", () => {
  const project = projectLinter(
    {
      "cli.py": [
        "import argparse",
        "def parse():",
        "    p = argparse.ArgumentParser()",
        "    p.add_argument('--epochs', type=int, default=3)",
        "    p.add_argument('--balanced', action='store_true')",
        "    return p.parse_args()",
        "args = parse()",
        "if getattr(args, 'use_tta', False):",
        "    x = 1",
        "if getattr(args, 'balanced', False):",
        "    x = 2",
        "name = input()",
        "if getattr(args, name, False):",
        "    x = 3",
        "def build(x, use_attention=False, depth=2):",
        "    if use_attention:",
        "        x = x * 2",
        "    return x",
        "def build_b(x, use_bn=False):",
        "    return 1 if use_bn else 2",
        "def build_c(x, use_c=False):",
        "    return 1 if use_c else 2",
        "def build_d(x, use_d=False):",
        "    return 1 if use_d else 2",
        "def build_e(x, use_e=False):",
        "    return 1 if use_e else 2",
        "def build_f(x, use_f=False):",
        "    return 1 if use_f else 2",
        "class Model:",
        "    def forward(self, x, use_g=False):",
        "        return 1 if use_g else 2",
        "build(1)",
        "build(2, depth=3)",
        "build_b(1, use_bn=True)",
        "build_c(1, **opts)",
        "list(map(build_d, [1]))",
        "build_e(1)",
        "build_f(1, True)",
        "",
      ].join("\n"),
      "other.py": "from cli import build_e\nbuild_e(1, use_e=True)\n",
    },
    "unset-experiment-flag",
  );

  it("reports `getattr(args, name, default)` of an undeclared option and a parameter no call passes; quiet on declared options, computed names, parameters passed by keyword, position or splat, functions used as values or from other modules, and methods", () => {
    const messages = project.lint("cli.py");
    expect(at(messages)).toEqual(["unsetCliOption 8:4-35", "unsetParameter 16:8-21"]);
    expect(messages[0]!.message).toContain("`use_tta` is read with `getattr(…, False)`, but no `add_argument` of this module's parser defines it");
    expect(messages[1]!.message).toContain("No call of `build` passes `use_attention` (2 calls checked: line 32, line 33), so it is always its default `False` and the branch under it never runs.");
  });
});

pythonTester.run("unset-experiment-flag (single files)", rule as never, {
  valid: [
    // no import of a config loader: `cfg` is a plain dict
    "cfg = {}\nif cfg.get('use_x'):\n    pass",
    // a parameter passed by every caller
    "def f(x, fast=False):\n    return 1 if fast else 2\nf(1, fast=True)",
    // a parameter whose function is never called is unreachable-experiment's concern
    "def f(x, fast=False):\n    return 1 if fast else 2",
  ],
  invalid: [
    {
      code: "def fit_quickly_unset(x, fast=False):\n    if not fast:\n        return 1\n    return 2\nfit_quickly_unset(1)",
      errors: [{ messageId: "unsetParameter", line: 2, column: 12, endColumn: 16 }],
    },
  ],
});
