/** Small questions rules ask of Python syntax nodes. */
import { PyNode, field } from "../languages/python/nodes.js";

const FUNCTION_TYPES = new Set(["function_definition", "lambda"]);

/** The nearest enclosing `def` or `lambda`, or null at module (or class body) level. */
export function enclosingFunction(node: PyNode): PyNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (FUNCTION_TYPES.has(current.type)) return current;
  }
  return null;
}

/** Positional arguments of a call (keyword arguments and `*`/`**` splats excluded). */
export function positionalArguments(call: PyNode): PyNode[] {
  const args = field(call, "arguments");
  if (!args || args.type !== "argument_list") return [];
  return args.children.filter(
    (child) => child.type !== "keyword_argument" && child.type !== "list_splat" && child.type !== "dictionary_splat",
  );
}

/** The value of `name=` in a call, or undefined. */
export function keywordArgument(call: PyNode, name: string): PyNode | undefined {
  const args = field(call, "arguments");
  if (!args) return undefined;
  for (const child of args.children) {
    if (child.type === "keyword_argument" && field(child, "name")?.text === name) return field(child, "value");
  }
  return undefined;
}

/** True when the call passes `**kwargs` or `*args` (its real arguments are unknown). */
export function hasSplatArguments(call: PyNode): boolean {
  const args = field(call, "arguments");
  return !!args?.children.some((child) => child.type === "list_splat" || child.type === "dictionary_splat");
}

/** Every call under a node (the node included), in source order. */
export function callsIn(node: PyNode | undefined): PyNode[] {
  const found: PyNode[] = [];
  if (!node) return found;
  const stack = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.type === "call") found.push(current);
    for (let index = current.children.length - 1; index >= 0; index--) stack.push(current.children[index]!);
  }
  return found;
}
