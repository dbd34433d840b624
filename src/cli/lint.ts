/**
 * One lint run: configuration, discovery, ESLint over Python files and notebooks, and the
 * translation of ESLint's messages into mldebt's result model. Every file is accounted for:
 * linted, or reported with a `mldebt/parse-error` finding saying why it could not be.
 */
import type { Linter } from "eslint";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { assessMaturity, type Assessment } from "../assessment/maturity.js";
import { SEVERITIES, type Severity } from "../categories.js";
import { loadConfig, type LoadedConfig } from "../config/load.js";
import type { MldebtConfig } from "../config/schema.js";
import { buildNotebookProgram, cellPositionOf } from "../languages/notebook/program.js";
import { CONFIG_FILES, checksConfigFiles, checksPython, checksScripts, eslintSeverity, JAVASCRIPT_FILES, NOTEBOOK_FILES, PYTHON_FILES, TYPESCRIPT_FILES } from "../plugin-configs.js";
import { configFormatOf } from "../project/config-files.js";
import { discoverFiles } from "../project/discover.js";
import { dataFlowGraph, graphJson } from "../project/graph/index.js";
import { getProjectModel } from "../project/model.js";
import { readSource } from "../project/source-input.js";
import { analyse, type AnalysisTarget } from "./analysis.js";
import { UsageError } from "./errors.js";
import { inShard, type Shard } from "./shard.js";
import { docsPath, docsUrl, VERSION } from "../package-info.js";
import { FORMATS } from "../reporters/index.js";
import { computeFingerprint, normalizeLineText } from "../results/fingerprint.js";
import type { Finding, LintResult, RuleDescriptor } from "../results/model.js";
import { applyBaseline, parseBaseline } from "../results/baseline.js";
import { splitRelated } from "../results/related.js";
import { sortFindings } from "../results/sort.js";
import { summarize } from "../results/summary.js";
import { rules } from "../../rules/index.js";

export const PARSE_ERROR_RULE = "mldebt/parse-error";
export const INLINE_CONFIG_RULE = "mldebt/inline-config";

export interface LintOptions {
  /** Paths as the user typed them (default: the current directory). */
  paths: string[];
  cwd: string;
  configFile?: string;
  /** Worker threads: a count, "auto" (default) or "off" (1 and "off" lint in the main thread). */
  concurrency?: number | "auto" | "off";
  /** Serve unchanged files from the content-hash cache, and update it. */
  cache?: boolean;
  /** The cache folder (default `.mldebt-cache/` under the project root). */
  cacheLocation?: string;
  /** A baseline file: its findings are left out of the result. */
  baseline?: string;
  /** Leave out the MLOps maturity assessment. */
  noAssessment?: boolean;
  /** Where progress goes (the CLI passes stderr on a terminal only). */
  progress?: (text: string) => void;
  /** Lint only this shard's files (the project model still covers the whole project). */
  shard?: Shard;
  /** Add the project's data-flow graph to the result (when one folder, or none, is linted). */
  graph?: boolean;
}

export interface LintRun {
  result: LintResult;
  config: LoadedConfig;
  /** Every finding, before the baseline (what --update-baseline writes). */
  all: Finding[];
}

/** Where `--cache` keeps its files unless `--cache-location` says otherwise (under the linted folder). */
export const DEFAULT_CACHE_FOLDER = ".mldebt-cache";

interface Target {
  absolute: string;
  relative: string;
  kind: "python" | "notebook" | "script" | "config";
}

/** Where the report is rooted: the single directory named, else the current directory. */
export function reportRoot(paths: string[], cwd: string): { root: string; label: string } {
  if (paths.length === 1) {
    const only = resolve(cwd, paths[0]!);
    if (existsSync(only) && statSync(only).isDirectory()) {
      const label = relative(cwd, only).split(sep).join("/") || ".";
      return { root: only, label };
    }
  }
  return { root: cwd, label: "." };
}

function toPosix(path: string): string {
  return path.split(sep).join("/");
}

const SCRIPT_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/u;
/** Generated or vendored scripts that are never a project's own ML code. */
const GENERATED_SCRIPT = /(?:\.min\.js|\.d\.[cm]?ts|\.bundle\.js)$/u;

/**
 * What a file is linted as: scripts only when a rule that checks them is enabled, config files only
 * when a config-file rule is, and never package or tool files.
 */
