/** How pipeline rules cite places in other files: in message text, and as related locations. */
import type { FileLocation } from "../project/graph/types.js";
import type { RelatedLocation } from "../results/model.js";

/** `01_load.py line 54`, or `explore.ipynb cell 3, line 2`. */
export function describeLocation(at: FileLocation): string {
  return at.cell === undefined ? `${at.file} line ${at.line}` : `${at.file} cell ${at.cell}, line ${at.line}`;
}

/** A related location (JSON `related`, SARIF `relatedLocations`) at a file location. */
export function relatedAt(at: FileLocation, message: string): RelatedLocation {
  return { file: at.file, line: at.line, column: at.column, ...(at.cell !== undefined ? { cell: at.cell } : {}), message };
}

/** `a`, `a and b`, `a, b and c`. */
export function listed(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
