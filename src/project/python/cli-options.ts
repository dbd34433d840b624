/**
 * Command-line options a module declares: `add_argument` calls on a recognised argparse parser
 * (groups and subparsers count as their parser; parsers and parsed namespaces are followed
 * through names, parameters and local functions' returns), and click options and arguments.
 */
import { PyNode, field } from "../../languages/python/nodes.js";
import { keywordArgument, positionalArguments } from "../../rules-kit/python-syntax.js";
import { constantString } from "./literals.js";
import { descendants, parameterFlow, returnedBy, type ModuleScope, type NameBinding } from "./scope.js";

/** One `add_argument` call on a recognised argparse parser. */
export interface ArgparseArgument {
  call: PyNode;
  /** The attribute name on the parsed namespace. */
  dest: string;
  flags: string[];
}

/** The `ArgumentParser(...)` call a parser-valued expression comes from (groups and subparsers count as their parser). */
function argparseParserOf(node: PyNode, scope: ModuleScope): PyNode | null {
  return scope.memo<PyNode | null>("argparse-parser", node, null, () => {
    if (node.type === "identifier") {
      const binding = scope.singleBinding(node);
      if (binding?.kind === "assignment" && binding.value) return argparseParserOf(binding.value, scope);
      return binding?.kind === "parameter" ? parameterFlow(binding, scope, argparseParserOf) : null;
    }
    if (node.type !== "call") return null;
    if (scope.imports.calleeName(node) === "argparse.ArgumentParser") return node;
    const callee = field(node, "function");
    const method = callee?.type === "attribute" ? field(callee, "attribute")?.text : undefined;
    const receiver = callee?.type === "attribute" ? field(callee, "object") : undefined;
    if (!receiver || !method || !["add_argument_group", "add_mutually_exclusive_group", "add_subparsers", "add_parser"].includes(method)) {
      return returnedBy(node, scope, argparseParserOf);
    }
    return argparseParserOf(receiver, scope);
  });
}

/** Every `add_argument` call of the module on a recognised parser, with its destination name. */
export function argparseArgumentsOf(scope: ModuleScope): ArgparseArgument[] {
  return scope.memo<ArgparseArgument[]>("argparse-arguments", scope.root, [], () => {
    const found: ArgparseArgument[] = [];
    for (const call of descendants(scope.root, "call")) {
      const callee = field(call, "function");
      if (callee?.type !== "attribute" || field(callee, "attribute")?.text !== "add_argument") continue;
      const receiver = field(callee, "object");
      if (!receiver || !argparseParserOf(receiver, scope)) continue;
      const flags = positionalArguments(call).map((argument) => constantString(argument, scope)).filter((flag): flag is string => flag !== null);
      const dest = constantString(keywordArgument(call, "dest"), scope) ?? destOf(flags);
      if (dest) found.push({ call, dest, flags });
    }
    return found;
  });
}

/** argparse's rule: the first long flag, else the first short flag, else the positional name; dashes become underscores. */
function destOf(flags: string[]): string | null {
  const chosen = flags.find((flag) => flag.startsWith("--")) ?? flags[0];
  return chosen ? chosen.replace(/^-+/u, "").replace(/-/gu, "_") : null;
}

/** True when an expression holds parsed arguments (`parser.parse_args()`, or a name/parameter bound to them). */
export function isArgparseNamespace(node: PyNode, scope: ModuleScope): boolean {
  return scope.memo<boolean>("argparse-namespace", node, false, () => namespaceOf(node, scope) === true);
}

function namespaceOf(node: PyNode, scope: ModuleScope): true | null {
  if (node.type === "identifier") {
    const binding = scope.singleBinding(node);
    if (!binding?.value && binding?.kind !== "parameter") return null;
    if (binding.kind === "assignment") return isArgparseNamespace(binding.value!, scope) || null;
    if (binding.kind === "unpack") return binding.index === 0 && parseCall(binding.value!, scope, "parse_known_args") ? true : null;
    if (binding.kind === "parameter") return parameterFlow(binding, scope, (argument) => isArgparseNamespace(argument, scope) || null);
    return null;
  }
  if (node.type !== "call") return null;
  if (parseCall(node, scope, "parse_args")) return true;
  return returnedBy(node, scope, (value) => isArgparseNamespace(value, scope) || null);
}

function parseCall(node: PyNode, scope: ModuleScope, method: string): boolean {
  const callee = node.type === "call" ? field(node, "function") : undefined;
  const receiver = callee?.type === "attribute" && field(callee, "attribute")?.text === method ? field(callee, "object") : undefined;
  return !!receiver && argparseParserOf(receiver, scope) !== null;
}

/** The argparse argument an `args.name` read refers to, or null. */
export function argparseArgumentRead(node: PyNode, scope: ModuleScope): ArgparseArgument | null {
  if (node.type !== "attribute") return null;
  const object = field(node, "object");
  const name = field(node, "attribute")?.text;
  if (!object || !name || !isArgparseNamespace(object, scope)) return null;
  return argparseArgumentsOf(scope).find((argument) => argument.dest === name) ?? null;
}

/** A `@click.option(...)`/`@click.argument(...)` decorator call naming this parameter, or null. */
export function clickOptionOf(binding: NameBinding, scope: ModuleScope): PyNode | null {
  if (binding.kind !== "parameter" || binding.scope.type !== "function_definition") return null;
  const decorated = binding.scope.parent;
  if (decorated?.type !== "decorated_definition") return null;
  for (const decorator of decorated.children) {
    const call = decorator.type === "decorator" ? decorator.children[0] : undefined;
    if (call?.type !== "call") continue;
    const callee = scope.imports.calleeName(call);
    if (callee !== "click.option" && callee !== "click.argument") continue;
    if (clickParameterName(call, scope) === binding.target.text) return call;
  }
  return null;
}

/** The function parameter a click option/argument fills (`--learning-rate` → `learning_rate`; an explicit bare name wins). */
export function clickParameterName(call: PyNode, scope: ModuleScope): string | null {
  const names = positionalArguments(call).map((argument) => constantString(argument, scope)).filter((name): name is string => name !== null);
  const explicit = names.find((name) => /^[A-Za-z_]\w*$/u.test(name));
  if (explicit) return explicit;
  const long = names.find((name) => name.startsWith("--")) ?? names[0];
  return long ? long.replace(/^-+/u, "").split("/")[0]!.replace(/-/gu, "_").toLowerCase() : null;
}
