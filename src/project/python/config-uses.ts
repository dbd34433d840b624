/**
 * What a module does with the config objects it loads, in the terms a "which keys are read"
 * question needs: every key it reads, every key it writes, and every place where a config object
 * (or a part of one) leaves what static analysis can follow — passed to a call, `**`-splatted,
 * iterated, returned to callers in other modules, read with a computed key. Such an escape makes
 * every key under it possibly read, so rules that look for unread or unset keys stay silent there.
 *
 * The rule of thumb is conservative: a config object in any position not known to be a plain key
 * access, a name bound to it whose every use is followed, or a local function parameter whose
 * every use is followed, is an escape.
 */
import { PyNode, field } from "../../languages/python/nodes.js";
import { keywordArgument, positionalArguments } from "../../rules-kit/python-syntax.js";
import { descendants, type ModuleScope } from "./scope.js";
import { constantString } from "./literals.js";
import { fileSourceOf } from "./file-handles.js";
import { configObjectOf, dottedKey, isConfigLoaderCall, type ConfigObject } from "./paths.js";
import { continuesAccess } from "./config-reads.js";

export type ConfigUseKind = "read" | "write" | "subtree";

/** One thing a module does with a key of a loaded config. */
export interface ConfigUse {
  /** Root-relative config file the object was loaded from, or null when unknown. */
  source: string | null;
  loader: "file" | "hydra";
  /** Dotted key path up to the first computed segment (`""` is the whole document). */
  key: string;
  /**
   * `read`: the key itself is read (containers: not their children); `write`: code sets it;
   * `subtree`: any key at or under `key` may be read or written.
   */
  kind: ConfigUseKind;
  /** Why a `subtree` use escapes (for messages and tests). */
  reason?: string;
  /** The escape only matters when other modules import this one (a module-level name or function they could use). */
  onlyIfImported?: boolean;
  line: number;
  column: number;
}

/** The config uses of one module, and the calls that load config documents. */
export interface ModuleConfigUses {
  uses: ConfigUse[];
  /** Calls that load a config document, with the file when known. */
  loads: { source: string | null; line: number; column: number }[];
  /** Offsets of loader calls and of the `open()` calls feeding them: these reads of config files are accounted for. */
  loaderOffsets: number[];
}

/** Modules whose import makes a module worth analysing. */
const CONFIG_MODULES = ["yaml", "json", "toml", "tomllib", "tomli", "omegaconf", "hydra", "dvc"];
/** Calls that return all parameters of a DVC project at once. */
const DVC_PARAMS = new Set(["dvc.api.params_show", "dvc.api.params"]);
/** Statements and positions where a value is only tested or discarded. */
const TEST_POSITIONS = new Set(["if_statement", "elif_clause", "while_statement", "assert_statement", "not_operator", "expression_statement"]);

function position(node: PyNode): { line: number; column: number } {
  return { line: node.loc.start.line, column: node.loc.start.column + 1 };
}

/** The key path of a config object up to its first computed segment. */
function staticKey(object: ConfigObject): { key: string; computed: boolean } {
  const star = object.prefix.indexOf("*");
  return { key: dottedKey(star < 0 ? object.prefix : object.prefix.slice(0, star)), computed: star >= 0 || object.dynamic };
}

/** True when `node` is a name being bound or a label, not a use of a value. */
function isBindingPosition(node: PyNode): boolean {
  const parent = node.parent;
  if (!parent || node.type !== "identifier") return false;
  switch (parent.type) {
    case "assignment":
    case "augmented_assignment":
    case "for_statement":
    case "for_in_clause":
      return field(parent, "left") === node;
    case "keyword_argument":
    case "default_parameter":
    case "typed_default_parameter":
    case "function_definition":
    case "class_definition":
      return field(parent, "name") === node;
    case "named_expression":
      return field(parent, "name") === node;
    case "parameters":
    case "lambda_parameters":
    case "typed_parameter":
    case "list_splat_pattern":
    case "dictionary_splat_pattern":
    case "pattern_list":
    case "tuple_pattern":
    case "list_pattern":
    case "as_pattern_target":
    case "global_statement":
    case "nonlocal_statement":
    case "dotted_name":
    case "aliased_import":
      return true;
    case "attribute":
      return field(parent, "attribute") === node;
    default:
      return false;
  }
}

