/**
 * Hyperparameter arguments of TensorFlow.js calls in JavaScript/TypeScript ML code, from the one
 * catalog (python/hyperparameters.ts): `tf.train.adam(0.001)`, `tf.layers.dropout({ rate: 0.5 })`,
 * `model.fit(xs, ys, { epochs: 50, batchSize: 32 })`. Callees are resolved through imports and
 * `require`; a method (`fit`) counts only in a module that imports TensorFlow.js.
 */
import type { Rule } from "eslint";
import type * as ESTree from "estree";
import { HYPERPARAMETER_APIS, type HyperparameterApi } from "../python/hyperparameters.js";
import { scriptQualifiedName } from "./imports.js";

/** One hyperparameter argument: its name and its value expression. */
export interface ScriptHyperparameter {
  name: string;
  value: ESTree.Node;
}

function importedModules(sourceCode: Rule.RuleContext["sourceCode"]): Set<string> {
  const modules = new Set<string>();
  for (const statement of sourceCode.ast.body) {
    if (statement.type === "ImportDeclaration") modules.add(String(statement.source.value));
  }
  for (const match of sourceCode.text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/gu)) modules.add(match[1]!);
  return modules;
}

/** The catalog entry a call resolves to, or null. */
export function scriptHyperparameterApi(call: ESTree.CallExpression, sourceCode: Rule.RuleContext["sourceCode"]): HyperparameterApi | null {
  const qualified = scriptQualifiedName(call.callee, sourceCode);
  const method = call.callee.type === "MemberExpression" && !call.callee.computed && call.callee.property.type === "Identifier" ? call.callee.property.name : null;
  for (const api of HYPERPARAMETER_APIS) {
    if (api.language !== "script") continue;
    if (api.packages === null) {
      if (method && qualified === null && api.names.includes(method) && api.requires!.some((module) => importedModules(sourceCode).has(module))) return api;
      continue;
    }
    if (!qualified) continue;
    const name = qualified.slice(qualified.lastIndexOf(".") + 1);
    if (api.names.includes(name) && api.packages.some((prefix) => qualified.startsWith(`${prefix}.`))) return api;
  }
  return null;
}

/** The hyperparameter arguments of a call to a catalog API: positional ones at their index, and keys of its options object. */
export function scriptHyperparameters(call: ESTree.CallExpression, api: HyperparameterApi): ScriptHyperparameter[] {
  const found: ScriptHyperparameter[] = [];
  for (const [name, index] of Object.entries(api.parameters)) {
    const argument = index === null ? undefined : call.arguments[index];
    if (argument && argument.type !== "ObjectExpression" && argument.type !== "SpreadElement") found.push({ name, value: argument });
  }
  const options = api.optionsArgument === undefined ? undefined : call.arguments[api.optionsArgument];
  if (options?.type === "ObjectExpression") {
    for (const property of options.properties) {
      if (property.type !== "Property" || property.computed) continue;
      const key = property.key.type === "Identifier" ? property.key.name : property.key.type === "Literal" ? String(property.key.value) : null;
      if (key && key in api.parameters) found.push({ name: key, value: property.value });
    }
  }
  return found;
}

/** A number literal (also negated), or an array of them; null for anything else. */
export function scriptNumber(node: ESTree.Node): number | number[] | null {
  if (node.type === "Literal" && typeof node.value === "number") return node.value;
  if (node.type === "UnaryExpression" && node.operator === "-" && node.argument.type === "Literal" && typeof node.argument.value === "number") return -node.argument.value;
  if (node.type === "ArrayExpression" && node.elements.length > 0) {
    const items = node.elements.map((element) => (element ? scriptNumber(element) : null));
    return items.every((item): item is number => typeof item === "number") ? items : null;
  }
  return null;
}
