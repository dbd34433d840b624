/**
 * String literals that hold paths although no recognised I/O call reads them directly: a
 * `DATA_ROOT = "/home/ana/data"` handed to a dataset class, a `root="/mnt/…"` keyword, a
 * dataclass field default. And the literals a resolved path was built from, so a rule that
 * reports a path at its I/O call does not report the same literal again.
 */
import { PyNode, field } from "../languages/python/nodes.js";
import type { ModuleScope } from "../project/python/scope.js";
import { descendants } from "../project/python/scope.js";

/** Calls whose string arguments are messages, patterns or import paths, never data locations. */
const NON_DATA_CALLS = /^(?:print|repr|format|input|builtins\.print|logging\..*|warnings\.warn|sys\.path\..*|sys\.exit|re\..*|fnmatch\..*|click\.(?:echo|secho)|typer\.echo|argparse\.ArgumentParser)$/u;
/** Methods whose string arguments are messages or text operations. */
const NON_DATA_METHODS = new Set([
  "startswith", "endswith", "replace", "split", "rsplit", "strip", "lstrip", "rstrip", "removeprefix", "removesuffix", "find", "index", "count", "format",
  "debug", "info", "warning", "warn", "error", "exception", "critical", "log", "write", "echo", "add_argument", "set_description", "set_postfix_str",
  "append", "insert", "extend", "add_text", "add_scalar", "match", "search", "sub", "fullmatch",
]);
/** Keywords whose values are text for people, not locations. */
const MESSAGE_KEYWORDS = new Set(["help", "description", "epilog", "msg", "message", "doc", "title", "label", "desc", "usage", "prog"]);
/** Containers a path may sit in and still be a value (`[a, b]`, `{"raw": a}`, `(a, b)`). */
const CONTAINERS = new Set(["list", "tuple", "set", "pair", "dictionary", "parenthesized_expression", "expression_list"]);

function isDocstring(node: PyNode): boolean {
  return node.parent?.type === "expression_statement" && node.parent.children.length === 1;
}

/** The call a positional or keyword argument belongs to, or null. */
function callOfArgument(node: PyNode): PyNode | null {
  const list = node.parent?.type === "keyword_argument" ? node.parent.parent : node.parent;
  return list?.type === "argument_list" && list.parent?.type === "call" ? list.parent : null;
}

function isMessageCall(call: PyNode, scope: ModuleScope): boolean {
  const qualified = scope.imports.calleeName(call);
  if (qualified && NON_DATA_CALLS.test(qualified)) return true;
  const callee = field(call, "function");
  if (callee?.type === "identifier") return callee.text === "print" || callee.text === "input" || callee.text === "ValueError" || /(?:Error|Exception|Warning)$/u.test(callee.text ?? "");
  return callee?.type === "attribute" && NON_DATA_METHODS.has(field(callee, "attribute")?.text ?? "");
}

/**
 * True when a string literal is stored under a name: assigned (`DATA = "…"`, `cfg = {"raw": "…"}`),
 * a parameter default, a keyword argument (`root="…"`) or a returned value. Positional arguments
 * of calls mldebt does not know are left out (nothing says the callee takes a path), and so are
 * messages, comparisons, docstrings and text operations.
 */
export function isValuePosition(literal: PyNode, scope: ModuleScope): boolean {
  if (isDocstring(literal)) return false;
  let node = literal;
  while (node.parent && CONTAINERS.has(node.parent.type)) {
    if (node.parent.type === "pair" && field(node.parent, "key") === node) return false;
    node = node.parent;
  }
  const parent = node.parent;
  if (!parent) return false;
  switch (parent.type) {
    case "assignment":
      return field(parent, "right") === node;
    case "default_parameter":
    case "typed_default_parameter":
      return field(parent, "value") === node;
    case "keyword_argument": {
      if (MESSAGE_KEYWORDS.has(field(parent, "name")?.text ?? "")) return false;
      const call = callOfArgument(node);
      return !!call && !isMessageCall(call, scope);
    }
    case "return_statement":
      return true;
    default:
      return false;
  }
}

/** Every string literal (plain, concatenated or f-string) of a module, outermost only. */
export function stringLiterals(root: PyNode): PyNode[] {
  const found: PyNode[] = [];
  for (const node of [...descendants(root, "concatenated_string"), ...descendants(root, "string")]) {
    if (node.type === "string" && node.parent?.type === "concatenated_string") continue;
    if (node.parent?.type === "interpolation" || hasAncestor(node, "interpolation")) continue;
    found.push(node);
  }
  return found.sort((a, b) => a.range[0] - b.range[0]);
}

function hasAncestor(node: PyNode, type: string): boolean {
  for (let current = node.parent; current; current = current.parent) if (current.type === type) return true;
  return false;
}

/**
 * The nodes an expression's value is built from, following names to their assigned values and
 * parameter defaults (bounded).
 */
function nodesBehind(expression: PyNode, scope: ModuleScope): PyNode[] {
  const found: PyNode[] = [];
  const seen = new Set<PyNode>();
  const stack: [PyNode, number][] = [[expression, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (seen.has(node) || depth > 12) continue;
    seen.add(node);
    found.push(node);
    if (node.type === "identifier") {
      for (const binding of scope.bindingsOf(node)) if (binding.value) stack.push([binding.value, depth + 1]);
    }
    for (const child of node.children) stack.push([child, depth]);
  }
  return found;
}

/** The string literals an expression's value is built from, so that a path reported at its use is not reported again at the literal. */
export function literalsBehind(expression: PyNode, scope: ModuleScope): Set<PyNode> {
  return new Set(nodesBehind(expression, scope).filter((node) => node.type === "string" || node.type === "concatenated_string"));
}

/** True when an expression's value is built from `__file__` (so it is already relative to the module, not to the working directory). */
export function isFileAnchored(expression: PyNode, scope: ModuleScope): boolean {
  return nodesBehind(expression, scope).some((node) => node.type === "identifier" && node.text === "__file__");
}
