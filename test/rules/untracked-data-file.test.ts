import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import rule from "../../rules/untracked-data-file.js";
import plugin from "../../src/index.js";
import { splitRelated } from "../../src/results/related.js";
import { notebook, projectTester } from "../helpers/rule-tester.js";

const TRAIN = `import pandas as pd
import numpy as np
import yaml
from datasets import load_from_disk
params = yaml.safe_load(open("params.yaml"))
raw = pd.read_csv("data/raw.csv")
images = load_from_disk("data/images/train")
lookup = pd.read_csv("data/lookup.csv")
features = pd.read_parquet("data/features.parquet")
external = np.load("data/external.npy")
weights = np.load("models/weights.h5")
events = pd.read_csv("data/raw/events.csv")
missing = pd.read_csv("data/missing.csv")
big = pd.read_csv("data/big.csv")
`;
const DOWNLOAD = 'import numpy as np\nnp.save("data/external.npy", np.zeros(3))\n';
const PREPARE = 'import pandas as pd\nlocal = pd.read_csv("data/local.csv")\n';
const EXPLORE_CELLS = ["import pandas as pd", 'missing = pd.read_csv("data/missing.csv")'];
const SAME_NAME = 'def read_csv(path):\n    return path.upper()\nx = read_csv("data/nowhere.csv")\n';

const project = projectTester({
  ".gitignore": "data/raw/\n*.parquet\n/data/raw.csv\n",
  ".gitattributes": "*.h5 filter=lfs diff=lfs merge=lfs -text\n",
  "params.yaml": "seed: 1\n",
  "data/raw.csv.dvc": "outs:\n- md5: 1f2e\n  path: raw.csv\n",
  "data/images.dvc": "outs:\n- md5: 9a8b.dir\n  path: images\n",
  "data/lookup.csv": "id,name\n1,a\n",
  "data/big.csv": "x\n".repeat(2048),
  "data/raw/events.csv": "user,ts\n",
  "dvc.yaml": "stages:\n  prepare:\n    cmd: python src/prepare.py\n    outs:\n    - data/features.parquet\n",
  "src/data/local.csv": "a\n1\n",
  "src/prepare.py": PREPARE,
  "src/download.py": DOWNLOAD,
  "train.py": TRAIN,
  "explore.ipynb": notebook(...EXPLORE_CELLS),
  "same_name.py": SAME_NAME,
});

project.python.run("untracked-data-file", rule as never, {
  valid: [
    // read from the folder of the module that runs it (src/data/local.csv is committed)
    { code: PREPARE, filename: project.path("src/prepare.py") },
    // a writer, not a reader
    { code: DOWNLOAD, filename: project.path("src/download.py") },
    // a local function named read_csv is not pandas
    { code: SAME_NAME, filename: project.path("same_name.py") },
    // no import: not pandas
    { code: 'df = pd.read_csv("data/missing_too.csv")', filename: project.path("no_import.py") },
    // a pattern, and a path from a parameter: nothing to look up
    { code: 'import pandas as pd\ndef load(name):\n    return pd.read_csv(f"data/{name}.csv")', filename: project.path("patterns.py") },
    // reads the code makes only when the file is there
    { code: 'import os\nimport pickle\nif os.path.exists("data/meta.pkl"):\n    with open("data/meta.pkl", "rb") as f:\n        meta = pickle.load(f)', filename: project.path("optional.py") },
    { code: 'import pandas as pd\ntry:\n    cache = pd.read_csv("data/cache.csv")\nexcept FileNotFoundError:\n    cache = None', filename: project.path("optional.py") },
    // files the module fetches while it runs: a shell download, MLflow artifacts into a folder
    { code: 'import subprocess\nimport pandas as pd\nsubprocess.run(["aws", "s3", "cp", "s3://b/results/", "./", "--recursive"])\nrun_id = open("run_id.txt").read()', filename: project.path("fetch.py") },
    { code: 'import pickle\nfrom mlflow.tracking import MlflowClient\nclient = MlflowClient()\nclient.download_artifacts("abc", "preprocessor", "artifacts")\nwith open("artifacts/preprocessor/dv.b", "rb") as f:\n    dv = pickle.load(f)', filename: project.path("fetch.py") },
    // written by the same code, under the name the library gives it
    { code: 'import numpy as np\nnp.save("data/my_array", a)\nb = np.load("data/my_array.npy")', filename: project.path("arrays.py") },
    { code: 'import tensorflow as tf\ncb = tf.keras.callbacks.ModelCheckpoint("best.keras")\nmodel = tf.keras.models.load_model("best.keras")', filename: project.path("keras_ckpt.py") },
    // the limit raised: the committed file is fine
    { code: 'import pandas as pd\nbig = pd.read_csv("data/big.csv")', filename: project.path("big.py"), options: [{ maxCommittedMegabytes: 1 }] },
  ],
  invalid: [
    {
      // DVC-tracked file and folder, committed file, declared output, written by code, LFS, config: all quiet.
      // data/missing.csv is read first by explore.ipynb, which reports it.
      code: TRAIN,
      filename: project.path("train.py"),
      options: [{ maxCommittedMegabytes: 0.001 }],
      errors: [
        { messageId: "untracked", line: 12, column: 22 },
        { messageId: "tooLarge", line: 14, column: 19 },
      ],
    },
  ],
});

project.notebook.run("untracked-data-file (notebooks)", rule as never, {
  valid: [
    // the notebook downloads its data first
    { code: notebook("!wget -P data https://example.org/v1/trips.parquet", "import pandas as pd\ndf = pd.read_parquet('data/trips.parquet')"), filename: project.path("download.ipynb") },
  ],
  invalid: [
    {
      code: notebook(...EXPLORE_CELLS),
      filename: project.path("explore.ipynb"),
      errors: [{ messageId: "untracked", line: 2, column: 23 }],
    },
  ],
});

describe("untracked-data-file", () => {
  it("relates the other reads of the same file, with the notebook read placed in its cell", () => {
    const linter = new Linter({ configType: "flat", cwd: project.root });
    const config = [{ files: ["**/*.py"], plugins: { mldebt: plugin as never }, language: "mldebt/python", rules: { "mldebt/untracked-data-file": "warn" } }];
    const [first] = linter.verify('import pandas as pd\nx = pd.read_csv("data/missing.csv")\n', config, project.path("another.py"));
    expect(first!.messageId).toBe("untracked");
    expect(splitRelated(first!.message).related).toEqual([
      { file: "explore.ipynb", cell: 2, line: 1, column: 23, message: "also read here" },
      { file: "train.py", line: 13, column: 23, message: "also read here" },
    ]);
  });
});
