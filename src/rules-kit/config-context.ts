/**
 * What configuration rules share: the project's configuration index, places of the index turned
 * into ESLint report locations and related locations, and places described in message text.
 */
import type { RuleContext } from "@eslint/core";
import { getConfigIndex } from "../project/config-model/config-index.js";
import type { ConfigIndex, SettingLocation } from "../project/config-model/types.js";
import type { RelatedLocation } from "../results/model.js";
import { projectModel } from "./project-context.js";

type AnyContext = Pick<RuleContext, "cwd" | "physicalFilename" | "settings">;

/** The configuration index of the linted file's project (built once per project model). */
export function configIndex(context: AnyContext): ConfigIndex {
  return getConfigIndex(projectModel(context));
}

/** ESLint's `loc` for a place in the linted file (0-based columns, as ESLint wants them). */
export function reportLoc(location: SettingLocation): { start: { line: number; column: number }; end: { line: number; column: number } } {
  const start = { line: location.line, column: location.column - 1 };
  const end = location.endLine !== undefined && location.endColumn !== undefined ? { line: location.endLine, column: location.endColumn - 1 } : start;
  return { start, end };
}

/** A related location for the report (notebooks as cell and line within it). */
export function relatedAt(location: SettingLocation, message: string): RelatedLocation {
  if (location.cell !== undefined && location.cellLine !== undefined) return { file: location.file, cell: location.cell, line: location.cellLine, message };
  return { file: location.file, line: location.line, column: location.column, message };
}

/** A place as message text: `config.yaml:4`, `explore.ipynb cell 3, line 2`. */
export function describePlace(location: SettingLocation): string {
  if (location.cell !== undefined && location.cellLine !== undefined) return `${location.file} cell ${location.cell}, line ${location.cellLine}`;
  return `${location.file}:${location.line}`;
}
