import { CATEGORIES, CATEGORY_INFO } from "../categories.js";
import type { Assessment } from "../assessment/maturity.js";
import type { Finding, LintResult } from "../results/model.js";

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** Text safe inside a table cell: Markdown punctuation escaped, line breaks flattened. */
function escapeCell(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, "\\$&").replace(/\r?\n/g, " ");
}

/** `file:line:column`, or `file cell 3:2` (cell, line within the cell) for a notebook. */
function location(finding: Finding): string {
  return finding.cell === undefined
    ? `${finding.file}:${finding.line}:${finding.column}`
    : `${finding.file} cell ${finding.cell}:${finding.line}`;
}

/** One section: a heading and a table of its findings, rules linked to their docs. */
function section(title: string, findings: readonly Finding[], docsUrl: (f: Finding) => string | undefined) {
  const rows = findings.map((finding) => {
    const url = docsUrl(finding);
    const rule = url === undefined ? escapeCell(finding.ruleId) : `[${escapeCell(finding.ruleId)}](${url})`;
    return `| ${finding.severity} | ${escapeCell(location(finding))} | ${escapeCell(finding.message)} | ${rule} |`;
  });
  return [
    `### ${title} (${findings.length})`,
    "",
    "| Severity | Location | Message | Rule |",
    "| --- | --- | --- | --- |",
    ...rows,
    "",
  ];
}

/** The MLOps maturity table: each practice, present or not, with evidence or the quick win. */
function assessmentSection(assessment: Assessment): string[] {
  return [
    `### MLOps maturity: level ${assessment.level} of 2`,
    "",
    "| Practice | | Evidence or quick win |",
    "| --- | --- | --- |",
    ...assessment.practices.map((practice) => `| ${practice.title} | ${practice.present ? "✔" : "✖"} | ${(practice.present ? practice.evidence : practice.quickWin).replace(/\|/gu, "\\|")} |`),
    "",
  ];
}

/**
 * The report as GitHub-flavoured Markdown, for a CI job summary or a pull-request comment: a
 * headline with the totals, then one table per category (in `CATEGORIES` order, parse errors last).
 * Rules link to their docs page (`helpUri` when the rule is known, the relative docs path otherwise).
 */
export function formatMarkdown(result: LintResult): string {
  const { files, bySeverity } = result.summary;
  const maturity = result.assessment ? assessmentSection(result.assessment) : [];
  if (result.findings.length === 0) {
    return [`## mldebt`, "", `✔ No technical debt found in ${plural(files, "file")}.`, "", ...maturity].join("\n").trimEnd() + "\n";
  }
  const helpUris = new Map(result.rules.map((rule) => [rule.id, rule.helpUri]));
  const docsUrl = (finding: Finding) => helpUris.get(finding.ruleId) ?? finding.docs;
  const totals = [
    plural(bySeverity.error ?? 0, "error"),
    plural(bySeverity.warning ?? 0, "warning"),
    `${bySeverity.info ?? 0} info`,
  ].join(", ");
  const lines = [`## mldebt: ${plural(result.findings.length, "problem")} (${totals}) in ${plural(files, "file")}`, ""];
  for (const category of CATEGORIES) {
    const findings = result.findings.filter((finding) => finding.category === category);
    const title = `${CATEGORY_INFO[category].title} \`${category}\``;
    if (findings.length > 0) lines.push(...section(title, findings, docsUrl));
  }
  const unparsed = result.findings.filter((finding) => finding.category === null);
  if (unparsed.length > 0) lines.push(...section("Could not be analysed", unparsed, docsUrl));
  lines.push(...maturity);
  return lines.join("\n");
}
