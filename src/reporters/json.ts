import type { Finding, LintResult, RelatedLocation, Summary } from "../results/model.js";

/** A related location with the model's field order; absent optional fields left out. */
function relatedJson(related: RelatedLocation): RelatedLocation {
  return {
    file: related.file,
    line: related.line,
    ...(related.column !== undefined && { column: related.column }),
    ...(related.cell !== undefined && { cell: related.cell }),
    message: related.message,
  };
}

/** A finding with the model's field order; absent optional fields left out, `category: null` kept. */
function findingJson(finding: Finding): Finding {
  return {
    ruleId: finding.ruleId,
    category: finding.category,
    severity: finding.severity,
    message: finding.message,
    file: finding.file,
    line: finding.line,
    column: finding.column,
    ...(finding.endLine !== undefined && { endLine: finding.endLine }),
    ...(finding.endColumn !== undefined && { endColumn: finding.endColumn }),
    ...(finding.cell !== undefined && { cell: finding.cell }),
    ...(finding.related !== undefined && { related: finding.related.map(relatedJson) }),
    ...(finding.docs !== undefined && { docs: finding.docs }),
    ...(finding.mitigation !== undefined && { mitigation: finding.mitigation }),
    fingerprint: finding.fingerprint,
  };
}

/**
 * The JSON report of DESIGN.md: `{ tool, root, findings, summary }`, findings in the order given
 * (the caller sorts them), then `graph` (nodes and edges of the data-flow graph) when the result
 * carries one; 2-space indent and a trailing newline.
 */
export function formatJson(result: LintResult): string {
  const summary: Summary = {
    files: result.summary.files,
    byCategory: result.summary.byCategory,
    bySeverity: result.summary.bySeverity,
  };
  const report = {
    tool: { name: result.tool.name, version: result.tool.version },
    root: result.root,
    findings: result.findings.map(findingJson),
    summary,
    ...(result.graph !== undefined && { graph: result.graph }),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
