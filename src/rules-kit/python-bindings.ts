/**
 * Literal values as conditions. Where names are bound (and so whether a flag is a constant) is
 * the project's `ModuleScope` (src/project/python/scope.ts), read by the branch guards of
 * src/project/python/branch-guards.ts.
 */
import type { PyNode } from "../languages/python/nodes.js";

export type LiteralTruth = "truthy" | "falsy";

/** Truthiness of a literal condition (`False`, `0`, `None`, `""`, `True`, `1`, `"x"`), or null. */
export function literalTruth(node: PyNode): LiteralTruth | null {
  switch (node.type) {
    case "true":
      return "truthy";
    case "false":
    case "none":
      return "falsy";
    case "integer":
    case "float":
      return Number(node.text!.replace(/_/gu, "")) === 0 ? "falsy" : "truthy";
    case "string": {
      if (node.children.some((child) => child.type === "interpolation")) return null;
      const content = node.children.filter((child) => child.type === "string_content");
      return content.length === 0 ? "falsy" : "truthy";
    }
    case "parenthesized_expression":
      return node.children[0] ? literalTruth(node.children[0]) : null;
    default:
      return null;
  }
}
