import rule from "../../rules/fit-before-split.js";
import { expect, it } from "vitest";
import { notebook, notebookTester, pythonTester } from "../helpers/rule-tester.js";
import { lintMessages } from "../helpers/lint-messages.js";

const IMPORTS = [
  "from sklearn.model_selection import train_test_split, cross_val_score, KFold",
  "from sklearn.preprocessing import StandardScaler, PolynomialFeatures, LabelEncoder",
  "from sklearn.pipeline import Pipeline, make_pipeline",
  "from sklearn.linear_model import LogisticRegression",
  "from sklearn.decomposition import PCA",
  "",
].join("\n");

pythonTester.run("fit-before-split", rule as never, {
  valid: [
    // the preprocessing sits inside a Pipeline fit on the training split
    `${IMPORTS}X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
model = Pipeline([("scale", StandardScaler()), ("clf", LogisticRegression())])
model.fit(X_train, y_train)
print(model.score(X_test, y_test))`,
    // split first, fit the scaler on the training part, apply it to both
    `${IMPORTS}X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
scaler = StandardScaler().fit(X_train)
X_train_s, X_test_s = scaler.transform(X_train), scaler.transform(X_test)`,
    // cross-validating a pipeline refits the scaler in every fold
    `${IMPORTS}pipe = make_pipeline(StandardScaler(), LogisticRegression())
scores = cross_val_score(pipe, X, y, cv=5)`,
    // a look-alike: a local class called StandardScaler, and no sklearn import of it
    "from sklearn.model_selection import train_test_split\nclass StandardScaler:\n    def fit_transform(self, X):\n        return X\nXs = StandardScaler().fit_transform(X)\ntrain_test_split(Xs, y)",
    // no import at all
    "Xs = StandardScaler().fit_transform(X)\nX_train, X_test = train_test_split(Xs)",
    // PCA for a plot only: its output never reaches the split
    `${IMPORTS}coords = PCA(n_components=2).fit_transform(X)
plot(coords)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)`,
    // stateless transformers and target encoders learn nothing from the test rows' features
    `${IMPORTS}Xp = PolynomialFeatures(2).fit_transform(X)
y_enc = LabelEncoder().fit_transform(y)
X_train, X_test, y_train, y_test = train_test_split(Xp, y_enc, random_state=0)`,
    // fit on one data set, split another
    `${IMPORTS}scaler = StandardScaler().fit(reference)
X_train, X_test = train_test_split(other, random_state=0)`,
    // a final refit on all rows after evaluation, never applied to the split parts
    `${IMPORTS}X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
evaluate(make_pipeline(StandardScaler(), LogisticRegression()).fit(X_train, y_train), X_test, y_test)
final = make_pipeline(StandardScaler(), LogisticRegression()).fit(X, y)`,
  ],
  invalid: [
    {
      // the classic: scale everything, then split
      code: `${IMPORTS}X_scaled = StandardScaler().fit_transform(X)
X_train, X_test, y_train, y_test = train_test_split(X_scaled, y, random_state=0)`,
      errors: [{ messageId: "beforeSplit", line: 6, column: 12, endLine: 6, endColumn: 45 }],
    },
    {
      // through two reassignments and a method chain, with aliased imports
      code: `from sklearn.model_selection import train_test_split as tts
from sklearn.preprocessing import MinMaxScaler as MMS
features = raw.drop(columns=["label"])
scaled = MMS().fit_transform(features)
data = scaled
data2 = data[:, :10]
a, b = tts(data2, random_state=1)`,
      errors: [{ messageId: "beforeSplit", line: 4, column: 10 }],
    },
    {
      // a scaler fit on every row, then the rows are split and the scaler applied to the parts
      code: `${IMPORTS}X, y = load()
scaler = StandardScaler()
scaler.fit(X)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
X_test_s = scaler.transform(X_test)`,
      errors: [{ messageId: "beforeSplit", line: 8, column: 1 }],
    },
    {
      // split first, but the scaler still sees every row
      code: `${IMPORTS}X, y = load()
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
scaler = StandardScaler().fit(X)
X_train_s, X_test_s = scaler.transform(X_train), scaler.transform(X_test)`,
      errors: [{ messageId: "afterSplit", line: 8, column: 10 }],
    },
    {
      // feature selection before cross-validation picks features with the held-out labels
      code: `${IMPORTS}from sklearn.feature_selection import SelectKBest
X_sel = SelectKBest(k=10).fit_transform(X, y)
scores = cross_val_score(LogisticRegression(), X_sel, y, cv=5)`,
      errors: [{ messageId: "beforeCrossValidation", line: 7, column: 9 }],
    },
    {
      // oversampling before the split puts synthetic copies of test rows in training
      code: `${IMPORTS}from imblearn.over_sampling import SMOTE
X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
X_train, X_test, y_train, y_test = train_test_split(X_res, y_res, random_state=0)`,
      errors: [{ messageId: "beforeSplit", line: 7, column: 16 }],
    },
    {
      // imputation written back into the frame, then a KFold loop over it
      code: `import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.model_selection import KFold
df = pd.read_csv("data.csv")
df[NUM] = SimpleImputer().fit_transform(df[NUM])
for train_idx, test_idx in KFold(5, shuffle=True, random_state=0).split(df):
    fit_and_score(df.iloc[train_idx], df.iloc[test_idx])`,
      errors: [{ messageId: "beforeCrossValidation", line: 5, column: 11 }],
    },
    {
      // inside a function
      code: `${IMPORTS}def main(X, y):
    X = StandardScaler().fit_transform(X)
    return train_test_split(X, y, random_state=0)`,
      errors: [{ messageId: "beforeSplit", line: 7, column: 9 }],
    },
  ],
});

notebookTester.run("fit-before-split", rule as never, {
  valid: [
    {
      code: notebook(IMPORTS, "X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)", "scaler = StandardScaler().fit(X_train)"),
      filename: "explore.ipynb",
    },
  ],
  invalid: [
    {
      code: notebook(IMPORTS, { markdown: "## Scale" }, "X = StandardScaler().fit_transform(X)", "X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)"),
      filename: "explore.ipynb",
      // program line 7 = cell 3, line 1; the message cites the split in cell 4
      errors: [{ messageId: "beforeSplit", line: 7, column: 5 }],
    },
  ],
});

it("cites the split by cell in a notebook, and carries it as a related location", () => {
  const code = notebook(IMPORTS, { markdown: "## Scale" }, "X = StandardScaler().fit_transform(X)", "X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)");
  const [message] = lintMessages(rule, code, "explore.ipynb");
  expect(message?.message).toContain("(`train_test_split`, cell 4, line 1)");
  expect(message?.message).toMatch(/To fix: split first and fit `StandardScaler` on the training part only/u);
  expect(message?.message).toMatch(/⟨related: explore\.ipynb cell 4:1:36 split here⟩$/u);
});
