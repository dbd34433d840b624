import rule from "../../rules/notebook-execution-order.js";
import { notebook, notebookTester, pythonTester } from "../helpers/rule-tester.js";

const run = (code: string, executionCount: number | null) => ({ code, executionCount });

notebookTester.run("notebook-execution-order", rule as never, {
  valid: [
    // run top to bottom
    { code: notebook("import pandas as pd", { markdown: "# Load" }, "df = pd.read_csv('x.csv')", "df.head()"), filename: "a.ipynb" },
    // outputs cleared: no counts at all is a clean notebook
    { code: notebook(run("import pandas as pd", null), run("df = pd.read_csv('x.csv')", null)), filename: "a.ipynb" },
    // gaps in the counts (a cell re-run) and empty cells never run are fine
    { code: notebook(run("x = 1", 1), run("", null), run("y = x + 1", 4)), filename: "a.ipynb" },
    // names from builtins, IPython, functions that run later, comprehensions, lambdas, except and with
    { code: notebook("def f():\n    return later * 2", "later = 3\nprint(len([v for v in range(3)]), f(), display, (lambda a: a)(1))", "try:\n    pass\nexcept ValueError as err:\n    print(err)\nwith open('x') as fh:\n    fh.read()"), filename: "a.ipynb" },
    // magics that bring names in: the analysis cannot see them, so it says nothing
    { code: notebook("%run setup.py", "model.fit(X)"), filename: "a.ipynb" },
    { code: notebook("%%capture captured\nprint(1)", "captured.show()"), filename: "a.ipynb" },
    { code: notebook("%time fitted = train()", "fitted.predict([1])"), filename: "a.ipynb" },
    // star imports and dynamic namespaces
    { code: notebook("from helpers import *", "load_all()"), filename: "a.ipynb" },
    { code: notebook("globals()['lr'] = 0.1", "print(lr)"), filename: "a.ipynb" },
    // global declared in a function that runs first
    { code: notebook("def init():\n    global counter\n    counter = 0\ninit()", "counter += 1"), filename: "a.ipynb" },
    // match captures
    { code: notebook("point = (1, 2)\nmatch point:\n    case [x, y]:\n        print(x, y)"), filename: "a.ipynb" },
  ],
  invalid: [
    {
      // cell 3 ran before cell 2 above it
      code: notebook(run("import pandas as pd", 1), run("df = pd.read_csv('x.csv')", 3), run("df = df.dropna()", 2)),
      filename: "a.ipynb",
      errors: [{ messageId: "outOfOrder", line: 3, column: 1 }],
    },
    {
      // one report per notebook, counting the others
      code: notebook(run("a = 1", 5), run("b = 2", 2), run("c = 3", 3), run("d = 4", 1)),
      filename: "a.ipynb",
      errors: [{ messageId: "outOfOrder", line: 2, column: 1, data: { cell: "2", count: "2", earlier: "1", earlierCount: "5", more: " (and 2 more cells ran before a cell above them)" } }],
    },
    {
      code: notebook(run("import numpy as np", 1), { markdown: "## Try" }, run("np.zeros(3)", null), run("np.ones(3)", 2)),
      filename: "a.ipynb",
      errors: [{ messageId: "neverRun", line: 2, column: 1 }],
    },
    {
      // read here, defined in a cell below
      code: notebook("import pandas as pd", "print(df_clean.shape)", { markdown: "## Clean" }, "df_clean = pd.read_csv('x.csv').dropna()"),
      filename: "a.ipynb",
      errors: [{ messageId: "definedBelow", line: 2, column: 7, data: { name: "df_clean", where: "cell 4" } }],
    },
    {
      // state left by a deleted cell; reported once per name
      code: notebook("import pandas as pd", "model.fit(features)\nmodel.score(features)"),
      filename: "a.ipynb",
      errors: [
        { messageId: "undefinedName", line: 2, column: 1 },
        { messageId: "undefinedName", line: 2, column: 11 },
      ],
    },
  ],
});

pythonTester.run("notebook-execution-order", rule as never, {
  // Python files have no cells: the rule has nothing to say about them.
  valid: ["print(undefined_name)\nx = later\nlater = 1"],
  invalid: [],
});
