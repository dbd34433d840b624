/**
 * `mldebt merge`: the JSON reports of several shards (`--shard i/n`) joined into one result, which
 * any reporter can then print (JSON, SARIF, stylish …). Findings are re-sorted, so the merged
 * report is the same whatever order the shards come in.
 */
import { VERSION } from "../package-info.js";
import type { Finding, LintResult } from "../results/model.js";
import { sortFindings } from "../results/sort.js";
import { summarize } from "../results/summary.js";
import { rules } from "../../rules/index.js";
import { UsageError } from "./errors.js";
import { PARSE_ERROR_DESCRIPTOR, PARSE_ERROR_RULE, ruleDescriptor } from "./lint.js";

interface JsonReport {
  tool?: { name?: string };
  graph?: LintResult["graph"];
  root?: string;
  findings?: Finding[];
  summary?: { files?: number };
}

/** One result from JSON report texts (`name` says which file a text came from, for errors). */
export function mergeReports(reports: { name: string; text: string }[]): LintResult {
  const findings: Finding[] = [];
  const roots = new Set<string>();
  let files = 0;
  let graph: LintResult["graph"];
  for (const { name, text } of reports) {
    let report: JsonReport;
    try {
      report = JSON.parse(text) as JsonReport;
    } catch (error) {
      throw new UsageError(`${name} is not JSON (${(error as Error).message}); merge takes reports written with --format json.`);
    }
    if (report.tool?.name !== "mldebt" || !Array.isArray(report.findings) || typeof report.summary?.files !== "number") {
      throw new UsageError(`${name} is not an mldebt JSON report (expected tool.name "mldebt", findings and summary).`);
    }
    findings.push(...report.findings);
    files += report.summary.files;
    // Every shard builds the whole project's graph: any one of them carries it.
    graph ??= report.graph;
    roots.add(report.root ?? ".");
  }
  if (roots.size > 1) throw new UsageError(`The reports have different roots (${[...roots].sort().join(", ")}); merge shards of one project only.`);
  const sorted = sortFindings(findings);
  const severities = new Map(sorted.map((finding) => [finding.ruleId, finding.severity]));
  const descriptors = [...severities]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([id, severity]) => {
      if (id === PARSE_ERROR_RULE) return [PARSE_ERROR_DESCRIPTOR];
      const name = id.replace(/^mldebt\//u, "");
      return rules[name] ? [ruleDescriptor(name, severity)] : [];
    });
  return { tool: { name: "mldebt", version: VERSION }, root: [...roots][0] ?? ".", findings: sorted, summary: summarize(sorted, files), rules: descriptors, ...(graph ? { graph } : {}) };
}
