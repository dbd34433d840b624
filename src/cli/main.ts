/**
 * The `mldebt` command. stdout carries only the report; progress and errors go to stderr.
 * Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or internal error.
 */
import { Command, InvalidArgumentError, Option } from "commander";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { setFlagsFromString } from "node:v8";
import { ConfigError, FAIL_ON_VALUES, type FailOn } from "../config/schema.js";
import { BaselineError, formatBaseline } from "../results/baseline.js";
import { VERSION } from "../package-info.js";
import { FORMATS, formatReport, type ReportFormat } from "../reporters/index.js";
import { CONFIG_FORMATS, formatConfigReport, type ConfigReportFormat } from "../reporters/config-table.js";
import { configReportFor } from "./config-command.js";
import { GRAPH_FORMATS, type GraphFormat } from "../reporters/graph.js";
import { explain, listRules } from "./explain.js";
import { UsageError } from "./errors.js";
import { failsAt, lint } from "./lint.js";
import { mergeReports } from "./merge.js";
import { parseShard, type Shard } from "./shard.js";
import { renderProjectGraph, writeOutput } from "./graph.js";

export interface CliIO {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (colours). */
  isTTY: boolean;
  /** Whether stderr is a terminal (progress is shown only there). */
  stderrIsTTY?: boolean;
  /** The terminal's width, when stdout is one. */
  columns?: number;
}

function parseConcurrency(value: string): number | "auto" | "off" {
  if (value === "auto" || value === "off") return value;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) throw new InvalidArgumentError('expected a whole number of at least 1, "auto" or "off".');
  return count;
}

const STARTER_CONFIG = `{
  "$schema": "https://unpkg.com/mldebt/docs/config.schema.json",
  "rules": {},
  "ignores": [],
  "failOn": "warning"
}
`;

