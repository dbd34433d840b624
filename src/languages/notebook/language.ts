/**
 * `mldebt/notebook`: a Jupyter notebook linted as one Python program. The SourceCode's text is
 * the program (code cells joined, magics neutralised); `sourceCode.notebook` holds the cells,
 * execution counts and magics. Positions ESLint reports are program lines; `cellPositionOf`
 * (used by the CLI) turns them into cell and line within the cell.
 */
import type { File, Language, OkParseResult, ParseResult } from "@eslint/core";
import { bodyText, pythonTextLanguage, toLintColumns } from "../python/language.js";
import { parsePython } from "../python/parse.js";
import type { PyModule, PyNode } from "../python/nodes.js";
import { PythonSourceCode } from "../python/source-code.js";
import type { LineIndex } from "../python/line-index.js";
import { buildNotebookProgram, cellPositionOf, type NotebookProgram } from "./program.js";

export class NotebookSourceCode extends PythonSourceCode {
  readonly notebook: NotebookProgram;

  constructor(options: { text: string; ast: PyModule; lineIndex: LineIndex; notebook: NotebookProgram }) {
    super(options);
    this.notebook = options.notebook;
  }

  override describeLine(line: number): string {
    const at = cellPositionOf(this.notebook, line, 0);
    return at ? `cell ${at.cell}, line ${at.line}` : `line ${line}`;
  }
}

interface NotebookOkParseResult extends OkParseResult<PyModule> {
  lineIndex: LineIndex;
  notebook: NotebookProgram;
}

export const notebookLanguage: Language<{
  LangOptions: Record<string, never>;
  Code: NotebookSourceCode;
  RootNode: PyModule;
  Node: PyNode;
}> = {
  ...pythonTextLanguage("mldebt/notebook"),

  parse(file: File): ParseResult<PyModule> {
    const built = buildNotebookProgram(bodyText(file));
    if (!built.ok) return { ok: false, errors: [built.error] };
    const { program } = built;
    // Notebooks of other kernels (R, Julia) have no Python to lint; they keep their cells.
    const text = program.language === "python" ? program.text : "";
    const parsed = parsePython(text);
    if (!parsed.ok) {
      return {
        ok: false,
        errors: parsed.errors.map((error) => {
          const at = cellPositionOf(program, error.line, error.column);
          const lintError = toLintColumns(error);
          return at ? { ...lintError, message: `${error.message} (cell ${at.cell}, line ${at.line})` } : lintError;
        }),
      };
    }
    return { ok: true, ast: parsed.ast, lineIndex: parsed.lines, notebook: { ...program, text } } as NotebookOkParseResult;
  },

  createSourceCode(_file: File, parseResult: OkParseResult<PyModule>): NotebookSourceCode {
    const result = parseResult as NotebookOkParseResult;
    return new NotebookSourceCode({ text: result.notebook.text, ast: result.ast, lineIndex: result.lineIndex, notebook: result.notebook });
  },
};
