import rule from "../../rules/hardcoded-hyperparameter.js";
import { inProject, notebook, notebookTester, pythonTester, scriptTester } from "../helpers/rule-tester.js";

/** A project with a config file, so the rule has a config mechanism to point at. */
const withConfig = (code: string, config = "seed: 1\n") => inProject({ "params.yaml": config, "train.py": code }, "train.py");

pythonTester.run("hardcoded-hyperparameter", rule as never, {
  valid: [
    // values from the config
    withConfig('import yaml\nfrom sklearn.ensemble import RandomForestClassifier\ncfg = yaml.safe_load(open("params.yaml"))\nm = RandomForestClassifier(n_estimators=cfg["n"], max_depth=cfg["d"])\n'),
    // arguments that are not tuned: jobs, verbosity, seeds, class weights
    withConfig("from sklearn.ensemble import RandomForestClassifier\nm = RandomForestClassifier(n_jobs=-1, verbose=0, random_state=42, class_weight='balanced')\n"),
    // 0 switches a feature off: a choice, not a tuned value
    withConfig("import torch\nopt = torch.optim.AdamW(groups, lr=base_lr, weight_decay=0.0)\n"),
    // a named constant is not a literal at the call (conflicting-config-default compares it with the config)
    withConfig("from sklearn.linear_model import LogisticRegression\nC = 0.5\nm = LogisticRegression(C=C)\n"),
    // a same-named local class is not scikit-learn's
    withConfig("class RandomForestClassifier:\n    def __init__(self, **kw):\n        pass\nm = RandomForestClassifier(n_estimators=100)\n"),
    // no import at all
    withConfig("m = RandomForestClassifier(n_estimators=100)\n"),
    // input sizes of layers are shapes, not tuned numbers
    withConfig("import torch.nn as nn\nlayer = nn.Linear(784, 128)\nconv = nn.Conv2d(3, 16, kernel_size=3)\n"),
    // fit on a scikit-learn estimator has no hyperparameters; `epochs` only counts for Keras/boosting modules
    withConfig("from sklearn.linear_model import Ridge\nRidge(alpha=cfg).fit(X, y, sample_weight=w)\nmodel.fit(X, y, epochs=10)\n"),
    // test modules build small models on purpose
    inProject({ "params.yaml": "seed: 1\n", "tests/test_model.py": "from sklearn.ensemble import RandomForestClassifier\nm = RandomForestClassifier(n_estimators=5)\n" }, "tests/test_model.py"),
    // a project with no configuration at all: nothing to move the value to yet
    inProject({ "train.py": "from sklearn.ensemble import RandomForestClassifier\nm = RandomForestClassifier(n_estimators=100)\n" }, "train.py"),
    // a config of another program (another example folder) is not this script's configuration
    inProject(
      {
        "mnist/config.yaml": "lr: 0.1\n",
        "mnist/train.py": 'import yaml\ncfg = yaml.safe_load(open("mnist/config.yaml"))\nprint(cfg["lr"])\n',
        "vae/main.py": "import torch\nopt = torch.optim.Adam(params, lr=1e-3)\n",
      },
      "vae/main.py",
    ),
    // an ignored name
    { ...withConfig("from torch.utils.data import DataLoader\nloader = DataLoader(ds, batch_size=64)\n"), options: [{ requireConfig: true, ignoreTests: true, ignore: ["batch_size"] }] },
  ],
  invalid: [
    {
      // one finding per call, at the callee, listing every literal
      ...withConfig("from sklearn.ensemble import GradientBoostingClassifier as GBC\nm = GBC(n_estimators=300, learning_rate=0.05, random_state=0)\n"),
      errors: [{ messageId: "literal", line: 2, column: 5, endLine: 2, endColumn: 8 }],
    },
    {
      // a config key of the same name exists: stronger message, related to the config line
      ...withConfig("import torch\nopt = torch.optim.Adam(model.parameters(), lr=0.001, weight_decay=1e-4)\n", "train:\n  lr: 0.0003\n"),
      errors: [{ messageId: "inConfig", line: 2, column: 7 }],
    },
    {
      // positional hyperparameters: StepLR(optimizer, step_size, gamma) and nn.Dropout(p)
      ...withConfig("from torch.optim.lr_scheduler import StepLR\nfrom torch import nn\nsched = StepLR(opt, 30, 0.1)\ndrop = nn.Dropout(0.5)\n"),
      errors: [
        { messageId: "literal", line: 3, column: 9 },
        { messageId: "literal", line: 4, column: 8 },
      ],
    },
    {
      // Keras optimizers, layers and fit
      ...withConfig("import tensorflow as tf\nmodel.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=1e-3))\nmodel.add(tf.keras.layers.Dropout(0.2))\nmodel.fit(X, y, epochs=20, batch_size=32)\n"),
      errors: [
        { messageId: "literal", line: 2, column: 25 },
        { messageId: "literal", line: 3, column: 11 },
        { messageId: "literal", line: 4, column: 1 },
      ],
    },
    {
      // XGBoost's params dict and LightGBM's estimator
      ...withConfig('import xgboost as xgb\nimport lightgbm as lgb\nparams = {"max_depth": 6, "eta": 0.3, "objective": "binary:logistic"}\nbst = xgb.train(params, dtrain, num_boost_round=200)\nclf = lgb.LGBMClassifier(num_leaves=31)\n'),
      errors: [
        { messageId: "literal", line: 4, column: 7 },
        { messageId: "literal", line: 5, column: 7 },
      ],
    },
    {
      // an argparse option of the same name counts as config too
      ...inProject({ "train.py": 'import argparse\nfrom sklearn.svm import SVC\np = argparse.ArgumentParser()\np.add_argument("--C", type=float, default=1.0)\nargs = p.parse_args()\nclf = SVC(C=10.0)\n' }, "train.py"),
      errors: [{ messageId: "inConfig", line: 6, column: 7 }],
    },
  ],
});

