/**
 * Places in a project's modules, for rules that report one dependency once even when several
 * modules touch it (the same untracked file read by a script and a notebook, the same config
 * value read twice): the first place in file order reports, the others become its related
 * locations.
 */
import type { PyNode } from "../languages/python/nodes.js";
import { nodePlace } from "../project/module-facts.js";
import type { ProjectModel } from "../project/types.js";
import type { RelatedLocation } from "../results/model.js";

/** A position in a module: 1-based line (a notebook's program line) and 1-based column. */
export interface Place {
  file: string;
  line: number;
  column: number;
}

/** Where a syntax node starts, as a place in `file`. */
export function placeOf(file: string, node: PyNode): Place {
  return { file, line: node.loc.start.line, column: node.loc.start.column + 1 };
}

/** Where a fact's node starts (`site.pathNode`), read from the fact without parsing its module again. */
export function factPlaceOf<T extends object>(file: string, owner: T, key: keyof T & string): Place {
  const { start } = nodePlace(owner, key)!.loc;
  return { file, line: start.line, column: start.column + 1 };
}

/** File order, then line, then column. */
export function comparePlaces(a: Place, b: Place): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column;
}

/** True when two places are the same position. */
export function samePlace(a: Place, b: Place): boolean {
  return comparePlaces(a, b) === 0;
}

/** The first of some places (null for none). */
export function firstPlace(places: readonly Place[]): Place | null {
  let first: Place | null = null;
  for (const place of places) if (!first || comparePlaces(place, first) < 0) first = place;
  return first;
}

/** A related location for a place, with cell and line within the cell when the module is a notebook. */
export function relatedPlace(model: ProjectModel, place: Place, message: string): RelatedLocation {
  const at = model.modules.get(place.file)?.notebookPosition?.(place.line, place.column);
  return at ? { file: place.file, cell: at.cell, line: at.line, column: at.column, message } : { file: place.file, line: place.line, column: place.column, message };
}
