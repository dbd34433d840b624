import rule from "../../rules/config-mechanism-sprawl.js";
import { inProject, pythonTester } from "../helpers/rule-tester.js";

const ARGPARSE = 'import argparse\np = argparse.ArgumentParser()\np.add_argument("--config", default="config.yaml")\nargs = p.parse_args()\n';
const YAML = 'import yaml\ncfg = yaml.safe_load(open("config.yaml"))\nlr = cfg["lr"]\n';
const ENV = 'import os\ndata = os.environ.get("DATA_DIR", "data")\n';
const many = (count: number) => `import argparse\np = argparse.ArgumentParser()\n${Array.from({ length: count }, (_, index) => `p.add_argument("--flag${index}", default=${index})\n`).join("")}args = p.parse_args()\n`;

pythonTester.run("config-mechanism-sprawl", rule as never, {
  valid: [
    // a command line that points at one config file: two mechanisms, the usual split
    inProject({ "config.yaml": "lr: 1\n", "train.py": `${ARGPARSE}${YAML}` }, "train.py"),
    // environment variables of the runtime are not project settings
    inProject({ "config.yaml": "lr: 1\n", "train.py": `${ARGPARSE}${YAML}import os\nrank = int(os.environ["LOCAL_RANK"])\ndevices = os.getenv("CUDA_VISIBLE_DEVICES")\n` }, "train.py"),
    // typed configs are a schema, not another mechanism
    inProject({ "config.yaml": "lr: 1\n", "train.py": `${ARGPARSE}${YAML}from dataclasses import dataclass\n@dataclass\nclass TrainConfig:\n    lr: float = 1.0\nc = TrainConfig()\nprint(c.lr)\n` }, "train.py"),
    // three mechanisms, but reported in the module that mixes most of them, not here
    inProject({ "config.yaml": "lr: 1\n", "train.py": `${ARGPARSE}${YAML}${ENV}`, "prep.py": YAML }, "prep.py"),
    // two programs of one repository, two mechanisms each: neither sprawls
    inProject({ "a/config.yaml": "lr: 1\n", "a/train.py": `${ARGPARSE}${YAML.replace("config.yaml", "a/config.yaml")}`, "b/prep.py": `${ENV}import argparse\np = argparse.ArgumentParser()\np.add_argument("--n")\n` }, "a/train.py"),
    // a script with thirty options (the limit) is fine
    inProject({ "train.py": many(30) }, "train.py"),
  ],
  invalid: [
    {
      // command line, config file and environment in one script
      ...inProject({ "config.yaml": "lr: 1\n", "train.py": `${ARGPARSE}${YAML}${ENV}` }, "train.py"),
      errors: [{ messageId: "mechanisms", line: 3, column: 1 }],
    },
    {
      // spread over modules: a module of constants, an exec'd settings script and the environment
      ...inProject(
        {
          "settings.py": 'BATCH = 32\nOUT = "out"\n',
          "train.py": `from settings import BATCH\n${ENV}`,
          "eval.py": 'exec(open("settings.py").read())\n',
        },
        "train.py",
      ),
      errors: [{ messageId: "mechanisms", line: 3, column: 8 }],
    },
    {
      // very many options in one script, reported at its parser
      ...inProject({ "train.py": many(31) }, "train.py"),
      errors: [{ messageId: "manyFlags", line: 2, column: 5 }],
    },
    {
      // the limits are options
      ...inProject({ "config.yaml": "lr: 1\n", "train.py": `${ARGPARSE}${YAML}` }, "train.py"),
      options: [{ maxMechanisms: 1, maxFlags: 30 }],
      errors: [{ messageId: "mechanisms", line: 3, column: 1 }],
    },
  ],
});
