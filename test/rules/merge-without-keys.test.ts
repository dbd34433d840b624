import rule from "../../rules/merge-without-keys.js";
import { notebook, notebookTester, pythonTester } from "../helpers/rule-tester.js";

pythonTester.run("merge-without-keys", rule as never, {
  valid: [
    "import pandas as pd\nm = pd.merge(a, b, on='id', how='left', validate='one_to_one')",
    "import pandas as pd\nm = pd.merge(a, b, 'left', 'id')",
    "import pandas as pd\nleft = pd.read_csv('a')\nm = left.merge(right, left_on='cid', right_on='id')",
    "import pandas as pd\nleft = pd.read_csv('a')\nm = left.merge(right, left_index=True, right_index=True)",
    "import pandas as pd\nm = pd.merge(a, b, **keys)",
    // unknown receivers and polars frames
    "def f(x, y):\n    return x.merge(y)",
    "import polars as pl\nleft = pl.read_csv('a')\nm = left.merge(right)",
    // a local merge function
    "def merge(a, b):\n    return a\nm = merge(x, y)",
  ],
  invalid: [
    { code: "import pandas as pd\nm = pd.merge(customers, usage)", errors: [{ messageId: "noKeys", line: 2, column: 5, endLine: 2, endColumn: 31 }] },
    { code: "import pandas as pd\ncustomers = pd.read_csv('c.csv')\nm = customers.merge(usage, how='left')", errors: [{ messageId: "noKeys", line: 3, column: 5 }] },
  ],
});

notebookTester.run("merge-without-keys", rule as never, {
  valid: [],
  invalid: [{ code: notebook("from pandas import merge", "m = merge(a, b)"), filename: "a.ipynb", errors: [{ messageId: "noKeys", line: 2, column: 5 }] }],
});
