/**
 * Module-level facts: the functions, classes and constants a module defines at top level, whether
 * it has a `__main__` guard, and the other scripts and notebooks it runs (`subprocess`,
 * `os.system`, `runpy`, `exec(open(...).read())`, papermill, and in notebooks `%run`, `!python`
 * and `%%bash` cells). Command lines are read by the manifests' command reader, so a script run
 * from Python and one run from a Makefile are recognised the same way.
 */
import { PyNode, field } from "../../languages/python/nodes.js";
import type { NotebookCell } from "../../languages/notebook/program.js";
import { keywordArgument, positionalArguments } from "../../rules-kit/python-syntax.js";
import { scriptRunsIn } from "../manifests/commands.js";
import { resolveManifestPath } from "../manifests/paths.js";
import type { Invocation, ModuleConstant, ModuleDefinitions, NamedDefinition } from "../types.js";
import { descendants, type ModuleScope } from "./scope.js";
import { literalString, literalValue } from "./literals.js";
import { fileSourceOf } from "./file-handles.js";
import { resolvePath, resolveString } from "./paths.js";

/** Statements whose bodies still run at module level. */
const MODULE_LEVEL_BLOCKS = new Set(["if_statement", "try_statement", "with_statement", "else_clause", "elif_clause", "except_clause", "finally_clause", "block", "decorated_definition"]);

function position(node: PyNode): { line: number; column: number } {
  return { line: node.loc.start.line, column: node.loc.start.column + 1 };
}

function isMainGuard(statement: PyNode, scope: ModuleScope): boolean {
  const condition = field(statement, "condition");
  if (condition?.type !== "comparison_operator" || !Array.isArray(condition.operators) || condition.operators[0] !== "==") return false;
  const [left, right] = condition.children;
  const isName = (node: PyNode | undefined) => node?.type === "identifier" && node.text === "__name__";
  const isMain = (node: PyNode | undefined) => literalString(node, scope) === "__main__";
  return (isName(left) && isMain(right)) || (isMain(left) && isName(right));
}

/** Top-level definitions (also those inside module-level `if`/`try`/`with`), constants and the main guard. */
export function extractDefinitions(root: PyNode, scope: ModuleScope): ModuleDefinitions {
  const functions: NamedDefinition[] = [];
  const classes: NamedDefinition[] = [];
  let hasMainGuard = false;
  const visit = (node: PyNode): void => {
    for (const statement of node.children) {
      if (statement.type === "function_definition" || statement.type === "class_definition") {
        const name = field(statement, "name");
        if (name?.text) (statement.type === "function_definition" ? functions : classes).push({ name: name.text, ...position(name) });
      } else if (MODULE_LEVEL_BLOCKS.has(statement.type)) {
        if (statement.type === "if_statement" && statement.parent === root && isMainGuard(statement, scope)) hasMainGuard = true;
        visit(statement);
      }
    }
  };
  visit(root);
  const constants: ModuleConstant[] = [];
  for (const [name, value] of scope.constants) {
    const target = value.parent ? field(value.parent, "left") : undefined;
    const constant: ModuleConstant = { name, ...position(target ?? value), text: scope.textOf(value) };
    const literal = literalValue(value, scope);
    if (literal !== undefined) constant.value = literal;
    constants.push(constant);
  }
  constants.sort((a, b) => a.line - b.line || a.column - b.column);
  return { functions, classes, constants, hasMainGuard };
}

// ── Invocations ─────────────────────────────────────────────────────────────────────────────

/** Calls that run a command line: the argument holding it. */
const COMMAND_RUNNERS: Record<string, [number, string]> = {
  "subprocess.run": [0, "args"],
  "subprocess.call": [0, "args"],
  "subprocess.check_call": [0, "args"],
  "subprocess.check_output": [0, "args"],
  "subprocess.Popen": [0, "args"],
  "subprocess.getoutput": [0, "cmd"],
  "subprocess.getstatusoutput": [0, "cmd"],
  "os.system": [0, "command"],
  "os.popen": [0, "cmd"],
};

/** Calls that run a script, module or notebook named by an argument. */
const SCRIPT_RUNNERS: Record<string, { argument: [number, string]; module?: boolean }> = {
  "runpy.run_path": { argument: [0, "path_name"] },
  "runpy.run_module": { argument: [0, "mod_name"], module: true },
  "papermill.execute_notebook": { argument: [0, "input_path"] },
};

/** Shell cell magics whose body is a script. */
const SHELL_CELL_MAGICS = new Set(["bash", "sh", "script", "system"]);
/** Line magics whose argument is a shell command. */
const SHELL_LINE_MAGICS = new Set(["system", "sx"]);
/** `%run` options that take a value. */
const RUN_VALUE_OPTIONS = new Set(["-G", "-e", "-p", "-b", "-N"]);

/** Names standing for the Python interpreter in an argv list. */
const INTERPRETERS = new Set(["sys.executable"]);

function kindOf(target: string): Invocation["kind"] {
  return target.endsWith(".ipynb") ? "notebook" : "script";
}

function argument(call: PyNode, [index, keyword]: [number, string]): PyNode | undefined {
  return positionalArguments(call)[index] ?? keywordArgument(call, keyword);
}

