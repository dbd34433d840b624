import rule from "../../rules/test-set-reuse.js";
import { notebook, notebookTester, pythonTester } from "../helpers/rule-tester.js";

const IMPORTS = [
  "from sklearn.model_selection import train_test_split, KFold, GridSearchCV",
  "from sklearn.metrics import accuracy_score, precision_score",
  "from sklearn.neighbors import KNeighborsClassifier",
  "from tensorflow.keras.callbacks import EarlyStopping",
  "",
].join("\n");
const SPLIT = "X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)\n";

pythonTester.run("test-set-reuse", rule as never, {
  valid: [
    // tuning by cross-validation on the training split, one final test score
    `${IMPORTS}${SPLIT}search = GridSearchCV(KNeighborsClassifier(), {"n_neighbors": [1, 3, 5]}, cv=5).fit(X_train, y_train)\nprint(search.score(X_test, y_test))`,
    // choosing k on a validation split carved out of the training data
    `${IMPORTS}${SPLIT}X_tr, X_val, y_tr, y_val = train_test_split(X_train, y_train, random_state=0)\nfor k in [1, 3, 5]:\n    m = KNeighborsClassifier(k).fit(X_tr, y_tr)\n    print(k, m.score(X_val, y_val))`,
    // per-class report of one model: the loop changes the class, not the model
    `${IMPORTS}${SPLIT}pred = KNeighborsClassifier(3).fit(X_train, y_train).predict(X_test)\nfor cls in classes:\n    print(cls, precision_score(y_test == cls, pred == cls))`,
    // a cross-validation loop scores its own held-out folds
    `${IMPORTS}for tr, te in KFold(5).split(X):\n    m = KNeighborsClassifier(3).fit(X[tr], y[tr])\n    print(accuracy_score(y[te], m.predict(X[te])))`,
    // averaging the fold models' predictions on the test split selects nothing
    `${IMPORTS}${SPLIT}preds = 0\nfor tr, te in KFold(5).split(X_train):\n    m = KNeighborsClassifier(3).fit(X_train[tr], y_train[tr])\n    preds = preds + m.predict_proba(X_test)`,
    // watching the validation split for early stopping
    `${IMPORTS}${SPLIT}X_tr, X_val, y_tr, y_val = train_test_split(X_train, y_train, random_state=0)\nnet.fit(X_tr, y_tr, validation_data=(X_val, y_val), callbacks=[EarlyStopping(patience=3)])`,
    // the test split only watched, nothing chosen by it
    `${IMPORTS}${SPLIT}net.fit(X_train, y_train, validation_data=(X_test, y_test))`,
    // scores of several models reported side by side, none chosen by them
    `${IMPORTS}${SPLIT}for clf in (knn, forest, svm):\n    clf.fit(X_train, y_train)\n    print(type(clf).__name__, accuracy_score(y_test, clf.predict(X_test)))`,
    // the held-out part is named a validation set: the test data is elsewhere
    `${IMPORTS}X_train, X_val, y_train, y_val = train_test_split(X, y, random_state=0)\nbest = max(range(1, 9), key=lambda k: KNeighborsClassifier(k).fit(X_train, y_train).score(X_val, y_val))\nfor k in [1, 3]:\n    m = KNeighborsClassifier(k).fit(X_train, y_train)\n    if m.score(X_val, y_val) > best_score:\n        best_score = k`,
    // no split: names prove nothing
    `${IMPORTS}for k in [1, 3]:\n    m = KNeighborsClassifier(k).fit(X_train, y_train)\n    print(m.score(X_test, y_test))`,
  ],
  invalid: [
    {
      // choosing k by test accuracy
      code: `${IMPORTS}${SPLIT}best = None\nfor k in [1, 3, 5, 7]:\n    m = KNeighborsClassifier(n_neighbors=k).fit(X_train, y_train)\n    acc = accuracy_score(y_test, m.predict(X_test))\n    if best is None or acc > best[0]:\n        best = (acc, k)`,
      errors: [{ messageId: "selectedOnTest", line: 9, column: 11, endLine: 9, endColumn: 52 }],
    },
    {
      // comparing already-fit models on the test split
      code: `${IMPORTS}${SPLIT}models = fit_all(X_train, y_train)\nscores = {name: m.score(X_test, y_test) for name, m in models.items()}\nbest = max(scores, key=scores.get)`,
      errors: [{ messageId: "selectedOnTest", line: 7, column: 17 }],
    },
    {
      // one report per loop
      code: `${IMPORTS}${SPLIT}results = []\nfor depth in [2, 4, 8]:\n    m = model_for(depth)\n    m.fit(X_train, y_train)\n    results.append((m.score(X_test, y_test), accuracy_score(y_test, m.predict(X_test))))\nbest = sorted(results)[-1]`,
      errors: [{ messageId: "selectedOnTest", line: 10, column: 21 }],
    },
    {
      // early stopping on the test split
      code: `${IMPORTS}${SPLIT}stop = [EarlyStopping(monitor="val_loss", patience=5, restore_best_weights=True)]\nnet.fit(X_train, y_train, epochs=100, validation_data=(X_test, y_test), callbacks=stop)`,
      errors: [{ messageId: "stoppedOnTest", line: 7, column: 55 }],
    },
    {
      code: `${IMPORTS}${SPLIT}booster.fit(X_train, y_train, eval_set=[(X_test, y_test)], early_stopping_rounds=20)`,
      errors: [{ messageId: "stoppedOnTest", line: 6, column: 40 }],
    },
  ],
});

notebookTester.run("test-set-reuse", rule as never, {
  valid: [{ code: notebook(IMPORTS, SPLIT, "m = KNeighborsClassifier(3).fit(X_train, y_train)", "m.score(X_test, y_test)"), filename: "tune.ipynb" }],
  invalid: [
    {
      code: notebook(IMPORTS, SPLIT, "scores = []\nfor k in range(1, 20):\n    m = KNeighborsClassifier(k).fit(X_train, y_train)\n    scores.append(m.score(X_test, y_test))", "best_k = int(np.argmax(scores)) + 1"),
      filename: "tune.ipynb",
      errors: [{ messageId: "selectedOnTest", line: 11, column: 19 }],
    },
  ],
});
