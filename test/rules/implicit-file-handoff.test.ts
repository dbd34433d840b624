import rule from "../../rules/implicit-file-handoff.js";
import { inProject } from "../helpers/project-case.js";
import { notebook, notebookTester, pythonTester } from "../helpers/rule-tester.js";

const PREPARE = 'import pandas as pd\nraw = pd.read_csv("data/raw.csv")\nraw.dropna().to_csv("data/clean.csv", index=False)\n';
const TRAIN = 'import pandas as pd\ndf = pd.read_csv("data/clean.csv")\nprint(len(df))\n';
const DVC = [
  "stages:",
  "  prepare:",
  "    cmd: python prepare.py",
  "    deps: [prepare.py, data/raw.csv]",
  "    outs: [data/clean.csv]",
  "  train:",
  "    cmd: python train.py",
  "    deps: [train.py, data/clean.csv]",
  "",
].join("\n");

pythonTester.run("implicit-file-handoff", rule as never, {
  valid: [
    inProject("declared in dvc.yaml (deps and outs)", { "prepare.py": PREPARE, "train.py": TRAIN, "dvc.yaml": DVC }, "train.py"),
    inProject("declared by a dvc.yaml output directory", { "prepare.py": PREPARE, "train.py": TRAIN, "dvc.yaml": "stages:\n  prepare:\n    cmd: python prepare.py\n    outs: [data]\n" }, "train.py"),
    inProject("declared by Makefile file targets", { "prepare.py": PREPARE, "train.py": TRAIN, Makefile: "data/clean.csv: prepare.py data/raw.csv\n\tpython prepare.py\nmodel.pkl: train.py data/clean.csv\n\tpython train.py\n" }, "train.py"),
    inProject("ordered by Makefile prerequisites of phony targets", { "prepare.py": PREPARE, "train.py": TRAIN, Makefile: ".PHONY: prepare train\nprepare:\n\tpython prepare.py\ntrain: prepare\n\tpython train.py\n" }, "train.py"),
    inProject(
      "ordered by an Airflow DAG (`>>`)",
      {
        "prepare.py": PREPARE,
        "train.py": TRAIN,
        "dags/churn.py": 'from airflow import DAG\nfrom airflow.operators.bash import BashOperator\nwith DAG("churn") as dag:\n    prep = BashOperator(task_id="prepare", bash_command="python prepare.py")\n    fit = BashOperator(task_id="train", bash_command="python train.py")\n    prep >> fit\n',
      },
      "train.py",
    ),
    inProject(
      "one program: the reader imports the function that writes and calls it",
      { "prepare.py": 'import pandas as pd\n\ndef prepare():\n    pd.read_csv("data/raw.csv").to_csv("data/clean.csv")\n', "train.py": 'import pandas as pd\nfrom prepare import prepare\nprepare()\ndf = pd.read_csv("data/clean.csv")\n' },
      "train.py",
    ),
    inProject(
      "one program: a driver imports both steps and calls them in turn",
      {
        "prepare.py": 'import pandas as pd\n\ndef main():\n    pd.read_csv("data/raw.csv").to_csv("data/clean.csv")\n',
        "train.py": 'import pandas as pd\n\ndef main():\n    return pd.read_csv("data/clean.csv")\n',
        "run.py": "import prepare\nimport train\nprepare.main()\ntrain.main()\n",
      },
      "train.py",
    ),
    inProject("one file writes and reads its own cache", { "cache.py": 'import pandas as pd\npd.read_csv("data/raw.csv").to_csv("data/cache.csv")\ndf = pd.read_csv("data/cache.csv")\n' }, "cache.py"),
    inProject("an input nothing in the project writes", { "train.py": TRAIN }, "train.py"),
    inProject("another file is written", { "prepare.py": PREPARE.replace("clean.csv", "clean_v2.csv"), "train.py": TRAIN }, "train.py"),
    inProject("a local function named read_csv is not pandas", { "prepare.py": PREPARE, "train.py": 'def read_csv(path):\n    return path\ndf = read_csv("data/clean.csv")\n' }, "train.py"),
    inProject("no import: `pd` is not pandas", { "prepare.py": PREPARE, "train.py": 'df = pd.read_csv("data/clean.csv")\n' }, "train.py"),
    inProject("a write whose folder is unknown matches nothing", { "prepare.py": 'import sys\nimport pandas as pd\npd.read_csv("data/raw.csv").to_csv(f"{sys.argv[1]}/clean.csv")\n', "train.py": TRAIN }, "train.py"),
    inProject("a test that writes a fixture file is no pipeline step", { "tests/test_train.py": 'import pandas as pd\nimport train\n\ndef test_it():\n    pd.DataFrame().to_csv("data/clean.csv")\n    train.main()\n', "train.py": 'import pandas as pd\n\ndef main():\n    return pd.read_csv("data/clean.csv")\n' }, "train.py"),
  ],
  invalid: [
    {
      ...inProject("the basic hand-off, reported at the read", { "prepare.py": PREPARE, "train.py": TRAIN }, "train.py"),
      errors: [{ messageId: "undeclaredHandoff", line: 2, column: 6, endLine: 2, endColumn: 35 }],
    },
    {
      ...inProject("paths through a config file and a module constant", {
        "params.yaml": "data:\n  clean: data/clean.csv\n",
        "prepare.py": 'import pandas as pd\nimport yaml\nparams = yaml.safe_load(open("params.yaml"))\npd.read_csv("data/raw.csv").to_csv(params["data"]["clean"])\n',
        "train.py": 'import os\nimport pandas as pd\nCLEAN = os.path.join("data", "clean.csv")\n\ndef load():\n    return pd.read_csv(CLEAN)\n',
      }, "train.py"),
      errors: [{ messageId: "undeclaredHandoff", line: 6, column: 12 }],
    },
    {
      ...inProject("two writers, one finding; the same file read twice, one finding", {
        "prepare.py": PREPARE,
        "fix.py": 'import pandas as pd\npd.read_csv("data/clean.csv").drop_duplicates().to_csv("data/clean.csv")\n',
        "train.py": 'import pandas as pd\na = pd.read_csv("data/clean.csv")\nb = pd.read_csv("data/clean.csv")\n',
      }, "train.py"),
      errors: [{ messageId: "undeclaredHandoff", line: 2, column: 5 }],
    },
    {
      ...inProject("a shell script orders the steps but declares no files", { "prepare.py": PREPARE, "train.py": TRAIN, "run_all.sh": "python prepare.py\npython train.py\n" }, "train.py"),
      errors: [{ messageId: "undeclaredHandoff", line: 2 }],
    },
    {
      ...inProject("a dvc.yaml that declares other stages only", { "prepare.py": PREPARE, "train.py": TRAIN, "dvc.yaml": "stages:\n  report:\n    cmd: python report.py\n    deps: [metrics.json]\n" }, "train.py"),
      errors: [{ messageId: "undeclaredHandoff", line: 2 }],
    },
    {
      ...inProject("a pickle through open(), and a read through a pattern", {
        "train.py": 'import pickle\nimport numpy as np\nwith open("models/model.pkl", "wb") as f:\n    pickle.dump(object(), f)\nnp.save("data/shakespeare/meta.npy", np.zeros(3))\n',
        "sample.py": 'import pickle\nimport sys\nimport numpy as np\nwith open("models/model.pkl", "rb") as f:\n    model = pickle.load(f)\nmeta = np.load(f"data/{sys.argv[1]}/meta.npy")\n',
      }, "sample.py"),
      errors: [
        { messageId: "undeclaredHandoff", line: 5, column: 13 },
        { messageId: "undeclaredHandoff", line: 6, column: 8 },
      ],
    },
  ],
});

notebookTester.run("implicit-file-handoff (notebooks)", rule as never, {
  valid: [inProject("a notebook reading a raw input", { "explore.ipynb": notebook("import pandas as pd", 'df = pd.read_csv("data/raw.csv")') }, "explore.ipynb")],
  invalid: [
    {
      ...inProject("a notebook reading what a script writes", { "prepare.py": PREPARE, "explore.ipynb": notebook("import pandas as pd", { markdown: "# Look" }, 'df = pd.read_csv("data/clean.csv")') }, "explore.ipynb"),
      errors: [{ messageId: "undeclaredHandoff", line: 2, column: 6 }],
    },
  ],
});