/** The command line a runner receives: a string, or an argv list joined with spaces (`"python x.py".split()` too). */
function commandText(node: PyNode, scope: ModuleScope): string | null {
  const split = splitCommand(node, scope);
  if (split) return commandText(split, scope);
  if (node.type === "list" || node.type === "tuple") {
    const words = node.children.map((item) => {
      if (INTERPRETERS.has(scope.imports.qualifiedName(item) ?? "")) return "python";
      const word = resolveString(item, scope);
      return word === null ? "*" : /[\s'"]/u.test(word.text) ? `'${word.text.replace(/'/gu, `'\\''`)}'` : word.text;
    });
    return words.join(" ");
  }
  if (node.type === "identifier") {
    const binding = scope.singleBinding(node);
    if (binding?.kind === "assignment" && binding.value && (binding.value.type === "list" || binding.value.type === "tuple")) return commandText(binding.value, scope);
  }
  return resolveString(node, scope)?.text ?? null;
}

/** A run whose script is wholly unknown (`python *`) names nothing. */
function namesScript(script: string): boolean {
  return /[^*./]/u.test(script);
}

/** The string of `cmd.split()` / `shlex.split(cmd)`. */
function splitCommand(node: PyNode, scope: ModuleScope): PyNode | null {
  if (node.type !== "call") return null;
  if (scope.imports.calleeName(node) === "shlex.split") return positionalArguments(node)[0] ?? null;
  const callee = field(node, "function");
  const isSplit = callee?.type === "attribute" && field(callee, "attribute")?.text === "split" && positionalArguments(node).length === 0;
  return isSplit ? (field(callee, "object") ?? null) : null;
}

function fromCommand(command: string, via: string, at: { line: number; column: number }): Invocation[] {
  return scriptRunsIn(command, ".")
    .filter((run) => namesScript(run.script))
    .map((run) => ({ target: run.script, kind: kindOf(run.script), via, command: run.command, ...at }));
}

function targetOf(node: PyNode, scope: ModuleScope): string | null {
  const path = resolvePath(node, scope);
  return path && path.kind === "relative" ? path.text : null;
}

function callInvocations(call: PyNode, scope: ModuleScope): Invocation[] {
  const callee = scope.imports.calleeName(call);
  if (!callee) return [];
  const at = position(call);
  const commandArgument = COMMAND_RUNNERS[callee];
  if (commandArgument) {
    const written = argument(call, commandArgument);
    const command = written ? commandText(written, scope) : null;
    return command ? fromCommand(command, callee, at) : [];
  }
  const runner = SCRIPT_RUNNERS[callee];
  if (runner) {
    const written = argument(call, runner.argument);
    if (!written) return [];
    const module = runner.module ? literalString(written, scope) : null;
    const target = runner.module ? (module ? `${module.replaceAll(".", "/")}.py` : null) : targetOf(written, scope);
    return target ? [{ target, kind: kindOf(target), via: callee, ...at }] : [];
  }
  if (callee === "builtins.exec") {
    // exec(open("x.py").read()) and exec(compile(open(p).read(), p, "exec"))
    let code = positionalArguments(call)[0];
    if (code?.type === "call" && scope.imports.calleeName(code) === "builtins.compile") code = positionalArguments(code)[0];
    const source = code ? fileSourceOf(code, scope) : null;
    const target = source ? targetOf(source.path, scope) : null;
    return target ? [{ target, kind: kindOf(target), via: "exec", ...at }] : [];
  }
  return [];
}

/** `%run [options] script.py [args]`: the script, or the module of `-m`. */
function runMagicTarget(args: string): string | null {
  const words = args.split(/\s+/u).filter(Boolean);
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    if (word === "-m") {
      const module = words[index + 1];
      return module ? `${module.replaceAll(".", "/")}.py` : null;
    }
    if (RUN_VALUE_OPTIONS.has(word)) index++;
    else if (!word.startsWith("-")) return word.replace(/^["']|["']$/gu, "");
  }
  return null;
}

function magicInvocations(cells: NotebookCell[]): Invocation[] {
  const found: Invocation[] = [];
  for (const cell of cells) {
    for (const magic of cell.magics) {
      const at = { line: cell.programLine + magic.line, column: magic.column + 1 };
      if (magic.kind === "line-magic" && magic.name === "run") {
        const script = runMagicTarget(magic.args);
        const target = script ? resolveManifestPath(".", script) : null;
        if (target) found.push({ target, kind: kindOf(target), via: "%run", ...at });
      } else if (magic.kind === "shell") {
        found.push(...fromCommand(magic.args, "!", at));
      } else if (magic.kind === "line-magic" && SHELL_LINE_MAGICS.has(magic.name)) {
        found.push(...fromCommand(magic.args, `%${magic.name}`, at));
      } else if (magic.kind === "cell-magic" && SHELL_CELL_MAGICS.has(magic.name)) {
        const body = magic.args.slice(magic.args.indexOf("\n") + 1);
        for (const run of scriptRunsIn(body, ".").filter((candidate) => namesScript(candidate.script))) {
          found.push({ target: run.script, kind: kindOf(run.script), via: `%%${magic.name}`, command: run.command, line: at.line + run.line, column: 1 });
        }
      }
    }
  }
  return found;
}

/**
 * The scripts and notebooks a module runs, in source order. `cells` (a notebook's cells) adds the
 * runs of its IPython magics, at program lines.
 */
export function extractInvocations(root: PyNode, scope: ModuleScope, cells: NotebookCell[] = []): Invocation[] {
  const found = descendants(root, "call").flatMap((call) => callInvocations(call, scope));
  found.push(...magicInvocations(cells));
  return found.sort((a, b) => a.line - b.line || a.column - b.column);
}
