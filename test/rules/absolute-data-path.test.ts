import rule from "../../rules/absolute-data-path.js";
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
