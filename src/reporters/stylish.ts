import pc from "picocolors";
import { CATEGORIES, CATEGORY_INFO, SEVERITIES, type Severity } from "../categories.js";
import type { Assessment } from "../assessment/maturity.js";
import type { Finding, LintResult } from "../results/model.js";
import { graphTextLines } from "./graph-text.js";

/** How the stylish report is rendered. */
export interface StylishOptions {
  /** ANSI colors; off for files, pipes and tests. */
  color: boolean;
  /**
   * The terminal's width: messages are wrapped under their own column and the rule id moves to the
   * line below. Without it (files, pipes) each finding stays on one line, for grep.
   */
  width?: number;
}

/** Words of `text` in lines of at most `width` characters (a longer word gets its own line). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/u)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

type Colors = ReturnType<typeof pc.createColors>;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function paint(severity: Severity, text: string, c: Colors): string {
  return severity === "error" ? c.red(text) : severity === "warning" ? c.yellow(text) : c.blue(text);
}

/** The two halves of a location around its colon: `12` `5` for line:column, `cell 3` `2` for cell:line. */
function locationParts(finding: Finding): [string, string] {
  return finding.cell === undefined
    ? [String(finding.line), String(finding.column)]
    : [`cell ${finding.cell}`, String(finding.line)];
}

/** One file's findings, columns padded so locations (on the colon) and severities line up. */
function fileBlock(file: string, findings: readonly Finding[], c: Colors, width: number | undefined): string[] {
  const rows = findings.map((finding) => ({ finding, location: locationParts(finding) }));
  const headWidth = Math.max(...rows.map(({ location: [head] }) => head.length));
  const tailWidth = Math.max(...rows.map(({ location: [, tail] }) => tail.length));
  const severityWidth = Math.max(...findings.map((finding) => finding.severity.length));
  const indent = " ".repeat(2 + headWidth + 1 + tailWidth + 2 + severityWidth + 2);
  const lines = [c.underline(file)];
  for (const { finding, location: [head, tail] } of rows) {
    const location = c.dim(`${head.padStart(headWidth)}:${tail.padEnd(tailWidth)}`);
    const severity = paint(finding.severity, finding.severity, c);
    const padding = " ".repeat(severityWidth - finding.severity.length);
    const about = [finding.category, finding.docs].filter((part) => part != null).join(" · ");
    if (width === undefined) {
      lines.push(`  ${location}  ${severity}${padding}  ${finding.message}  ${c.dim(finding.ruleId)}`);
      if (about !== "") lines.push(c.dim(`${indent}${about}`));
    } else {
      const room = Math.max(40, width - indent.length - 1);
      const [first = "", ...rest] = wrap(finding.message, room);
      lines.push(`  ${location}  ${severity}${padding}  ${first}`, ...rest.map((line) => `${indent}${line}`));
      for (const line of wrap([finding.ruleId, about].filter(Boolean).join(" · "), room)) lines.push(c.dim(`${indent}${line}`));
    }
    for (const related of finding.related ?? []) {
      const where = related.cell === undefined ? `${related.file}:${related.line}` : `${related.file} cell ${related.cell}:${related.line}`;
      lines.push(`${indent}${c.dim("↳")} ${where} ${related.message}`);
    }
  }
  return lines;
}

/** The closing block: totals by severity, counts by category, and where to learn more. */
function summaryBlock(result: LintResult, c: Colors): string[] {
  const { bySeverity, byCategory } = result.summary;
  const worst = SEVERITIES.find((severity) => (bySeverity[severity] ?? 0) > 0) ?? "info";
  const totals = [
    plural(bySeverity.error ?? 0, "error"),
    plural(bySeverity.warning ?? 0, "warning"),
    `${bySeverity.info ?? 0} info`,
  ].join(", ");
  const headline = `✖ ${plural(result.findings.length, "problem")} (${totals})`;
  const rows: [number, string][] = CATEGORIES.filter((category) => (byCategory[category] ?? 0) > 0).map(
    (category) => [byCategory[category] ?? 0, `${CATEGORY_INFO[category].title} ${c.dim(`(${category})`)}`],
  );
  const unparsed = result.findings.filter((finding) => finding.category === null).length;
  if (unparsed > 0) rows.push([unparsed, `Could not be analysed ${c.dim("(parse errors)")}`]);
  const countWidth = Math.max(...rows.map(([count]) => String(count).length));
  return [
    c.bold(paint(worst, headline, c)),
    ...rows.map(([count, label]) => `  ${String(count).padStart(countWidth)}  ${label}`),
    "",
    c.dim("Run `mldebt explain <rule-id>` to learn why and how to fix."),
  ];
}

const LEVEL_NAMES = ["manual process", "ML pipeline automation", "CI/CD pipeline automation"];

/**
 * The MLOps maturity block: every practice with ✔/✖, and for the missing practices of the next
 * level, the quick win that adds them.
 */
function assessmentBlock(assessment: Assessment, c: Colors): string[] {
  const width = Math.max(...assessment.practices.map((practice) => practice.title.length));
  const next = Math.min(assessment.level + 1, 2);
  const lines = [c.bold(`MLOps maturity: level ${assessment.level} of 2 (${LEVEL_NAMES[assessment.level]})`)];
  for (const practice of assessment.practices) {
    const mark = practice.present ? c.green("✔") : c.red("✖");
    const detail = practice.present || practice.level !== next ? c.dim(practice.evidence) : `quick win: ${practice.quickWin}`;
    lines.push(`  ${mark} ${practice.title.padEnd(width)}  ${detail}`);
  }
  return lines;
}

/** The pipeline of a small project as text, when the result carries its graph. */
function pipelineBlock(result: LintResult, c: Colors): string[] {
  const lines = result.graph ? graphTextLines(result.graph) : [];
  if (lines.length === 0) return [];
  return [c.bold("Pipeline") + c.dim(" (→ declared, ⇒ ordered by a shell script, ⇢ undeclared; draw it: mldebt graph --format mermaid)"), ...lines.map((line) => `  ${line}`)];
}

/**
 * The human-readable report, in the manner of ESLint's stylish formatter: findings grouped by file
 * (in the order given), each with its category and docs page, then a summary by severity and by
 * category. Notebook findings are located as `cell <cell>:<line within the cell>`.
 */
export function formatStylish(result: LintResult, options: StylishOptions): string {
  const c = pc.createColors(options.color);
  const baselined = result.baseline && result.baseline.suppressed > 0 ? c.dim(`${plural(result.baseline.suppressed, "known finding")} hidden by the baseline ${result.baseline.file}.`) : null;
  const pipeline = pipelineBlock(result, c);
  if (result.findings.length === 0) {
    const clean = [...(pipeline.length > 0 ? [...pipeline, ""] : []), `${c.green("✔")} No ${baselined ? "new " : ""}technical debt found in ${plural(result.summary.files, "file")}.`];
    if (baselined) clean.push(baselined);
    if (result.assessment) clean.push("", ...assessmentBlock(result.assessment, c));
    return `${clean.join("\n")}\n`;
  }
  const byFile = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const group = byFile.get(finding.file);
    if (group === undefined) byFile.set(finding.file, [finding]);
    else group.push(finding);
  }
  const lines: string[] = [];
  for (const [file, findings] of byFile) lines.push("", ...fileBlock(file, findings, c, options.width));
  if (pipeline.length > 0) lines.push("", ...pipeline);
  lines.push("", ...summaryBlock(result, c));
  if (baselined) lines.push(baselined);
  if (result.assessment) lines.push("", ...assessmentBlock(result.assessment, c));
  return `${lines.join("\n")}\n`;
}
