import { describe, expect, it } from "vitest";
import rule from "../../rules/absolute-data-path.js";
import { splitRelated } from "../../src/results/related.js";
import { projectLinter, type ProjectMessage } from "../helpers/project-lint.js";
import { notebook, notebookTester, pythonTester, scriptTester } from "../helpers/rule-tester.js";

pythonTester.run("absolute-data-path", rule as never, {
  valid: [
    // relative paths inside the project, however they are built
    'import pandas as pd\ndf = pd.read_csv("data/raw.csv")',
    'import pandas as pd\nfrom pathlib import Path\nROOT = Path(__file__).parent\ndf = pd.read_csv(ROOT / "data" / "raw.csv")',
    'import numpy as np\nimport os\nnp.save(os.path.join("models", "w.npy"), w)',
    // URLs are remote data: another rule's concern
    'import pandas as pd\ndf = pd.read_csv("https://example.org/v3/data.csv")',
    // /tmp, /dev/null and container mounts like /data are not one person's machine
    'import pandas as pd\npd.read_csv("/tmp/scratch.csv")\npd.read_csv("/data/train.csv")\nopen("/dev/null", "w")',
    // a look-alike: a local function named read_csv is not pandas
    'def read_csv(path):\n    return path\nread_csv("/home/ana/x.csv")',
    // no import: `pd` is not pandas
    'pd.read_csv("/home/ana/x.csv")',
    // a path-like string never used for I/O
    'MESSAGE = "data used to live in /home/ana/data"\nprint(MESSAGE)',
    // in a comment or docstring
    'def load():\n    """Reads /home/ana/data/x.csv on the old laptop."""\n    # was /Users/li/x.csv\n    return None',
    // `../` from a script in a sub-folder, run from there, stays inside the project
    { code: 'import pandas as pd\npd.read_csv("../shared/regions.csv")', filename: "homework/week2/train.py" },
    // an allowed shared mount
    { code: 'import pandas as pd\npd.read_csv("/mnt/datasets/imagenet/train.csv")', options: [{ allowedPrefixes: ["/mnt/datasets/"] }] },
    { code: 'DATA_ROOT = "/mnt/datasets/coco"\nds = CocoDataset(root=DATA_ROOT)', options: [{ allowedPrefixes: ["/mnt/datasets/"] }] },
    // machine-specific text that is no data location: import paths, messages, comparisons, help text
    'import sys\nsys.path.append("/home/ana/libs")',
    'print("/home/ana/data/x.csv")\nraise FileNotFoundError("/Users/li/x.csv")',
    'import logging\nlogging.warning("/home/ana/x.csv missing")',
    'def fix(path):\n    if path.startswith("/home/ana/"):\n        return path.replace("/home/ana/", "data/")',
    'import argparse\np = argparse.ArgumentParser()\np.add_argument("--data", help="/home/ana/data on the lab machine")',
    // per-user tool folders are at the same place for every user
    'CACHE_DIR = "~/.cache/huggingface"',
    // a positional argument of an unknown call: nothing says it takes a path
    'register("/home/ana/x.csv")',
    // run from its own folder, a script's `../` stays in the project
    { code: 'import os\nMODEL_FILE = os.getenv("MODEL_FILE", "../prediction_service/model.bin")\nmodel = open(MODEL_FILE, "rb")', filename: "homework/monitoring/run.py" },
  ],
  invalid: [
    {
      code: 'import pandas as pd\ndf = pd.read_csv("/home/ana/churn/usage.csv")',
      errors: [{ messageId: "machineSpecific", line: 2, column: 18, endLine: 2, endColumn: 45 }],
    },
    {
      // aliased import and a Windows drive
      code: 'from numpy import load as np_load\nX = np_load("C:/Users/li/features.npy")',
      errors: [{ messageId: "machineSpecific", line: 2, column: 13 }],
    },
    {
      // through a module constant and an f-string
      code: 'import torch\nMODEL_DIR = "/mnt/gpu-box/models"\ntorch.save(model, f"{MODEL_DIR}/resnet.pt")',
      errors: [{ messageId: "machineSpecific", line: 3, column: 19 }],
    },
    {
      code: 'import joblib\njoblib.dump(pipe, "~/models/pipeline.joblib")',
      errors: [{ messageId: "machineSpecific", line: 2, column: 19 }],
    },
    {
      // pickle through open(), reported once at the path
      code: 'import pickle\nwith open("/Users/li/model.pkl", "rb") as f:\n    model = pickle.load(f)',
      errors: [{ messageId: "machineSpecific", line: 2, column: 11 }],
    },
    {
      code: 'import pandas as pd\nlookup = pd.read_csv("../../shared/regions.csv")',
      errors: [{ messageId: "outsideProject", line: 2, column: 22 }],
    },
    {
      // an environment variable's default, joined in a path: reported at the read, not again at the literal
      code: 'import os\nimport pandas as pd\nDATA = os.environ.get("DATA_DIR", "/home/ana/data")\ndf = pd.read_csv(os.path.join(DATA, "x.csv"))',
      errors: [{ messageId: "machineSpecific", line: 4, column: 18 }],
    },
    {
      // a local variable built in a function, through pathlib
      code: 'from pathlib import Path\nimport numpy as np\ndef load():\n    base = Path("/Users/li") / "features"\n    return np.load(base / "X.npy")',
      errors: [{ messageId: "machineSpecific", line: 5, column: 20 }],
    },
    {
      // one constant read twice: reported at its first use only
      code: 'import pandas as pd\nRAW = "/home/ana/raw"\na = pd.read_csv(RAW + "/a.csv")\nb = pd.read_csv(RAW + "/b.csv")',
      errors: [{ messageId: "machineSpecific", line: 3, column: 17 }],
    },
    {
      // paths handed to classes mldebt does not know: reported at the literal
      code: 'from torchvision.datasets import ImageFolder\nDATA_ROOT = "/home/ana/datasets"\ntrain = ImageFolder(root="/mnt/nas/imagenet/train")\nds = MyDataset(DATA_ROOT)',
      errors: [
        { messageId: "machineSpecific", line: 2, column: 13 },
        { messageId: "machineSpecific", line: 3, column: 26 },
      ],
    },
    {
      // a dataclass field default and a function parameter default
      code: 'from dataclasses import dataclass\n@dataclass\nclass Args:\n    data_dir: str = "C:\\\\Users\\\\li\\\\data"\ndef train(out="~/runs/exp1"):\n    pass',
      errors: [
        { messageId: "machineSpecific", line: 4, column: 21 },
        { messageId: "machineSpecific", line: 5, column: 15 },
      ],
    },
    {
      // built from __file__: it climbs out of the project wherever the script is run from
      code: 'import pandas as pd\nfrom pathlib import Path\nHERE = Path(__file__).parent\nlookup = pd.read_csv(HERE / "../../shared/regions.csv")',
      filename: "src/load.py",
      errors: [{ messageId: "outsideProject", line: 4, column: 22 }],
    },
    {
      // out of the project from the root and from the file's own folder
      code: 'import pandas as pd\npd.read_csv("../../../shared/regions.csv")',
      filename: "homework/train.py",
      errors: [{ messageId: "outsideProject", line: 2, column: 13 }],
    },
    {
      // a write is a dependency too
      code: 'import pandas as pd\ndf.to_csv("/content/drive/MyDrive/out.csv")',
      errors: [{ messageId: "machineSpecific", line: 2, column: 11 }],
    },
  ],
});

