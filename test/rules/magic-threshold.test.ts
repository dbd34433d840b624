import rule from "../../rules/magic-threshold.js";
import { notebook, notebookTester, pythonTester, scriptTester } from "../helpers/rule-tester.js";

pythonTester.run("magic-threshold", rule as never, {
  valid: [
    // a threshold read from config or shipped with the model
    'proba = model.predict_proba(X)[:, 1]\nflag = proba > cfg["serve"]["threshold"]',
    'bundle = joblib.load("m.joblib")\nflag = model.predict_proba(X)[:, 1] >= bundle["threshold"]',
    // not a model score: metrics, losses, random draws, counters
    "if acc > 0.9:\n    print('good')",
    "if loss.item() < 0.01:\n    break",
    "import random\nif random.random() < 0.5:\n    x = 1",
    // 0 on a decision function is the model's own boundary; numbers outside (0, 1) are no probability thresholds
    "flag = clf.decision_function(X) > 0",
    "many = model.predict(X) > 10",
    // a function named predict that is imported is not a model method
    "from mylib import predict\nok = predict(x) > 0.5",
    // tests assert on scores on purpose
    "assert model.predict_proba(X)[0, 1] > 0.5",
    // a threshold handed straight to a metric is a threshold-dependent metric (an API smell of its own)
    "from sklearn.metrics import f1_score\nTHRESHOLD = 0.5\nproba = model.predict_proba(X)[:, 1]\nf1 = f1_score(y, proba > THRESHOLD)",
    // chained comparisons are range checks
    "valid = 0.0 < proba < 1.0",
    // an allowed value
    { code: "flag = proba >= 0.5", options: [{ ignoreTests: true, allow: [0.5] }] },
    // test modules
    { code: "flag = proba >= 0.7", filename: "tests/test_serve.py" },
  ],
  invalid: [
    {
      code: "proba = model.predict_proba(X)[:, 1]\nflag = proba > 0.73",
      errors: [{ messageId: "literalThreshold", line: 2, column: 16, endLine: 2, endColumn: 20 }],
    },
    {
      // the score straight from the call, the literal on the left
      code: "alert = 0.9 <= clf.predict_proba(x)[0][1]",
      errors: [{ messageId: "literalThreshold", line: 1, column: 9 }],
    },
    {
      // logits through torch.sigmoid, in np.where
      code: "import numpy as np\nimport torch\nprobs = torch.sigmoid(logits)\nlabels = np.where(probs > 0.35, 1, 0)",
      errors: [{ messageId: "literalThreshold", line: 4, column: 27 }],
    },
    {
      // a parameter whose name says it is a probability
      code: "def decide(churn_proba):\n    return churn_proba >= 0.6",
      errors: [{ messageId: "literalThreshold", line: 2, column: 27 }],
    },
    {
      // a module constant holding the threshold
      code: "THRESHOLD = 0.42\ny_pred = model.predict(X)\nlabels = (y_pred > THRESHOLD).astype(int)",
      errors: [{ messageId: "constantThreshold", line: 3, column: 20 }],
    },
  ],
});

notebookTester.run("magic-threshold (notebooks)", rule as never, {
  valid: [{ code: notebook("proba = model.predict_proba(X)[:, 1]", "flag = proba > cfg['t']"), filename: "nb.ipynb" }],
  invalid: [
    {
      code: notebook("proba = model.predict_proba(X)[:, 1]", { markdown: "Decide" }, "flag = proba > 0.8"),
      filename: "nb.ipynb",
      errors: [{ messageId: "literalThreshold", line: 2, column: 16 }],
    },
  ],
});

scriptTester.run("magic-threshold (TensorFlow.js)", rule as never, {
  valid: [
    { code: 'import * as tf from "@tensorflow/tfjs";\nconst scores = model.predict(x).dataSync();\nconst flag = scores[0] > config.threshold;', filename: "serve.ts" },
    { code: "const ok = accuracy > 0.9;", filename: "report.ts" },
    { code: "const flag = probability >= 0.7;", filename: "serve.test.ts" },
  ],
  invalid: [
    {
      code: 'import * as tf from "@tensorflow/tfjs";\nconst probs = model.predict(x).dataSync();\nconst flag = probs[0] > 0.73;',
      filename: "serve.ts",
      errors: [{ messageId: "literalThreshold", line: 3, column: 25 }],
    },
    {
      code: "const THRESHOLD = 0.42;\nexport function decide(churnProbability: number) {\n  return churnProbability >= THRESHOLD;\n}",
      filename: "decide.ts",
      errors: [{ messageId: "constantThreshold", line: 3, column: 30 }],
    },
  ],
});
