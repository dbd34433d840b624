/**
 * Where a statement sits in its module, as far as "does it run when another module imports this
 * one?" goes: the top-level function or class around it, and whether a `__main__` guard holds it.
 * Recorded as facts, so project-wide code never needs the module's tree to ask.
 */
import { PyNode, field } from "../../languages/python/nodes.js";

/** The name of the top-level function or class a node is in, or null at module level. */
export function topLevelOwner(node: PyNode): string | null {
  let owner: PyNode | null = null;
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === "function_definition" || current.type === "class_definition") owner = current;
  }
  return owner ? (field(owner, "name")?.text ?? null) : null;
}

function isMainGuard(node: PyNode): boolean {
  const condition = node.type === "if_statement" ? field(node, "condition") : undefined;
  return condition?.children.some((child) => child.type === "identifier" && child.text === "__name__") ?? false;
}

/** Whether a node runs when its module is imported (not under `if __name__ == "__main__":`). */
export function runsOnImport(node: PyNode): boolean {
  for (let current = node.parent; current; current = current.parent) if (isMainGuard(current)) return false;
  return true;
}
