/**
 * The project scripts a shell command runs: `python src/train.py`, `python -m pkg.mod`,
 * `jupyter nbconvert --execute nb.ipynb`, `papermill in.ipynb out.ipynb`, behind `uv run`,
 * `poetry run`, `nohup`, `VAR=1` and friends. Shared by every manifest that holds shell commands
 * (dvc `cmd`, Makefile recipes, shell scripts), so they all read commands the same way.
 *
 * The text is split the way a shell splits it (quotes, `\` continuations, comments, `&&`, `||`,
 * `;`, `|`, `&`, subshells, redirections, here-documents), and `cd`/`pushd`/`popd` move the
 * directory the following scripts are resolved against. Nothing is executed or expanded: `$VAR`
 * stays as written.
 */
import { posix } from "node:path";
import { resolveManifestPath } from "./paths.js";

/** One run of a project script or notebook found in shell command text. */
export interface ScriptRun {
  /** The script or notebook run, resolved against the working directory (root-relative, POSIX). */
  script: string;
  /** Files the runner itself writes: papermill's output notebook. */
  outputs: string[];
  /** The simple command as written, continuation lines joined. */
  command: string;
  /** 1-based line of the command's first word within the text. */
  line: number;
}

/**
 * The scripts and notebooks `text` runs, in order. `directory` is the root-relative directory the
 * commands start in (`.` for the root); `cd dir && python x.py` resolves to `dir/x.py`, and
 * `cd "$(dirname "$0")"` moves to `scriptDirectory`, the directory of the script holding the text.
 * A `python -m pkg.mod` run is reported as `pkg/mod.py` (whether the module is the project's is
 * for the caller to check); `python -c`, Rscript and other programs run no project script.
 */
export function scriptRunsIn(text: string, directory: string, scriptDirectory = directory): ScriptRun[] {
  const runs: ScriptRun[] = [];
  const lineOf = lineNumbers(text);
  let cwd = directory;
  const subshells: string[] = [];
  const pushed: string[] = [];
  let words: Word[] = [];

  const finish = (): void => {
    const command = withoutKeywords(words);
    words = [];
    const first = command[0];
    if (!first) return;
    const name = first.text;
    if (name === "cd" || name === "pushd") {
      const argument = command.slice(1).find((word) => !word.text.startsWith("-") || word.text === "-")?.text;
      if (name === "pushd") pushed.push(cwd);
      if (argument === undefined || argument === "~") cwd = "~";
      else if (argument !== "-") cwd = changedDirectory(cwd, argument, scriptDirectory);
      return;
    }
    if (name === "popd") {
      cwd = pushed.pop() ?? cwd;
      return;
    }
    const run = runOf(command);
    if (!run) return;
    const last = command[command.length - 1] ?? first;
    runs.push({
      script: resolveManifestPath(cwd, run.script),
      outputs: run.outputs.map((output) => resolveManifestPath(cwd, output)),
      command: text.slice(first.start, last.end).replace(/\\\r?\n[ \t]*/g, " "),
      line: lineOf(first.start),
    });
  };

  for (const token of shellTokens(text)) {
    if (token.kind === "word") {
      words.push(token);
      continue;
    }
    finish();
    if (token.text === "(") subshells.push(cwd);
    if (token.text === ")") cwd = subshells.pop() ?? cwd;
  }
  finish();
  return runs;
}

/** A leading command substitution such as `$(dirname "$0")` or `$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)`. */
const LEADING_SUBSTITUTION = /^\$\((?:[^()]|\$\([^()]*\))*\)/;

