import rule from "../../rules/shell-script-pipeline.js";
import { inProject } from "../helpers/project-case.js";
import { notebook, notebookTester, pythonTester } from "../helpers/rule-tester.js";

const PREPARE = '"""Prepare the data."""\nimport pandas as pd\npd.read_csv("data/raw.csv").to_csv("data/clean.csv")\n';
const TRAIN = 'import pandas as pd\ndf = pd.read_csv("data/clean.csv")\n';
const DVC = "stages:\n  prepare:\n    cmd: python prepare.py\n    outs: [data/clean.csv]\n  train:\n    cmd: python train.py\n    deps: [data/clean.csv]\n";

pythonTester.run("shell-script-pipeline", rule as never, {
  valid: [
    inProject("a shell script that runs one step", { "prepare.py": PREPARE, "run.sh": "set -e\npython prepare.py --fast\n" }, "prepare.py"),
    inProject("a shell script that runs the declared pipeline", { "prepare.py": PREPARE, "train.py": TRAIN, "dvc.yaml": DVC, "run.sh": "dvc pull\ndvc repro\n" }, "prepare.py"),
    inProject("a leftover shell script whose steps dvc.yaml declares", { "prepare.py": PREPARE, "train.py": TRAIN, "dvc.yaml": DVC, "run.sh": "python prepare.py\npython train.py\n" }, "prepare.py"),
    inProject("the finding goes on the first step only", { "prepare.py": PREPARE, "train.py": TRAIN, "run.sh": "python prepare.py\npython train.py\n" }, "train.py"),
    inProject("a Makefile with file targets declares the steps", { "prepare.py": PREPARE, "train.py": TRAIN, Makefile: "model.pkl: data/clean.csv train.py\n\tpython train.py\ndata/clean.csv: prepare.py\n\tpython prepare.py\n" }, "prepare.py"),
    inProject("scripts run by a shell script that are not project files", { "prepare.py": PREPARE, "run.sh": "python prepare.py\npython vendor/other.py\n" }, "prepare.py"),
  ],
  invalid: [
    {
      ...inProject("run_all.sh chains the steps: reported at the top of the first", { "prepare.py": PREPARE, "train.py": TRAIN, "run_all.sh": "#!/bin/bash\nset -euo pipefail\npython prepare.py && python train.py\n" }, "prepare.py"),
      errors: [{ messageId: "shellPipeline", line: 1, column: 1, endLine: 1, endColumn: 24 }],
    },
    {
      ...inProject("a shell script in a folder, run from there", { "lab1/prepare.py": PREPARE, "lab1/train.py": TRAIN, "lab1/pipeline.sh": 'cd "$(dirname "$0")"\npython prepare.py\npython train.py\n' }, "lab1/prepare.py"),
      errors: [{ messageId: "shellPipeline", line: 1 }],
    },
    {
      ...inProject("a Makefile recipe that declares no files is a shell script", { "prepare.py": PREPARE, "train.py": TRAIN, Makefile: ".PHONY: all\nall:\n\tpython prepare.py\n\tpython train.py\n" }, "prepare.py"),
      errors: [{ messageId: "shellPipeline", line: 1 }],
    },
  ],
});

notebookTester.run("shell-script-pipeline (notebooks)", rule as never, {
  valid: [],
  invalid: [
    {
      ...inProject("a notebook as the first step", { "explore.ipynb": notebook({ markdown: "# Data" }, "import pandas as pd\npd.read_csv('data/raw.csv').to_csv('data/clean.csv')"), "train.py": TRAIN, "run.sh": "jupyter nbconvert --execute --to notebook explore.ipynb\npython train.py\n" }, "explore.ipynb"),
      errors: [{ messageId: "shellPipeline", line: 1, column: 1 }],
    },
  ],
});
