import rule from "../../rules/dataframe-values.js";
import { notebook, notebookTester, pythonTester } from "../helpers/rule-tester.js";

pythonTester.run("dataframe-values", rule as never, {
  valid: [
    "import pandas as pd\ndf = pd.read_csv('x')\nX = df.to_numpy()",
    // a dict's values() is a method call
    "counts = {'a': 1}\ntotal = sum(counts.values())",
    // unknown objects: an Enum, an xarray, a parameter
    "def f(thing):\n    return thing.values",
    // a polars frame is not pandas
    "import polars as pl\ndf = pl.read_csv('x')\nv = df.values",
    // no import at all
    "df = read_csv('x')\nX = df.values",
    // a column called values, written as a subscript, is fine
    "import pandas as pd\ndf = pd.read_csv('x')\ns = df['values']",
  ],
  invalid: [
    {
      code: "import pandas as pd\ndf = pd.read_csv('x.csv')\nX = df.drop(columns=['y']).values\ny = df['y'].values",
      errors: [
        { messageId: "values", line: 3, column: 5, endLine: 3, endColumn: 34 },
        { messageId: "values", line: 4, column: 5 },
      ],
    },
    {
      // through an annotated parameter
      code: "import pandas as pd\ndef features(frame: pd.DataFrame):\n    return frame[COLS].values",
      errors: [{ messageId: "values", line: 3, column: 12 }],
    },
  ],
});

notebookTester.run("dataframe-values", rule as never, {
  valid: [],
  invalid: [{ code: notebook("import pandas as pd\ndf = pd.read_parquet('x')", "arr = df.values"), filename: "a.ipynb", errors: [{ messageId: "values", line: 3, column: 7 }] }],
});
