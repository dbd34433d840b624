import rule from "../../rules/chained-indexing.js";
import { notebook, notebookTester, pythonTester } from "../helpers/rule-tester.js";

const LOAD = "import pandas as pd\ndf = pd.read_csv('x.csv')\n";

pythonTester.run("chained-indexing", rule as never, {
  valid: [
    `${LOAD}df.loc[df['country'] == 'FR', 'vat'] = 0.2`,
    `${LOAD}df['vat'] = 0.2`,
    // reading through two steps is not an assignment
    `${LOAD}v = df[df['a'] > 1]['b']`,
    // numpy arrays and lists of lists index views, not copies
    "import numpy as np\ngrid = np.zeros((3, 3))\ngrid[0][1] = 1",
    "table = [[0] * 3 for _ in range(3)]\ntable[0][1] = 1",
    // a dict of dicts
    "config = {'a': {}}\nconfig['a']['b'] = 1",
    // unknown object
    "def f(frame):\n    frame[m]['b'] = 1",
  ],
  invalid: [
    { code: `${LOAD}df[df['country'] == 'FR']['vat'] = 0.2`, errors: [{ messageId: "chainedAssignment", line: 3, column: 1, endLine: 3, endColumn: 33 }] },
    { code: `${LOAD}df['price'][df['price'] < 0] = 0`, errors: [{ messageId: "chainedAssignment", line: 3, column: 1 }] },
    { code: `${LOAD}df.loc[df.a > 0]['b'] += 1`, errors: [{ messageId: "chainedAssignment", line: 3, column: 1 }] },
    { code: `${LOAD}sub = df[['a', 'b']]\nsub['a'][0] = 1`, errors: [{ messageId: "chainedAssignment", line: 4, column: 1 }] },
  ],
});

notebookTester.run("chained-indexing", rule as never, {
  valid: [],
  invalid: [{ code: notebook(LOAD, "df[df.age > 60]['senior'] = True"), filename: "a.ipynb", errors: [{ messageId: "chainedAssignment", line: 4, column: 1 }] }],
});
