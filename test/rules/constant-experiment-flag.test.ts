import rule from "../../rules/constant-experiment-flag.js";
import { describe, expect, it } from "vitest";
import { notebook, notebookTester, pythonTester, scriptTester } from "../helpers/rule-tester.js";
import { projectLinter } from "../helpers/project-lint.js";

pythonTester.run("constant-experiment-flag", rule as never, {
  valid: [
    // idiomatic guards
    "while True:\n    break",
    'if __name__ == "__main__":\n    main()',
    "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import numpy",
    // `if True:` with nothing else: no dead branch
    "if True:\n    x = 1",
    // a flag read from the environment or argparse can change
    'import os\nDEBUG = os.environ.get("DEBUG")\nif DEBUG:\n    print(1)',
    "import argparse\np = argparse.ArgumentParser()\nargs = p.parse_args()\nUSE_AUG = args.aug\nif USE_AUG:\n    pass",
    // reassigned elsewhere: not constant
    "USE_NEW = False\nUSE_NEW = True\nif USE_NEW:\n    pass",
    "USE_NEW = False\ndef enable():\n    global USE_NEW\n    USE_NEW = True\nif USE_NEW:\n    pass",
    "FLAG = 0\nfor FLAG in range(3):\n    pass\nif FLAG:\n    pass",
    "COUNT = 0\nCOUNT += 1\nif COUNT:\n    pass",
    // a function parameter with the same name shadows the module flag
    "USE_NEW = False\ndef run(USE_NEW):\n    if USE_NEW:\n        pass",
    // a local assignment shadows too
    "USE_NEW = False\ndef run():\n    USE_NEW = load()\n    if USE_NEW:\n        pass",
    // names from function calls are not literals
    "USE_NEW = flags()\nif USE_NEW:\n    pass",
    // `x or ""` is a default value, not a dead operand; `x and True` keeps x's falsy values
    'text = to_text(email) or ""\nok = ready and True',
    'DEFAULT = ""\nname = given or DEFAULT',
    // comparisons are not flag checks
    "MODE = 'a'\nif MODE == 'b':\n    pass",
    // a literal or a constant as a default value, not a branch
    'name = url or ""\nshape = dims or None\nif (path or "") and ready:\n    pass',
    "DEFAULT_CROP = 0.875\ndef f(crop=None):\n    crop = crop or DEFAULT_CROP\n    return crop",
    // settings overridden at run time through exec or globals() (nanoGPT's configurator.py)
    "compile = True\nexec(open('configurator.py').read())\nif compile:\n    pass",
    "FLAG = False\nglobals().update(overrides)\nif FLAG:\n    pass",

  ],
  invalid: [
    {
      code: "USE_NEW_FEATURES = False\n\nif USE_NEW_FEATURES:\n    x = 1",
      errors: [{ messageId: "constantFlag", line: 3, column: 4, endLine: 3, endColumn: 20 }],
    },
    {
      code: "EXPERIMENT = True\nif EXPERIMENT:\n    a()\nelse:\n    b()",
      errors: [{ messageId: "constantFlag", line: 2, column: 4 }],
    },
    {
      code: "OLD = None\ndef f():\n    if not OLD:\n        return 1\n    return 2",
      errors: [{ messageId: "constantFlag", line: 3, column: 8 }],
    },
    {
      code: "FAST = 0\ny = 1 if FAST else 2",
      errors: [{ messageId: "constantFlag", line: 2, column: 10 }],
    },
    {
      code: "FLAG = False\nexec(open('configurator.py').read())\nif False:\n    train_v2()",
      errors: [{ messageId: "literalCondition", line: 3, column: 4 }],
    },
    {
      code: "if False:\n    train_v2()",
      errors: [{ messageId: "literalCondition", line: 1, column: 4 }],
    },
    {
      code: "while 0:\n    pass",
      errors: [{ messageId: "literalCondition", line: 1, column: 7 }],
    },
    {
      code: "if True:\n    a()\nelse:\n    b()",
      errors: [{ messageId: "literalCondition", line: 1, column: 4 }],
    },
    {
      code: "if ready and False:\n    go()",
      errors: [{ messageId: "literalCondition", line: 1, column: 14 }],
    },
    {
      code: "if x:\n    pass\nelif False:\n    pass",
      errors: [{ messageId: "literalCondition", line: 3, column: 6 }],
    },
  ],
});

notebookTester.run("constant-experiment-flag (notebooks)", rule as never, {
  valid: [
    { code: notebook("USE_AUG = False", "USE_AUG = True", "if USE_AUG:\n    pass"), filename: "nb.ipynb" },
    // `%run` of another script may rebind the flag in the notebook's namespace
    { code: notebook("USE_AUG = False", "%run overrides.py", "if USE_AUG:\n    pass"), filename: "nb.ipynb" },
  ],
  invalid: [
    {
      code: notebook({ markdown: "# Setup" }, "USE_AUG = False", "%time x = 1\nif USE_AUG:\n    pass"),
      filename: "nb.ipynb",
      errors: [{ messageId: "constantFlag", line: 3, column: 4 }],
    },
  ],
});

