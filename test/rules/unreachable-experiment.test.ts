import { describe, expect, it } from "vitest";
import { notebook } from "../helpers/rule-tester.js";
import { projectLinter } from "../helpers/project-lint.js";

const at = (messages: { messageId: string | undefined; line: number; column: number; endColumn: number | undefined }[]) =>
  messages.map(({ messageId, line, column, endColumn }) => `${messageId} ${line}:${column}-${endColumn}`);

describe("unreachable-experiment in an application project", () => {
  const project = projectLinter(
    {
      "flags.py": "USE_V2 = False\n",
      "models.py": [
        "class ResNet:",
        "    pass",
        "",
        "class ResNetV2:",
        "    pass",
        "",
        "def _private_helper():",
        "    return 1",
        "",
        "def build_head():",
        "    return 2",
        "",
        "def score(model):",
        "    return 3",
        "",
      ].join("\n"),
      "train.py": [
        "import importlib",
        "from flags import USE_V2",
        "from models import ResNet, ResNetV2",
        "from registry import register",
        "",
        "def old_loss(x):",
        "    return x",
        "",
        "def augment_v2(x):",
        "    return x",
        "",
        "@register",
        "def plugin():",
        "    pass",
        "",
        "def named_in_config():",
        "    pass",
        "",
        "def main():",
        "    if USE_V2:",
        "        model = ResNetV2()",
        "    else:",
        "        model = ResNet()",
        "    if False:",
        "        x = augment_v2(1)",
        "    helpers = importlib.import_module('plugins_by_name')",
        "    helpers.hook()",
        "",
        'if __name__ == "__main__":',
        "    main()",
        "",
      ].join("\n"),
      "registry.py": "def register(fn):\n    return fn\n",
      "plugins_by_name.py": "def hook():\n    pass\n",
      "legacy_utils.py": '"""Helpers from the first experiment."""\nimport numpy as np\nimport torch\n\ndef smooth(x):\n    return np.convolve(x, [0.5, 0.5])\n\n@torch.no_grad()\ndef predict(model, x):\n    return model(x)\n',
      "flows.py": "from prefect import flow\n\n@flow\ndef nightly():\n    pass\n",
      "dyn.py": "def a():\n    pass\n\ndef run(name):\n    return globals()[name]()\n\nrun('a')\n",
      "conf/model.yaml": "head:\n  _target_: train.named_in_config\n",
      "tests/test_models.py": "from models import score\n\ndef test_score():\n    assert score(None) == 3\n",
      "explore.ipynb": notebook("import pandas as pd", "def plot_old(df):\n    df.plot()", "def plot(df):\n    df.hist()\nplot(pd.DataFrame())"),
    },
    "unreachable-experiment",
  );

  it("stays quiet on what is used live, by tests, by decorators, by name in strings or configs, through modules imported by name, and in modules with dynamic lookups", () => {
    expect(project.lint("flags.py")).toEqual([]);
    expect(project.lint("registry.py")).toEqual([]);
    expect(project.lint("plugins_by_name.py")).toEqual([]);
    expect(project.lint("dyn.py")).toEqual([]);
    expect(project.lint("flows.py")).toEqual([]); // a decorator that registers: an orchestrator finds it
    expect(project.lint("tests/test_models.py")).toEqual([]);
  });

  it("reports a model variant used only in a branch that never runs, in another module, with the branch as related location", () => {
    const messages = project.lint("models.py");
    expect(at(messages)).toEqual(["onlyInDeadCode 4:7-15", "neverUsed 7:5-20", "neverUsed 10:5-15"]);
    expect(messages[0]!.message).toContain("`ResNetV2` is used only in code that never runs (train.py, line 21)");
    expect(messages[0]!.message).toContain("⟨related: train.py:21:17 `ResNetV2` used in a branch that never runs⟩");
  });

  it("reports functions used only under `if False:` and functions nothing uses, in a script", () => {
    const messages = project.lint("train.py");
    expect(at(messages)).toEqual(["neverUsed 6:5-13", "onlyInDeadCode 9:5-15"]);
    expect(messages[1]!.message).toContain("(line 25)");
  });

  it("reports a module nothing imports or runs that only defines things, once, at its first line", () => {
    expect(at(project.lint("legacy_utils.py"))).toEqual(["moduleNeverUsed 1:1-41"]);
  });

  it("reports unused functions in notebooks", () => {
    expect(project.lint("explore.ipynb")).toMatchObject([{ messageId: "neverUsed", line: 2, column: 5 }]);
  });
});

describe("unreachable-experiment: names reached through dynamic access", () => {
  const project = projectLinter(
    {
      "zoo.py": "class ResNet:\n    pass\n\nclass ViT:\n    pass\n",
      "build.py": "import sys\nimport zoo\n\ndef main():\n    cls = getattr(zoo, sys.argv[1])\n    return cls()\n\nif __name__ == '__main__':\n    main()\n",
      "named.py": "def only_by_string():\n    pass\n",
      "cli.py": "import named\n\nif __name__ == '__main__':\n    getattr(named, 'only_by_string')()\n",
      "fire_app.py": "import fire\n\ndef export():\n    pass\n\nif __name__ == '__main__':\n    fire.Fire()\n",
    },
    "unreachable-experiment",
  );

  it("leaves alone the definitions of a module an importer looks up by computed name, by a literal name, or exposes through fire", () => {
    expect(project.lint("zoo.py")).toEqual([]);
    expect(project.lint("named.py")).toEqual([]);
    expect(project.lint("fire_app.py")).toEqual([]);
  });
});

describe("unreachable-experiment in an installable package", () => {
  const project = projectLinter(
    {
      "pyproject.toml": "[project]\nname = 'churn'\n",
      "churn/__init__.py": "",
      "churn/api.py": "def predict(x):\n    return x\n\ndef _unused_private():\n    return 1\n",
      "churn/cli.py": "def helper():\n    return 1\n\nif __name__ == '__main__':\n    print(1)\n",
      "scripts/sweep.py": "def sweep():\n    return 1\n\nif __name__ == '__main__':\n    print(1)\n",
    },
    "unreachable-experiment",
  );

  it("leaves public names of package modules alone (outside code may import them) but reports private ones", () => {
    expect(at(project.lint("churn/api.py"))).toEqual(["neverUsed 4:5-20"]);
  });

  it("modules of the package with a main guard are importable too", () => {
    expect(project.lint("churn/cli.py")).toEqual([]);
  });

  it("scripts outside the package folders are application code", () => {
    expect(at(project.lint("scripts/sweep.py"))).toEqual(["neverUsed 1:5-10"]);
  });
});
