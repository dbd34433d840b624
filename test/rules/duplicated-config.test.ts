import rule from "../../rules/duplicated-config.js";
import { inProject, pythonTester } from "../helpers/rule-tester.js";

const BASE = "seed: 42\ndata:\n  path: data/x.csv\n  test_size: 0.2\ntrain:\n  lr: 0.001\n  epochs: 20\n  batch_size: 64\n";
const V2 = BASE.replace("epochs: 20", "epochs: 40");
const load = (file: string) => `import yaml\ncfg = yaml.safe_load(open("${file}"))\nprint(cfg["seed"])\n`;

pythonTester.run("duplicated-config", rule as never, {
  valid: [
    // one config: nothing to compare
    inProject({ "config.yaml": BASE, "train.py": load("config.yaml") }, "train.py"),
    // two configs that share little
    inProject({ "config.yaml": BASE, "serve.yaml": "host: 0.0.0.0\nport: 8080\nworkers: 4\nseed: 42\n", "train.py": load("config.yaml") }, "train.py"),
    // near-copies among tool files are not settings (CI, linters)
    inProject({ ".travis.yml": "language: python\npython: 3.11\nos: linux\ndist: jammy\n", "appveyor.yml": "language: python\npython: 3.11\nos: linux\ndist: focal\n", "train.py": "print(1)\n" }, "train.py"),
    // the copy is read by another module: reported there, not here
    inProject({ "config.yaml": BASE, "config_v2.yaml": V2, "train.py": load("config.yaml"), "serve.py": load("config_v2.yaml") }, "train.py"),
    // a flag or a 0/1 in many files is no duplicated value
    inProject({ "a.yaml": "debug: false\nk: 1\n", "b.yaml": "debug: false\nk: 1\n", "c.yaml": "debug: false\nk: 1\n", "train.py": load("a.yaml") }, "train.py"),
    // no code reads any of them: nowhere to show the finding until config files are linted
    inProject({ "config.yaml": BASE, "config_v2.yaml": V2, "train.py": "print(1)\n" }, "train.py"),
  ],
  invalid: [
    {
      // reported where code first reads the copy
      ...inProject({ "config.yaml": BASE, "config_v2.yaml": V2, "train.py": load("config.yaml"), "serve.py": load("config_v2.yaml") }, "serve.py"),
      errors: [{ messageId: "nearDuplicate", line: 3, column: 7 }],
    },
    {
      // only the original is read: the copy's finding shows at the original's read
      ...inProject({ "params.yaml": BASE, "params_old.yaml": V2, "train.py": load("params.yaml") }, "train.py"),
      errors: [{ messageId: "nearDuplicate", line: 3, column: 7 }],
    },
    {
      // one value in three experiment files, shown at a read of that key
      ...inProject(
        {
          "exp/a.yaml": "trainer:\n  max_epochs: 100\nmodel: a\n",
          "exp/b.yaml": "trainer:\n  max_epochs: 100\nmodel: b\n",
          "exp/c.yaml": "trainer:\n  max_epochs: 100\nmodel: c\n",
          "train.py": 'import yaml\ncfg = yaml.safe_load(open("exp/a.yaml"))\nn = cfg["trainer"]["max_epochs"]\n',
        },
        "train.py",
      ),
      errors: [{ messageId: "repeatedValue", line: 3, column: 5 }],
    },
    {
      // a stricter similarity through the options still finds an exact copy
      ...inProject({ "config.yaml": BASE, "config copy.yaml": BASE, "train.py": load("config copy.yaml") }, "train.py"),
      options: [{ similarity: 1, minKeys: 4, minFiles: 3 }],
      errors: [{ messageId: "nearDuplicate", line: 3, column: 7 }],
    },
  ],
});
