/** Where names are bound in a Python module: how often, to what, and in which functions. */
import { PyNode, field } from "../languages/python/nodes.js";
import { enclosingFunction } from "./python-syntax.js";

export type LiteralTruth = "truthy" | "falsy";

export interface NameBindings {
  /** Every binding of the name anywhere in the module (assignments, loops, imports, `global`, params). */
  count: number;
  /** The literal value when the only binding is a module-level `NAME = <literal>`. */
  constant: PyNode | null;
  /** Functions that bind the name locally (parameters, assignments without `global`). */
  localIn: Set<PyNode>;
}

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

function targetNames(target: PyNode | undefined, out: PyNode[]): void {
  if (!target) return;
  switch (target.type) {
    case "identifier":
      out.push(target);
      return;
    case "pattern_list":
    case "tuple_pattern":
    case "list_pattern":
    case "list_splat_pattern":
    case "tuple":
    case "list":
    case "parenthesized_expression":
      for (const child of target.children) targetNames(child, out);
      return;
    default:
      return;
  }
}

/** Counts the bindings of every name in a module (one walk). */
export function bindingCounts(root: PyNode): Map<string, NameBindings> {
  const result = new Map<string, NameBindings>();
  const bind = (identifier: PyNode, constant: PyNode | null, local: boolean) => {
    const name = identifier.text!;
    let entry = result.get(name);
    if (!entry) {
      entry = { count: 0, constant: null, localIn: new Set() };
      result.set(name, entry);
    }
    entry.count++;
    entry.constant = entry.count === 1 ? constant : null;
    const fn = local ? enclosingFunction(identifier) : null;
    if (fn) entry.localIn.add(fn);
  };
  const globals = new Set<string>();
  const stack: PyNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    switch (node.type) {
      case "global_statement":
      case "nonlocal_statement":
        for (const child of node.children) if (child.text) globals.add(child.text);
        for (const child of node.children) if (child.type === "identifier") bind(child, null, false);
        break;
      case "assignment": {
        const names: PyNode[] = [];
        targetNames(field(node, "left"), names);
        const right = field(node, "right");
        const atModuleLevel = node.parent?.parent === root;
        for (const name of names) {
          const single = names.length === 1 && atModuleLevel && right && literalTruth(right) !== null ? right : null;
          bind(name, single, !globals.has(name.text!));
        }
        break;
      }
      case "augmented_assignment":
      case "for_statement":
      case "for_in_clause":
      case "named_expression":
      case "as_pattern": {
        const names: PyNode[] = [];
        targetNames(field(node, "left") ?? field(node, "name") ?? field(node, "alias"), names);
        if (node.type === "as_pattern") for (const child of node.children) if (child.type === "as_pattern_target") targetNames(child.children[0], names);
        for (const name of names) bind(name, null, !globals.has(name.text!));
        break;
      }
      case "parameters":
      case "lambda_parameters":
        for (const parameter of node.children) {
          const name = parameter.type === "identifier" ? parameter : field(parameter, "name") ?? parameter.children.find((child) => child.type === "identifier");
          if (name?.type === "identifier") {
            const fn = node.parent;
            const entry = result.get(name.text!) ?? { count: 0, constant: null, localIn: new Set<PyNode>() };
            if (fn) entry.localIn.add(fn);
            result.set(name.text!, entry);
          }
        }
        break;
      case "aliased_import": {
        const alias = field(node, "alias");
        if (alias) bind(alias, null, true);
        break;
      }
      case "import_from_statement":
        for (const child of node.children) if (child.type === "dotted_name" && child !== field(node, "module_name") && child.children.length === 1) bind(child.children[0]!, null, true);
        break;
      case "function_definition":
      case "class_definition": {
        const name = field(node, "name");
        if (name) bind(name, null, true);
        break;
      }
      default:
        break;
    }
    for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index]!);
  }
  return result;
}