function kindOf(file: string, lint: { scripts: boolean; configs: boolean }): Target["kind"] | null {
  if (file.endsWith(".ipynb")) return "notebook";
  if (file.endsWith(".py") || file.endsWith(".pyi")) return "python";
  if (lint.scripts && SCRIPT_FILE.test(file) && !GENERATED_SCRIPT.test(file)) return "script";
  if (lint.configs && configFormatOf(file) !== null) return "config";
  return null;
}

/** The public metadata of a rule, at the severity it runs with. */
export function ruleDescriptor(name: string, severity: Severity): RuleDescriptor {
  const docs = rules[name]!.meta.docs;
  return { id: `mldebt/${name}`, category: docs.category, severity, description: docs.description, docs: docs.docsPath, helpUri: docs.url, mitigation: docs.mitigation };
}

export const PARSE_ERROR_DESCRIPTOR: RuleDescriptor = {
  id: PARSE_ERROR_RULE,
  category: null,
  severity: "error",
  description: "A file that could not be read or parsed; the rest of the project is still linted",
  docs: docsPath("parse-error"),
  helpUri: docsUrl("parse-error"),
  mitigation: null,
};

/** Effective severity of each enabled rule: the user's setting, else the rule's default when recommended. */
export function enabledRules(config: MldebtConfig): Map<string, { severity: Severity; options?: unknown[] }> {
  const enabled = new Map<string, { severity: Severity; options?: unknown[] }>();
  for (const [name, rule] of Object.entries(rules).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const setting = config.rules[name];
    if (setting) {
      if (setting.severity !== "off") enabled.set(name, { severity: setting.severity, ...(setting.options ? { options: setting.options } : {}) });
    } else if (rule.meta.docs.recommended) {
      enabled.set(name, { severity: rule.meta.docs.severity });
    }
  }
  return enabled;
}

function collectTargets(options: LintOptions, root: string, config: MldebtConfig, ownFolders: string[], lint: { scripts: boolean; configs: boolean }): { targets: Target[]; projectFiles: string[] | null } {
  const seen = new Map<string, Target>();
  const paths = options.paths.length > 0 ? options.paths : ["."];
  // mldebt's own baseline is not a project config file.
  const ownFiles = new Set(options.baseline ? [resolve(options.cwd, options.baseline)] : []);
  let projectFiles: string[] | null = null;
  for (const path of paths) {
    const absolute = resolve(options.cwd, path);
    if (!existsSync(absolute)) throw new UsageError(`No such file or directory: ${path}`);
    let files = [absolute];
    if (statSync(absolute).isDirectory()) {
      const discovered = discoverFiles(absolute, { ignores: config.ignores });
      if (absolute === root) projectFiles = discovered.filter((file) => !ownFolders.some((folder) => resolve(absolute, file).startsWith(folder + sep)));
      files = discovered.map((file) => resolve(absolute, file));
    }
    for (const file of files) {
      if (ownFiles.has(file) || ownFolders.some((folder) => file.startsWith(folder + sep))) continue;
      const kind = kindOf(toPosix(relative(root, file)), lint);
      if (!kind) continue;
      seen.set(file, { absolute: file, relative: toPosix(relative(root, file)), kind });
    }
  }
  const targets = [...seen.values()].filter((target) => !options.shard || inShard(target.relative, options.shard)).sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
  return { targets, projectFiles };
}

/** The maturity assessment of the linted project folder, from its file list and small text probes. */
function assess(root: string, files: string[]): Assessment {
  let underGit = false;
  for (let folder = root; !underGit; folder = dirname(folder)) {
    underGit = existsSync(join(folder, ".git"));
    if (dirname(folder) === folder) break;
  }
  return assessMaturity({
    files,
    underGit,
    readText(file) {
      const input = readSource(join(root, file), file.endsWith(".ipynb") ? "notebook" : "python");
      return input.ok ? input.text : null;
    },
  });
}


