/**
 * `mldebt config [path]`: the project's settings as a report — for every key, where it is
 * defined, read and overridden, and which values of one setting disagree. The report is plain
 * data built from the configuration index; reporters/config-table.ts renders it.
 */
import { existsSync, statSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import { loadConfig } from "../config/load.js";
import { getConfigIndex } from "../project/config-model/config-index.js";
import type { ConfigKeyEntry, SettingLocation } from "../project/config-model/types.js";
import { getProjectModel } from "../project/model.js";
import { VERSION } from "../package-info.js";
import { FORMATS } from "../reporters/index.js";
import { rules } from "../../rules/index.js";
import { UsageError } from "./errors.js";

/** A place as users count it: notebooks by cell and line within the cell. */
export interface ReportPlace {
  file: string;
  line: number;
  column: number;
  cell?: number;
}

export interface ReportKey {
  key: string;
  /** Where the key lives: a config file, `hydra <primary>`, `command line of <script>`, `environment`, a typed class, constants of a module. */
  source: string;
  kind: ConfigKeyEntry["namespace"]["kind"];
  /** True when one of its values takes part in a conflict. */
  conflicting: boolean;
  definedIn: (ReportPlace & { written: string; value: string; kind: string; option?: string })[];
  readBy: (ReportPlace & { mechanism: string; fallback?: string })[];
  overriddenIn: (ReportPlace & { value: string; via: string })[];
}

export interface ReportConflict {
  kind: "fallbacks" | "same-name";
  name: string;
  /** The reference value first, then every value that disagrees with it. */
  values: (ReportPlace & { value: string; role: string; written: string; source: string; reference: boolean })[];
}

export interface ConfigReport {
  tool: { name: "mldebt"; version: string };
  root: string;
  keys: ReportKey[];
  conflicts: ReportConflict[];
}

function place(location: SettingLocation): ReportPlace {
  return location.cell !== undefined && location.cellLine !== undefined
    ? { file: location.file, line: location.cellLine, column: location.column, cell: location.cell }
    : { file: location.file, line: location.line, column: location.column };
}

/** The configuration report of the project at `root` (absolute), labelled `label`. */
export function buildConfigReport(root: string, label: string, ignores: string[] = []): ConfigReport {
  const index = getConfigIndex(getProjectModel(root, { ignores }));
  const conflicting = new Set(index.conflicts.flatMap((conflict) => [conflict.reference, ...conflict.disagreeing].map((value) => `${value.source}\u0000${value.key}`)));
  const keys = index.entries.map((entry): ReportKey => ({
    key: entry.key,
    source: entry.source,
    kind: entry.namespace.kind,
    conflicting: conflicting.has(`${entry.source}\u0000${entry.key}`),
    definedIn: entry.definitions.map((definition) => ({
      ...place(definition),
      written: definition.written,
      value: definition.text,
      kind: definition.kind,
      ...(definition.option ? { option: `${definition.option.group ? `${definition.option.group}=` : ""}${definition.option.name}${definition.option.selected ? " (default)" : ""}` } : {}),
    })),
    readBy: entry.reads.map((read) => ({ ...place(read), mechanism: read.mechanism, ...(read.default && read.mechanism !== "argparse" && read.mechanism !== "click" && read.mechanism !== "typer" ? { fallback: read.default.text } : {}) })),
    overriddenIn: entry.overrides.map((override) => ({ ...place(override), value: override.text, via: override.via })),
  }));
  const conflicts = index.conflicts.map((conflict): ReportConflict => ({
    kind: conflict.kind,
    name: conflict.name,
    values: [conflict.reference, ...conflict.disagreeing].map((value, position) => ({ ...place(value), value: value.text, role: value.role, written: value.written, source: value.source, reference: position === 0 })),
  }));
  return { tool: { name: "mldebt", version: VERSION }, root: label, keys, conflicts };
}

/** Resolves the folder `mldebt config` reports on (a directory; default the current one) and its mldebt ignores. */
export async function configReportFor(path: string | undefined, cwd: string, configFile?: string): Promise<ConfigReport> {
  const root = resolve(cwd, path ?? ".");
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`mldebt config needs a project folder; ${path ?? "."} is not one.`);
  const loaded = await loadConfig({ searchFrom: root, ruleNames: Object.keys(rules), formats: FORMATS, ...(configFile ? { explicitFile: resolve(cwd, configFile) } : {}) });
  const label = relative(cwd, root).split(sep).join("/") || ".";
  return buildConfigReport(root, label, loaded.config.ignores);
}
