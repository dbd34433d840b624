import { CATEGORIES, SEVERITIES } from "../categories.js";
import type { Finding, Summary } from "./model.js";

/**
 * Counts findings by category and by severity. Keys come in a stable order (categories in
 * `CATEGORIES` order, severities error, warning, info) and zero counts are omitted, so the JSON
 * report is byte-for-byte reproducible. Category-less findings (`mldebt/parse-error`) count only
 * by severity.
 */
export function summarize(findings: readonly Finding[], fileCount: number): Summary {
  const summary: Summary = { files: fileCount, byCategory: {}, bySeverity: {} };
  for (const category of CATEGORIES) {
    const count = findings.filter((finding) => finding.category === category).length;
    if (count > 0) summary.byCategory[category] = count;
  }
  for (const severity of SEVERITIES) {
    const count = findings.filter((finding) => finding.severity === severity).length;
    if (count > 0) summary.bySeverity[severity] = count;
  }
  return summary;
}
