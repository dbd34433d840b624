/**
 * How a rule reaches the project it runs in: the root is ESLint's `cwd` (the CLI sets it to the
 * linted project), the user's ignores come through `settings.mldebt.ignores`, and the model is
 * built lazily, once per root and process, whichever rule asks first.
 */
import { relative, sep } from "node:path";
import type { RuleContext } from "@eslint/core";
import { getProjectDeclarations, getProjectModel } from "../project/model.js";
import type { ProjectDeclarations, ProjectModel } from "../project/types.js";

export interface MldebtSettings {
  /** gitignore-style patterns the project model leaves out (the CLI passes the config's `ignores`). */
  ignores?: string[];
}

type AnyContext = Pick<RuleContext, "cwd" | "physicalFilename" | "settings">;

function options(context: AnyContext): { ignores: string[] } {
  const settings = (context.settings as { mldebt?: MldebtSettings } | undefined)?.mldebt;
  return { ignores: settings?.ignores ?? [] };
}

/** The linted file relative to the project root, POSIX separators. */
export function projectFile(context: AnyContext): string {
  return relative(context.cwd, context.physicalFilename).split(sep).join("/");
}

/** Files, config files and manifests of the project (no Python parsed). */
export function projectDeclarations(context: AnyContext): ProjectDeclarations {
  return getProjectDeclarations(context.cwd, options(context));
}

/**
 * The whole project model (every module's facts). Call it in each file's rule run (not once per
 * process): the CLI's cache records, per file, whether its rules read the model.
 */
export function projectModel(context: AnyContext): ProjectModel {
  return getProjectModel(context.cwd, options(context));
}