/** Runs mldebt over the given paths and returns the result model. */
export async function lint(options: LintOptions): Promise<LintRun> {
  const { root, label } = reportRoot(options.paths, options.cwd);
  const loaded = await loadConfig({
    searchFrom: root,
    ruleNames: Object.keys(rules),
    formats: FORMATS,
    ...(options.configFile ? { explicitFile: resolve(options.cwd, options.configFile) } : {}),
  });
  const enabled = enabledRules(loaded.config);
  // The cache folders (the default one, and the one asked for) are mldebt's, not the project's.
  const cacheDir = options.cache || options.cacheLocation ? (options.cacheLocation ? resolve(options.cwd, options.cacheLocation) : resolve(root, DEFAULT_CACHE_FOLDER)) : undefined;
  const ownFolders = [...new Set([resolve(root, DEFAULT_CACHE_FOLDER), ...(cacheDir ? [cacheDir] : [])])];
  const ignores = [...loaded.config.ignores, ...ownFolders.map((folder) => toPosix(relative(root, folder))).filter((inRoot) => inRoot && !inRoot.startsWith("..") && !isAbsolute(inRoot)).map((inRoot) => `/${inRoot}/`)];
  const { targets, projectFiles } = collectTargets(options, root, loaded.config, ownFolders, {
    scripts: [...enabled.keys()].some((name) => checksScripts(rules[name]!)),
    configs: [...enabled.keys()].some((name) => checksConfigFiles(rules[name]!)),
  });

  const findings: Finding[] = [];
  const readable: AnalysisTarget[] = [];
  for (const target of targets) {
    const input = readSource(target.absolute, target.kind === "notebook" ? "notebook" : target.kind === "script" ? "script" : "python");
    if (!input.ok) {
      // A huge or binary JSON/YAML file is data, not a config mldebt must read: no finding.
      if (target.kind !== "config") findings.push(parseErrorFinding(target.relative, input.reason, input.line ?? 1, input.column ?? 1));
    } else {
      readable.push({ absolute: target.absolute, relative: target.relative, text: input.text });
    }
  }

  const ruleSettings: Linter.RulesRecord = {};
  const scriptRuleSettings: Linter.RulesRecord = {};
  const configRuleSettings: Linter.RulesRecord = {};
  for (const [name, setting] of enabled) {
    const value: Linter.RuleEntry = setting.options ? [eslintSeverity(setting.severity), ...setting.options] : eslintSeverity(setting.severity);
    if (checksConfigFiles(rules[name]!)) configRuleSettings[`mldebt/${name}`] = value;
    if (!checksPython(rules[name]!)) continue;
    ruleSettings[`mldebt/${name}`] = value;
    if (checksScripts(rules[name]!)) scriptRuleSettings[`mldebt/${name}`] = value;
  }
  options.progress?.(`Linting ${readable.length} file${readable.length === 1 ? "" : "s"}…`);
  const oneProject = options.paths.length === 0 || (options.paths.length === 1 && statSync(resolve(options.cwd, options.paths[0]!)).isDirectory());
  const wantGraph = options.graph === true && oneProject;
  const messages = await analyse({
    setup: {
      root,
      ignores,
      overrides: [
        { files: [...PYTHON_FILES, ...NOTEBOOK_FILES], rules: ruleSettings },
        { files: [...JAVASCRIPT_FILES, ...TYPESCRIPT_FILES], rules: scriptRuleSettings },
        { files: CONFIG_FILES, rules: configRuleSettings },
      ],
    },
    targets: readable,
    workers: options.concurrency ?? "auto",
    ...(cacheDir ? { cacheDir } : {}),
    wantModel: wantGraph,
  });
  const texts = new Map(readable.map((target) => [target.relative, target.text]));
  const byPath = new Map(targets.map((target) => [target.absolute, target]));
  readable.forEach((readableTarget, index) => {
    const target = byPath.get(readableTarget.absolute)!;
    findings.push(...toFindings(messages[index]!, target, enabled, readableTarget.text));
  });

  const all = sortFindings(findings);
  assignFingerprints(all, root, texts);
  let sorted = all;
  let baseline: LintResult["baseline"];
  if (options.baseline) {
    const file = resolve(options.cwd, options.baseline);
    if (!existsSync(file)) throw new UsageError(`Baseline ${options.baseline} does not exist. Create it with --baseline ${options.baseline} --update-baseline.`);
    const applied = applyBaseline(all, parseBaseline(readFileSync(file, "utf8"), options.baseline));
    sorted = applied.kept;
    baseline = { file: options.baseline, suppressed: applied.suppressed };
  }
  // The analysis left its project model installed in this thread: the graph does not build it again.
  const graph = wantGraph ? graphJson(dataFlowGraph(getProjectModel(root, { ignores }))) : undefined;
  const descriptors = [...enabled].map(([name, setting]) => ruleDescriptor(name, setting.severity));
  if (sorted.some((finding) => finding.ruleId === PARSE_ERROR_RULE)) descriptors.push(PARSE_ERROR_DESCRIPTOR);
  return {
    config: loaded,
    result: {
      tool: { name: "mldebt", version: VERSION },
      root: label,
      findings: sorted,
      summary: summarize(sorted, targets.length),
      rules: descriptors,
      ...(baseline ? { baseline } : {}),
      ...(projectFiles && !options.noAssessment ? { assessment: assess(root, projectFiles) } : {}),
      ...(graph ? { graph } : {}),
    },
    all,
  };
}

