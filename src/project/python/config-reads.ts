/**
 * Settings a Python module reads, by every mechanism ML code uses: keys of config objects loaded
 * from YAML/JSON/TOML files or OmegaConf (`cfg["train"]["lr"]`, `cfg.get("lr", 0.01)`,
 * `cfg.train.lr`), a Hydra `cfg`, argparse namespaces (`args.lr`), click options and environment
 * variables, typer command parameters and fields of typed config objects (config-model/). Also the
 * command-line options a module declares (argparse `add_argument`, click `@option`, typer), with
 * their defaults.
 *
 * A name counts as a config object only when the module loads it from a config loader (or passes
 * one to the function whose parameter it is): a plain dict's `.get` is not a config read.
 */
import { PyNode, field, fieldAll } from "../../languages/python/nodes.js";
import { keywordArgument, positionalArguments } from "../../rules-kit/python-syntax.js";
import { extractTypedConfigReads } from "../config-model/typed-configs.js";
import { extractTyperOptions } from "../config-model/typer-options.js";
import type { CliOption, ConfigDefault, ConfigMechanism, ConfigRead } from "../types.js";
import { descendants, type ModuleScope } from "./scope.js";
import { constantString, literalValue } from "./literals.js";
import { argparseArgumentsOf, clickParameterName, isArgparseNamespace } from "./cli-options.js";
import { configAccessOf, dottedKey } from "./paths.js";

const ENV_GETTERS = new Set(["os.environ.get", "os.getenv", "os.environ.setdefault"]);
const CLICK_DECORATORS = new Set(["click.option", "click.argument"]);

/** A fallback expression as written, with its value when it is a literal or a constant holding one. */
export function defaultOf(node: PyNode, scope: ModuleScope): ConfigDefault {
  let valueNode: PyNode | undefined = node;
  if (node.type === "identifier") {
    const binding = scope.singleBinding(node);
    valueNode = binding?.kind === "assignment" ? (binding.value ?? undefined) : undefined;
  }
  const value = literalValue(valueNode, scope);
  const scalar = value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean";
  const { start, end } = node.loc;
  return { text: scope.textOf(node), value: scalar ? value : null, known: scalar, at: { line: start.line, column: start.column + 1, endLine: end.line, endColumn: end.column + 1 } };
}

/** True when the expression is written to, not read (`cfg["a"] = 1`, `del args.x`). */
function isWriteTarget(node: PyNode): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if ((parent.type === "assignment" || parent.type === "augmented_assignment") && field(parent, "left") === node) return parent.type === "assignment";
  if (parent.type === "pattern_list" || parent.type === "tuple_pattern") return true;
  return parent.type === "delete_statement" || (parent.type === "expression_list" && parent.parent?.type === "delete_statement");
}

/** True when `node` is the object of a longer config access (`cfg` in `cfg["a"]`, `cfg["a"]` in `cfg["a"]["b"]`, `cfg.get("a")`). */
export function continuesAccess(node: PyNode, scope: ModuleScope): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === "subscript" && field(parent, "value") === node) return configAccessOf(parent, scope) !== null;
  if (parent.type !== "attribute" || field(parent, "object") !== node) return false;
  if (configAccessOf(parent, scope)) return true;
  const call = parent.parent;
  return call?.type === "call" && field(call, "function") === parent && configAccessOf(call, scope) !== null;
}

function position(node: PyNode): { line: number; column: number } {
  const { line, column } = node.loc.start;
  return { line, column: column + 1 };
}

function configRead(node: PyNode, scope: ModuleScope): ConfigRead | null {
  if (node.type !== "subscript" && node.type !== "attribute" && node.type !== "call") return null;
  if (isWriteTarget(node)) return null;
  const access = configAccessOf(node, scope);
  if (access) {
    if (continuesAccess(node, scope)) return null;
    const mechanism: ConfigMechanism = access.object.loader === "hydra" ? "hydra" : access.form;
    const read: ConfigRead = { key: dottedKey(access.key), mechanism, node, ...position(node), dynamic: access.dynamic };
    if (access.fallback) read.default = defaultOf(access.fallback, scope);
    if (access.object.source) read.source = access.object.source;
    return read;
  }
  return argparseRead(node, scope) ?? environmentRead(node, scope);
}

function argparseRead(node: PyNode, scope: ModuleScope): ConfigRead | null {
  if (node.type !== "attribute") return null;
  const object = field(node, "object");
  const name = field(node, "attribute")?.text;
  if (!object || !name || name.startsWith("__") || !isArgparseNamespace(object, scope)) return null;
  const read: ConfigRead = { key: name, mechanism: "argparse", node, ...position(node), dynamic: false };
  const definition = argparseArgumentsOf(scope).find((argument) => argument.dest === name);
  const fallback = definition ? keywordArgument(definition.call, "default") : undefined;
  if (fallback) read.default = defaultOf(fallback, scope);
  return read;
}