notebookTester.run("absolute-data-path (notebooks)", rule as never, {
  valid: [{ code: notebook("import pandas as pd", 'df = pd.read_csv("data/raw.csv")'), filename: "nb.ipynb" }],
  invalid: [
    {
      code: notebook("import pandas as pd\n%matplotlib inline", { markdown: "Load" }, 'df = pd.read_csv("/content/drive/MyDrive/x.csv")'),
      filename: "nb.ipynb",
      errors: [{ messageId: "machineSpecific", line: 3, column: 18 }],
    },
  ],
});

// Paths from config files: reported once, on the config line, with every read of the value related.
const LOAD = 'import yaml\nimport pandas as pd\nwith open("configs/base.yaml") as f:\n    cfg = yaml.safe_load(f)\n';
const READ_RAW = `${LOAD}df = pd.read_csv(cfg["data"]["raw"])\n`;
const at = (messages: ProjectMessage[]) => messages.map(({ messageId, line, column, endColumn }) => `${messageId} ${line}:${column}-${endColumn}`);

describe("absolute-data-path on config files: near-misses that stay quiet", () => {
  it.each([
    ["a machine-specific path that no code reads", { "configs/base.yaml": "data:\n  raw: data/raw.csv\n  backup: /home/ana/backup/raw.csv\n", "train.py": READ_RAW }],
    ["a relative path inside the project", { "configs/base.yaml": "data:\n  raw: data/raw.csv\n", "train.py": READ_RAW }],
    ["a DVC-tracked path", { "configs/base.yaml": "data:\n  raw: data/raw.csv\n", "data/raw.csv.dvc": "outs:\n- md5: 1a2b\n  path: raw.csv\n", "train.py": READ_RAW }],
    ["a bucket: unversioned-remote-data's business", { "configs/base.yaml": "data:\n  raw: s3://ml/raw/v3/raw.csv\n", "train.py": READ_RAW }],
    ["/tmp and container mounts", { "configs/base.yaml": "data:\n  raw: /data/raw.csv\n  scratch: /tmp/x.csv\n", "train.py": `${READ_RAW}pd.read_csv(cfg["data"]["scratch"])\n` }],
    ["a key of the same name in a config file no code reads", { "configs/base.yaml": "data:\n  raw: data/raw.csv\n", "configs/old.yaml": "data:\n  raw: /home/ana/raw.csv\n", "train.py": READ_RAW }],
    ["text that starts with a tilde", { "configs/base.yaml": "data:\n  raw: data/raw.csv\nnote: ~ five minutes per epoch\n", "train.py": `${READ_RAW}print(cfg["note"])\n` }],
    ["a value read only through a computed key", { "configs/base.yaml": "data:\n  raw: /home/ana/raw.csv\n", "train.py": `${LOAD}name = input()\ndf = pd.read_csv(cfg["data"][name])\n` }],
  ])("%s", (_, files) => {
    const project = projectLinter(files as Record<string, string>, "absolute-data-path");
    for (const file of Object.keys(files).filter((name) => name.endsWith(".yaml"))) expect(project.lint(file), file).toEqual([]);
  });

  it("a prefix listed in allowedPrefixes", () => {
    const project = projectLinter({ "configs/base.yaml": "data:\n  raw: /mnt/datasets/raw.csv\n", "train.py": READ_RAW }, "absolute-data-path", [{ allowedPrefixes: ["/mnt/datasets/"] }]);
    expect(project.lint("configs/base.yaml")).toEqual([]);
    expect(project.lint("train.py")).toEqual([]);
  });

  it("a path made machine-specific by the code, not by the value: reported at the read, where it is fixed", () => {
    const project = projectLinter({ "configs/base.yaml": "data:\n  name: raw.csv\n", "train.py": `${LOAD}df = pd.read_csv("/mnt/nas/" + cfg["data"]["name"])\n` }, "absolute-data-path");
    expect(project.lint("configs/base.yaml")).toEqual([]);
    expect(at(project.lint("train.py"))).toEqual(["machineSpecific 5:18-51"]);
  });
});

