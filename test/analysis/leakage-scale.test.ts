/** The leakage analysis stays fast on long notebooks: thousands of writes to one frame, many fits and splits. */
import { expect, it } from "vitest";
import { parsePython } from "../../src/languages/python/parse.js";
import { leakageOf } from "../../src/analysis/leakage/program-leakage.js";
import { lintMessages } from "../helpers/lint-messages.js";
import fitBeforeSplit from "../../rules/fit-before-split.js";
import testDataInFit from "../../rules/test-data-in-fit.js";
import testSetReuse from "../../rules/test-set-reuse.js";

it("a 6,000-line program with long write chains, 60 fits and 60 splits is analysed in well under the time budget", () => {
  const lines = ["import pandas as pd", "from sklearn.model_selection import train_test_split", "from sklearn.preprocessing import StandardScaler", "df = pd.read_csv('x.csv')"];
  for (let index = 0; index < 3000; index++) lines.push(`df['f${index % 40}'] = df['f${(index + 1) % 40}'] * ${index}`);
  for (let index = 0; index < 60; index++) {
    lines.push(`X${index} = StandardScaler().fit_transform(df)`, `a${index}, b${index} = train_test_split(X${index}, random_state=0)`);
    lines.push(`for k in range(3):\n    m = fit_model(a${index}, k)\n    best = max(best, m.score(b${index}))`);
  }
  const code = lines.join("\n");
  const parsed = parsePython(code);
  if (!parsed.ok) throw new Error("syntax error");
  const start = performance.now();
  const leakage = leakageOf(parsed.ast);
  expect(leakage.splits).toHaveLength(60);
  for (const rule of [fitBeforeSplit, testDataInFit, testSetReuse]) lintMessages(rule, code);
  expect(performance.now() - start).toBeLessThan(15000);
});
