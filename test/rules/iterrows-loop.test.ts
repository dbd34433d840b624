import rule from "../../rules/iterrows-loop.js";
import { notebook, notebookTester, pythonTester } from "../helpers/rule-tester.js";

pythonTester.run("iterrows-loop", rule as never, {
  valid: [
    "import pandas as pd\ndf = pd.read_csv('x')\ndf['ratio'] = df['a'] / df['b']",
    // polars' row iterator, and a polars frame
    "import polars as pl\ndf = pl.read_csv('x')\nfor row in df.iter_rows():\n    pass",
    "import polars as pl\ndf = pl.read_csv('x')\nfor row in df.iterrows():\n    pass",
    // no pandas in the program: a look-alike object
    "for key, value in table.iterrows():\n    pass",
    // iterating the columns is fine
    "import pandas as pd\ndf = pd.read_csv('x')\nfor name, column in df.items():\n    pass",
  ],
  invalid: [
    {
      code: "import pandas as pd\ndf = pd.read_csv('x.csv')\nfor i, row in df.iterrows():\n    df.loc[i, 'spend'] = row['total'] / row['tenure']",
      errors: [{ messageId: "rowLoop", line: 3, column: 15, endLine: 3, endColumn: 28 }],
    },
    {
      // pandas is used; the frame comes from a parameter
      code: "import pandas as pd\ndef features(frame):\n    for row in frame.itertuples():\n        yield row.a",
      errors: [{ messageId: "rowLoop", line: 3, column: 16 }],
    },
  ],
});

notebookTester.run("iterrows-loop", rule as never, {
  valid: [],
  invalid: [{ code: notebook("import pandas as pd\ndf = pd.read_csv('x')", "for _, r in df.iterrows():\n    print(r)"), filename: "a.ipynb", errors: [{ messageId: "rowLoop", line: 3, column: 13 }] }],
});