describe("absolute-data-path on config files: values the code reads as data", () => {
  const notebookRead = notebook("import yaml\nimport pandas as pd", 'cfg = yaml.safe_load(open("configs/base.yaml"))\nraw = pd.read_csv(cfg["data"]["raw"])');
  const project = projectLinter(
    {
      "configs/base.yaml": "data:\n  raw: /home/ana/data/raw.csv\n  images: /mnt/nas/images\n  shared: ../shared/regions.csv\n",
      "src/eval.py": READ_RAW,
      "src/train.py": `${LOAD}from torchvision.datasets import ImageFolder\ntrain = pd.read_csv(cfg["data"]["raw"])\nimages = ImageFolder(cfg["data"]["images"])\nregions = pd.read_csv(cfg["data"]["shared"])\n`,
      "explore.ipynb": notebookRead,
    },
    "absolute-data-path",
  );

  it("reports each value once, on its config line, at the value", () => {
    expect(at(project.lint("configs/base.yaml"))).toEqual(["machineSpecificSetting 2:8-30", "machineSpecificSetting 3:11-26", "outsideProjectSetting 4:11-32"]);
  });

  it("names the key and the reading files, and relates every read", () => {
    const [raw, images, shared] = project.lint("configs/base.yaml");
    const { message, related } = splitRelated(raw!.message);
    expect(message).toMatch(/^`data\.raw` is set to '\/home\/ana\/data\/raw\.csv', one person's home directory, and code reads data from it \(explore\.ipynb, src\/eval\.py and src\/train\.py\): .* To fix: bring the data into the project/u);
    expect(related).toEqual([
      { file: "explore.ipynb", cell: 2, line: 2, column: 19, message: "read here" },
      { file: "src/eval.py", line: 5, column: 18, message: "read here" },
      { file: "src/train.py", line: 6, column: 21, message: "read here" },
    ]);
    // a value no I/O call uses, handed to a dataset class: the read is related all the same
    expect(images!.message).toContain("`data.images` is set to '/mnt/nas/images', a disk mounted on one host, and code reads it (src/train.py)");
    expect(splitRelated(images!.message).related).toEqual([{ file: "src/train.py", line: 7, column: 22, message: "read here" }]);
    expect(shared!.message).toContain("`data.shared` is set to '../shared/regions.csv', which climbs out of the project, and code reads data from it (src/train.py)");
  });

  it("stays quiet at the reads in Python files and notebooks", () => {
    expect(project.lint("src/eval.py")).toEqual([]);
    expect(project.lint("src/train.py")).toEqual([]);
    expect(project.lint("explore.ipynb")).toEqual([]);
  });

  it("reports quoted values in JSON and TOML files with their quotes", () => {
    const other = projectLinter(
      {
        "config.json": '{\n  "raw": "C:/Users/li/raw.csv"\n}\n',
        "settings.toml": "[data]\nraw = '~/data/raw.csv'\n",
        "train.py": 'import json, tomllib\nimport pandas as pd\nc = json.load(open("config.json"))\ns = tomllib.load(open("settings.toml", "rb"))\npd.read_csv(c["raw"])\npd.read_csv(s["data"]["raw"])\n',
      },
      "absolute-data-path",
    );
    expect(at(other.lint("config.json"))).toEqual(["machineSpecificSetting 2:10-31"]);
    expect(at(other.lint("settings.toml"))).toEqual(["machineSpecificSetting 2:7-23"]);
    expect(other.lint("train.py")).toEqual([]);
  });
});

scriptTester.run("absolute-data-path (JavaScript/TypeScript)", rule as never, {
  valid: [
    'import fs from "node:fs";\nfs.readFileSync("data/train.json", "utf8");',
    'import * as tf from "@tensorflow/tfjs-node";\nconst model = await tf.loadLayersModel("https://example.org/v2/model.json");',
    // a local function named like fs's is not Node's
    'function readFileSync(path: string) { return path; }\nreadFileSync("/home/ana/x.csv");',
    // no import: `fs` is not Node's fs
    'fs.readFileSync("/home/ana/x.csv");',
    // not used for I/O
    'const NOTE = "/Users/li/data was the old location";\nconsole.log(NOTE);',
  ],
  invalid: [
    {
      code: 'import { readFileSync } from "fs";\nconst rows = readFileSync("/home/ana/churn.csv", "utf8");',
      errors: [{ messageId: "machineSpecific", line: 2, column: 27 }],
    },
    {
      code: 'const fs = require("node:fs/promises");\nconst DATA = "C:\\\\Users\\\\li\\\\train.json";\nawait fs.readFile(DATA);',
      errors: [{ messageId: "machineSpecific", line: 3, column: 19 }],
    },
    {
      code: 'import path from "path";\nimport fs from "fs";\nfs.writeFileSync(path.join("/mnt/share", `run-${id}.json`), out);',
      errors: [{ messageId: "machineSpecific", line: 3, column: 18 }],
    },
    {
      code: 'import * as tf from "@tensorflow/tfjs-node";\nconst ds = tf.data.csv("file://../../shared/train.csv");',
      errors: [{ messageId: "outsideProject", line: 2, column: 24 }],
    },
  ],
});