scriptTester.run("constant-experiment-flag (JavaScript/TypeScript)", rule as never, {
  valid: [
    "while (true) { break; }",
    'const name = given || "";\nconst ok = ready && true;',
    "if (true) { run(); }",
    // a `let` that is reassigned can change
    "let USE_NEW = false;\nUSE_NEW = load();\nif (USE_NEW) { run(); }",
    // read from the environment
    'const USE_NEW = process.env.USE_NEW === "1";\nif (USE_NEW) { run(); }',
    // a local constant inside a function is a value, not an experiment flag
    "function f() {\n  const done = false;\n  if (done) { return 1; }\n}",
    // a parameter shadows the module flag
    "const USE_NEW = false;\nfunction f(USE_NEW: boolean) {\n  if (USE_NEW) { return 1; }\n}",
  ],
  invalid: [
    {
      code: "const USE_NEW_TOKENIZER = false;\n\nif (USE_NEW_TOKENIZER) {\n  tokenize2();\n}",
      errors: [{ messageId: "constantFlag", line: 3, column: 5, endColumn: 22 }],
    },
    {
      code: "const FAST = 0;\nconst lr = FAST ? 0.1 : 0.01;",
      errors: [{ messageId: "constantFlag", line: 2, column: 12 }],
    },
    { code: "if (false) {\n  trainV2();\n}", errors: [{ messageId: "literalCondition", line: 1, column: 5 }] },
    { code: "if (ready && false) { go(); }", errors: [{ messageId: "literalCondition", line: 1, column: 14 }] },
  ],
});

describe("flags imported from another project module", () => {
  const project = projectLinter(
    {
      "flags.py": 'import os\nUSE_V2 = False\nDEBUG = True\nPATCHED = False\nSET_ELSEWHERE = False\nFROM_ENV = os.environ.get("FROM_ENV") == "1"\n',
      "dynamic_flags.py": 'HIDDEN = False\nglobals()["HIDDEN"] = True\n',
      "pkg/__init__.py": "",
      "pkg/settings.py": "LEGACY = 0\n",
      "pkg/train.py": "from .settings import LEGACY\nif not LEGACY:\n    x = 1\nelse:\n    x = 2\n",
      "tweak.py": "import flags\nflags.SET_ELSEWHERE = True\n",
      "test_flags.py": 'import flags\ndef test_patched(monkeypatch):\n    monkeypatch.setattr(flags, "PATCHED", True)\n',
      "train.py": [
        "from flags import USE_V2, PATCHED, SET_ELSEWHERE, FROM_ENV",
        "import flags",
        "import flags as f",
        "from dynamic_flags import HIDDEN",
        "from torch.backends import cudnn",
        "if USE_V2:",
        "    model = 'v2'",
        "if flags.DEBUG:",
        "    a()",
        "else:",
        "    b()",
        "y = 1 if f.USE_V2 else 2",
        "if PATCHED or SET_ELSEWHERE or FROM_ENV or HIDDEN:",
        "    pass",
        "if cudnn.enabled:",
        "    pass",
        "def run(USE_V2):",
        "    if USE_V2:",
        "        pass",
        "",
      ].join("\n"),
      "rebinds.py": "from flags import USE_V2\nUSE_V2 = True\nif USE_V2:\n    pass\n",
    },
    "constant-experiment-flag",
  );

  it("stays quiet on flags set elsewhere, patched by tests, read from the environment, looked up dynamically, rebound, shadowed or not from the project", () => {
    expect(project.lint("rebinds.py")).toEqual([]);
    expect(project.lint("train.py").map((message) => message.line)).toEqual([6, 8, 12]);
  });

  it("reports `from m import FLAG`, `m.FLAG` and an aliased module, with the defining file and a related location", () => {
    const messages = project.lint("train.py");
    expect(messages.map(({ messageId, line, column, endColumn }) => ({ messageId, line, column, endColumn }))).toEqual([
      { messageId: "importedFlag", line: 6, column: 4, endColumn: 10 },
      { messageId: "importedFlag", line: 8, column: 4, endColumn: 15 },
      { messageId: "importedFlag", line: 12, column: 10, endColumn: 18 },
    ]);
    expect(messages[0]!.message).toContain("`USE_V2` is set once to False in flags.py (line 2) and nothing in the project changes it, so the branch under it never runs.");
    expect(messages[0]!.message).toContain("⟨related: flags.py:2:1 `USE_V2` is set here⟩");
    expect(messages[1]!.message).toContain("the `else`/`elif` branches never run");
  });

  it("follows relative imports inside a package, under `not`", () => {
    expect(project.lint("pkg/train.py")).toMatchObject([{ messageId: "importedFlag", line: 2, column: 4, endColumn: 14 }]);
    expect(project.lint("pkg/train.py")[0]!.message).toContain("in pkg/settings.py (line 1)");
  });
});