notebookTester.run("hardcoded-hyperparameter (notebooks)", rule as never, {
  valid: [inProject({ "params.yaml": "seed: 1\n", "nb.ipynb": notebook("from sklearn.linear_model import LogisticRegression", "m = LogisticRegression()") }, "nb.ipynb")],
  invalid: [
    {
      ...inProject({ "params.yaml": "seed: 1\n", "nb.ipynb": notebook("from sklearn.linear_model import LogisticRegression", { markdown: "Fit" }, "m = LogisticRegression(C=0.5)") }, "nb.ipynb"),
      errors: [{ messageId: "literal", line: 2, column: 5 }],
    },
  ],
});

scriptTester.run("hardcoded-hyperparameter (TensorFlow.js)", rule as never, {
  valid: [
    inProject({ "params.json": '{"lr": 0.001}\n', "train.ts": 'import * as tf from "@tensorflow/tfjs";\nimport params from "./params.json";\nconst opt = tf.train.adam(params.lr);\n' }, "train.ts"),
    // no TensorFlow.js import: `fit` is someone else's method
    inProject({ "params.yaml": "lr: 0.001\n", "train.ts": "model.fit(xs, ys, { epochs: 10 });\n" }, "train.ts"),
    // a local function named like the API
    inProject({ "params.yaml": "lr: 0.001\n", "train.ts": "function adam(lr: number) { return lr; }\nadam(0.01);\n" }, "train.ts"),
  ],
  invalid: [
    {
      ...inProject({ "params.yaml": "train:\n  learning_rate: 0.0003\n", "train.ts": 'import * as tf from "@tensorflow/tfjs";\nconst opt = tf.train.adam(0.001);\nmodel.add(tf.layers.dropout({ rate: 0.5 }));\nawait model.fit(xs, ys, { epochs: 50, batchSize: 32 });\n' }, "train.ts"),
      errors: [
        { messageId: "inConfig", line: 2, column: 13 },
        { messageId: "literal", line: 3, column: 11 },
        { messageId: "literal", line: 4, column: 7 },
      ],
    },
  ],
});
