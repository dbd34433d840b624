import type { Finding, LintResult, RuleDescriptor } from "../../src/results/model.js";
import { summarize } from "../../src/results/summary.js";

const DOCS_BASE = "https://example.org/mldebt/docs/rules/";

function rule(id: string, category: RuleDescriptor["category"], severity: RuleDescriptor["severity"], mitigation: string | null): RuleDescriptor {
  return {
    id: `mldebt/${id}`,
    category,
    severity,
    description: `Describes ${id}.`,
    docs: `docs/rules/${id}.md`,
    helpUri: `${DOCS_BASE}${id}.md`,
    mitigation,
  };
}

/** A .py finding with related location. */
export const handoff: Finding = {
  ruleId: "mldebt/implicit-file-handoff",
  category: "pipeline-jungle",
  severity: "warning",
  message: "Reads data/clean.csv, which 01_load.py writes: declare the pipeline.",
  file: "02_features.py",
  line: 6,
  column: 6,
  endLine: 6,
  endColumn: 51,
  related: [{ file: "01_load.py", line: 9, message: "written here" }],
  docs: "docs/rules/implicit-file-handoff.md",
  mitigation: "declare-the-pipeline",
  fingerprint: "0123456789abcdef",
};

/** A .py finding without optional fields beyond docs/mitigation. */
export const seed: Finding = {
  ruleId: "mldebt/unseeded-randomness",
  category: "reproducibility",
  severity: "error",
  message: "np.random is used without a seed.",
  file: "02_features.py",
  line: 12,
  column: 1,
  docs: "docs/rules/unseeded-randomness.md",
  mitigation: "make-runs-reproducible",
  fingerprint: "fedcba9876543210",
};

/** A notebook finding: line is within cell 3. */
export const notebook: Finding = {
  ruleId: "mldebt/absolute-data-path",
  category: "hidden-data-dependency",
  severity: "info",
  message: "Absolute path /home/ana/data.csv works only on one machine.",
  file: "explore.ipynb",
  line: 2,
  column: 5,
  endLine: 2,
  endColumn: 27,
  cell: 3,
  docs: "docs/rules/absolute-data-path.md",
  mitigation: "version-and-declare-data",
  fingerprint: "aaaabbbbccccdddd",
};

/** A parse error: no category, no docs, no mitigation. */
export const parseError: Finding = {
  ruleId: "mldebt/parse-error",
  category: null,
  severity: "error",
  message: "Unexpected indent.",
  file: "broken dir/bad.py",
  line: 3,
  column: 1,
  fingerprint: "1111222233334444",
};

export const RULES: RuleDescriptor[] = [
  rule("unseeded-randomness", "reproducibility", "error", "make-runs-reproducible"),
  rule("implicit-file-handoff", "pipeline-jungle", "warning", "declare-the-pipeline"),
  rule("absolute-data-path", "hidden-data-dependency", "warning", "version-and-declare-data"),
];

export function lintResult(findings: Finding[], files = 12, rules: RuleDescriptor[] = RULES): LintResult {
  return {
    tool: { name: "mldebt", version: "0.1.0" },
    root: ".",
    findings,
    summary: summarize(findings, files),
    rules,
  };
}
