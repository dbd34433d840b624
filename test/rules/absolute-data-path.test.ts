import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import rule from "../../rules/absolute-data-path.js";
import plugin from "../../src/index.js";
import { splitRelated } from "../../src/results/related.js";
import { notebook, notebookTester, projectTester, pythonTester, scriptTester } from "../helpers/rule-tester.js";

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

// Paths from config files: reported once in the project, at the first read, with the config line related.
const LOAD = 'import yaml\nimport pandas as pd\nwith open("configs/base.yaml") as f:\n    cfg = yaml.safe_load(f)\n';
const EVAL = `${LOAD}df = pd.read_csv(cfg["data"]["raw"])\n`;
const TRAIN = `${LOAD}train = pd.read_csv(cfg["data"]["raw"])\n`;
const DATASET = `${LOAD}from torchvision.datasets import ImageFolder\nimages = ImageFolder(cfg["data"]["images"])\nout = cfg["data"]["relative"]\n`;
const configProject = projectTester({
  "configs/base.yaml": "data:\n  raw: /home/ana/data/raw.csv\n  images: /mnt/nas/images\n  relative: data/x.csv\n",
  "src/eval.py": EVAL,
  "src/train.py": TRAIN,
  "src/dataset.py": DATASET,
});

configProject.python.run("absolute-data-path (config values)", rule as never, {
  valid: [
    // the same config value, read first by src/eval.py: reported there only
    { code: TRAIN, filename: configProject.path("src/train.py") },
  ],
  invalid: [
    { code: EVAL, filename: configProject.path("src/eval.py"), errors: [{ messageId: "machineSpecific", line: 5, column: 18 }] },
    // a config value no I/O call uses, read for a dataset class: reported at the read
    { code: DATASET, filename: configProject.path("src/dataset.py"), errors: [{ messageId: "machineSpecific", line: 6, column: 22 }] },
  ],
});

describe("absolute-data-path relates the config line", () => {
  it("names the config file and the line of the value, then the other reads", () => {
    const linter = new Linter({ configType: "flat", cwd: configProject.root });
    const [message] = linter.verify(EVAL, [{ files: ["**/*.py"], plugins: { mldebt: plugin as never }, language: "mldebt/python", rules: { "mldebt/absolute-data-path": "warn" } }], configProject.path("src/eval.py"));
    expect(splitRelated(message!.message).related).toEqual([
      { file: "configs/base.yaml", line: 2, column: 8, message: "`data.raw` is set here" },
      { file: "src/train.py", line: 5, column: 21, message: "also read here" },
    ]);
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
