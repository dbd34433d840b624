/**
 * Commented-out Python: runs of whole-line `#` comments whose text, with the `#` removed and the
 * common indentation stripped, parses as Python statements that do something (a call, an
 * assignment with a value, an import, a `def`, a loop…). Prose that happens to parse (`# TODO`,
 * `# Returns: the model`, `# x > 0`) does not count, nor do doctests, directives, notebook cell
 * markers, license headers, or examples introduced as such (`# Usage:`, `# For example:`).
 */
import { inspectCleanParse } from "../languages/python/parse.js";
import type { PyComment } from "../languages/python/nodes.js";
import type { Node as TsNode } from "web-tree-sitter";

/** A run of comment lines that holds code. */
export interface CommentedCode {
  first: PyComment;
  last: PyComment;
  /** Non-blank comment lines in the run. */
  lines: number;
}

/** Comments that are directives, markers or tool pragmas, never code. */
const NOT_CODE = /^\s*(?:!|-\*-|(?:eslint|mldebt:|noqa|type:|pylint:|pyright:|mypy:|fmt:|isort:|pragma|nosec|codespell:|ruff:)|%|In\s*\[|Out\s*\[|\+\s*$|-\s*$|>>>|\.\.\.(?:\s|$))/iu;
/** Words that mark license and copyright headers. */
const LICENSE = /\b(?:copyright|licen[cs]e|spdx|warrant(?:y|ies))\b/iu;
/** Lines with none of these characters and no statement keyword are prose: they split a run early. */
const CODE_CHARACTERS = /[=()[\]{}:]|^\s*(?:import|from|return|pass|break|continue|raise|del|global|yield)\b/u;
/** Statements that do something (an annotation without value, a bare name or a comparison does not). */
const ACTIVE_STATEMENTS = new Set([
  "import_statement",
  "import_from_statement",
  "function_definition",
  "class_definition",
  "decorated_definition",
  "return_statement",
  "for_statement",
  "while_statement",
  "if_statement",
  "with_statement",
  "try_statement",
  "raise_statement",
  "delete_statement",
  "global_statement",
  "assert_statement",
]);
/**
 * Text without any of these holds no active statement, whatever it parses as: a call needs `(`,
 * an assignment `=`, a compound statement or definition `:`, the simple statements their keyword.
 * Tested before parsing (a file's comments are tried by the hundred).
 */
const MAY_BE_ACTIVE = /[(=:]|\b(?:return|raise|del|global|assert|await|import)\b/u;
/** A comment line that introduces an example: the code after it is documentation (`# Usage:`, `# For example:`). */
const EXAMPLE_INTRO = /\b(?:usage|examples?|e\.g\.?|for instance|such as|like this|like so|as follows|run|call it)\s*:?\s*$/iu;
/** A comment line that asks the reader to uncomment what follows: a documented toggle, not a leftover. */
const UNCOMMENT_HINT = /\buncomment\b/iu;
/** The longest stretch of lines tried as one block when the whole run is not code. */
const MAX_BLOCK = 60;
/** A run up to this long is first tried whole (one parse), so long commented-out functions are one block. */
const MAX_RUN = 400;

/** A top-level statement of tree-sitter's tree (a comment's parse is tried by the thousand: no PyNodes are built). */
function isActive(statement: TsNode): boolean {
  if (ACTIVE_STATEMENTS.has(statement.type)) return true;
  if (statement.type !== "expression_statement") return false;
  return statement.namedChildren.some(
    (child) => child !== null && (child.type === "call" || child.type === "await" || child.type === "augmented_assignment" || (child.type === "assignment" && child.childForFieldName("right") !== null)),
  );
}

function dedent(lines: string[]): string {
  const indents = lines.filter((line) => line.trim() !== "").map((line) => /^[ \t]*/u.exec(line)![0].length);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(common)).join("\n");
}

/** True when the comment texts parse as Python with at least one active statement. */
function isCode(texts: string[]): boolean {
  const source = dedent(texts);
  if (LICENSE.test(source) || !MAY_BE_ACTIVE.test(source)) return false;
  return inspectCleanParse(`${source}\n`, (module) => module.namedChildren.some((statement) => statement !== null && isActive(statement))) === true;
}

/** Splits comment lines into runs of whole-line comments (blank lines between them allowed), breaking at markers and prose. */
function runsOf(comments: PyComment[], isWholeLine: (comment: PyComment) => boolean, breaksBefore: (line: number) => boolean, isBlank: (line: number) => boolean): PyComment[][] {
  const runs: PyComment[][] = [];
  let current: PyComment[] = [];
  const flush = () => {
    if (current.length > 0) runs.push(current);
    current = [];
  };
  for (const comment of comments) {
    if (!isWholeLine(comment) || NOT_CODE.test(comment.value) || (comment.value.trim() !== "" && !CODE_CHARACTERS.test(comment.value))) {
      flush();
      continue;
    }
    const previous = current.at(-1);
    if (previous && (!onlyBlankBetween(previous.loc.start.line, comment.loc.start.line, isBlank) || breaksBefore(comment.loc.start.line))) flush();
    current.push(comment);
  }
  flush();
  return runs;
}

function onlyBlankBetween(from: number, to: number, isBlank: (line: number) => boolean): boolean {
  for (let line = from + 1; line < to; line++) if (!isBlank(line)) return false;
  return true;
}

/**
 * The blocks of commented-out code among a file's comments, in order. `isWholeLine` says whether
 * a comment stands alone on its line; `breaksBefore(line)` is true where a run must not continue
 * (a notebook cell boundary); `isBlank(line)` is true for empty lines, which a block may span.
 */
export function commentedOutCode(
  comments: PyComment[],
  isWholeLine: (comment: PyComment) => boolean,
  breaksBefore: (line: number) => boolean = () => false,
  isBlank: (line: number) => boolean = () => false,
): CommentedCode[] {
  const found: CommentedCode[] = [];
  const byLine = new Map(comments.filter(isWholeLine).map((comment) => [comment.loc.start.line, comment.value]));
  for (const run of runsOf(comments, isWholeLine, breaksBefore, isBlank)) {
    const texts = run.map((comment) => comment.value);
    // The whole run first (one parse): long commented-out functions are one block.
    const wholeIsCode = run.length <= MAX_RUN && isCode(texts);
    let start = 0;
    while (start < run.length) {
      let end: number;
      if (start === 0 && wholeIsCode) {
        end = run.length;
      } else {
        // Else the longest block from each start (the whole run is not tried twice).
        end = Math.min(run.length, start + MAX_BLOCK);
        if (start === 0 && end === run.length && run.length <= MAX_RUN) end--;
        while (end > start && !isCode(texts.slice(start, end))) end--;
      }
      if (end === start) {
        start++;
        continue;
      }
      let first = start;
      let last = end - 1;
      while (texts[first]!.trim() === "") first++;
      while (texts[last]!.trim() === "") last--;
      const lines = texts.slice(first, last + 1).filter((text) => text.trim() !== "").length;
      const intro = byLine.get(run[first]!.loc.start.line - 1);
      if (intro === undefined || !(EXAMPLE_INTRO.test(intro) || UNCOMMENT_HINT.test(intro))) found.push({ first: run[first]!, last: run[last]!, lines });
      start = end;
    }
  }
  return found;
}
