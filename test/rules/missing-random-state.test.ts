import rule from "../../rules/missing-random-state.js";
import { notebook, notebookTester, pythonTester } from "../helpers/rule-tester.js";

pythonTester.run("missing-random-state", rule as never, {
  valid: [
    // seeds passed, from config or literal
    "from sklearn.model_selection import train_test_split\nX_tr, X_te = train_test_split(X, random_state=cfg['seed'])",
    "from sklearn.ensemble import RandomForestClassifier\nRandomForestClassifier(n_estimators=100, random_state=SEED)",
    // folds that do not shuffle are not random
    "from sklearn.model_selection import KFold, StratifiedKFold\nKFold(5)\nStratifiedKFold(n_splits=5, shuffle=False)",
    // an unshuffled split
    "from sklearn.model_selection import train_test_split\ntrain_test_split(X, shuffle=False)",
    // numpy's global generator seeded first: sklearn draws from it
    "import numpy as np\nfrom sklearn.cluster import KMeans\nnp.random.seed(0)\nKMeans(8)",
    // a shuffling DataLoader with a seeded generator, or after torch.manual_seed
    "import torch\nfrom torch.utils.data import DataLoader\nDataLoader(ds, shuffle=True, generator=torch.Generator().manual_seed(0))",
    "import torch\nfrom torch.utils.data import DataLoader\ntorch.manual_seed(0)\nDataLoader(ds, batch_size=32, shuffle=True)",
    "from torch.utils.data import DataLoader\nDataLoader(ds, batch_size=32)",
    // deterministic estimators need no seed (Isomap has no random_state at all)
    "from sklearn.linear_model import LinearRegression\nfrom sklearn.neighbors import KNeighborsClassifier\nfrom sklearn.manifold import Isomap\nLinearRegression()\nKNeighborsClassifier(3)\nIsomap(n_components=2)",
    // look-alikes: a local function, no import, keyword arguments passed through
    "def train_test_split(X):\n    return X[:10], X[10:]\ntrain_test_split(X)",
    "RandomForestClassifier(n_estimators=10)",
    "from sklearn.ensemble import RandomForestClassifier\nRandomForestClassifier(**params)",
  ],
  invalid: [
    {
      code: "from sklearn.model_selection import train_test_split\nX_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2)",
      errors: [{ messageId: "missingRandomState", line: 2, column: 26, endLine: 2, endColumn: 42 }],
    },
    {
      // aliased imports, an explicit None, shuffled folds
      code: "import sklearn.ensemble as ens\nfrom sklearn.model_selection import KFold as KF\nens.GradientBoostingClassifier(random_state=None)\nKF(5, shuffle=True)",
      errors: [
        { messageId: "missingRandomState", line: 3, column: 1 },
        { messageId: "missingRandomState", line: 4, column: 1 },
      ],
    },
    {
      // a seed after the call comes too late
      code: "import numpy as np\nfrom sklearn.cluster import KMeans\nkm = KMeans(8)\nnp.random.seed(0)",
      errors: [{ messageId: "missingRandomState", line: 3, column: 6 }],
    },
    {
      code: "from torch.utils.data import DataLoader, random_split\ntrain, val = random_split(ds, [800, 200])\nloader = DataLoader(train, batch_size=32, shuffle=True)",
      errors: [
        { messageId: "missingGenerator", line: 2, column: 14 },
        { messageId: "missingGenerator", line: 3, column: 10 },
      ],
    },
    {
      code: "from imblearn.over_sampling import SMOTE\nX_res, y_res = SMOTE().fit_resample(X, y)",
      errors: [{ messageId: "missingRandomState", line: 2, column: 16 }],
    },
  ],
});

notebookTester.run("missing-random-state", rule as never, {
  valid: [{ code: notebook("import numpy as np\nnp.random.seed(1)", "from sklearn.ensemble import RandomForestClassifier\nRandomForestClassifier()"), filename: "nb.ipynb" }],
  invalid: [
    {
      code: notebook("from sklearn.ensemble import RandomForestClassifier", { markdown: "## Model" }, "model = RandomForestClassifier(n_estimators=300)"),
      filename: "nb.ipynb",
      errors: [{ messageId: "missingRandomState", line: 2, column: 9 }],
    },
  ],
});
