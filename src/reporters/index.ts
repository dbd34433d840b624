import type { LintResult } from "../results/model.js";
import { formatGithub } from "./github.js";
import { formatHtml } from "./html.js";
import { formatJson } from "./json.js";
import { formatMarkdown } from "./markdown.js";
import { formatSarif } from "./sarif.js";
import { formatStylish, type StylishOptions } from "./stylish.js";

/** The report formats, in the order `--format` lists them. */
export const FORMATS = ["stylish", "json", "sarif", "markdown", "html", "github"] as const;

export type ReportFormat = (typeof FORMATS)[number];

/** Rendering options; only the human-readable format uses color. */
export type ReportOptions = StylishOptions;

/** Whether a `--format` value names a report format. */
export function isReportFormat(value: string): value is ReportFormat {
  return (FORMATS as readonly string[]).includes(value);
}

/** Renders the result in the given format. Pure: the caller decides where the text goes. */
export function formatReport(format: ReportFormat, result: LintResult, options: ReportOptions): string {
  switch (format) {
    case "stylish":
      return formatStylish(result, options);
    case "json":
      return formatJson(result);
    case "sarif":
      return formatSarif(result);
    case "markdown":
      return formatMarkdown(result);
    case "html":
      return formatHtml(result);
    case "github":
      return formatGithub(result);
  }
}

export { formatGithub, formatHtml, formatJson, formatMarkdown, formatSarif, formatStylish };
