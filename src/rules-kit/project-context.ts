/**
 * How a rule reaches the project it runs in: the root is ESLint's `cwd` (the CLI sets it to the
 * linted project) unless `settings.mldebt.root` names it, the user's ignores come through
 * `settings.mldebt.ignores`, and the model is built lazily, once per root and process, whichever
 * rule asks first.
 */
import { relative, resolve, sep } from "node:path";
import type { RuleContext } from "@eslint/core";
import { getProjectDeclarations, getProjectModel } from "../project/model.js";
import { dataFlowGraph, type DataFlowGraph } from "../project/graph/index.js";
import type { ProjectDeclarations, ProjectModel } from "../project/types.js";

export interface MldebtSettings {
  /** gitignore-style patterns the project model leaves out (the CLI passes the config's `ignores`). */
  ignores?: string[];
  /** The project root, when it is not ESLint's `cwd` (absolute, or relative to `cwd`). */
  root?: string;
}

type AnyContext = Pick<RuleContext, "cwd" | "physicalFilename" | "settings">;

function settingsOf(context: AnyContext): MldebtSettings | undefined {
  return (context.settings as { mldebt?: MldebtSettings } | undefined)?.mldebt;
}

function options(context: AnyContext): { ignores: string[] } {
  return { ignores: settingsOf(context)?.ignores ?? [] };
}

/** The project root: `settings.mldebt.root`, else ESLint's `cwd`. */
export function projectRoot(context: AnyContext): string {
  const root = settingsOf(context)?.root;
  return root ? resolve(context.cwd, root) : context.cwd;
}

/** The linted file relative to the project root, POSIX separators. */
export function projectFile(context: AnyContext): string {
  return relative(projectRoot(context), context.physicalFilename).split(sep).join("/");
}

/** Files, config files and manifests of the project (no Python parsed). */
export function projectDeclarations(context: AnyContext): ProjectDeclarations {
  return getProjectDeclarations(projectRoot(context), options(context));
}

/**
 * The whole project model (every module's facts). Call it in each file's rule run (not once per
 * process): the CLI's cache records, per file, whether its rules read the model.
 */
export function projectModel(context: AnyContext): ProjectModel {
  return getProjectModel(projectRoot(context), options(context));
}

/** The project's data-flow graph, built once beside its model. */
export function projectGraph(context: AnyContext): DataFlowGraph {
  return dataFlowGraph(projectModel(context));
}