/** Runs the CLI with the given arguments (without `node` and the script); resolves to the exit code. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  // Each garbage collection lets the heap grow by half the live data at most (V8's own factor goes
  // up to 4×): on a repository of a million lines a run peaks at about half the memory, at the same
  // speed (docs/performance.md). The flag is process-wide: worker threads started later share it.
  setFlagsFromString("--heap-growing-percent=50");
  let exitCode = 0;
  const program = new Command();
  program
    .name("mldebt")
    .description("Find technical debt in machine-learning code: pipeline jungles, dead experiments, hidden data dependencies, configuration sprawl and more.")
    .version(VERSION, "-v, --version")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showSuggestionAfterError(true)
    // Subcommands own the options after their name (`mldebt config --format json`).
    .enablePositionalOptions();

  program
    .argument("[paths...]", "files or folders to lint", [])
    .addOption(new Option("-f, --format <format>", "report format").choices([...FORMATS]))
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .addOption(new Option("--fail-on <severity>", "exit 1 when a finding is at or above this severity").choices([...FAIL_ON_VALUES]))
    .option("-c, --config <file>", "use this config file instead of searching for one")
    .option("--workers <count>", 'worker threads: a number, "auto" (default: one per core on large projects) or "off"', parseConcurrency)
    .option("--cache", "serve unchanged files from a content-hash cache, and update it")
    .option("--cache-location <dir>", "the cache folder (default: .mldebt-cache/ in the linted folder)")
    .option("--baseline <file>", "report only findings that are not in this baseline file")
    .option("--update-baseline", "write every current finding to the --baseline file, then exit 0")
    .option("--no-assessment", "leave the MLOps maturity assessment out of the stylish report")
    .option("--shard <i/n>", "lint only the i-th of n shards of the files (merge the JSON reports with `mldebt merge`)", parseShard)
    .action(async (paths: string[], options: { format?: ReportFormat; output?: string; failOn?: FailOn; config?: string; workers?: number | "auto" | "off"; cache?: boolean; cacheLocation?: string; baseline?: string; updateBaseline?: boolean; assessment: boolean; shard?: Shard }) => {
      if (options.updateBaseline && !options.baseline) throw new UsageError("--update-baseline needs --baseline <file>: the file to write.");
      const { result, config, all } = await lint({
        paths,
        cwd: io.cwd,
        graph: options.format === undefined || options.format === "json" || options.format === "stylish",
        ...(options.config ? { configFile: options.config } : {}),
        ...(options.workers !== undefined ? { concurrency: options.workers } : {}),
        ...(options.cache || options.cacheLocation ? { cache: true } : {}),
        ...(options.cacheLocation ? { cacheLocation: options.cacheLocation } : {}),
        ...(options.baseline && !options.updateBaseline ? { baseline: options.baseline } : {}),
        noAssessment: !options.assessment || options.shard !== undefined,
        ...(options.shard ? { shard: options.shard } : {}),
        ...(io.stderrIsTTY ? { progress: (text: string) => io.stderr(`\r\u001b[2K${text}`) } : {}),
      });
      if (io.stderrIsTTY) io.stderr("\r\u001b[2K");
      if (options.updateBaseline) {
        const target = resolve(io.cwd, options.baseline!);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, formatBaseline(all));
        io.stderr(`Wrote ${all.length} finding${all.length === 1 ? "" : "s"} to the baseline ${options.baseline}. From now on, --baseline ${options.baseline} reports only new ones.\n`);
        exitCode = 0;
        return;
      }
      const format = options.format ?? (config.config.format as ReportFormat | undefined) ?? "stylish";
      const onTerminal = io.isTTY && !options.output;
      const report = formatReport(format, result, { color: onTerminal, ...(onTerminal && io.columns ? { width: io.columns } : {}) });
      if (options.output) {
        const target = resolve(io.cwd, options.output);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, report);
      } else {
        io.stdout(report);
      }
      exitCode = failsAt(result, options.failOn ?? config.config.failOn ?? "warning") ? 1 : 0;
    });

  program
    .command("explain")
    .description("print a rule's documentation and its mitigation (or a category's)")
    .argument("[topic]", "a rule id (absolute-data-path, mldebt/absolute-data-path) or a category (pipeline-jungle)")
    .option("-l, --list", "list every rule by category")
    .action((topic: string | undefined, options: { list?: boolean }) => {
      if (options.list || !topic) io.stdout(listRules());
      else io.stdout(explain(topic));
    });

  program
    .command("config")
    .description("list the project's settings: where each key is defined, read and overridden, and which values conflict")
    .argument("[path]", "the project folder (default: the current folder)")
    .addOption(new Option("-f, --format <format>", "text table or JSON").choices([...CONFIG_FORMATS]).default("text"))
    .option("--conflicts", "show only keys with conflicting values")
    .option("-c, --config <file>", "use this mldebt config file (for its ignores) instead of searching for one")
    .action(async (path: string | undefined, options: { format: ConfigReportFormat; conflicts?: boolean; config?: string }) => {
      const report = await configReportFor(path, io.cwd, options.config);
      io.stdout(formatConfigReport(options.format, report, { conflictsOnly: options.conflicts ?? false }));
    });

  program
    .command("graph")
    .description("draw the project's pipeline: scripts, notebooks, stages and the data files between them")
    .argument("[path]", "the project folder", ".")
    .addOption(new Option("-f, --format <format>", "graph format").choices([...GRAPH_FORMATS]).default("mermaid"))
    .option("-o, --output <file>", "write the graph to a file instead of stdout")
    .option("-c, --config <file>", "use this config file instead of searching for one")
    .action(async (path: string, options: { format: GraphFormat; output?: string; config?: string }) => {
      const text = await renderProjectGraph({ path, cwd: io.cwd, format: options.format, ...(options.config ? { configFile: options.config } : {}) });
      if (options.output) writeOutput(io.cwd, options.output, text);
      else io.stdout(text);
    });

  program
    .command("merge")
    .description("join the JSON reports of --shard runs into one report")
    .argument("<reports...>", "JSON reports written with --format json")
    .addOption(new Option("-f, --format <format>", "report format").choices([...FORMATS]).default("json"))
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .addOption(new Option("--fail-on <severity>", "exit 1 when a finding is at or above this severity").choices([...FAIL_ON_VALUES]).default("warning"))
    .action((reports: string[], options: { format: ReportFormat; output?: string; failOn: FailOn }) => {
      const result = mergeReports(
        reports.map((name) => {
          try {
            return { name, text: readFileSync(resolve(io.cwd, name), "utf8") };
          } catch {
            throw new UsageError(`Cannot read the report ${name}.`);
          }
        }),
      );
      const report = formatReport(options.format, result, { color: io.isTTY && !options.output });
      if (options.output) writeFileSync(resolve(io.cwd, options.output), report);
      else io.stdout(report);
      exitCode = failsAt(result, options.failOn) ? 1 : 0;
    });

  program
    .command("init")
    .description("write a starter .mldebtrc.json in the current folder")
    .action(() => {
      const target = resolve(io.cwd, ".mldebtrc.json");
      if (existsSync(target)) throw new UsageError(".mldebtrc.json already exists; mldebt init leaves it as it is.");
      writeFileSync(target, STARTER_CONFIG);
      io.stderr("Wrote .mldebtrc.json\n");
    });

  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "commander.helpDisplayed" || code === "commander.version" || code === "commander.help") return 0;
    if (typeof code === "string" && code.startsWith("commander.")) return 2;
    if (error instanceof ConfigError || error instanceof UsageError || error instanceof BaselineError) {
      io.stderr(`mldebt: ${error.message}\n`);
      return 2;
    }
    io.stderr(`mldebt: internal error: ${(error as Error).stack ?? String(error)}\nPlease report it with the command you ran.\n`);
    return 2;
  }
}