/** The directory `cd argument` moves to; the script's own directory for the `dirname "$0"` idiom. */
function changedDirectory(cwd: string, argument: string, scriptDirectory: string): string {
  const substitution = LEADING_SUBSTITUTION.exec(argument)?.[0];
  if (substitution?.includes("dirname") && /\$\{?(?:0|BASH_SOURCE)\b/.test(substitution)) {
    return resolveManifestPath(scriptDirectory, `./${argument.slice(substitution.length)}`);
  }
  return resolveManifestPath(cwd, argument);
}

// ---------------------------------------------------------------------------------------------
// Recognising runs

/** Reserved words that may precede a command: `if python check.py; then`, `do python x.py`. */
const LEADING_KEYWORDS = new Set(["if", "then", "else", "elif", "do", "while", "until", "!", "{"]);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
/** Commands that run the command after them (and maybe their own options). */
const PREFIX_COMMANDS = new Set(["time", "nohup", "exec", "env", "sudo", "nice", "command", "timeout", "stdbuf", "xvfb-run", "srun"]);
/** Environment managers whose `run` subcommand runs a command: `uv run python x.py`. */
const ENVIRONMENT_RUNNERS = new Set(["uv", "poetry", "pipenv", "pdm", "hatch", "rye", "conda", "mamba", "micromamba", "pixi"]);
const PYTHON = /^(?:python|python[23](?:\.[0-9]+)?|ipython3?|pypy3?)$/;
/** Launchers whose first `.py` argument is the script: `torchrun --nproc_per_node=2 train.py`. */
const LAUNCHERS = new Set(["torchrun", "deepspeed", "accelerate"]);
/** nbconvert options whose value is not the notebook run. */
const NBCONVERT_VALUE_OPTIONS = new Set(["--output", "--output-dir", "--to", "--template", "--config"]);
const MODULE = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

interface Run {
  script: string;
  outputs: string[];
}

function withoutKeywords(words: Word[]): Word[] {
  const start = words.findIndex((word) => !LEADING_KEYWORDS.has(word.text));
  return start === -1 ? [] : words.slice(start);
}

function programOf(word: Word | undefined): string {
  return word ? posix.basename(word.text) : "";
}

function startsARun(word: Word): boolean {
  const program = programOf(word);
  return PYTHON.test(program) || program === "jupyter" || program.startsWith("jupyter-") || program === "papermill" || LAUNCHERS.has(program) || word.text.endsWith(".py");
}

/** The run a simple command makes, looking through assignments and prefix commands. */
function runOf(words: Word[]): Run | undefined {
  const start = words.findIndex((word) => !ASSIGNMENT.test(word.text));
  const command = words.slice(start === -1 ? words.length : start);
  const program = programOf(command[0]);
  if (PREFIX_COMMANDS.has(program) || (ENVIRONMENT_RUNNERS.has(program) && command[1]?.text === "run")) {
    const inner = command.findIndex((word, index) => index > 0 && startsARun(word));
    return inner === -1 ? undefined : runOf(command.slice(inner));
  }
  const args = command.slice(1).map((word) => word.text);
  if (PYTHON.test(program)) return pythonRun(args);
  if (program === "jupyter" || program.startsWith("jupyter-")) {
    const [subcommand, ...rest] = program === "jupyter" ? args : [program.slice("jupyter-".length), ...args];
    const runsNotebook = subcommand === "execute" || (subcommand === "nbconvert" && rest.includes("--execute"));
    const notebook = rest.find((arg, index) => arg.endsWith(".ipynb") && !NBCONVERT_VALUE_OPTIONS.has(rest[index - 1] ?? ""));
    return runsNotebook && notebook ? { script: notebook, outputs: [] } : undefined;
  }
  if (program === "papermill") {
    const [input, output] = args.filter((arg) => arg.endsWith(".ipynb"));
    return input ? { script: input, outputs: output ? [output] : [] } : undefined;
  }
  if (LAUNCHERS.has(program)) {
    const script = args.find((arg) => arg.endsWith(".py"));
    return script ? { script, outputs: [] } : undefined;
  }
  const first = command[0]?.text;
  return first?.endsWith(".py") ? { script: first, outputs: [] } : undefined;
}

/** The script of `python [options] script.py` or the module file of `python -m pkg.mod`. */
function pythonRun(args: string[]): Run | undefined {
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? "";
    if (arg === "-" || arg === "--") return undefined;
    if (arg.startsWith("--")) continue;
    if (!arg.startsWith("-")) return { script: arg, outputs: [] };
    // A cluster of one-letter options: `-u`, `-uB`, `-m mod`, `-mmod`, `-W ignore`, `-c code`.
    for (let at = 1; at < arg.length; at += 1) {
      const option = arg[at];
      if (option === "c") return undefined;
      if (option === "m") {
        const module = arg.slice(at + 1) || args[index + 1];
        return module && MODULE.test(module) ? { script: `${module.replaceAll(".", "/")}.py`, outputs: [] } : undefined;
      }
      if (option === "W" || option === "X") {
        if (at === arg.length - 1) index += 1;
        break;
      }
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Splitting shell text

/** A word with quotes removed, and where it is written. */
interface Word {
  kind: "word";
  text: string;
  start: number;
  end: number;
}

/** A control operator (`&&`, `||`, `;`, `|`, `&`, `(`, `)`) or a newline. */
interface Operator {
  kind: "operator";
  text: string;
}

const OPERATOR = /&&|\|\||;;|\|&|[;|&()\n]/y;
/** A redirection operator with its optional file descriptor; its target word is dropped. */
const REDIRECTION = /[0-9]*(?:&>>|&>|>>|>&|>\||<<<|<<-|<<|<>|<&|>|<)/y;
const WORD_END = /[ \t\r\n;&|()<>]/;

/** Words and operators of shell text; comments, continuations, redirections and here-document bodies dropped. */
function shellTokens(text: string): Array<Word | Operator> {
  const tokens: Array<Word | Operator> = [];
  const hereDocuments: Array<{ delimiter: string; tabs: boolean }> = [];
  let offset = 0;

  const sticky = (pattern: RegExp): string | undefined => {
    pattern.lastIndex = offset;
    const match = pattern.exec(text);
    if (!match) return undefined;
    offset = pattern.lastIndex;
    return match[0];
  };
  const skipSpaces = (): void => {
    for (;;) {
      if (text[offset] === " " || text[offset] === "\t" || text[offset] === "\r") offset += 1;
      else if (text.startsWith("\\\n", offset)) offset += 2;
      else if (text.startsWith("\\\r\n", offset)) offset += 3;
      else return;
    }
  };
  /** Skips the bodies of the here-documents opened on the line that just ended. */
  const skipHereDocuments = (): void => {
    for (const { delimiter, tabs } of hereDocuments.splice(0)) {
      while (offset < text.length) {
        const end = text.indexOf("\n", offset) === -1 ? text.length : text.indexOf("\n", offset);
        const line = text.slice(offset, end).replace(/\r$/, "");
        offset = end + 1;
        if ((tabs ? line.replace(/^\t+/, "") : line) === delimiter) break;
      }
    }
  };
  const startsSubstitution = (): boolean => text.startsWith("$(", offset) || text.startsWith("${", offset) || text[offset] === "`";
  /** Reads past a `$(…)`, `${…}` or backquoted command at the offset, counting nested parentheses or braces. */
  const skipSubstitution = (): void => {
    if (text[offset] === "`") {
      offset += 1;
      while (offset < text.length && text[offset] !== "`") offset += text[offset] === "\\" ? 2 : 1;
      offset += 1;
      return;
    }
    const open = text[offset + 1];
    const close = open === "{" ? "}" : ")";
    let depth = 0;
    offset += 1;
    while (offset < text.length) {
      const char = text[offset];
      offset += char === "\\" ? 2 : 1;
      if (char === open) depth += 1;
      else if (char === close && --depth === 0) return;
    }
  };
  const readWord = (): Word => {
    const start = offset;
    let value = "";
    while (offset < text.length && !WORD_END.test(text[offset] ?? "")) {
      const char = text[offset] ?? "";
      if (char === "\\") {
        value += text[offset + 1] === "\n" ? "" : (text[offset + 1] ?? "");
        offset += 2;
      } else if (char === "'") {
        const close = text.indexOf("'", offset + 1);
        const end = close === -1 ? text.length : close;
        value += text.slice(offset + 1, end);
        offset = end + 1;
      } else if (char === '"') {
        offset += 1;
        while (offset < text.length && text[offset] !== '"') {
          if (startsSubstitution()) {
            const from = offset;
            skipSubstitution();
            value += text.slice(from, Math.min(offset, text.length));
            continue;
          }
          const escaped = text[offset] === "\\" && /[$`"\\\n]/.test(text[offset + 1] ?? "");
          if (escaped && text[offset + 1] !== "\n") value += text[offset + 1];
          else if (!escaped) value += text[offset];
          offset += escaped ? 2 : 1;
        }
        offset += 1;
      } else if (startsSubstitution()) {
        const from = offset;
        skipSubstitution();
        value += text.slice(from, Math.min(offset, text.length));
      } else {
        value += char;
        offset += 1;
      }
    }
    return { kind: "word", text: value, start, end: Math.min(offset, text.length) };
  };

  while (offset < text.length) {
    skipSpaces();
    if (offset >= text.length) break;
    if (text[offset] === "#") {
      while (offset < text.length && text[offset] !== "\n") offset += 1;
      continue;
    }
    const redirection = sticky(REDIRECTION);
    if (redirection !== undefined) {
      skipSpaces();
      const target = readWord();
      if (redirection.endsWith("<<") || redirection.endsWith("<<-")) {
        hereDocuments.push({ delimiter: target.text, tabs: redirection.endsWith("-") });
      }
      continue;
    }
    const operator = sticky(OPERATOR);
    if (operator !== undefined) {
      tokens.push({ kind: "operator", text: operator });
      if (operator === "\n") skipHereDocuments();
      continue;
    }
    const word = readWord();
    if (word.end === word.start) offset += 1; // a stray character no rule above consumed
    else tokens.push(word);
  }
  return tokens;
}

/** Maps offsets to 1-based lines; offsets must be asked for in increasing order. */
function lineNumbers(text: string): (offset: number) => number {
  let counted = 0;
  let line = 1;
  return (offset) => {
    for (; counted < offset; counted += 1) if (text[counted] === "\n") line += 1;
    return line;
  };
}
