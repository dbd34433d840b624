/**
 * Literal values of Python expressions, without running them: string literals (escapes decoded,
 * raw strings kept, implicit concatenation joined), names assigned once to one, and literal data
 * (numbers, booleans, None, lists, tuples and dicts of them) as config values.
 */
import { PyNode, field } from "../../languages/python/nodes.js";
import type { ConfigValue } from "../types.js";
import type { ModuleScope } from "./scope.js";

const SIMPLE_ESCAPES: Record<string, string> = { "\\": "\\", "'": "'", '"': '"', n: "\n", t: "\t", r: "\r", a: "\x07", b: "\b", f: "\f", v: "\v", "\n": "" };

/** Decodes Python escape sequences of a non-raw string literal's content. */
function decodeEscapes(content: string): string {
  return content.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|\r\n|[\s\S])/gu, (whole, escape: string) => {
    const simple = SIMPLE_ESCAPES[escape];
    if (simple !== undefined) return simple;
    if (escape === "\r\n") return "";
    if (/^[0-7]/u.test(escape)) return String.fromCodePoint(Number.parseInt(escape, 8));
    if (/^[xuU]/u.test(escape)) return String.fromCodePoint(Number.parseInt(escape.slice(1), 16));
    return whole; // unknown escapes keep their backslash, as in Python
  });
}

/** Parts of a string literal: text, or the expression of an f-string replacement field. */
export type StringPart = { text: string } | { expression: PyNode; formatted: boolean };

export function stringParts(node: PyNode, scope: ModuleScope): StringPart[] {
  const prefix = (/^[A-Za-z]*/u.exec(scope.textOf(node))?.[0] ?? "").toLowerCase();
  const raw = prefix.includes("r");
  const formatted = prefix.includes("f");
  const parts: StringPart[] = [];
  for (const child of node.children) {
    if (child.type === "string_content") {
      let content = scope.textOf(child);
      if (formatted) content = content.replace(/\{\{/gu, "{").replace(/\}\}/gu, "}");
      parts.push({ text: raw ? content : decodeEscapes(content) });
    } else if (child.type === "interpolation") {
      const expression = field(child, "expression");
      const conversion = child.children.find((part) => part.type === "type_conversion")?.text;
      const special = !!field(child, "format_specifier") || (conversion !== undefined && conversion !== "!s");
      if (expression) parts.push({ expression, formatted: special });
    }
  }
  return parts;
}

/** The value of a string literal without replacement fields (`"a"`, `"a" "b"`, `r"C:\x"`), or null. */
export function literalString(node: PyNode | undefined, scope: ModuleScope): string | null {
  if (!node) return null;
  if (node.type === "parenthesized_expression") return literalString(node.children[0], scope);
  if (node.type === "concatenated_string") {
    let text = "";
    for (const child of node.children) {
      const part = literalString(child, scope);
      if (part === null) return null;
      text += part;
    }
    return text;
  }
  if (node.type !== "string") return null;
  let text = "";
  for (const part of stringParts(node, scope)) {
    if (!("text" in part)) return null;
    text += part.text;
  }
  return text;
}

/** A literal string, or a name assigned once to one (`KEY = "lr"`). */
export function constantString(node: PyNode | undefined, scope: ModuleScope): string | null {
  if (node?.type === "identifier") {
    const binding = scope.singleBinding(node);
    return binding?.kind === "assignment" ? literalString(binding.value ?? undefined, scope) : null;
  }
  return literalString(node, scope);
}

/**
 * The value of a literal expression as config data (numbers, strings, booleans, None, and
 * lists/tuples/dicts of them), or undefined.
 */
export function literalValue(node: PyNode | undefined, scope: ModuleScope): ConfigValue | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case "integer": {
      const text = node.text!.replace(/_/gu, "").toLowerCase();
      if (/[jl]$/u.test(text)) return undefined;
      const value = /^0[box]/u.test(text) ? Number(text) : Number.parseInt(text, 10);
      return Number.isFinite(value) ? value : undefined;
    }
    case "float": {
      const text = node.text!.replace(/_/gu, "");
      return /j$/iu.test(text) ? undefined : Number(text);
    }
    case "true":
      return true;
    case "false":
      return false;
    case "none":
      return null;
    case "unary_operator": {
      const argument = literalValue(field(node, "argument"), scope);
      if (typeof argument !== "number") return undefined;
      return node.operator === "-" ? -argument : node.operator === "+" ? argument : undefined;
    }
    case "parenthesized_expression":
      return literalValue(node.children[0], scope);
    case "list":
    case "tuple": {
      const items: ConfigValue[] = [];
      for (const child of node.children) {
        const item = literalValue(child, scope);
        if (item === undefined) return undefined;
        items.push(item);
      }
      return items;
    }
    case "dictionary": {
      const entries: Record<string, ConfigValue> = {};
      for (const pair of node.children) {
        const key = literalString(field(pair, "key"), scope);
        const value = literalValue(field(pair, "value"), scope);
        if (pair.type !== "pair" || key === null || value === undefined) return undefined;
        entries[key] = value;
      }
      return entries;
    }
    default: {
      const text = literalString(node, scope);
      return text === null ? undefined : text;
    }
  }
}
