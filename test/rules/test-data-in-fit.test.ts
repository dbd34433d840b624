import { expect, it } from "vitest";
import rule from "../../rules/test-data-in-fit.js";
import { notebook, notebookTester, pythonTester } from "../helpers/rule-tester.js";
import { lintMessages } from "../helpers/lint-messages.js";

const IMPORTS = [
  "import numpy as np",
  "from sklearn.model_selection import train_test_split, KFold",
  "from sklearn.preprocessing import StandardScaler",
  "from sklearn.linear_model import LogisticRegression",
  "",
].join("\n");
const SPLIT = "X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)\n";

pythonTester.run("test-data-in-fit", rule as never, {
  valid: [
    // fit on the training split, evaluate on the test split
    `${IMPORTS}${SPLIT}model = LogisticRegression().fit(X_train, y_train)\nprint(model.score(X_test, y_test))`,
    // the test split is only transformed, and watched during training (another rule's concern)
    `${IMPORTS}${SPLIT}scaler = StandardScaler().fit(X_train)\nX_test_s = scaler.transform(X_test)\nnet.fit(X_train, y_train, validation_data=(X_test_s, y_test))`,
    // a variable called X_test that no split made: names alone prove nothing
    `${IMPORTS}X_test = load("holdout.csv")\nmodel = LogisticRegression().fit(X_test, labels)`,
    // a validation split carved out of the training split is not the test split
    `${IMPORTS}${SPLIT}X_tr, X_val, y_tr, y_val = train_test_split(X_train, y_train, random_state=0)\nmodel = LogisticRegression().fit(np.vstack([X_tr, X_val]), np.concatenate([y_tr, y_val]))`,
    // the training folds of a cross-validation loop
    `${IMPORTS}for train_idx, test_idx in KFold(5).split(X):\n    model = LogisticRegression().fit(X[train_idx], y[train_idx])\n    model.score(X[test_idx], y[test_idx])`,
    // refit on every row after evaluation: the data is the split's parent, not its test part
    `${IMPORTS}${SPLIT}evaluate(X_test)\nfinal = LogisticRegression().fit(X, y)`,
    // manual two-fold cross-fitting: the halves swap roles
    `${IMPORTS}X1, X2, y1, y2 = train_test_split(X, y, train_size=0.5, random_state=0)\ny2_model = model.fit(X1, y1).predict(X2)\ny1_model = model.fit(X2, y2).predict(X1)`,
    // a held-out part named as a validation set, refit on train + validation after tuning
    `${IMPORTS}X_train, X_val, y_train, y_val = train_test_split(X, y, random_state=0)\nfinal = LogisticRegression().fit(np.vstack([X_train, X_val]), np.concatenate([y_train, y_val]))`,
    // no split at all
    "from sklearn.linear_model import LogisticRegression\nLogisticRegression().fit(X_test, y_test)",
    // a local look-alike of train_test_split
    "def train_test_split(X, y):\n    return X, X, y, y\nX_train, X_test, y_train, y_test = train_test_split(X, y)\nmodel.fit(X_test, y_test)",
  ],
  invalid: [
    {
      code: `${IMPORTS}${SPLIT}model = LogisticRegression()\nmodel.fit(X_test, y_test)`,
      errors: [{ messageId: "testInFit", line: 7, column: 11, endLine: 7, endColumn: 17 }],
    },
    {
      // the common slip: fit_transform where transform was meant
      code: `${IMPORTS}${SPLIT}scaler = StandardScaler()\nX_train_s = scaler.fit_transform(X_train)\nX_test_s = scaler.fit_transform(X_test)`,
      errors: [{ messageId: "refitOnTest", line: 8, column: 33 }],
    },
    {
      // through a reassignment, a transform and a concatenation with the training rows
      code: `${IMPORTS}${SPLIT}holdout = X_test\nscaled = scaler.transform(holdout)\nall_rows = np.vstack([X_train, scaled])\nLogisticRegression().fit(all_rows, np.concatenate([y_train, y_test]))`,
      errors: [{ messageId: "testInFit", line: 9, column: 26 }],
    },
    {
      // names do not matter: the second part of the split is the test part
      code: `${IMPORTS}train_df, holdout_df = train_test_split(df, test_size=0.2, random_state=0)\nmodel.fit(holdout_df[FEATURES], holdout_df["label"])`,
      errors: [{ messageId: "testInFit", line: 6, column: 11 }],
    },
    {
      // a model fit on the test fold of a cross-validation loop over unsplit data
      code: `${IMPORTS}for fold, (train_idx, test_idx) in enumerate(KFold(5).split(X)):\n    model = LogisticRegression().fit(X[test_idx], y[test_idx])`,
      errors: [{ messageId: "testInFit", line: 6, column: 38 }],
    },
    {
      // the held-out part of a validation/test split made from held-out data
      code: `${IMPORTS}X_train, X_rest, y_train, y_rest = train_test_split(X, y, test_size=0.3, random_state=0)\nX_val, X_test, y_val, y_test = train_test_split(X_rest, y_rest, test_size=0.5, random_state=0)\nmodel.fit(X_test, y_test)`,
      errors: [{ messageId: "testInFit", line: 7, column: 11 }],
    },
  ],
});

notebookTester.run("test-data-in-fit", rule as never, {
  valid: [{ code: notebook(IMPORTS, SPLIT, "model = LogisticRegression().fit(X_train, y_train)"), filename: "train.ipynb" }],
  invalid: [
    {
      code: notebook(IMPORTS, SPLIT, { markdown: "## Scale" }, "X_test = StandardScaler().fit_transform(X_test)"),
      filename: "train.ipynb",
      errors: [{ messageId: "testInFit", line: 8, column: 41 }],
    },
  ],
});

it("names the test split and where it was made", () => {
  const [message] = lintMessages(rule, `${IMPORTS}${SPLIT}scaler = StandardScaler()\nX_test_s = scaler.fit_transform(X_test)`);
  expect(message?.message).toContain("`scaler.fit_transform` fits `scaler` again on `X_test`, which comes from the test split (`X_test`, made by `train_test_split` at line 5)");
  expect(message?.message).toContain("call `scaler.transform(X_test)`");
  expect(message?.message).toMatch(/⟨related: main\.py:5:10 test split made here⟩$/u);
});