function environmentRead(node: PyNode, scope: ModuleScope): ConfigRead | null {
  let name: PyNode | undefined;
  let fallback: PyNode | undefined;
  const callee = node.type === "call" ? (scope.imports.calleeName(node) ?? "") : "";
  if (node.type === "subscript") {
    const value = field(node, "value");
    if (!value || scope.imports.qualifiedName(value) !== "os.environ") return null;
    name = fieldAll(node, "subscript")[0];
  } else if (ENV_GETTERS.has(callee)) {
    [name, fallback] = positionalArguments(node);
    fallback ??= keywordArgument(node, "default");
  } else {
    return null;
  }
  const key = constantString(name, scope);
  const read: ConfigRead = { key: key ?? "*", mechanism: "env", node, ...position(node), dynamic: key === null };
  if (fallback) read.default = defaultOf(fallback, scope);
  if (callee === "os.environ.setdefault") read.setsDefault = true;
  return read;
}

/**
 * The module's environment reads (`os.environ["X"]`, `os.getenv("X", d)`): the reads of
 * extractConfigReads with mechanism `env`, without finding every other kind of read.
 */
export function extractEnvironmentReads(root: PyNode, scope: ModuleScope): ConfigRead[] {
  const reads: ConfigRead[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (environmentRead(node, scope)) {
      const read = configRead(node, scope);
      if (read?.mechanism === "env") reads.push(read);
    }
    for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index]!);
  }
  return reads.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

function optionRead(option: CliOption): ConfigRead {
  const read: ConfigRead = { key: option.key, mechanism: option.mechanism === "typer" ? "typer" : "click", node: option.node, line: option.line, column: option.column, dynamic: false };
  if (option.default) read.default = option.default;
  return read;
}

/**
 * Every setting the module reads, in source order. A chain is one read of its full key
 * (`cfg["train"]["lr"]` reads `train.lr`, not also `train`); each click or typer option is a read of its
 * parameter, with its default; argparse reads carry the default of the matching `add_argument`;
 * typed config reads carry their class.
 */
export function extractConfigReads(root: PyNode, scope: ModuleScope): ConfigRead[] {
  const reads: ConfigRead[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const read = configRead(node, scope);
    if (read) reads.push(read);
    for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index]!);
  }
  for (const option of extractCliOptions(root, scope)) if (option.mechanism !== "argparse") reads.push(optionRead(option));
  reads.push(...extractTypedConfigReads(root, scope));
  return reads.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

function optionFields(call: PyNode, scope: ModuleScope): Pick<CliOption, "default" | "type"> {
  const fields: Pick<CliOption, "default" | "type"> = {};
  const fallback = keywordArgument(call, "default");
  if (fallback) fields.default = defaultOf(fallback, scope);
  const type = keywordArgument(call, "type");
  if (type) fields.type = scope.textOf(type);
  return fields;
}

function isTrue(node: PyNode | undefined): boolean {
  return node?.type === "true";
}

/** The command-line options the module declares (argparse `add_argument` calls, click decorators), in source order. */
export function extractCliOptions(root: PyNode, scope: ModuleScope): CliOption[] {
  const options: CliOption[] = [];
  for (const argument of argparseArgumentsOf(scope)) {
    const option: CliOption = {
      key: argument.dest,
      flags: argument.flags,
      mechanism: "argparse",
      ...optionFields(argument.call, scope),
      required: isTrue(keywordArgument(argument.call, "required")) || (argument.flags.length > 0 && !argument.flags[0]!.startsWith("-")),
      node: argument.call,
      ...position(argument.call),
    };
    const action = constantString(keywordArgument(argument.call, "action"), scope);
    if (action) option.action = action;
    options.push(option);
  }
  for (const call of descendants(root, "call")) {
    if (call.parent?.type !== "decorator") continue;
    const callee = scope.imports.calleeName(call);
    if (!callee || !CLICK_DECORATORS.has(callee)) continue;
    const key = clickParameterName(call, scope);
    if (!key) continue;
    const flags = positionalArguments(call).map((argument) => constantString(argument, scope)).filter((flag): flag is string => flag !== null);
    const fields = optionFields(call, scope);
    const isArgument = callee === "click.argument";
    const option: CliOption = {
      key,
      flags,
      mechanism: "click",
      ...fields,
      required: isTrue(keywordArgument(call, "required")) || (isArgument && !fields.default),
      node: call,
      ...position(call),
    };
    if (isTrue(keywordArgument(call, "is_flag")) || flags.some((flag) => flag.includes("/"))) option.action = "is_flag";
    options.push(option);
  }
  options.push(...extractTyperOptions(root, scope));
  return options.sort((a, b) => a.node.range[0] - b.node.range[0]);
}
