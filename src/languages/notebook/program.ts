/**
 * A Jupyter notebook as one Python program: its code cells joined in order, IPython syntax
 * neutralised, with the map from program lines back to (cell, line within cell). Markdown and
 * raw cells and all outputs are left out; execution counts are kept for rules.
 */
import { neutralizeCell, type Magic } from "./magics.js";

export interface NotebookCell {
  /** 1-based index among ALL cells (markdown and raw included), as users count them. */
  index: number;
  cellType: "code" | "markdown" | "raw";
  /** `execution_count` of a code cell; null when never executed. */
  executionCount: number | null;
  /** The cell's source as the user wrote it. */
  source: string;
  /** Code cells only: 1-based line of the program where the cell starts. */
  programLine: number;
  /** Code cells only: number of lines the cell occupies in the program. */
  lineCount: number;
  magics: Magic[];
}

export interface NotebookProgram {
  /** The joined, neutralised Python text of the code cells. */
  text: string;
  cells: NotebookCell[];
  /** The kernel's language (`python` when unspecified). */
  language: string;
  nbformat: number | null;
}

export interface NotebookError {
  message: string;
  line: number;
  column: number;
}

export type NotebookParseResult = { ok: true; program: NotebookProgram } | { ok: false; error: NotebookError };

/** Where a program position lies in the notebook: cell index (1-based among all cells) and line within it. */
export interface CellPosition {
  cell: number;
  line: number;
  column: number;
}

function jsonErrorPosition(text: string, error: unknown): NotebookError {
  const message = error instanceof Error ? error.message : String(error);
  const at = /position (\d+)/u.exec(message);
  let line = 1;
  let column = 1;
  const offset = at ? Number(at[1]) : /end of JSON input/u.test(message) ? text.length : null;
  if (offset !== null) {
    const before = text.slice(0, offset);
    line = before.split("\n").length;
    column = offset - before.lastIndexOf("\n");
  }
  return { message: `Notebook is not valid JSON: ${message.replace(/^Unexpected/u, "unexpected")}`, line, column };
}

function sourceOf(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((part) => typeof part === "string")) return value.join("");
  return null;
}

/** Builds the program of a notebook's JSON text. Never throws; a broken notebook is an error result. */
export function buildNotebookProgram(jsonText: string): NotebookParseResult {
  let data: unknown;
  try {
    data = JSON.parse(jsonText);
  } catch (error) {
    return { ok: false, error: jsonErrorPosition(jsonText, error) };
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return { ok: false, error: { message: "Notebook must be a JSON object with a \"cells\" list (nbformat 4).", line: 1, column: 1 } };
  }
  const notebook = data as Record<string, unknown>;
  if (!Array.isArray(notebook.cells)) {
    const hint = Array.isArray(notebook.worksheets) ? " This looks like nbformat 3; upgrade it with `jupyter nbconvert --to notebook --nbformat 4`." : "";
    return { ok: false, error: { message: `Notebook has no "cells" list (nbformat 4 expected).${hint}`, line: 1, column: 1 } };
  }
  const metadata = (notebook.metadata ?? {}) as Record<string, unknown>;
  const languageInfo = (metadata.language_info ?? {}) as Record<string, unknown>;
  const kernelspec = (metadata.kernelspec ?? {}) as Record<string, unknown>;
  const language = String(languageInfo.name ?? kernelspec.language ?? "python").toLowerCase();

  const cells: NotebookCell[] = [];
  const parts: string[] = [];
  let programLine = 1;
  for (const [position, raw] of notebook.cells.entries()) {
    const index = position + 1;
    if (typeof raw !== "object" || raw === null) {
      return { ok: false, error: { message: `Cell ${index} is not an object.`, line: 1, column: 1 } };
    }
    const cell = raw as Record<string, unknown>;
    const cellType = cell.cell_type;
    if (cellType !== "code" && cellType !== "markdown" && cellType !== "raw") {
      return { ok: false, error: { message: `Cell ${index} has cell_type ${JSON.stringify(cellType)}; expected "code", "markdown" or "raw".`, line: 1, column: 1 } };
    }
    const source = sourceOf(cell.source ?? "");
    if (source === null) {
      return { ok: false, error: { message: `Cell ${index} has a "source" that is neither a string nor a list of strings.`, line: 1, column: 1 } };
    }
    const executionCount = typeof cell.execution_count === "number" ? cell.execution_count : null;
    if (cellType !== "code") {
      cells.push({ index, cellType, executionCount: null, source, programLine: 0, lineCount: 0, magics: [] });
      continue;
    }
    const neutral = neutralizeCell(source);
    const lineCount = neutral.source.split(/\r\n|\n|\r/u).length;
    cells.push({ index, cellType, executionCount, source, programLine, lineCount, magics: neutral.magics });
    parts.push(neutral.source);
    programLine += lineCount;
  }
  return { ok: true, program: { text: parts.join("\n"), cells, language, nbformat: typeof notebook.nbformat === "number" ? notebook.nbformat : null } };
}

/** Maps a 1-based program line (and column) to its cell and 1-based line within the cell. */
export function cellPositionOf(program: NotebookProgram, line: number, column: number): CellPosition | null {
  let found: NotebookCell | undefined;
  for (const cell of program.cells) {
    if (cell.cellType !== "code") continue;
    if (cell.programLine <= line) found = cell;
    else break;
  }
  if (!found) return null;
  return { cell: found.index, line: line - found.programLine + 1, column };
}