class UseCollector {
  readonly uses: ConfigUse[] = [];
  readonly #scope: ModuleScope;
  #identifiers: Map<string, PyNode[]> | undefined;

  constructor(scope: ModuleScope) {
    this.#scope = scope;
  }

  add(object: ConfigObject, key: string, kind: ConfigUseKind, at: PyNode, reason?: string, onlyIfImported?: boolean): void {
    const use: ConfigUse = { source: object.source, loader: object.loader, key, kind, ...position(at) };
    if (reason) use.reason = reason;
    if (onlyIfImported) use.onlyIfImported = true;
    this.uses.push(use);
  }

  /** The uses of the name `target` binds (an assignment target or a parameter): identifiers that refer to that binding. */
  usesOf(target: PyNode): PyNode[] {
    if (!this.#identifiers) {
      this.#identifiers = new Map();
      for (const identifier of descendants(this.#scope.root, "identifier")) {
        if (isBindingPosition(identifier)) continue;
        const list = this.#identifiers.get(identifier.text!) ?? [];
        list.push(identifier);
        this.#identifiers.set(identifier.text!, list);
      }
    }
    return (this.#identifiers.get(target.text!) ?? []).filter((identifier) => this.#scope.bindingsOf(identifier).some((binding) => binding.target === target));
  }

  /**
   * True when every use of the name `target` binds is itself followed as a config object, and
   * refers to that binding only (a name bound twice, `params = cfg["train"]` then
   * `params = cfg["prepare"]`, is not followed: which section a use reads is not known).
   */
  followed(target: PyNode): boolean {
    return this.usesOf(target).every((use) => this.#scope.bindingsOf(use).length === 1 && configObjectOf(use, this.#scope) !== null);
  }
}

/** The parameter of a local function that a call argument fills, or null. */
function parameterFilled(argument: PyNode, call: PyNode, scope: ModuleScope): PyNode | null {
  const callee = field(call, "function");
  const definition = callee ? scope.functionNamed(callee) : null;
  if (!definition) return null;
  const parameters = field(definition, "parameters")?.children ?? [];
  const name = (parameter: PyNode): PyNode | undefined =>
    parameter.type === "identifier" ? parameter : parameter.type === "typed_parameter" ? parameter.children[0] : field(parameter, "name");
  if (argument.parent?.type === "keyword_argument") {
    const keyword = field(argument.parent, "name")?.text;
    return parameters.map(name).find((identifier) => identifier?.text === keyword) ?? null;
  }
  const index = positionalArguments(call).indexOf(argument);
  const positional = parameters.filter((parameter) => !["list_splat_pattern", "dictionary_splat_pattern", "keyword_separator", "positional_separator"].includes(parameter.type));
  return index >= 0 ? (name(positional[index]!) ?? null) : null;
}

/** Classifies the use of an outermost config object `node` by where it stands. */
function classify(node: PyNode, object: ConfigObject, collector: UseCollector, scope: ModuleScope): void {
  const { key, computed } = staticKey(object);
  if (computed) {
    collector.add(object, key, "subtree", node, "a key computed at run time");
    return;
  }
  let value = node;
  while (value.parent?.type === "parenthesized_expression") value = value.parent;
  const parent = value.parent;
  if (!parent) return;
  // Written: `cfg["a"] = 1`, `cfg.a += 1`, `del cfg["a"]`.
  if ((parent.type === "assignment" || parent.type === "augmented_assignment") && field(parent, "left") === value) {
    collector.add(object, key, "write", node);
    if (parent.type === "augmented_assignment") collector.add(object, key, "read", node);
    return;
  }
  if (parent.type === "delete_statement" || (parent.type === "expression_list" && parent.parent?.type === "delete_statement")) {
    collector.add(object, key, "write", node);
    return;
  }
  // Bound to a name: its uses are followed one by one, if every one of them can be.
  if (parent.type === "assignment" && field(parent, "right") === value) {
    const target = field(parent, "left");
    if (target?.type === "identifier" && collector.followed(target)) {
      collector.add(object, key, "read", node);
      if (scope.bindingsOf(target).some((binding) => binding.scope === scope.root)) collector.add(object, key, "subtree", node, `module-level name \`${target.text}\``, true);
      return;
    }
    collector.add(object, key, "subtree", node, "assigned to a name that is also bound to something else");
    return;
  }
  // Only tested or discarded.
  if (TEST_POSITIONS.has(parent.type) || (parent.type === "boolean_operator" && TEST_POSITIONS.has(parent.parent?.type ?? ""))) {
    collector.add(object, key, "read", node);
    return;
  }
  // `"lr" in cfg`
  if (parent.type === "comparison_operator" && parent.children[1] === value && Array.isArray(parent.operators) && /in$/u.test(String(parent.operators[0]))) {
    const name = constantString(parent.children[0], scope);
    if (name !== null) {
      collector.add(object, key === "" ? name : `${key}.${name}`, "read", node);
      return;
    }
  }
  // Passed to a local function whose parameter is followed.
  const call = parent.type === "argument_list" ? parent.parent : parent.type === "keyword_argument" && parent.parent?.type === "argument_list" ? parent.parent.parent : null;
  if (call?.type === "call") {
    const parameter = parameterFilled(value, call, scope);
    if (parameter && collector.followed(parameter)) {
      collector.add(object, key, "read", node);
      return;
    }
    collector.add(object, key, "subtree", node, "passed to a call");
    return;
  }
  // Returned: local callers are followed; callers in other modules are not seen.
  if (parent.type === "return_statement") {
    collector.add(object, key, "read", node);
    let owner = parent.parent;
    while (owner && owner.type !== "function_definition") owner = owner.parent;
    const topLevel = owner?.parent === scope.root || owner?.parent?.parent === scope.root;
    collector.add(object, key, "subtree", node, "returned to callers", topLevel);
    return;
  }
  collector.add(object, key, "subtree", node, parent.type === "attribute" ? "a method called on it" : `used in ${parent.type.replace(/_/gu, " ")}`);
}

/** The config uses of a module (empty when it imports no config loader). */
export function extractConfigUses(root: PyNode, scope: ModuleScope): ModuleConfigUses {
  const result: ModuleConfigUses = { uses: [], loads: [], loaderOffsets: [] };
  if (!CONFIG_MODULES.some((module) => scope.imports.importsModule(module))) return result;
  const collector = new UseCollector(scope);
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index]!);
    if (node.type === "call" && DVC_PARAMS.has(scope.imports.calleeName(node) ?? "")) {
      collector.uses.push({ source: null, loader: "file", key: "", kind: "subtree", reason: "all DVC params at once", ...position(node) });
      continue;
    }
    if (node.type !== "identifier" && node.type !== "call" && node.type !== "subscript" && node.type !== "attribute") continue;
    if (isBindingPosition(node)) continue;
    const object = configObjectOf(node, scope);
    if (!object) continue;
    if (node.type === "call" && isConfigLoaderCall(node, scope)) {
      result.loaderOffsets.push(node.range[0]);
      result.loads.push({ source: object.source, ...position(node) });
      const argument = positionalArguments(node)[0] ?? keywordArgument(node, "stream");
      const opened = argument ? fileSourceOf(argument, scope) : null;
      if (opened) result.loaderOffsets.push(opened.call.range[0]);
    }
    if (continuesAccess(node, scope)) continue;
    classify(node, object, collector, scope);
  }
  result.uses = collector.uses.sort((a, b) => a.line - b.line || a.column - b.column || a.key.localeCompare(b.key));
  result.loaderOffsets.sort((a, b) => a - b);
  result.loads.sort((a, b) => a.line - b.line || a.column - b.column);
  return result;
}