function parseErrorFinding(file: string, message: string, line: number, column: number, cell?: number): Finding {
  return {
    ruleId: PARSE_ERROR_RULE,
    category: null,
    severity: "error",
    message,
    file,
    line,
    column,
    ...(cell ? { cell } : {}),
    docs: docsPath("parse-error"),
    fingerprint: "",
  };
}

function toFindings(messages: Linter.LintMessage[], target: Target, enabled: Map<string, { severity: Severity }>, text: string): Finding[] {
  const program = target.kind === "notebook" && messages.length > 0 ? notebookProgram(text) : null;
  const findings: Finding[] = [];
  for (const message of messages) {
    let line = message.line ?? 1;
    let column = message.column ?? 1;
    let endLine = message.endLine;
    const endColumn = message.endColumn;
    let cell: number | undefined;
    if (program) {
      const at = cellPositionOf(program, line, column);
      if (at) {
        cell = at.cell;
        line = at.line;
        if (endLine !== undefined) endLine = endLine - (message.line - at.line);
      }
    }
    if (message.ruleId === null) {
      const text = message.message.replace(/^Parsing error: /u, "");
      if (message.fatal) {
        findings.push(parseErrorFinding(target.relative, text, line, column, cell));
      } else {
        findings.push({ ...parseErrorFinding(target.relative, text, line, column, cell), ruleId: INLINE_CONFIG_RULE, severity: "warning" });
      }
      continue;
    }
    const name = message.ruleId.replace(/^mldebt\//u, "");
    const rule = rules[name];
    if (!rule) continue;
    const severity = enabled.get(name)?.severity ?? (message.severity === 2 ? "error" : "warning");
    const { message: text, related } = splitRelated(message.message);
    findings.push({
      ruleId: message.ruleId,
      category: rule.meta.docs.category,
      severity,
      message: text,
      file: target.relative,
      line,
      column,
      ...(endLine !== undefined ? { endLine } : {}),
      ...(endColumn !== undefined ? { endColumn } : {}),
      ...(cell !== undefined ? { cell } : {}),
      ...(related.length > 0 ? { related } : {}),
      docs: rule.meta.docs.docsPath,
      mitigation: rule.meta.docs.mitigation,
      fingerprint: "",
    });
  }
  return findings;
}

function notebookProgram(json: string) {
  const built = buildNotebookProgram(json);
  return built.ok ? built.program : null;
}

/** Fingerprints need each finding's source line: from the texts read for the run, else read once each. */
function assignFingerprints(findings: Finding[], root: string, texts: Map<string, string>): void {
  const lines = new Map<string, string[]>();
  const occurrences = new Map<string, number>();
  for (const finding of findings) {
    let fileLines = lines.get(finding.file);
    if (!fileLines) {
      fileLines = sourceLines(resolve(root, finding.file), finding.file.endsWith(".ipynb"), texts.get(finding.file));
      lines.set(finding.file, fileLines);
    }
    const lineText = finding.cell !== undefined ? cellLine(fileLines, finding) : (fileLines[finding.line - 1] ?? "");
    const key = `${finding.ruleId}\0${finding.file}\0${normalizeLineText(lineText)}`;
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    finding.fingerprint = computeFingerprint({ ruleId: finding.ruleId, file: finding.file, message: finding.message, lineText, occurrence });
  }
}

function sourceLines(path: string, notebook: boolean, known: string | undefined): string[] {
  let text = known;
  if (text === undefined) {
    const input = readSource(path, notebook ? "notebook" : "python");
    if (!input.ok) return [];
    text = input.text;
  }
  if (!notebook) return text.split(/\r\n|\n|\r/u);
  const built = buildNotebookProgram(text);
  if (!built.ok) return text.split(/\r\n|\n|\r/u);
  // One entry per cell, holding that cell's lines joined by "\n" (looked up by cellLine).
  return built.program.cells.map((cell) => cell.source);
}

function cellLine(cells: string[], finding: Finding): string {
  const source = cells[finding.cell! - 1] ?? "";
  return source.split(/\r\n|\n|\r/u)[finding.line - 1] ?? "";
}

/** True when any finding is at or above the threshold. */
export function failsAt(result: LintResult, failOn: Severity | "never"): boolean {
  if (failOn === "never") return false;
  const threshold = SEVERITIES.indexOf(failOn);
  return result.findings.some((finding) => SEVERITIES.indexOf(finding.severity) <= threshold);
}

