import { describe, expect, it } from "vitest";
import rule from "../../rules/stale-copy.js";
import { notebook, projectTester } from "../helpers/rule-tester.js";
import { projectLinter } from "../helpers/project-lint.js";
import { pythonTester } from "../helpers/rule-tester.js";
import { versionBases, versionedFilePairs } from "../../src/project/version-names.js";

const TRAIN = `import pandas as pd
from sklearn.ensemble import RandomForestClassifier


def load(path):
    df = pd.read_csv(path)
    df = df.dropna(subset=["churn"])
    return df.drop(columns=["churn"]), df["churn"]


def train(path, n_estimators=200):
    X, y = load(path)
    model = RandomForestClassifier(n_estimators=n_estimators, max_depth=8, random_state=0)
    model.fit(X, y)
    return model


if __name__ == "__main__":
    train("data/train.csv")
`;
const TRAIN_V2 = TRAIN.replace("n_estimators=200", "n_estimators=500").replace("max_depth=8", "max_depth=12");
const OTHER = `import torch


class Net(torch.nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.layers = torch.nn.Sequential(torch.nn.Linear(10, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, 1))

    def forward(self, x):
        return self.layers(x).squeeze(-1)
`;

describe("version names", () => {
  it.each([
    ["train_old", ["train"]],
    ["train_final_v2", ["train_final", "train"]],
    ["explore-Copy1", ["explore"]],
    ["Copy of explore", ["explore"]],
    ["explore (1)", ["explore"]],
    ["backup_train", ["train"]],
    ["train_20240131", ["train"]],
    ["stage_2", []],
    ["resnet50", []],
    ["train_test", []],
    ["old", []],
  ])("%s → %j", (name, bases) => {
    expect(versionBases(name)).toEqual(bases);
  });

  it("pairs a copy with the nearest existing base in the same folder and of the same kind", () => {
    expect(versionedFilePairs(["a/train.py", "a/train_final.py", "a/train_final_v2.py", "b/train_old.py", "nb.ipynb", "nb-Copy1.ipynb", "x_old.ipynb", "x.py"])).toEqual([
      { copy: "a/train_final.py", twin: "a/train.py" },
      { copy: "a/train_final_v2.py", twin: "a/train_final.py" },
      { copy: "nb-Copy1.ipynb", twin: "nb.ipynb" },
    ]);
  });
});

describe("stale-copy: files", () => {
  const project = projectLinter(
    {
      "train.py": TRAIN,
      "train_v2.py": TRAIN_V2,
      "model.py": OTHER,
      "model_v2.py": TRAIN, // named as a version, but not alike
      "stage_1.py": TRAIN,
      "stage_2.py": TRAIN, // alike, but not named as versions
      "tiny.py": "x = 1\n",
      "tiny_old.py": "x = 1\n",
      "lonely_v2.py": TRAIN, // no twin
      "explore.ipynb": notebook(TRAIN),
      "explore-Copy1.ipynb": notebook(TRAIN_V2),
      "pipeline/prepare.py": TRAIN,
      "pipeline/prepare_new.py": TRAIN_V2,
      "Makefile": "all:\n\tpython pipeline/prepare_new.py\n",
      "eval.py": TRAIN,
      "eval_backup.py": TRAIN,
      "run_eval.sh": "python eval_backup.py\n",
      "nets/resnet.py": TRAIN,
      "nets/resnet_v2.py": TRAIN_V2,
      "nets/__init__.py": "from . import resnet, resnet_v2\n",
      "score.py": TRAIN,
      "score_old.py": TRAIN_V2,
      "tests/test_score.py": "import score_old\n",
    },
    "stale-copy",
  );

  it("stays quiet on unlike files, unversioned look-alikes, tiny files, copies without a twin and two versions both in use", () => {
    for (const file of ["train.py", "model.py", "model_v2.py", "stage_1.py", "stage_2.py", "tiny.py", "tiny_old.py", "lonely_v2.py", "explore.ipynb", "pipeline/prepare_new.py", "eval.py", "nets/resnet_v2.py", "score.py"]) {
      expect(project.lint(file), file).toEqual([]);
    }
  });

  it("reports the copy, at its first line, with the twin as related location", () => {
    const messages = project.lint("train_v2.py");
    expect(messages).toMatchObject([{ messageId: "staleCopyFile", line: 1, column: 1 }]);
    expect(messages[0]!.message).toMatch(/^`train_v2\.py` is a near-copy of `train\.py` \(\d+% of their code alike\), and nothing in the project imports or runs it \(tests aside\)\./u);
    expect(messages[0]!.message).toContain("⟨related: train.py:1 the twin⟩");
    expect(project.lint("explore-Copy1.ipynb")).toMatchObject([{ messageId: "staleCopyFile", line: 1 }]);
  });

  it("reports the original when the newer-named copy is the one the project runs", () => {
    expect(project.lint("pipeline/prepare.py")[0]!.message).toContain("and the project uses `pipeline/prepare_new.py` instead");
  });

  it("a copy that only tests import is still stale", () => {
    expect(project.lint("score_old.py")).toMatchObject([{ messageId: "staleCopyFile", line: 1 }]);
  });

  it("an `_backup` copy is the stale one even when it is the one that runs", () => {
    expect(project.lint("eval_backup.py")[0]!.message).toContain("`eval_backup.py` is a near-copy of `eval.py` (100% of their code alike); it is the one the project runs, although its name marks it as a leftover copy of `eval.py`.");
  });
});

