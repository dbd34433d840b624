/**
 * IPython syntax inside notebook cells: line magics (`%run x.py`), cell magics (`%%bash`), shell
 * escapes (`!python x.py`, `files = !ls`) and help (`df.head?`). Each is replaced by a Python
 * expression of the same length, so the cell parses and columns stay where the user wrote them,
 * and is recorded so rules can read what it does.
 */

export type MagicKind = "line-magic" | "cell-magic" | "shell";

export interface Magic {
  kind: MagicKind;
  /** Magic name without `%` (`run`, `pip`, `matplotlib`, `bash`); `!` for shell escapes. */
  name: string;
  /** Everything after the name: `x.py --flag`, or the shell command. For cell magics, the cell body. */
  args: string;
  /** 0-based line within the cell. */
  line: number;
  /** 0-based column of `%` or `!`. */
  column: number;
}

/** Cell magics whose body is still Python. */
const PYTHON_BODY_CELL_MAGICS = new Set(["time", "timeit", "capture", "prun", "debug", "memit"]);

const LINE_MAGIC = /^(\s*)(?:([A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*\s*=\s*))?(%{1,2}|!{1,2})(.*)$/u;
const HELP = /^(\s*)(\?{1,2}[\w.]+|[\w.]+\?{1,2})\s*$/u;

/** Replaces a stretch of text by a Python no-op expression of the same length (`0` + spaces). */
function neutral(length: number): string {
  return length <= 0 ? "" : `0${" ".repeat(length - 1)}`;
}

export interface NeutralizedCell {
  source: string;
  magics: Magic[];
}

/** Rewrites one cell's IPython syntax into plain Python of identical shape. */
export function neutralizeCell(source: string): NeutralizedCell {
  const lines = source.split(/\r\n|\n|\r/u);
  const magics: Magic[] = [];
  const first = lines[0] ?? "";
  const cellMagic = /^\s*%%([A-Za-z_]\w*)(.*)$/u.exec(first);
  if (cellMagic) {
    const name = cellMagic[1]!;
    magics.push({ kind: "cell-magic", name, args: `${cellMagic[2]!.trim()}\n${lines.slice(1).join("\n")}`.trimEnd(), line: 0, column: first.indexOf("%") });
    if (PYTHON_BODY_CELL_MAGICS.has(name)) {
      lines[0] = neutral(first.length);
    } else {
      for (let index = 0; index < lines.length; index++) {
        lines[index] = index === 0 ? neutral(lines[index]!.length) : " ".repeat(0);
      }
      return { source: lines.join("\n"), magics };
    }
  }
  const tracker = new ContinuationTracker();
  for (let index = cellMagic ? 1 : 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (!tracker.continues) {
      const match = LINE_MAGIC.exec(line);
      if (match && !/^\s*!=/u.test(line)) {
        const indent = match[1]!;
        const target = match[2] ?? "";
        const sigil = match[3]!;
        const rest = match[4]!;
        const column = indent.length + target.length;
        if (sigil.startsWith("!")) {
          magics.push({ kind: "shell", name: "!", args: rest.trim(), line: index, column });
        } else {
          const nameMatch = /^([A-Za-z_]\w*)(.*)$/u.exec(rest);
          magics.push({ kind: "line-magic", name: nameMatch?.[1] ?? "", args: (nameMatch?.[2] ?? rest).trim(), line: index, column });
        }
        lines[index] = indent + target + neutral(line.length - column);
        // A shell or line magic continued with `\` goes on over the next lines.
        const magic = magics[magics.length - 1]!;
        let continues = line.endsWith("\\");
        while (continues && index + 1 < lines.length) {
          index++;
          const continued = lines[index]!;
          magic.args = `${magic.args.replace(/\\$/u, "").trimEnd()} ${continued.trim()}`;
          lines[index] = " ".repeat(continued.length);
          continues = continued.endsWith("\\");
        }
        continue;
      }
      const help = HELP.exec(line);
      if (help) {
        lines[index] = help[1]! + neutral(line.length - help[1]!.length);
        continue;
      }
    }
    tracker.feed(line);
  }
  return { source: lines.join("\n"), magics };
}

/**
 * Knows whether the next line continues a statement (open brackets, a trailing backslash, an
 * open triple-quoted string), so `% b` inside `(a\n % b)` is not mistaken for a magic.
 */
class ContinuationTracker {
  #depth = 0;
  #tripleQuote: string | null = null;
  #backslash = false;

  get continues(): boolean {
    return this.#depth > 0 || this.#tripleQuote !== null || this.#backslash;
  }

  feed(line: string): void {
    this.#backslash = false;
    let index = 0;
    while (index < line.length) {
      const char = line[index]!;
      if (this.#tripleQuote) {
        if (line.startsWith(this.#tripleQuote, index)) {
          index += 3;
          this.#tripleQuote = null;
        } else index += char === "\\" ? 2 : 1;
        continue;
      }
      if (char === "#") return;
      if (char === '"' || char === "'") {
        const triple = char.repeat(3);
        if (line.startsWith(triple, index)) {
          this.#tripleQuote = triple;
          index += 3;
          continue;
        }
        index++;
        while (index < line.length && line[index] !== char) index += line[index] === "\\" ? 2 : 1;
        index++;
        continue;
      }
      if (char === "(" || char === "[" || char === "{") this.#depth++;
      else if ((char === ")" || char === "]" || char === "}") && this.#depth > 0) this.#depth--;
      index++;
    }
    this.#backslash = line.endsWith("\\");
  }
}
