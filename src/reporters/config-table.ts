/**
 * Renders the report of `mldebt config`: a text table of keys per source (defined in, read by,
 * overridden in, ✖ on keys with conflicting values) followed by every conflict with all its
 * places, or the report as JSON. Pure functions of the report.
 */
import type { ConfigReport, ReportConflict, ReportKey, ReportPlace } from "../cli/config-command.js";

export const CONFIG_FORMATS = ["text", "json"] as const;
export type ConfigReportFormat = (typeof CONFIG_FORMATS)[number];

export interface ConfigTableOptions {
  /** Only keys that take part in a conflict. */
  conflictsOnly?: boolean;
}

function where(place: ReportPlace): string {
  return place.cell === undefined ? `${place.file}:${place.line}` : `${place.file} cell ${place.cell}:${place.line}`;
}

/** Values longer than this are shortened in the table (the JSON report keeps them whole). */
const MAX_VALUE = 40;

function short(value: string): string {
  const single = value.replace(/\s*\n\s*/gu, " ");
  return single.length > MAX_VALUE ? `${single.slice(0, MAX_VALUE - 1)}…` : single;
}

function cells(key: ReportKey): string[][] {
  return [
    [`${key.key}${key.conflicting ? " ✖" : ""}`],
    key.definedIn.map((definition) => `${where(definition)} = ${short(definition.value)}${definition.option ? ` [${definition.option}]` : ""}`),
    key.readBy.map((read) => `${where(read)} ${read.mechanism}${read.fallback !== undefined ? `, fallback ${short(read.fallback)}` : ""}`),
    key.overriddenIn.map((override) => `${where(override)} = ${short(override.value)}`),
  ];
}

const HEADERS = ["key", "defined in", "read by", "overridden in"];

function table(keys: ReportKey[]): string[] {
  const rows = keys.map(cells);
  const widths = HEADERS.map((header, column) => Math.max(header.length, ...rows.flatMap((row) => row[column]!.map((cell) => cell.length))));
  const line = (parts: string[]) => `  ${parts.map((part, column) => (column === parts.length - 1 ? part : part.padEnd(widths[column]!))).join("  ")}`.trimEnd();
  const lines = [line(HEADERS)];
  for (const row of rows) {
    const height = Math.max(1, ...row.map((cell) => cell.length));
    for (let index = 0; index < height; index++) lines.push(line(row.map((cell) => cell[index] ?? (index === 0 && cell.length === 0 ? "-" : ""))));
  }
  return lines;
}

function kindText(conflict: ReportConflict): string {
  if (conflict.kind === "same-name") return "one setting with different values in different places";
  return conflict.values[0]?.role === "config" ? "a fallback in code differs from the config" : "one key read with different fallbacks";
}

function conflictLines(conflict: ReportConflict): string[] {
  const width = Math.max(...conflict.values.map((value) => value.value.length));
  const placeWidth = Math.max(...conflict.values.map((value) => where(value).length));
  return [
    `  ${conflict.name}: ${kindText(conflict)}`,
    ...conflict.values.map((value) => `    ${value.value.padEnd(width)}  ${where(value).padEnd(placeWidth)}  ${value.written} (${value.role}${value.reference ? ", taken as the reference" : ""})`),
  ];
}

/** The report as text: keys grouped by source, then the conflicts. */
function formatConfigText(report: ConfigReport, options: ConfigTableOptions = {}): string {
  const keys = options.conflictsOnly ? report.keys.filter((key) => key.conflicting) : report.keys;
  const sources = [...new Set(keys.map((key) => key.source))];
  const lines = [`Settings of ${report.root}: ${report.keys.length} key${report.keys.length === 1 ? "" : "s"} in ${new Set(report.keys.map((key) => key.source)).size} source(s), ${report.conflicts.length} conflict${report.conflicts.length === 1 ? "" : "s"}`];
  if (report.keys.length === 0) return `${lines[0]}\nNo settings found: no config files, config reads, command-line options or typed config classes.\n`;
  for (const source of sources) {
    lines.push("", source, ...table(keys.filter((key) => key.source === source)));
  }
  if (report.conflicts.length > 0) {
    lines.push("", `Conflicting values (${report.conflicts.length})`);
    for (const conflict of report.conflicts) lines.push(...conflictLines(conflict));
  }
  return `${lines.join("\n")}\n`;
}

/** The report in the requested format. */
export function formatConfigReport(format: ConfigReportFormat, report: ConfigReport, options: ConfigTableOptions = {}): string {
  if (format === "json") {
    const shown = options.conflictsOnly ? { ...report, keys: report.keys.filter((key) => key.conflicting) } : report;
    return `${JSON.stringify(shown, null, 2)}\n`;
  }
  return formatConfigText(report, options);
}
