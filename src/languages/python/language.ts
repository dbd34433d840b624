/**
 * `mldebt/python`: Python as an ESLint language (the `languages` plugin API used by
 * @eslint/json and @eslint/css). A syntax error is a parse failure that ESLint reports as a fatal
 * message for that file; the CLI turns it into a `mldebt/parse-error` finding and goes on.
 */
import type { File, Language, OkParseResult, ParseResult } from "@eslint/core";
import { grammar } from "./grammar.js";
import { parsePython, type PySyntaxError } from "./parse.js";
import type { PyModule, PyNode } from "./nodes.js";
import { PythonSourceCode } from "./source-code.js";
import type { LineIndex } from "./line-index.js";

/** Every named node type traverses its `children`; fields alias the same nodes. */
export const pythonVisitorKeys: Record<string, string[]> = Object.fromEntries(
  grammar.namedTypes.map((type) => [type, ["children"]]),
);

export type PythonLanguageOptions = Record<string, never>;

export function bodyText(file: File): string {
  return typeof file.body === "string" ? file.body : new TextDecoder().decode(file.body);
}

/** ESLint reports parse errors' columns as given: make them 1-based like every other message. */
export function toLintColumns(error: PySyntaxError): PySyntaxError {
  return { ...error, column: error.column + 1, endColumn: error.endColumn + 1 };
}

export interface PythonOkParseResult extends OkParseResult<PyModule> {
  lineIndex: LineIndex;
}

/**
 * What Python files and notebooks share as ESLint languages: text files, ESTree-style positions
 * (1-based lines, 0-based columns), grammar node types and no language options.
 */
export function pythonTextLanguage(name: string) {
  return {
    fileType: "text" as const,
    lineStart: 1 as const,
    columnStart: 0 as const,
    nodeTypeKey: "type",
    visitorKeys: pythonVisitorKeys,
    defaultLanguageOptions: {},
    validateLanguageOptions(options: Record<string, unknown>): void {
      const keys = Object.keys(options ?? {});
      if (keys.length > 0) {
        throw new TypeError(`${name} takes no languageOptions; got ${keys.map((key) => `"${key}"`).join(", ")}.`);
      }
    },
  };
}

export const pythonLanguage: Language<{
  LangOptions: PythonLanguageOptions;
  Code: PythonSourceCode;
  RootNode: PyModule;
  Node: PyNode;
}> = {
  ...pythonTextLanguage("mldebt/python"),

  parse(file: File): ParseResult<PyModule> {
    const result = parsePython(bodyText(file));
    if (!result.ok) return { ok: false, errors: result.errors.map(toLintColumns) };
    return { ok: true, ast: result.ast, lineIndex: result.lines } as PythonOkParseResult;
  },

  createSourceCode(file: File, parseResult: OkParseResult<PyModule>): PythonSourceCode {
    return new PythonSourceCode({
      text: bodyText(file),
      ast: parseResult.ast,
      lineIndex: (parseResult as PythonOkParseResult).lineIndex,
    });
  },
};