const DEFS = `def train(X, y, epochs):
    model = build_model()
    for epoch in range(epochs):
        loss = model.train_step(X, y)
        print(epoch, loss)
    return model
`;

// In an empty project: whether a definition is used is a project-wide question, and this
// repository's own fixtures use `train` too.
const definitions = projectTester({});

definitions.python.run("stale-copy: definitions", rule as never, {
  valid: [
    // different code under a version name
    `${DEFS}\n\ndef train_v2(X, y):\n    return fit_quickly(X, y)\n`,
    // a version name with no base definition
    `${DEFS.replace("def train(", "def fit(")}\n\n${DEFS.replace("def train(", "def train_v2(")}`,
    // MobileNet and MobileNetV2 are different architectures
    "class MobileNet:\n    def forward(self, x):\n        return self.a(self.b(self.c(x)))\n\nclass MobileNetV2:\n    def forward(self, x):\n        y = self.expand(x)\n        return x + self.project(self.depthwise(y))\n",
    // both versions in use: two features (a model zoo's V1 and V2), not a leftover
    `${DEFS}\n\n${DEFS.replace("def train(", "def train_v2(")}\nmodels = [train(X, y, 3), train_v2(X, y, 3)]\n`,
    // a method named like a version of a module-level function is another scope
    `${DEFS}\n\nclass Runner:\n${DEFS.replace("def train(", "def train_old(self, ").replace(/^/gmu, "    ")}`,
  ],
  invalid: [
    {
      code: `${DEFS}\n\n${DEFS.replace("def train(", "def train_old(").replace("print(epoch, loss)", "print(loss)")}\nmodel = train(X, y, 3)\n`,
      errors: [{ messageId: "staleCopyDefinition", line: 9, column: 5, endColumn: 14 }],
    },
    {
      // the newer-named copy is the one used: the original is the stale one
      code: `${DEFS}\n\n${DEFS.replace("def train(", "def train_v2(")}\nmodel = train_v2(X, y, 3)\n`,
      errors: [{ messageId: "staleCopyDefinition", line: 1, column: 5 }],
    },
    {
      // methods in one class, CamelCase class copies
      code: `class Trainer:\n${DEFS.replace("def train(", "def fit(self, ").replace(/^/gmu, "    ")}\n${DEFS.replace("def train(", "def fit_backup(self, ").replace(/^/gmu, "    ")}`,
      errors: [{ messageId: "staleCopyDefinition", line: 9, column: 9 }],
    },
  ],
});
