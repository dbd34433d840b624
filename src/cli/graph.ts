/**
 * `mldebt graph [path]`: the data-flow graph of a project, from the same project model the rules
 * read, rendered as Mermaid, DOT or JSON. The configuration's `ignores` apply.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";
import { loadConfig } from "../config/load.js";
import { dataFlowGraph, graphJson } from "../project/graph/index.js";
import { getProjectModel } from "../project/model.js";
import { formatGraph, type GraphFormat } from "../reporters/graph.js";
import { FORMATS } from "../reporters/index.js";
import { rules } from "../../rules/index.js";
import { UsageError } from "./errors.js";

export interface GraphOptions {
  path?: string;
  cwd: string;
  format: GraphFormat;
  configFile?: string;
}

/** The rendered graph of the project at `path` (default: the current directory). */
export async function renderProjectGraph(options: GraphOptions): Promise<string> {
  const root = resolve(options.cwd, options.path ?? ".");
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`mldebt graph needs a project folder; ${options.path ?? "."} is not one.`);
  const loaded = await loadConfig({
    searchFrom: root,
    ruleNames: Object.keys(rules),
    formats: FORMATS,
    ...(options.configFile ? { explicitFile: resolve(options.cwd, options.configFile) } : {}),
  });
  const graph = graphJson(dataFlowGraph(getProjectModel(root, { ignores: loaded.config.ignores })));
  return formatGraph(options.format, graph, relative(options.cwd, root).split(sep).join("/") || ".");
}

/** Writes text to a file, creating its folder. */
export function writeOutput(cwd: string, file: string, text: string): void {
  const target = resolve(cwd, file);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
}
