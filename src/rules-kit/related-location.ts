/** Related locations in the linted file itself, placed by cell in notebooks. */
import { cellPositionOf } from "../languages/notebook/program.js";
import type { NotebookSourceCode } from "../languages/notebook/language.js";
import type { PyNode } from "../languages/python/nodes.js";
import type { PythonSourceCode } from "../languages/python/source-code.js";
import type { RelatedLocation } from "../results/model.js";

/**
 * A related location at `node` of the linted file (`file` as the project sees it). In a notebook
 * the program line becomes cell and line within the cell, as findings are reported.
 */
export function relatedNode(sourceCode: PythonSourceCode, file: string, node: PyNode, message: string): RelatedLocation {
  const { line, column } = node.loc.start;
  const notebook = (sourceCode as Partial<NotebookSourceCode>).notebook;
  const at = notebook ? cellPositionOf(notebook, line, column) : null;
  if (at) return { file, cell: at.cell, line: at.line, column: column + 1, message };
  return { file, line, column: column + 1, message };
}
