import rule from "../../rules/schema-less-read.js";
import { notebook, projectTester } from "../helpers/rule-tester.js";

const FIT = "\nmodel = RandomForestClassifier().fit(X, y)\n";
const SK = "import pandas as pd\nfrom sklearn.ensemble import RandomForestClassifier\n";
const PREPARE = 'import pandas as pd\nraw = pd.read_csv("data/raw.csv")\nraw.to_csv("data/clean.csv")\n';
const TRAIN = `${SK}df = pd.read_csv("data/clean.csv")${FIT}`;
const REPORT = 'import pandas as pd\nraw = pd.read_csv("data/report_input.csv")\nraw.to_csv("reports/summary.csv")\n';

const project = projectTester({
  "prepare.py": PREPARE,
  "train.py": TRAIN,
  "report.py": REPORT,
  "dvc.yaml": "stages:\n  features:\n    cmd: python features.py\n    outs:\n    - data/features.csv\n",
});
const path = project.path;

project.python.run("schema-less-read", rule as never, {
  valid: [
    // a table the project writes itself (prepare.py), or a declared stage output
    { code: TRAIN, filename: path("train.py") },
    { code: `${SK}df = pd.read_csv("data/features.csv")${FIT}`, filename: path("x.py") },
    // types or columns fixed at the read
    { code: `${SK}df = pd.read_csv("data/raw.csv", dtype={"id": "string", "churn": "int8"})${FIT}`, filename: path("x.py") },
    { code: `${SK}df = pd.read_parquet("s3://ml/v3/events.parquet", columns=["user", "ts"])${FIT}`, filename: path("x.py") },
    // validated after the read: pandera, a cast with a dict of types, a pipe into a schema
    { code: `${SK}import pandera as pa\nschema = pa.DataFrameSchema({})\ndf = pd.read_csv("data/raw.csv")\ndf = schema.validate(df)${FIT}`, filename: path("x.py") },
    { code: `${SK}df = pd.read_csv("data/raw.csv").astype({"churn": "int8"})${FIT}`, filename: path("x.py") },
    { code: `${SK}df = pd.read_csv("data/raw.csv")\ndf = df.pipe(schema.validate)${FIT}`, filename: path("x.py") },
    { code: `${SK}df = check_churn_schema(pd.read_csv("data/raw.csv"))${FIT}`, filename: path("x.py") },
    { code: `${SK}TYPES = {"churn": "int8"}\ndf = pd.read_csv("data/raw.csv")\ndf = df.astype(TYPES)${FIT}`, filename: path("x.py") },
    // no training here or downstream: a report
    { code: REPORT, filename: path("report.py") },
    // not pandas: no import, a local function
    { code: `from sklearn.ensemble import RandomForestClassifier\ndf = pd.read_csv("data/raw.csv")${FIT}`, filename: path("x.py") },
    { code: `from sklearn.ensemble import RandomForestClassifier\ndef read_csv(p):\n    return p\ndf = read_csv("data/raw.csv")${FIT}`, filename: path("x.py") },
    // json and yaml configs are no tables
    { code: `${SK}import json\nparams = json.load(open("params.json"))${FIT}`, filename: path("x.py") },
  ],
  invalid: [
    {
      // its output feeds train.py, which trains
      code: PREPARE,
      filename: path("prepare.py"),
      errors: [{ messageId: "noSchema", line: 2, column: 7 }],
    },
    {
      code: `${SK}events = pd.read_parquet("s3://ml-data/v3/events.parquet")\nusers = pd.read_csv("/mnt/warehouse/users.csv")${FIT}`,
      filename: path("x.py"),
      errors: [
        { messageId: "noSchema", line: 3, column: 10 },
        { messageId: "noSchema", line: 4, column: 9 },
      ],
    },
    {
      // casting some columns to one type is no schema
      code: `${SK}df = pd.read_parquet("data/trips.parquet")\ndf[["a", "b"]] = df[["a", "b"]].astype(str)${FIT}`,
      filename: path("x.py"),
      errors: [{ messageId: "noSchema", line: 3, column: 6 }],
    },
    {
      // a location given on the command line
      code: `${SK}import argparse\np = argparse.ArgumentParser()\np.add_argument("--train")\nargs = p.parse_args()\ndf = pd.read_csv(args.train)${FIT}`,
      filename: path("x.py"),
      errors: [{ messageId: "noSchema", line: 7, column: 6 }],
    },
  ],
});

project.notebook.run("schema-less-read (notebooks)", rule as never, {
  valid: [
    // exploration that trains nothing
    { code: notebook("import pandas as pd", 'df = pd.read_csv("data/raw.csv")'), filename: path("explore.ipynb") },
  ],
  invalid: [
    {
      code: notebook(SK, 'df = pd.read_csv("data/raw.csv")', "model = RandomForestClassifier().fit(df[['a']], df['y'])"),
      filename: path("model.ipynb"),
      errors: [{ messageId: "noSchema", line: 4, column: 6 }],
    },
  ],
});
