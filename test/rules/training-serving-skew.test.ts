import rule from "../../rules/training-serving-skew.js";
import { inProject } from "../helpers/project-case.js";
import { notebook, notebookTester, pythonTester } from "../helpers/rule-tester.js";

const FEATURES = ['df["log_income"] = np.log1p(df["income"])', 'df["age_years"] = df["age_days"] / 365', 'df["is_member"] = (df["plan"] == "member").astype(int)'];
const TRAIN = `import numpy as np\nimport pandas as pd\nfrom sklearn.linear_model import LogisticRegression\ndf = pd.read_csv("data/train.csv")\n${FEATURES.join("\n")}\nmodel = LogisticRegression().fit(df[["log_income", "age_years", "is_member"]], df["label"])\n`;
const serving = (features: string[], name = "df") =>
  `import joblib\nimport numpy as np\nimport pandas as pd\n\n\ndef predict(${name}):\n    model = joblib.load("models/model.joblib")\n${features.map((line) => `    ${line.replaceAll("df[", `${name}[`)}`).join("\n")}\n    return model.predict(${name}[["log_income", "age_years", "is_member"]])\n`;

pythonTester.run("training-serving-skew", rule as never, {
  valid: [
    inProject("both sides import one feature function", {
      "features.py": `import numpy as np\n\ndef add_features(df):\n${FEATURES.map((line) => `    ${line}`).join("\n")}\n    return df\n`,
      "train.py": 'import pandas as pd\nfrom features import add_features\ndf = add_features(pd.read_csv("data/train.csv"))\nmodel.fit(df, df["label"])\n',
      "predict.py": "import joblib\nfrom features import add_features\n\ndef predict(df):\n    return joblib.load('m.joblib').predict(add_features(df))\n",
    }, "predict.py"),
    inProject("two equal statements are below the threshold", { "train.py": TRAIN, "predict.py": serving(FEATURES.slice(0, 2)) }, "predict.py"),
    inProject("other columns are other features", { "train.py": TRAIN, "predict.py": serving(FEATURES.map((line) => line.replace("income", "salary").replace("age_days", "tenure_days").replace("member", "premium"))) }, "predict.py"),
    inProject("the training side is not reported", { "train.py": TRAIN, "predict.py": serving(FEATURES) }, "train.py"),
    inProject("no training code to copy from", { "report.py": `import numpy as np\nimport pandas as pd\ndf = pd.read_csv("x.csv")\n${FEATURES.join("\n")}\n`, "predict.py": serving(FEATURES) }, "predict.py"),
    { ...inProject("a higher threshold in options", { "train.py": TRAIN, "predict.py": serving(FEATURES) }, "predict.py"), options: [{ minStatements: 4 }] },
  ],
  invalid: [
    {
      ...inProject("the feature code copied into prediction", { "train.py": TRAIN, "predict.py": serving(FEATURES) }, "predict.py"),
      errors: [{ messageId: "copiedTransforms", line: 8, column: 5, endLine: 10, endColumn: 59 }],
    },
    {
      ...inProject("copied with the variable renamed, into a module that predicts", { "train.py": TRAIN, "api/handler.py": serving(FEATURES, "request_frame") }, "api/handler.py"),
      errors: [{ messageId: "copiedTransforms", line: 8 }],
    },
  ],
});

notebookTester.run("training-serving-skew (notebooks)", rule as never, {
  valid: [],
  invalid: [
    {
      ...inProject("a scoring notebook copying the training script", { "train.py": TRAIN, "score.ipynb": notebook("import numpy as np\nimport pandas as pd", 'df = pd.read_csv("data/new.csv")', FEATURES.join("\n")) }, "score.ipynb"),
      errors: [{ messageId: "copiedTransforms", line: 4, column: 1 }],
    },
  ],
});
