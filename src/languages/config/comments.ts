/**
 * `#` comments of YAML, TOML and `.env` files, found line by line: a `#` at the start of a line
 * or after whitespace, outside single- and double-quoted strings on that line. Only directives are
 * read from comments, so the known blind spot (a `#` line inside a YAML block scalar or a TOML
 * multi-line string is taken for a comment) can at most disable a rule on that line. JSON has no
 * comments.
 */
import type { ConfigFormat } from "../../project/types.js";
import type { LineIndex } from "../python/line-index.js";
import type { ConfigComment } from "./nodes.js";

/** The offset of the comment's `#` in a line, or -1. */
function commentStart(line: string): number {
  let quote: string | null = null;
  for (let index = 0; index < line.length; index++) {
    const char = line[index]!;
    if (quote) {
      if (char === "\\" && quote === '"') index++;
      else if (char === quote) quote = null;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === "#" && (index === 0 || /\s/u.test(line[index - 1]!))) {
      return index;
    }
  }
  return -1;
}

/** Every comment of a config file, in order. */
export function configComments(text: string, format: ConfigFormat, lines: LineIndex): ConfigComment[] {
  if (format === "json") return [];
  const comments: ConfigComment[] = [];
  for (let line = 1; line <= lines.lineCount; line++) {
    const start = lines.lineStart(line);
    const next = line < lines.lineCount ? lines.lineStart(line + 1) : text.length;
    const body = text.slice(start, next).replace(/\r?\n$|\r$/u, "");
    const hash = commentStart(body);
    if (hash < 0) continue;
    const range: [number, number] = [start + hash, start + body.length];
    comments.push({ type: "Comment", value: body.slice(hash + 1), range, loc: { start: lines.position(range[0]), end: lines.position(range[1]) } });
  }
  return comments;
}
