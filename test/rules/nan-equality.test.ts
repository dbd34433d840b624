import rule from "../../rules/nan-equality.js";
import { notebook, notebookTester, pythonTester } from "../helpers/rule-tester.js";

pythonTester.run("nan-equality", rule as never, {
  valid: [
    "import numpy as np\nmask = np.isnan(x)",
    "import pandas as pd\ndf = pd.read_csv('x')\nmissing = df[df['age'].isna()]",
    // x != x is the classic NaN test: it works
    "is_nan = x != x",
    // a local variable called nan, no import
    "nan = 0\nif x == nan:\n    pass",
    "if x == np.nan:\n    pass",
    // comparisons with other numpy constants
    "import numpy as np\nif x == np.inf:\n    pass",
    "import numpy as np\nok = np.nan_to_num(x) == 0",
    // a string that only contains nan, or that is built at run time
    "if float('nanny') == x:\n    pass",
    "if float(f'{kind}') == x:\n    pass",
  ],
  invalid: [
    {
      code: "import pandas as pd\nimport numpy as np\ndf = pd.read_csv('x.csv')\nmissing = df[df['age'] == np.nan]",
      errors: [{ messageId: "nanEquality", line: 4, column: 14, endLine: 4, endColumn: 33 }],
    },
    {
      code: "import math\nif value != math.nan:\n    total += value",
      errors: [{ messageId: "nanEquality", line: 2, column: 4 }],
    },
    {
      code: "from numpy import nan as NA\nflags = [v is NA for v in values]",
      errors: [{ messageId: "nanEquality", line: 2, column: 10 }],
    },
    {
      code: "if float('nan') == x:\n    pass",
      errors: [{ messageId: "nanEquality", line: 1, column: 4 }],
    },
    {
      // any quotes: the string's text is what float() reads
      code: 'if x != float("""NaN"""):\n    pass',
      errors: [{ messageId: "nanEquality", line: 1, column: 4 }],
    },
  ],
});

notebookTester.run("nan-equality", rule as never, {
  valid: [{ code: notebook("import numpy as np", "np.isnan(a)"), filename: "a.ipynb" }],
  invalid: [{ code: notebook("import numpy as np", "a[a == np.NaN] = 0"), filename: "a.ipynb", errors: [{ messageId: "nanEquality", line: 2, column: 3 }] }],
});
