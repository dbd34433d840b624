import { describe, expect, it } from "vitest";
import { formatJson } from "../../src/reporters/json.js";
import { handoff, lintResult, notebook, parseError, seed } from "./fixture.js";

describe("formatJson", () => {
  const result = lintResult([handoff, seed, notebook, parseError]);
  const text = formatJson(result);
  const report = JSON.parse(text);

  it("has exactly tool, root, findings and summary, in that order", () => {
    expect(Object.keys(report)).toEqual(["tool", "root", "findings", "summary"]);
    expect(report.tool).toEqual({ name: "mldebt", version: "0.1.0" });
    expect(report.root).toBe(".");
  });

  it("keeps the findings in the order given", () => {
    expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual([
      "mldebt/implicit-file-handoff",
      "mldebt/unseeded-randomness",
      "mldebt/absolute-data-path",
      "mldebt/parse-error",
    ]);
  });

  it("writes a .py finding field by field in the contract's order", () => {
    const finding = report.findings[0];
    expect(Object.keys(finding)).toEqual([
      "ruleId", "category", "severity", "message", "file", "line", "column", "endLine", "endColumn",
      "related", "docs", "mitigation", "fingerprint",
    ]);
    expect(finding.ruleId).toBe("mldebt/implicit-file-handoff");
    expect(finding.category).toBe("pipeline-jungle");
    expect(finding.severity).toBe("warning");
    expect(finding.file).toBe("02_features.py");
    expect([finding.line, finding.column, finding.endLine, finding.endColumn]).toEqual([6, 6, 6, 51]);
    expect(finding.related).toEqual([{ file: "01_load.py", line: 9, message: "written here" }]);
    expect(finding.docs).toBe("docs/rules/implicit-file-handoff.md");
    expect(finding.mitigation).toBe("declare-the-pipeline");
    expect(finding.fingerprint).toBe("0123456789abcdef");
  });

  it("omits optional fields that are absent", () => {
    expect(Object.keys(report.findings[1])).toEqual([
      "ruleId", "category", "severity", "message", "file", "line", "column", "docs", "mitigation", "fingerprint",
    ]);
  });

  it("writes the notebook cell after the range", () => {
    const finding = report.findings[2];
    expect(finding.cell).toBe(3);
    expect(finding.line).toBe(2);
    expect(Object.keys(finding).indexOf("cell")).toBe(Object.keys(finding).indexOf("endColumn") + 1);
  });

  it("keeps category null for a parse error and drops the absent docs and mitigation", () => {
    const finding = report.findings[3];
    expect(finding).toEqual({
      ruleId: "mldebt/parse-error",
      category: null,
      severity: "error",
      message: "Unexpected indent.",
      file: "broken dir/bad.py",
      line: 3,
      column: 1,
      fingerprint: "1111222233334444",
    });
    expect(text).toContain('"category": null');
  });

  it("writes the summary with counts by category and severity", () => {
    expect(report.summary).toEqual({
      files: 12,
      byCategory: { "pipeline-jungle": 1, "hidden-data-dependency": 1, reproducibility: 1 },
      bySeverity: { error: 2, warning: 1, info: 1 },
    });
    expect(Object.keys(report.summary.byCategory)).toEqual([
      "pipeline-jungle",
      "hidden-data-dependency",
      "reproducibility",
    ]);
  });

  it("has no rules key, a 2-space indent and a trailing newline", () => {
    expect(report).not.toHaveProperty("rules");
    expect(text.startsWith('{\n  "tool": {\n    "name": "mldebt"')).toBe(true);
    expect(text.endsWith("}\n")).toBe(true);
  });

  it("drops keys that are not part of the contract", () => {
    const extra = { ...seed, internal: "x" } as typeof seed;
    const out = JSON.parse(formatJson(lintResult([extra])));
    expect(out.findings[0]).not.toHaveProperty("internal");
  });

  it("writes an empty report", () => {
    expect(JSON.parse(formatJson(lintResult([], 3)))).toEqual({
      tool: { name: "mldebt", version: "0.1.0" },
      root: ".",
      findings: [],
      summary: { files: 3, byCategory: {}, bySeverity: {} },
    });
  });
});
