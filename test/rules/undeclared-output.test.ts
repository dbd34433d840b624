import rule from "../../rules/undeclared-output.js";
import { notebook, notebookTester, projectTester, pythonTester } from "../helpers/rule-tester.js";

pythonTester.run("undeclared-output", rule as never, {
  valid: [
    // inside the project
    'import pandas as pd\ndf.to_csv("outputs/predictions.csv")',
    'import joblib\njoblib.dump(model, "models/model.joblib")',
    // scratch and platform output folders
    'import pandas as pd\ndf.to_csv("/tmp/predictions.csv")',
    'import joblib\njoblib.dump(model, "/opt/ml/model/model.joblib")',
    'import pandas as pd\ndf.to_csv("/kaggle/working/submission.csv", index=False)',
    // one machine's home: absolute-data-path reports it
    'import pandas as pd\ndf.to_csv("/home/ana/predictions.csv")',
    // reads are not outputs
    'import pandas as pd\npd.read_csv("s3://ml-data/v3/events.csv")',
    // a local database file
    'import sqlite3\nimport pandas as pd\ncon = sqlite3.connect("data/features.db")\ndf.to_sql("features", con)',
    'import pandas as pd\nfrom sqlalchemy import create_engine\nengine = create_engine("sqlite:///data/local.db")\ndf.to_sql("features", engine)',
    // look-alikes: no import, a local function
    'joblib.dump(model, "s3://models/model.joblib")',
    'def save(obj, path):\n    pass\nsave(model, "/srv/models/model.joblib")',
    // a location written on purpose, as a documented interface
    { code: 'import pandas as pd\ndf.to_parquet("s3://exports/churn/scores.parquet")', options: [{ declaredLocations: ["s3://exports/"] }] },
  ],
  invalid: [
    {
      code: 'import pandas as pd\npreds.to_csv("s3://shared-analytics/churn/predictions.csv", index=False)',
      errors: [{ messageId: "sharedLocation", line: 2, column: 14 }],
    },
    {
      code: 'import joblib\nMODEL_STORE = "/srv/models"\njoblib.dump(model, f"{MODEL_STORE}/churn.joblib")',
      errors: [{ messageId: "sharedLocation", line: 3, column: 20 }],
    },
    {
      code: 'import torch\ntorch.save(model.state_dict(), "//fileserver/ml/weights.pt")',
      errors: [{ messageId: "sharedLocation", line: 2, column: 32 }],
    },
    {
      code: 'import pandas as pd\nfrom sqlalchemy import create_engine\nengine = create_engine("postgresql://warehouse/analytics")\nscores.to_sql("churn_scores", engine, if_exists="replace")',
      errors: [{ messageId: "sharedTable", line: 4, column: 15 }],
    },
    {
      code: 'from pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()\npreds.write.mode("overwrite").saveAsTable("prod.churn_predictions")',
      errors: [{ messageId: "sharedTable", line: 3, column: 43 }],
    },
  ],
});

notebookTester.run("undeclared-output (notebooks)", rule as never, {
  valid: [],
  invalid: [
    {
      code: notebook("import pandas as pd", 'scores.to_parquet("gs://team-share/scores.parquet")'),
      filename: "nb.ipynb",
      errors: [{ messageId: "sharedLocation", line: 2, column: 19 }],
    },
  ],
});

// A dvc.yaml stage that declares the bucket as its output.
const EXPORT = 'import pandas as pd\nscores.to_parquet("s3://ml-exports/churn/scores.parquet")\n';
const project = projectTester({
  "dvc.yaml": "stages:\n  export:\n    cmd: python export.py\n    outs:\n    - s3://ml-exports/churn\n",
  "export.py": EXPORT,
});

project.python.run("undeclared-output (declared outputs)", rule as never, {
  valid: [{ code: EXPORT, filename: project.path("export.py") }],
  invalid: [
    {
      code: 'import pandas as pd\nscores.to_parquet("s3://ml-exports/other/scores.parquet")',
      filename: project.path("other.py"),
      errors: [{ messageId: "sharedLocation", line: 2, column: 19 }],
    },
  ],
});
