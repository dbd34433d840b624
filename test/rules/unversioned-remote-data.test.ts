import rule from "../../rules/unversioned-remote-data.js";
import { notebook, notebookTester, projectTester, pythonTester } from "../helpers/rule-tester.js";

pythonTester.run("unversioned-remote-data", rule as never, {
  valid: [
    // pinned: a commit, a version, a date, an object version, a hash in the name, a revision
    'import pandas as pd\npd.read_csv("https://raw.githubusercontent.com/acme/data/4b1f0c2e9d7a8b6c5e3f1a0d9c8b7a6e5f4d3c2b/plans.csv")',
    'import pandas as pd\npd.read_csv("https://example.org/v3/data.csv")',
    'import pandas as pd\npd.read_parquet("s3://ml-data/clicks/2024-05-01/part.parquet")',
    'import pandas as pd\npd.read_csv("https://storage.googleapis.com/b/x.csv?generation=1714557000")',
    'import torch\nsd = torch.hub.load_state_dict_from_url("https://download.pytorch.org/models/resnet50-0676ba61.pth")',
    'from datasets import load_dataset\nds = load_dataset("imdb", revision="e6281661ce1c48d982bc483cf8a173c1bbeb5d31")',
    'from sklearn.datasets import fetch_openml\nX = fetch_openml("mnist_784", version=1)',
    // a download checked against a known hash
    'import pooch\np = pooch.retrieve("https://example.org/data.csv", known_hash="sha256:9f2a")',
    'import pooch\np = pooch.retrieve("https://example.org/data.csv", "md5:9f2a")',
    // local files, and load_dataset's local builders
    'import pandas as pd\npd.read_csv("data/raw.csv")',
    'from datasets import load_dataset\nds = load_dataset("csv", data_files="data/train.csv")',
    // an HTTP API call is not a data file
    'import requests\nr = requests.get("https://api.example.org/status")',
    // unknown parts may hold the version
    'import pandas as pd\ndef load(version):\n    return pd.read_csv(f"s3://ml-data/{version}/clicks.csv")',
    // writes are undeclared-output's business
    'import pandas as pd\ndf.to_csv("s3://ml-data/latest/predictions.csv")',
    // look-alikes: no pandas import, a local function, a polars frame's own method
    'read_csv("s3://ml-data/latest/clicks.csv")',
    'def load_dataset(name):\n    return name\nds = load_dataset("imdb")',
    // a query that reads a snapshot, a dated table, a query mldebt cannot read
    'import pandas as pd\npd.read_sql("SELECT * FROM events FOR SYSTEM_TIME AS OF \'2024-05-01\'", con)',
    'import pandas as pd\npd.read_sql_table("events_2024_05_01", con)',
    'import pandas as pd\npd.read_sql(open("q.sql").read(), con)',
    // a host declared immutable
    { code: 'import pandas as pd\npd.read_csv("https://artifacts.acme.internal/churn/plans.csv")', options: [{ pinnedHosts: ["artifacts.acme.internal"] }] },
  ],
  invalid: [
    {
      code: 'import pandas as pd\nclicks = pd.read_parquet("s3://ml-data/latest/clicks.parquet")',
      errors: [{ messageId: "movingLocation", line: 2, column: 26 }],
    },
    {
      code: 'import pandas as pd\nURL = "https://raw.githubusercontent.com/acme/data/main/regions.csv"\nregions = pd.read_csv(URL)',
      errors: [{ messageId: "movingLocation", line: 3, column: 23 }],
    },
    {
      code: 'import pandas as pd\nadult = pd.read_csv("https://archive.ics.uci.edu/ml/machine-learning-databases/adult/adult.data", header=None)',
      errors: [{ messageId: "unpinnedLocation", line: 2, column: 21 }],
    },
    {
      code: 'import polars as pl\ndf = pl.read_csv("gs://team-bucket/exports/customers.csv")',
      errors: [{ messageId: "unpinnedLocation", line: 2, column: 18 }],
    },
    {
      // aliased import
      code: 'from datasets import load_dataset as ld\nds = ld("acme/support-tickets")',
      errors: [{ messageId: "unpinnedDataset", line: 2, column: 9 }],
    },
    {
      code: 'from datasets import load_dataset\nds = load_dataset("imdb", revision="main")',
      errors: [{ messageId: "movingRevision", line: 2, column: 19 }],
    },
    {
      code: 'from sklearn.datasets import fetch_openml\nX = fetch_openml("adult")',
      errors: [{ messageId: "unpinnedDataset", line: 2, column: 18 }],
    },
    {
      code: 'import urllib.request\nurllib.request.urlretrieve("https://example.org/files/train.zip", "data/train.zip")',
      errors: [{ messageId: "unpinnedLocation", line: 2, column: 28 }],
    },
    {
      code: 'import requests\nr = requests.get("https://example.org/exports/latest.csv")',
      errors: [{ messageId: "movingLocation", line: 2, column: 18 }],
    },
    {
      code: 'import tensorflow as tf\np = tf.keras.utils.get_file("x.csv", "https://example.org/exports/x.csv")',
      errors: [{ messageId: "unpinnedLocation", line: 2, column: 38 }],
    },
    {
      code: 'import pandas as pd\nevents = pd.read_sql("SELECT user_id, ts FROM analytics.events e JOIN users u ON e.user_id = u.id", con)',
      errors: [{ messageId: "liveTable", line: 2, column: 22 }],
    },
    {
      code: 'import pandas as pd\nusers = pd.read_sql_table("users", engine)',
      errors: [{ messageId: "liveTable", line: 2, column: 27 }],
    },
    {
      code: 'from pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()\ndf = spark.table("prod.transactions")',
      errors: [{ messageId: "liveTable", line: 3, column: 18 }],
    },
  ],
});

notebookTester.run("unversioned-remote-data (notebooks)", rule as never, {
  valid: [{ code: notebook("import pandas as pd", 'df = pd.read_csv("https://example.org/v2/data.csv")'), filename: "nb.ipynb" }],
  invalid: [
    {
      code: notebook("import pandas as pd", { markdown: "Load" }, 'df = pd.read_csv("s3://ml-data/current/users.csv")'),
      filename: "nb.ipynb",
      errors: [{ messageId: "movingLocation", line: 2, column: 18 }],
    },
  ],
});

// A bucket path in a config file: reported once, at the first read, with the config line related.
const LOAD = 'import yaml\nimport pandas as pd\ncfg = yaml.safe_load(open("configs/base.yaml"))\n';
const PREPARE = `${LOAD}events = pd.read_parquet(cfg["data"]["events"], columns=["user_id"])\n`;
const TRAIN = `${LOAD}events = pd.read_parquet(cfg["data"]["events"])\n`;
const project = projectTester({
  "configs/base.yaml": "data:\n  events: s3://ml-data/latest/events.parquet\n",
  "prepare.py": PREPARE,
  "train.py": TRAIN,
});

project.python.run("unversioned-remote-data (config values)", rule as never, {
  valid: [{ code: TRAIN, filename: project.path("train.py") }],
  invalid: [{ code: PREPARE, filename: project.path("prepare.py"), errors: [{ messageId: "movingLocation", line: 4, column: 26 }] }],
});
