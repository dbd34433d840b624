/** Runs one rule over a Python file or a notebook with ESLint's Linter, for tests that read whole messages. */
import { Linter } from "eslint";
import plugin from "../../src/index.js";
import type { MldebtRule } from "../../src/rules-kit/create-rule.js";

export function lintMessages(rule: MldebtRule, code: string, filename = "main.py", options: unknown[] = []): Linter.LintMessage[] {
  const linter = new Linter({ configType: "flat" });
  const notebook = filename.endsWith(".ipynb");
  const withRule = { ...plugin, rules: { "under-test": rule } };
  return linter.verify(
    code,
    [{ files: [notebook ? "**/*.ipynb" : "**/*.py"], plugins: { mldebt: withRule as never }, language: notebook ? "mldebt/notebook" : "mldebt/python", rules: { "mldebt/under-test": ["warn", ...options] } }],
    filename,
  );
}
