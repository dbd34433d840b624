import rule from "../../rules/threshold-dependent-metric.js";
import { notebook, notebookTester, pythonTester } from "../helpers/rule-tester.js";

pythonTester.run("threshold-dependent-metric", rule as never, {
  valid: [
    // a threshold-independent metric beside the threshold-dependent ones
    "from sklearn.metrics import f1_score, roc_auc_score\nproba = model.predict_proba(X_test)[:, 1]\nprint(f1_score(y_test, proba > 0.5), roc_auc_score(y_test, proba))",
    "from sklearn import metrics\nscores = clf.decision_function(X)\nprint(metrics.accuracy_score(y, clf.predict(X)), metrics.average_precision_score(y, scores))",
    // no scores at all: hard labels only (a rule-based classifier, a multi-class report)
    "from sklearn.metrics import accuracy_score\nprint(accuracy_score(y_test, model.predict(X_test)))",
    // a multi-class report: scores exist, but nothing says the problem is binary
    "from sklearn.metrics import confusion_matrix\nprobs = model.predict_proba(X_test)\nprint(confusion_matrix(y_test, model.predict(X_test)))",
    // a local accuracy_score
    "def accuracy_score(a, b):\n    return 1.0\nproba = model.predict_proba(X)\naccuracy_score(y, proba > 0.5)",
  ],
  invalid: [
    {
      code: "from sklearn.metrics import accuracy_score, f1_score\nproba = model.predict_proba(X_test)[:, 1]\npred = (proba >= 0.5).astype(int)\nprint(accuracy_score(y_test, pred), f1_score(y_test, pred))",
      errors: [{ messageId: "onlyThresholdMetrics", line: 4, column: 7, endLine: 4, endColumn: 35 }],
    },
    {
      code: "from sklearn.metrics import recall_score\nprint(recall_score(y, clf.predict(X), pos_label='churn'))\np = clf.decision_function(X)",
      errors: [{ messageId: "onlyThresholdMetrics", line: 2, column: 7 }],
    },
  ],
});

notebookTester.run("threshold-dependent-metric", rule as never, {
  valid: [],
  invalid: [
    {
      code: notebook("import sklearn.metrics as m", "s = svm.decision_function(X_val)", "m.classification_report(y_val, s > 0.0)"),
      filename: "a.ipynb",
      errors: [{ messageId: "onlyThresholdMetrics", line: 3, column: 1 }],
    },
  ],
});
