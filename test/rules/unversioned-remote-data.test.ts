import { describe, expect, it } from "vitest";
import rule from "../../rules/unversioned-remote-data.js";
import { splitRelated } from "../../src/results/related.js";
import { projectLinter, type ProjectMessage } from "../helpers/project-lint.js";
import { notebook, notebookTester, pythonTester } from "../helpers/rule-tester.js";

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
      // A model repository is no dataset, and a computed name is shown as written.
      code: 'import argparse\nfrom huggingface_hub import hf_hub_download\nfrom datasets import load_dataset\nparser = argparse.ArgumentParser()\nparser.add_argument("--dataset_name", default=None)\nargs = parser.parse_args()\nw = hf_hub_download("acme/detector", "model.safetensors")\nds = load_dataset(args.dataset_name)',
      errors: [
        { messageId: "unpinnedDataset", line: 7, column: 21, data: { call: 'hf_hub_download("acme/detector")', keyword: "revision", what: "the model repository", effect: "this code runs with other weights and files" } },
        { messageId: "unpinnedDataset", line: 8, column: 19, data: { call: "load_dataset(args.dataset_name)", keyword: "revision", what: "the dataset", effect: "this code trains on different data" } },
      ],
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

// A bucket path in a config file: reported once, on the config line, with every read related.
const LOAD = 'import yaml\nimport pandas as pd\ncfg = yaml.safe_load(open("configs/base.yaml"))\n';
const READ_EVENTS = `${LOAD}events = pd.read_parquet(cfg["data"]["events"])\n`;
const at = (messages: ProjectMessage[]) => messages.map(({ messageId, line, column, endColumn }) => `${messageId} ${line}:${column}-${endColumn}`);

describe("unversioned-remote-data on config files: near-misses that stay quiet", () => {
  it.each([
    ["a bucket no code reads", { "configs/base.yaml": "data:\n  events: s3://ml-data/v3/events.parquet\n  archive: s3://ml-data/latest/archive.parquet\n", "train.py": READ_EVENTS }],
    ["a pinned version in the path", { "configs/base.yaml": "data:\n  events: s3://ml-data/events/2024-05-01/events.parquet\n", "train.py": READ_EVENTS }],
    ["a pinned revision after @", { "configs/base.yaml": "data:\n  events: s3://ml-data/events@4b1f0c2e9d7a/events.parquet\n", "train.py": READ_EVENTS }],
    ["a DVC-tracked local copy", { "configs/base.yaml": "data:\n  events: data/events.parquet\n", "data/events.parquet.dvc": "deps:\n- path: s3://ml-data/latest/events.parquet\nouts:\n- path: events.parquet\n", "train.py": READ_EVENTS }],
    ["a key of the same name in a config file no code reads", { "configs/base.yaml": "data:\n  events: data/events.parquet\n", "configs/old.yaml": "data:\n  events: s3://ml-data/latest/events.parquet\n", "train.py": READ_EVENTS }],
    ["a URL the code writes to, not reads", { "configs/base.yaml": "out:\n  scores: s3://ml-data/latest/scores.csv\n", "train.py": `${LOAD}df.to_csv(cfg["out"]["scores"])\n` }],
    ["an API endpoint fetched with requests", { "configs/base.yaml": "api: https://api.example.org/status\n", "train.py": 'import requests, yaml\ncfg = yaml.safe_load(open("configs/base.yaml"))\nr = requests.get(cfg["api"])\n' }],
    ["a download checked against a known hash", { "configs/base.yaml": "url: https://example.org/data.csv\n", "train.py": 'import pooch, yaml\ncfg = yaml.safe_load(open("configs/base.yaml"))\np = pooch.retrieve(cfg["url"], known_hash="sha256:9f2a")\n' }],
  ])("%s", (_, files) => {
    const project = projectLinter(files as Record<string, string>, "unversioned-remote-data");
    for (const file of Object.keys(files).filter((name) => name.endsWith(".yaml"))) expect(project.lint(file), file).toEqual([]);
  });

  it("a host listed in pinnedHosts", () => {
    const project = projectLinter({ "configs/base.yaml": "data:\n  events: s3://immutable-artifacts/events.parquet\n", "train.py": READ_EVENTS }, "unversioned-remote-data", [{ pinnedHosts: ["immutable-artifacts"] }]);
    expect(project.lint("configs/base.yaml")).toEqual([]);
    expect(project.lint("train.py")).toEqual([]);
  });

  it("a hub dataset named in config: pinned by the revision argument, so reported at the read", () => {
    const project = projectLinter({ "configs/base.yaml": "dataset: acme/support-tickets\n", "train.py": 'import yaml\nfrom datasets import load_dataset\ncfg = yaml.safe_load(open("configs/base.yaml"))\nds = load_dataset(cfg["dataset"])\n' }, "unversioned-remote-data");
    expect(project.lint("configs/base.yaml")).toEqual([]);
    expect(at(project.lint("train.py"))).toEqual(["unpinnedDataset 4:19-33"]);
  });
});

describe("unversioned-remote-data on config files: locations the code reads as data", () => {
  const project = projectLinter(
    {
      "configs/base.yaml": "data:\n  events: s3://ml-data/latest/events.parquet\n  users: 'gs://team-bucket/exports/users.csv'\n",
      "prepare.py": `${LOAD}events = pd.read_parquet(cfg["data"]["events"], columns=["user_id"])\nusers = pd.read_csv(cfg["data"]["users"])\n`,
      "train.py": READ_EVENTS,
    },
    "unversioned-remote-data",
  );

  it("reports each location once, on its config line, at the value (quotes included)", () => {
    expect(at(project.lint("configs/base.yaml"))).toEqual(["movingSetting 2:11-45", "unpinnedSetting 3:10-46"]);
  });

  it("names the key, the moving part and the reading files, and relates every read", () => {
    const [events, users] = project.lint("configs/base.yaml");
    const { message, related } = splitRelated(events!.message);
    expect(message).toMatch(/^`data\.events` is set to 's3:\/\/ml-data\/latest\/events\.parquet', which names a moving version \(`latest`\), and code reads data from it \(prepare\.py and train\.py\): .* To fix: set it to a snapshot/u);
    expect(related).toEqual([
      { file: "prepare.py", line: 4, column: 26, message: "read here" },
      { file: "train.py", line: 4, column: 26, message: "read here" },
    ]);
    expect(users!.message).toContain("`data.users` is set to 'gs://team-bucket/exports/users.csv', which names no version, hash or snapshot, and code reads data from it (prepare.py)");
  });

  it("stays quiet at the reads", () => {
    expect(project.lint("prepare.py")).toEqual([]);
    expect(project.lint("train.py")).toEqual([]);
  });
});
