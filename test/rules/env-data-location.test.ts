import rule from "../../rules/env-data-location.js";
import { notebook, projectTester } from "../helpers/rule-tester.js";

const TRAIN = `import os
import pandas as pd
DATA_DIR = os.environ["DATA_DIR"]
df = pd.read_csv(os.path.join(DATA_DIR, "train.csv"))
api_key = os.environ["ACME_API_KEY"]
out = os.getenv("OUTPUT_DIR")
features = pd.read_parquet(os.environ.get("FEATURES"))
verbose = os.getenv("VERBOSE")
rank = int(os.environ["LOCAL_RANK"])
cache = os.getenv("HF_HOME")
source = os.environ.get("SOURCE_FILE", "data/raw.csv")
registry = os.environ["MODEL_REGISTRY"]
warehouse = os.environ["WAREHOUSE_DSN"]
exports = os.environ["EXPORT_DIR"]
`;
const SERVE = 'import os\nmodel_dir = os.environ["DATA_DIR"]\n';
const SETUP = 'import os\nos.environ.setdefault("EXPORT_DIR", "exports")\n';

const project = projectTester({
  ".env.example": "MODEL_REGISTRY=s3://acme-models/registry\n",
  "README.md": "# Churn\n\nSet `WAREHOUSE_DSN` to the read replica before running.\n",
  "Dockerfile": "FROM python:3.12\nENV FEATURE_STORE_URI=s3://acme-features/v2\n",
  "configs/db.yaml": "table: ${oc.env:WAREHOUSE_TABLE}\n",
  "train.py": TRAIN,
  "worker.py": SERVE,
  "setup_env.py": SETUP,
});

project.python.run("env-data-location", rule as never, {
  valid: [
    // DATA_DIR is read first by train.py (file order), which reports it
    { code: SERVE, filename: project.path("worker.py") },
    // a default, declared in code
    { code: 'import os\nroot = os.environ.get("DATASET_ROOT", "data")', filename: project.path("other.py") },
    // declared in a Dockerfile, in a Hydra/OmegaConf config
    { code: 'import os\nuri = os.environ["FEATURE_STORE_URI"]\ntable = os.environ["WAREHOUSE_TABLE"]', filename: project.path("other.py") },
    // ignored by option
    { code: 'import os\nroot = os.environ["SCRATCH_DIR"]', filename: project.path("other.py"), options: [{ ignoreVariables: ["SCRATCH_DIR"] }] },
    // not os.environ: a local mapping named environ, and no import
    { code: 'environ = {"DATA_DIR": "data"}\nroot = environ["DATA_DIR"]', filename: project.path("other.py") },
    { code: 'root = os.environ["DATA_DIR"]', filename: project.path("other.py") },
    // a computed name
    { code: 'import os\nname = input()\nvalue = os.environ[name]', filename: project.path("other.py") },
  ],
  invalid: [
    {
      code: TRAIN,
      filename: project.path("train.py"),
      errors: [
        { messageId: "undeclaredLocation", line: 3, column: 12 },
        { messageId: "undeclaredRequired", line: 5, column: 11 },
        { messageId: "undeclaredLocation", line: 6, column: 7 },
        // named like nothing in particular, but it feeds the path of a read
        { messageId: "undeclaredLocation", line: 7, column: 28 },
      ],
    },
  ],
});

project.notebook.run("env-data-location (notebooks)", rule as never, {
  valid: [],
  invalid: [
    {
      code: notebook("import os", 'bucket = os.environ["RAW_BUCKET"]'),
      filename: project.path("explore.ipynb"),
      errors: [{ messageId: "undeclaredLocation", line: 2, column: 10 }],
    },
  ],
});
