import rule from "../../rules/script-invokes-script.js";
import { inProject } from "../helpers/project-case.js";
import { notebook, notebookTester, pythonTester } from "../helpers/rule-tester.js";

const PREPARE = 'import pandas as pd\npd.read_csv("data/raw.csv").to_csv("data/clean.csv")\n';
const HELPERS = "def clean(df):\n    return df.dropna()\n";

pythonTester.run("script-invokes-script", rule as never, {
  valid: [
    inProject("a program that is not a project script", { "setup_env.py": 'import os\nimport subprocess\nsubprocess.run(["python", "-m", "pip", "install", "-r", "requirements.txt"])\nos.system("ls data")\n' }, "setup_env.py"),
    inProject("a script that does not exist in the project", { "train.py": 'import subprocess\nsubprocess.run(["python", "download.py"])\n' }, "train.py"),
    inProject("a look-alike: a local function named `run`", { "prepare.py": PREPARE, "train.py": 'def run(cmd):\n    print(cmd)\nrun(["python", "prepare.py"])\n' }, "train.py"),
    inProject("no import: `subprocess` is not the module", { "prepare.py": PREPARE, "train.py": 'subprocess.run(["python", "prepare.py"])\n' }, "train.py"),
    inProject("exec of a config script that touches no data", { "configurator.py": "import sys\nfor arg in sys.argv[1:]:\n    exec(open(arg).read())\n", "train.py": 'batch_size = 12\nexec(open("configurator.py").read())\n' }, "train.py"),
    inProject(
      "a run inside a Prefect task is a declared step",
      { "prepare.py": PREPARE, "flow.py": 'import subprocess\nfrom prefect import flow, task\n\n@task\ndef prepare():\n    subprocess.run(["python", "prepare.py"], check=True)\n\n@flow\ndef pipeline():\n    prepare()\n' },
      "flow.py",
    ),
  ],
  invalid: [
    {
      ...inProject("subprocess.run with an argv list", { "prepare.py": PREPARE, "train.py": 'import subprocess\nsubprocess.run(["python", "prepare.py"], check=True)\n' }, "train.py"),
      errors: [{ messageId: "invokesScript", line: 2, column: 1, endLine: 2, endColumn: 53 }],
    },
    {
      ...inProject("os.system, aliased", { "prepare.py": PREPARE, "train.py": 'import os as operating_system\noperating_system.system("python prepare.py --fast")\n' }, "train.py"),
      errors: [{ messageId: "invokesScript", line: 2, column: 1 }],
    },
    {
      ...inProject("runpy and exec(open(...).read())", { "prepare.py": PREPARE, "train.py": 'import runpy\nrunpy.run_path("prepare.py")\nexec(open("prepare.py").read())\n' }, "train.py"),
      errors: [
        { messageId: "invokesScript", line: 2, column: 1 },
        { messageId: "invokesScript", line: 3, column: 1 },
      ],
    },
  ],
});

notebookTester.run("script-invokes-script (notebooks)", rule as never, {
  valid: [inProject("%run of a module that only defines functions is an import", { "helpers.py": HELPERS, "nb.ipynb": notebook("%run helpers.py", "x = clean(df)") }, "nb.ipynb")],
  invalid: [
    {
      ...inProject("%run and !python of a pipeline step", { "prepare.py": PREPARE, "nb.ipynb": notebook("import pandas as pd", { markdown: "Prepare" }, "%run prepare.py\n!python prepare.py") }, "nb.ipynb"),
      errors: [
        { messageId: "invokesScript", line: 2, column: 1 },
        { messageId: "invokesScript", line: 3, column: 1 },
      ],
    },
  ],
});
