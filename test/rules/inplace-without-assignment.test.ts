import rule from "../../rules/inplace-without-assignment.js";
import { notebook, notebookTester, pythonTester } from "../helpers/rule-tester.js";

const LOAD = "import pandas as pd\ndf = pd.read_csv('x.csv')\n";

pythonTester.run("inplace-without-assignment", rule as never, {
  valid: [
    `${LOAD}df = df.dropna(subset=['label'])`,
    `${LOAD}df.dropna(subset=['label'], inplace=True)`,
    `${LOAD}df.fillna(0).to_csv('out.csv')`,
    // methods that do change the frame, called as statements
    `${LOAD}df.insert(0, 'id', ids)\ndf.update(other)\ndf.to_csv('x.csv')`,
    // a module's .to() moves the module itself
    "import torch\nmodel = torch.nn.Linear(3, 1)\nmodel.to('cuda')\nmodel.eval()",
    // unknown receivers, lists, look-alikes
    "def clean(frame):\n    frame.dropna()",
    "items = [3, 1]\nitems.sort()\nitems.copy()",
    "import polars as pl\ndf = pl.read_csv('x')\ndf.drop('a')",
    "act = torch.nn.ReLU(inplace=True)",
    "x = df.dropna(inplace=True)",
    // a temporary has no name to assign back to
    `${LOAD}(df + 1).fillna(0)\nprint(1)`,
  ],
  invalid: [
    { code: `${LOAD}df.dropna(subset=['label'])`, errors: [{ messageId: "resultDiscarded", line: 3, column: 1, endLine: 3, endColumn: 28 }] },
    { code: `${LOAD}df['age'].fillna(df['age'].median())`, errors: [{ messageId: "resultDiscarded", line: 3, column: 1 }] },
    { code: `${LOAD}df = df.drop(columns=['id'], inplace=True)`, errors: [{ messageId: "inplaceAssigned", line: 3, column: 6 }] },
    {
      // pandas imported, receiver of unknown kind: `inplace=True` on dropna is pandas' signature
      code: "import pandas as pd\ndef clean(frame):\n    frame = frame.dropna(inplace=True)\n    return frame",
      errors: [{ messageId: "inplaceAssigned", line: 3, column: 13 }],
    },
    {
      code: "import torch\nx = torch.zeros(4, 3)\nx.to('cuda')\nx.add(1)",
      errors: [
        { messageId: "tensorResultDiscarded", line: 3, column: 1 },
        { messageId: "tensorResultDiscarded", line: 4, column: 1 },
      ],
    },
  ],
});

notebookTester.run("inplace-without-assignment", rule as never, {
  // a cell ending in df.head() displays it
  // the last expression of a cell is displayed: showing a result is using it
  valid: [{ code: notebook(LOAD, "df.dropna(axis=1)"), filename: "a.ipynb" }, { code: notebook(LOAD, "df.sort_values('date')", "x = 1"), filename: "a.ipynb" }],
  invalid: [{ code: notebook(LOAD, "df.sort_values('date')\ndf.head()"), filename: "a.ipynb", errors: [{ messageId: "resultDiscarded", line: 4, column: 1 }] }],
});
