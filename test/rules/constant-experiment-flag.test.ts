import rule from "../../rules/constant-experiment-flag.js";
import { notebook, notebookTester, pythonTester, scriptTester } from "../helpers/rule-tester.js";

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
      code: "USE_CACHE = True\nhit = found or USE_CACHE",
      errors: [{ messageId: "constantFlag", line: 2, column: 16 }],
    },
    {
      code: "if x:\n    pass\nelif False:\n    pass",
      errors: [{ messageId: "literalCondition", line: 3, column: 6 }],
    },
  ],
});

notebookTester.run("constant-experiment-flag (notebooks)", rule as never, {
  valid: [{ code: notebook("USE_AUG = False", "USE_AUG = True", "if USE_AUG:\n    pass"), filename: "nb.ipynb" }],
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
