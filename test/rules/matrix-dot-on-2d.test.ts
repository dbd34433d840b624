import rule from "../../rules/matrix-dot-on-2d.js";
import { notebook, notebookTester, pythonTester } from "../helpers/rule-tester.js";

pythonTester.run("matrix-dot-on-2d", rule as never, {
  valid: [
    "import numpy as np\nA = np.zeros((3, 4))\nB = np.ones((4, 2))\nC = A @ B",
    // vectors: dot is the inner product, as meant
    "import numpy as np\nv = np.arange(3)\nw = np.ones(3)\ns = np.dot(v, w)",
    // a matrix and a vector
    "import numpy as np\nA = np.eye(3)\nx = np.ones(3)\ny = np.dot(A, x)",
    // shapes unknown
    "import numpy as np\ny = np.dot(weights, features)",
    // a local dot, and no import
    "def dot(a, b):\n    return a * b\ndot(A, B)",
    "np.dot(np.eye(2), np.eye(2))",
    // pandas' own DataFrame.dot aligns on labels: another API
    "import pandas as pd\ndf = pd.read_csv('x')\nm = df.dot(other)",
  ],
  invalid: [
    { code: "import numpy as np\nA = np.random.rand(100, 8)\nW = np.zeros((8, 4))\nH = np.dot(A, W)", errors: [{ messageId: "dotOn2d", line: 4, column: 5, endLine: 4, endColumn: 17 }] },
    { code: "import numpy as np\nimport pandas as pd\nX = pd.read_csv('x').values\nG = X.T.dot(X)", errors: [{ messageId: "dotOn2d", line: 4, column: 5 }] },
    {
      // one report per file, counting the others
      code: "import numpy as np\nA = np.eye(3)\nB = A.dot(A)\nC = np.dot(A, A)",
      errors: [{ messageId: "dotOn2d", line: 3, column: 5, data: { call: "A.dot(A)", left: "A", right: "A", more: " (and 1 more `dot` call on matrices in this file)" } }],
    },
    { code: "from numpy import dot, array\nP = dot(array([[1, 2], [3, 4]]), array([[0, 1], [1, 0]]).reshape(2, 2))", errors: [{ messageId: "dotOn2d", line: 2, column: 5 }] },
  ],
});

notebookTester.run("matrix-dot-on-2d", rule as never, {
  valid: [],
  invalid: [{ code: notebook("import numpy as np\nM = np.eye(4)", "M2 = np.dot(M, M)"), filename: "a.ipynb", errors: [{ messageId: "dotOn2d", line: 3, column: 6 }] }],
});
