/**
 * Static path resolution: what a path expression in a Python module evaluates to, without
 * running it. Paths are followed through string literals (f-strings keep their constant parts),
 * names assigned once, `os.path` and `pathlib` operations, `__file__`, environment variables'
 * defaults, command-line options' defaults and values in project config files.
 *
 * Resolution happens in a {@link ModuleScope}: the module's name bindings (per function, class
 * and comprehension scope), its constants and its import table, plus what some names hold — a
 * config object loaded from a file (`yaml.safe_load(open("params.yaml"))`, `OmegaConf.load`, a
 * Hydra `cfg`), an argparse parser or its parsed arguments. Those recognisers live here because
 * paths and configs resolve through each other (a config file's path is a path; a path may be a
 * config value); config-reads.ts enumerates the reads they recognise.
 */
import { PyNode, field, fieldAll } from "../../languages/python/nodes.js";
import { hasSplatArguments, keywordArgument, positionalArguments } from "../../rules-kit/python-syntax.js";
import type { ConfigLookup, ConfigValue, PathKind, PathProvenance, ResolvedPath } from "../types.js";
import { importsOf, type ImportTable } from "./imports.js";
import { appendTo } from "../../collections.js";

// ── Scopes and bindings ─────────────────────────────────────────────────────────────────────

/** How a name is bound. */
export type BindingKind = "assignment" | "with" | "unpack" | "parameter" | "other";

/** One binding of a name. */
export interface NameBinding {
  kind: BindingKind;
  /** The bound identifier. */
  target: PyNode;
  /** `assignment`: the value; `with`: the context expression (`open(p)`); `unpack`: the unpacked value; `parameter`: the default. */
  value: PyNode | null;
  /** `unpack`: position of the target; `parameter`: positional index, absent for keyword-only. */
  index?: number;
  /** The scope node owning the binding (module, def, lambda, class, comprehension). */
  scope: PyNode;
}

const FUNCTION_SCOPES = new Set(["function_definition", "lambda"]);
const COMPREHENSIONS = new Set(["list_comprehension", "set_comprehension", "dictionary_comprehension", "generator_expression"]);
const UNPACK_TARGETS = new Set(["pattern_list", "tuple_pattern", "list_pattern", "tuple", "list"]);

/** A Python module's names and what the resolvers know about them. Build with {@link moduleScopeOf}. */
export class ModuleScope {
  readonly root: PyNode;
  /** The module's path relative to the project root (POSIX); `__file__` paths resolve from its directory. */
  readonly file: string;
  /** The module's source text (string literals are read from it: the tree does not keep text around escapes). */
  readonly text: string;
  readonly imports: ImportTable;
  /** Module-level names bound exactly once, by a plain assignment, to the assigned value. */
  readonly constants = new Map<string, PyNode>();
  readonly #bindings = new Map<PyNode, Map<string, NameBinding[]>>();
  readonly #memo = new Map<string, Map<PyNode, unknown>>();
  #calls: Map<PyNode, PyNode[]> | undefined;

  constructor(root: PyNode, text: string, file: string) {
    this.root = root;
    this.text = text;
    this.file = file;
    this.imports = importsOf(root);
    this.#collect();
    for (const [name, bindings] of this.#bindings.get(root) ?? []) {
      const only = bindings[0];
      if (bindings.length === 1 && only?.kind === "assignment" && only.value) this.constants.set(name, only.value);
    }
  }

  /** Source text of a node. */
  textOf(node: PyNode): string {
    return this.text.slice(node.range[0], node.range[1]);
  }

  /** The bindings an identifier refers to, following Python's scope rules (class scopes are not seen from methods). */
  bindingsOf(identifier: PyNode): NameBinding[] {
    const name = identifier.text;
    if (!name) return [];
    for (const scope of scopeChain(identifier)) {
      const found = this.#bindings.get(scope)?.get(name);
      if (found) return found;
    }
    return [];
  }

  /** The only binding of an identifier, or null when it is bound several times or not at all. */
  singleBinding(identifier: PyNode): NameBinding | null {
    const bindings = this.bindingsOf(identifier);
    return bindings.length === 1 ? bindings[0]! : null;
  }

  /** The `def` an identifier names, when it is bound only by that definition. */
  functionNamed(identifier: PyNode): PyNode | null {
    const binding = identifier.type === "identifier" ? this.singleBinding(identifier) : null;
    const definition = binding?.target.parent;
    return binding?.kind === "other" && definition?.type === "function_definition" && field(definition, "name") === binding.target ? definition : null;
  }

  /** Calls in this module of a local function (callee written as its bare name). */
  callsOf(definition: PyNode): PyNode[] {
    if (!this.#calls) {
      this.#calls = new Map();
      for (const call of descendants(this.root, "call")) {
        const callee = field(call, "function");
        const target = callee?.type === "identifier" ? this.functionNamed(callee) : null;
        if (!target) continue;
        const list = this.#calls.get(target) ?? [];
        list.push(call);
        this.#calls.set(target, list);
      }
    }
    return this.#calls.get(definition) ?? [];
  }

  /**
   * Memoizes a per-node answer under `kind`. While an answer is being computed the node reads
   * as `pending`, which stops recursion through cyclic definitions.
   */
  memo<T>(kind: string, node: PyNode, pending: T, compute: () => T): T {
    let table = this.#memo.get(kind);
    if (!table) {
      table = new Map();
      this.#memo.set(kind, table);
    }
    if (table.has(node)) return table.get(node) as T;
    table.set(node, pending);
    const value = compute();
    table.set(node, value);
    return value;
  }

  #bind(scope: PyNode, target: PyNode | undefined, kind: BindingKind, value: PyNode | null, index?: number): void {
    if (target?.type !== "identifier" || !target.text) return;
    let names = this.#bindings.get(scope);
    if (!names) {
      names = new Map();
      this.#bindings.set(scope, names);
    }
    const list = names.get(target.text) ?? [];
    list.push(index === undefined ? { kind, target, value, scope } : { kind, target, value, index, scope });
    names.set(target.text, list);
  }

  #bindTarget(scope: PyNode, target: PyNode | undefined, value: PyNode | null): void {
    if (!target) return;
    if (target.type === "identifier") {
      this.#bind(scope, target, value ? "assignment" : "other", value);
      return;
    }
    if (!UNPACK_TARGETS.has(target.type) && target.type !== "parenthesized_expression") return;
    const parts = target.children;
    const values = value && (value.type === "expression_list" || value.type === "tuple") ? value.children : null;
    const pairwise = values !== null && values.length === parts.length && !parts.some((part) => part.type === "list_splat_pattern");
    parts.forEach((part, index) => {
      if (pairwise) this.#bindTarget(scope, part, values[index]!);
      else if (part.type === "identifier") this.#bind(scope, part, value ? "unpack" : "other", value, index);
      else this.#bindTarget(scope, part.type === "list_splat_pattern" ? part.children[0] : part, null);
    });
  }

  #bindParameters(definition: PyNode, parameters: PyNode | undefined, outer: PyNode, stack: [PyNode, PyNode][]): void {
    let position: number | undefined = 0;
    for (const parameter of parameters?.children ?? []) {
      switch (parameter.type) {
        case "identifier":
          this.#bind(definition, parameter, "parameter", null, position);
          break;
        case "default_parameter":
        case "typed_default_parameter":
          this.#bind(definition, field(parameter, "name"), "parameter", field(parameter, "value") ?? null, position);
          break;
        case "typed_parameter":
          this.#bind(definition, parameter.children[0], "parameter", null, position);
          break;
        case "list_splat_pattern":
        case "dictionary_splat_pattern":
          this.#bind(definition, parameter.children[0], "parameter", null);
          position = undefined;
          continue;
        case "keyword_separator":
          position = undefined;
          continue;
        default:
          continue;
      }
      if (position !== undefined) position++;
      // Defaults and annotations are evaluated where the function is defined.
      for (const outerPart of [field(parameter, "value"), field(parameter, "typeNode")]) if (outerPart) stack.push([outerPart, outer]);
    }
  }

  #collect(): void {
    const globals = new Map<PyNode, Set<string>>();
    const stack: [PyNode, PyNode][] = [[this.root, this.root]];
    while (stack.length > 0) {
      const [node, scope] = stack.pop()!;
      let inner = scope;
      switch (node.type) {
        case "function_definition":
        case "lambda": {
          this.#bind(scope, field(node, "name"), "other", null);
          this.#bindParameters(node, field(node, "parameters"), scope, stack);
          const body = field(node, "body");
          if (body) stack.push([body, node]);
          const returns = field(node, "return_type");
          if (returns) stack.push([returns, scope]);
          continue;
        }
        case "class_definition": {
          this.#bind(scope, field(node, "name"), "other", null);
          const bases = field(node, "superclasses");
          if (bases) stack.push([bases, scope]);
          const body = field(node, "body");
          if (body) stack.push([body, node]);
          continue;
        }
        case "assignment": {
          const right = field(node, "right");
          // `x: int` declares without binding.
          if (right) this.#bindTarget(scope, field(node, "left"), right.type === "assignment" ? chainedValue(right) : right);
          break;
        }
        case "augmented_assignment":
          this.#bind(scope, field(node, "left"), "other", null);
          break;
        case "for_statement":
        case "for_in_clause":
          this.#bindTarget(scope, field(node, "left"), null);
          break;
        case "named_expression":
          this.#bind(scope, field(node, "name"), "assignment", field(node, "value") ?? null);
          break;
        case "as_pattern": {
          const target = node.children.find((child) => child.type === "as_pattern_target")?.children[0];
          if (node.parent?.type === "with_item") this.#bind(scope, target, "with", node.children[0] ?? null);
          else this.#bindTarget(scope, target, null);
          break;
        }
        case "import_statement":
        case "import_from_statement":
          for (const name of importedLocals(node)) this.#bind(scope, name, "other", null);
          continue;
        case "global_statement":
        case "nonlocal_statement": {
          const names = globals.get(scope) ?? new Set<string>();
          for (const child of node.children) if (child.text) names.add(child.text);
          globals.set(scope, names);
          continue;
        }
        default:
          if (COMPREHENSIONS.has(node.type)) inner = node;
          break;
      }
      for (let index = node.children.length - 1; index >= 0; index--) stack.push([node.children[index]!, inner]);
    }
    // `global X` in a function: its bindings rebind the module's X (so X is no constant).
    for (const [scope, names] of globals) {
      const local = this.#bindings.get(scope);
      for (const name of names) {
        for (const binding of local?.get(name) ?? []) this.#bind(this.root, binding.target, "other", null);
        local?.delete(name);
      }
    }
  }
}

/** `a = b = value`: the value at the end of the chain (inner links bind themselves when visited). */
function chainedValue(node: PyNode): PyNode | null {
  let current: PyNode | undefined = node;
  while (current?.type === "assignment") current = field(current, "right");
  return current ?? null;
}

function importedLocals(node: PyNode): PyNode[] {
  const locals: PyNode[] = [];
  const moduleName = field(node, "module_name");
  for (const name of fieldAll(node, "name")) {
    if (name === moduleName) continue;
    if (name.type === "aliased_import") {
      const alias = field(name, "alias");
      if (alias) locals.push(alias);
    } else if (name.type === "dotted_name" && name.children[0]) {
      locals.push(name.children[0]);
    }
  }
  return locals;
}

/** The scopes a name used at `node` is looked up in, innermost first, ending with the module. */
function scopeChain(node: PyNode): PyNode[] {
  const chain: PyNode[] = [];
  let child = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (FUNCTION_SCOPES.has(current.type) || current.type === "class_definition") {
      if (child !== field(current, "body")) continue;
      if (current.type === "class_definition" && chain.length > 0) continue;
      chain.push(current);
    } else if (COMPREHENSIONS.has(current.type)) {
      chain.push(current);
    } else if (!current.parent) {
      chain.push(current);
    }
  }
  return chain;
}

const nodesByType = new WeakMap<PyNode, Map<string, PyNode[]>>();
const NO_NODES: readonly PyNode[] = [];

/** Every node of a module by type, in source order: one walk serves every extractor's query. */
function moduleIndex(root: PyNode): Map<string, PyNode[]> {
  let index = nodesByType.get(root);
  if (!index) {
    index = new Map();
    const stack = [root];
    while (stack.length > 0) {
      const current = stack.pop()!;
      appendTo(index, current.type, current);
      for (let child = current.children.length - 1; child >= 0; child--) stack.push(current.children[child]!);
    }
    nodesByType.set(root, index);
  }
  return index;
}

/** Every descendant of `node` of one type, in source order (of a module: its index's own list). */
export function descendants(node: PyNode, type: string): readonly PyNode[] {
  if (node.parent === null) return moduleIndex(node).get(type) ?? NO_NODES;
  const found: PyNode[] = [];
  const stack = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.type === type) found.push(current);
    for (let index = current.children.length - 1; index >= 0; index--) stack.push(current.children[index]!);
  }
  return found;
}

const scopes = new WeakMap<PyNode, ModuleScope>();

/**
 * The scope of a module, built once per tree (later calls for the same tree get the first
 * scope). `text` is the module's source (for notebooks, the program text); `file` its path
 * relative to the project root, POSIX.
 */
export function moduleScopeOf(root: PyNode, text: string, file: string): ModuleScope {
  let scope = scopes.get(root);
  if (!scope) {
    scope = new ModuleScope(root, text, file);
    scopes.set(root, scope);
  }
  return scope;
}

// ── Literals ────────────────────────────────────────────────────────────────────────────────

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
type StringPart = { text: string } | { expression: PyNode; formatted: boolean };

function stringParts(node: PyNode, scope: ModuleScope): StringPart[] {
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

// ── Config objects ──────────────────────────────────────────────────────────────────────────

/** A value holding (part of) a loaded configuration. */
export interface ConfigObject {
  /** Root-relative file it was loaded from, when known. */
  source: string | null;
  /** Key path of this part from the document root (`["train"]` for `cfg["train"]`); `*` for computed keys. */
  prefix: string[];
  /** `hydra` for a `@hydra.main` parameter or `compose()`; `file` for loaders. */
  loader: "file" | "hydra";
  dynamic: boolean;
}

/** One access into a config object: `cfg["a"]`, `cfg.a`, `cfg.get("a", d)`. */
export interface ConfigAccess {
  object: ConfigObject;
  /** Key path from the document root, including the accessed key. */
  key: string[];
  form: "mapping" | "attribute" | "get";
  /** The `.get` fallback. */
  fallback?: PyNode;
  dynamic: boolean;
}

/** Calls that load a configuration document, and whether the document is only taken for config when it looks like one. */
const CONFIG_LOADERS: Record<string, { loader: "file" | "hydra"; nameHint?: boolean }> = {
  "yaml.safe_load": { loader: "file" },
  "yaml.load": { loader: "file" },
  "yaml.full_load": { loader: "file" },
  "yaml.unsafe_load": { loader: "file" },
  "toml.load": { loader: "file" },
  "tomllib.load": { loader: "file" },
  "tomli.load": { loader: "file" },
  "omegaconf.OmegaConf.load": { loader: "file" },
  "hydra.compose": { loader: "hydra" },
  // JSON also holds data (labels, annotations): only config-looking files or names count.
  "json.load": { loader: "file", nameHint: true },
};

/** True when a call loads a configuration document (`yaml.safe_load(f)`, `OmegaConf.load(p)`, `hydra.compose()`). */
export function isConfigLoaderCall(call: PyNode, scope: ModuleScope): boolean {
  const callee = call.type === "call" ? scope.imports.calleeName(call) : null;
  return !!callee && Object.hasOwn(CONFIG_LOADERS, callee) && configObjectOf(call, scope) !== null;
}

/** Calls that wrap a config in another mapping type without changing its keys. */
const CONFIG_WRAPPERS = new Set([
  "easydict.EasyDict",
  "box.Box",
  "box.ConfigBox",
  "munch.munchify",
  "munch.Munch",
  "dotmap.DotMap",
  "omegaconf.OmegaConf.create",
  "omegaconf.OmegaConf.to_container",
  "omegaconf.OmegaConf.merge",
  "ml_collections.ConfigDict",
  "ml_collections.config_dict.ConfigDict",
  "copy.deepcopy",
  "copy.copy",
  "types.SimpleNamespace",
]);

const CONFIG_NAME_HINT = /(?:^|[^a-z])(?:conf|config|cfg|settings|params|hparams|hyper|options|opts|args)/iu;

/** The config file behind a loader call (`yaml.safe_load(open("p.yaml"))`), root-relative, when known. */
function loaderSource(call: PyNode, scope: ModuleScope): string | null {
  const argument = positionalArguments(call)[0] ?? keywordArgument(call, "stream") ?? keywordArgument(call, "fp") ?? keywordArgument(call, "f");
  if (!argument) return null;
  const path = resolvePath(fileSourceOf(argument, scope)?.path ?? argument, scope);
  return path?.exact && path.kind === "relative" ? path.text : null;
}

/** The config file of a `@hydra.main(config_path=..., config_name=...)` function, root-relative. */
function hydraSource(decorator: PyNode, scope: ModuleScope): string | null {
  const configPath = keywordArgument(decorator, "config_path") ?? positionalArguments(decorator)[0];
  const configName = keywordArgument(decorator, "config_name") ?? positionalArguments(decorator)[1];
  const name = constantString(configName, scope);
  if (name === null) return null;
  const directory = configPath ? constantString(configPath, scope) : "";
  if (directory === null) return null;
  const file = /\.ya?ml$/u.test(name) ? name : `${name}.yaml`;
  const base = directory.startsWith("/") ? "" : `${ROOT}/${scope.file}/..`;
  const path = finalize(`${base}/${directory}/${file}`, newTrace());
  return path?.kind === "relative" ? path.text : null;
}

function keySegment(node: PyNode | undefined, scope: ModuleScope): string | null {
  if (node?.type === "integer") return `[${node.text}]`;
  return constantString(node, scope);
}

/** The dotted key of a key path (`["train", "layers", "[0]"]` → `train.layers[0]`). */
export function dottedKey(segments: string[]): string {
  return segments.reduce((key, segment) => (segment.startsWith("[") || key === "" ? key + segment : `${key}.${segment}`), "");
}

/** An access into a config object, or null when `node` is not one. */
export function configAccessOf(node: PyNode, scope: ModuleScope): ConfigAccess | null {
  return scope.memo<ConfigAccess | null>("config-access", node, null, () => {
    let objectNode: PyNode | undefined;
    let keyNode: PyNode | undefined;
    let form: ConfigAccess["form"];
    let fallback: PyNode | undefined;
    if (node.type === "subscript") {
      const subscripts = fieldAll(node, "subscript");
      if (subscripts.length !== 1) return null;
      objectNode = field(node, "value");
      keyNode = subscripts[0];
      form = "mapping";
    } else if (node.type === "attribute") {
      const name = field(node, "attribute")?.text;
      // A called attribute is a method (`cfg.items()`, `cfg.train.keys()`), never a key.
      if (!name || name.startsWith("__") || (node.parent?.type === "call" && field(node.parent, "function") === node)) return null;
      objectNode = field(node, "object");
      keyNode = field(node, "attribute");
      form = "attribute";
    } else if (node.type === "call") {
      const callee = field(node, "function");
      if (callee?.type !== "attribute" || field(callee, "attribute")?.text !== "get") return null;
      objectNode = field(callee, "object");
      const args = positionalArguments(node);
      keyNode = args[0];
      fallback = args[1] ?? keywordArgument(node, "default");
      form = "get";
    } else {
      return null;
    }
    if (!objectNode || !keyNode) return null;
    const object = configObjectOf(objectNode, scope);
    if (!object) return null;
    const segment = form === "attribute" ? keyNode.text! : keySegment(keyNode, scope);
    const key = [...object.prefix, segment ?? "*"];
    const access: ConfigAccess = { object, key, form, dynamic: object.dynamic || segment === null };
    if (fallback) access.fallback = fallback;
    return access;
  });
}

/** What config an expression holds (a loaded document, a part of one), or null. */
export function configObjectOf(node: PyNode, scope: ModuleScope): ConfigObject | null {
  return scope.memo<ConfigObject | null>("config-object", node, null, () => {
    switch (node.type) {
      case "parenthesized_expression":
        return node.children[0] ? configObjectOf(node.children[0], scope) : null;
      case "identifier":
        return configObjectOfName(node, scope);
      case "subscript":
      case "attribute": {
        const access = configAccessOf(node, scope);
        return access ? { ...access.object, prefix: access.key, dynamic: access.dynamic } : null;
      }
      case "call": {
        const access = configAccessOf(node, scope);
        if (access) return { ...access.object, prefix: access.key, dynamic: access.dynamic };
        const callee = scope.imports.calleeName(node);
        const loader = callee ? CONFIG_LOADERS[callee] : undefined;
        if (loader) {
          const source = loader.loader === "hydra" ? null : loaderSource(node, scope);
          if (loader.nameHint && !(source && CONFIG_NAME_HINT.test(source)) && !assignedToConfigName(node)) return null;
          return { source, prefix: [], loader: loader.loader, dynamic: false };
        }
        const first = positionalArguments(node)[0] ?? dictionarySplat(node);
        if (callee && CONFIG_WRAPPERS.has(callee) && first) return configObjectOf(first, scope);
        const method = field(node, "function");
        if (method?.type === "attribute" && field(method, "attribute")?.text === "copy") {
          const receiver = field(method, "object");
          return receiver ? configObjectOf(receiver, scope) : null;
        }
        return returnedBy(node, scope, configObjectOf);
      }
      default:
        return null;
    }
  });
}

function dictionarySplat(call: PyNode): PyNode | undefined {
  return field(call, "arguments")?.children.find((child) => child.type === "dictionary_splat")?.children[0];
}

function assignedToConfigName(call: PyNode): boolean {
  const parent = call.parent;
  const target = parent?.type === "assignment" ? field(parent, "left") : undefined;
  return target?.type === "identifier" && CONFIG_NAME_HINT.test(target.text!);
}

function configObjectOfName(identifier: PyNode, scope: ModuleScope): ConfigObject | null {
  const bindings = scope.bindingsOf(identifier);
  if (bindings.length === 0) return null;
  let found: ConfigObject | null = null;
  for (const binding of bindings) {
    let object: ConfigObject | null = null;
    if (binding.kind === "assignment" && binding.value) object = configObjectOf(binding.value, scope);
    else if (binding.kind === "parameter") object = hydraParameter(binding, scope) ?? parameterFlow(binding, scope, configObjectOf);
    if (!object) return null;
    // Bound to different parts of a config in turn (`p = cfg["train"]` … `p = cfg["prepare"]`): which one a use reads is unknown.
    if (found && (found.source !== object.source || found.loader !== object.loader || dottedKey(found.prefix) !== dottedKey(object.prefix))) return null;
    found ??= object;
  }
  return found;
}

function hydraParameter(binding: NameBinding, scope: ModuleScope): ConfigObject | null {
  if (binding.index !== 0 || binding.scope.type !== "function_definition") return null;
  const decorated = binding.scope.parent;
  if (decorated?.type !== "decorated_definition") return null;
  for (const decorator of decorated.children) {
    const call = decorator.type === "decorator" ? decorator.children[0] : undefined;
    if (call?.type === "call" && scope.imports.calleeName(call) === "hydra.main") {
      return { source: hydraSource(call, scope), prefix: [], loader: "hydra", dynamic: false };
    }
  }
  return null;
}

/**
 * What a parameter receives, when every call of its function in this module passes the same kind
 * of thing (`main(args)` with `args = parser.parse_args()`).
 */
function parameterFlow<T>(binding: NameBinding, scope: ModuleScope, classify: (node: PyNode, scope: ModuleScope) => T | null): T | null {
  if (binding.scope.type !== "function_definition") return null;
  const calls = scope.callsOf(binding.scope);
  if (calls.length === 0) return null;
  let found: T | null = null;
  for (const call of calls) {
    const argument = (binding.index === undefined ? undefined : positionalArguments(call)[binding.index]) ?? keywordArgument(call, binding.target.text!);
    const value = argument ? classify(argument, scope) : null;
    if (value === null) return null;
    found ??= value;
  }
  return found;
}

/** What a call of a local function returns, when one of its `return`s gives the kind of thing asked for. */
function returnedBy<T>(call: PyNode, scope: ModuleScope, classify: (node: PyNode, scope: ModuleScope) => T | null): T | null {
  const callee = field(call, "function");
  const definition = callee?.type === "identifier" ? scope.functionNamed(callee) : null;
  const body = definition ? field(definition, "body") : undefined;
  if (!body) return null;
  for (const statement of descendants(body, "return_statement")) {
    if (nearestFunction(statement) !== definition) continue;
    const value = statement.children[0];
    const result = value ? classify(value, scope) : null;
    if (result !== null) return result;
  }
  return null;
}

function nearestFunction(node: PyNode): PyNode | null {
  for (let current = node.parent; current; current = current.parent) if (FUNCTION_SCOPES.has(current.type)) return current;
  return null;
}

// ── Command-line options ────────────────────────────────────────────────────────────────────

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
function argparseArgumentRead(node: PyNode, scope: ModuleScope): ArgparseArgument | null {
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

// ── File handles ────────────────────────────────────────────────────────────────────────────

/** A call that opened a file or read its content, with the expression giving the file's path. */
export interface FileSource {
  call: PyNode;
  path: PyNode;
}

/**
 * Where a file handle or file content comes from: `open(p)` (builtin or pathlib), a name bound to
 * one (`with open(p) as f`, `f = open(p)`), `open(p).read()`, `Path(p).read_text()`. Null for
 * anything else (which callers take to be the path itself).
 */
export function fileSourceOf(node: PyNode, scope: ModuleScope): FileSource | null {
  return scope.memo<FileSource | null>("file-source", node, null, () => fileSourceOfNode(node, scope));
}

function fileSourceOfNode(node: PyNode, scope: ModuleScope): FileSource | null {
  if (node.type === "identifier") {
    const binding = scope.singleBinding(node);
    return (binding?.kind === "with" || binding?.kind === "assignment") && binding.value ? fileSourceOf(binding.value, scope) : null;
  }
  if (node.type !== "call") return null;
  if (scope.imports.calleeName(node) === "builtins.open") {
    const path = positionalArguments(node)[0] ?? keywordArgument(node, "file");
    return path ? { call: node, path } : null;
  }
  const callee = field(node, "function");
  const receiver = callee?.type === "attribute" ? field(callee, "object") : undefined;
  if (!receiver) return null;
  switch (field(callee!, "attribute")?.text) {
    case "open":
      return isPathlibValue(receiver, scope) ? { call: node, path: receiver } : null;
    case "read":
    case "readlines":
      return receiver.type === "call" || receiver.type === "identifier" ? fileSourceOf(receiver, scope) : null;
    case "read_text":
    case "read_bytes":
      return { call: node, path: receiver };
    default:
      return null;
  }
}

const PATHLIB_CLASSES = new Set(["pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath", "pathlib.WindowsPath", "pathlib.PurePosixPath", "pathlib.PureWindowsPath"]);
const PATH_METHODS = new Set(["joinpath", "resolve", "absolute", "expanduser", "with_suffix", "with_name", "with_stem"]);

/** True when an expression is a `pathlib` path (`Path(p)`, `Path(p) / "x"`, `p.parent`, a name bound to one). */
export function isPathlibValue(node: PyNode, scope: ModuleScope): boolean {
  return scope.memo<boolean>("pathlib-value", node, false, () => isPathlibNode(node, scope));
}

function isPathlibNode(node: PyNode, scope: ModuleScope): boolean {
  switch (node.type) {
    case "parenthesized_expression":
      return !!node.children[0] && isPathlibValue(node.children[0], scope);
    case "identifier": {
      const binding = scope.singleBinding(node);
      return binding?.kind === "assignment" && !!binding.value && isPathlibValue(binding.value, scope);
    }
    case "call": {
      const callee = scope.imports.calleeName(node);
      if (callee && (PATHLIB_CLASSES.has(callee) || /^pathlib\.Path\.(cwd|home)$/u.test(callee))) return true;
      const method = field(node, "function");
      const receiver = method?.type === "attribute" ? field(method, "object") : undefined;
      return !!receiver && PATH_METHODS.has(field(method!, "attribute")?.text ?? "") && isPathlibValue(receiver, scope);
    }
    case "binary_operator": {
      const left = field(node, "left");
      return node.operator === "/" && !!left && isPathlibValue(left, scope);
    }
    case "attribute": {
      const object = field(node, "object");
      return field(node, "attribute")?.text === "parent" && !!object && isPathlibValue(object, scope);
    }
    case "subscript": {
      const value = field(node, "value");
      return value?.type === "attribute" && field(value, "attribute")?.text === "parents";
    }
    default:
      return false;
  }
}

// ── Evaluation ──────────────────────────────────────────────────────────────────────────────

/** Stands for an unknown part while evaluating; becomes `*` in the result. */
const UNKNOWN = "\u0000";
/** Prefix of values anchored at the project root (`__file__`, `os.getcwd()`). */
const ROOT = "\u0001";
const MAX_DEPTH = 40;
/** Evaluation steps per resolution: names used many times over (`a = b + b`, `b = c + c`, …) cannot blow up. */
const MAX_STEPS = 2000;
/** Provenances that mean "a setting chosen outside the code". */
const SETTINGS: PathProvenance[] = ["env", "config", "argument"];

interface Trace {
  via: Set<PathProvenance>;
  configs: ConfigLookup | undefined;
  configKey?: string;
  configFile?: string;
  envVar?: string;
  argument?: string;
  depth: number;
  steps: number;
  /** Values being evaluated: `p = p / "x"` must not follow itself. */
  active: Set<PyNode>;
}

function newTrace(configs?: ConfigLookup): Trace {
  return { via: new Set(), configs, depth: 0, steps: 0, active: new Set() };
}

/** `os.path.join` / `Path(a, b)` / `/`: a later absolute part replaces what came before. */
function joinPaths(parts: string[]): string {
  let joined = "";
  for (const part of parts) {
    if (/^(?:[/\\~]|[A-Za-z]:[/\\]|[A-Za-z][A-Za-z0-9+.-]*:\/\/)/u.test(part) || joined === "") joined = part;
    else joined = /[/\\]$/u.test(joined) ? joined + part : `${joined}/${part}`;
  }
  return joined;
}

function dirname(value: string): string {
  return `${value}/..`;
}

function lastSegment(value: string): string {
  const segments = value.split(/[/\\]/u).filter((segment) => segment !== "" && segment !== ".");
  const last = segments.at(-1) ?? UNKNOWN;
  return last === ".." ? UNKNOWN : last;
}

const PATH_CALLS: Record<string, (args: string[]) => string> = {
  "os.path.join": joinPaths,
  "posixpath.join": joinPaths,
  "ntpath.join": joinPaths,
  "os.path.dirname": ([value]) => (value === undefined ? UNKNOWN : /[/\\]$/u.test(value) ? value.slice(0, -1) : dirname(value)),
  "os.path.basename": ([value]) => (value === undefined ? UNKNOWN : lastSegment(value)),
  "os.path.abspath": ([value]) => value ?? UNKNOWN,
  "os.path.realpath": ([value]) => value ?? UNKNOWN,
  "os.path.normpath": ([value]) => value ?? UNKNOWN,
  "os.path.expanduser": ([value]) => value ?? UNKNOWN,
  "os.fspath": ([value]) => value ?? UNKNOWN,
  "os.getcwd": () => ROOT,
  "pathlib.Path.cwd": () => ROOT,
  "pathlib.Path.home": () => "~",
};
for (const name of PATHLIB_CLASSES) PATH_CALLS[name] = (args) => (args.length === 0 ? "." : joinPaths(args));

function evaluateArguments(call: PyNode, scope: ModuleScope, trace: Trace): string[] {
  return positionalArguments(call).map((argument) => evaluate(argument, scope, trace));
}

/** The string value of an expression, with UNKNOWN for unknown parts and ROOT for root-anchored values. */
function evaluate(node: PyNode | undefined, scope: ModuleScope, trace: Trace): string {
  if (!node || trace.depth > MAX_DEPTH || ++trace.steps > MAX_STEPS) return UNKNOWN;
  trace.depth++;
  try {
    return evaluateNode(node, scope, trace);
  } finally {
    trace.depth--;
  }
}

function evaluateNode(node: PyNode, scope: ModuleScope, trace: Trace): string {
  switch (node.type) {
    case "string": {
      let value = "";
      for (const part of stringParts(node, scope)) {
        if ("text" in part) value += part.text;
        else {
          trace.via.add("expression");
          value += part.formatted ? UNKNOWN : evaluate(part.expression, scope, trace);
        }
      }
      return value;
    }
    case "concatenated_string":
      return node.children.map((child) => evaluate(child, scope, trace)).join("");
    case "parenthesized_expression":
      return evaluate(node.children[0], scope, trace);
    case "integer":
    case "float":
      return node.text ?? UNKNOWN;
    case "identifier":
      return evaluateName(node, scope, trace);
    case "binary_operator": {
      const left = evaluate(field(node, "left"), scope, trace);
      const rightNode = field(node, "right");
      if (node.operator === "+") return left + evaluate(rightNode, scope, trace);
      if (node.operator === "/") return joinPaths([left, evaluate(rightNode, scope, trace)]);
      if (node.operator === "%") return percentFormat(left, rightNode, scope, trace);
      return UNKNOWN;
    }
    case "boolean_operator": {
      // `os.getenv("DATA") or "data"`: the right side is the fallback of a setting.
      const before = new Set(trace.via);
      const left = evaluate(field(node, "left"), scope, trace);
      const fromSetting = SETTINGS.some((provenance) => trace.via.has(provenance) && !before.has(provenance));
      if (node.operator === "or" && left.includes(UNKNOWN) && fromSetting) return evaluate(field(node, "right"), scope, trace);
      return node.operator === "or" && !left.includes(UNKNOWN) ? left : UNKNOWN;
    }
    case "conditional_expression": {
      const [whenTrue, , whenFalse] = node.children;
      const first = evaluate(whenTrue, scope, trace);
      return first === evaluate(whenFalse, scope, trace) ? first : UNKNOWN;
    }
    case "attribute":
      return evaluateAttribute(node, scope, trace);
    case "subscript":
      return evaluateSubscript(node, scope, trace);
    case "call":
      return evaluateCall(node, scope, trace);
    default:
      return UNKNOWN;
  }
}

function evaluateName(node: PyNode, scope: ModuleScope, trace: Trace): string {
  const bindings = scope.bindingsOf(node);
  if (bindings.length === 0) return node.text === "__file__" ? `${ROOT}/${scope.file}` : UNKNOWN;
  const config = configObjectOf(node, scope);
  if (config) {
    // A name holding one value of a config (`RAW = cfg["paths"]["raw"]`); a whole document is no path.
    return config.prefix.length > 0 ? configValue({ object: config, key: config.prefix, form: "mapping", dynamic: config.dynamic }, scope, trace) : UNKNOWN;
  }
  if (bindings.length !== 1) return UNKNOWN;
  const binding = bindings[0]!;
  if (binding.kind === "assignment" && binding.value && !trace.active.has(binding.value)) {
    trace.via.add("constant");
    trace.active.add(binding.value);
    try {
      return evaluate(binding.value, scope, trace);
    } finally {
      trace.active.delete(binding.value);
    }
  }
  const click = clickOptionOf(binding, scope);
  if (click) return optionDefault(click, binding.target.text!, scope, trace);
  return binding.kind === "parameter" ? parameterValue(binding, scope, trace) : UNKNOWN;
}

/** A parameter's value when every call of its function in this module passes (or defaults to) the same value. */
function parameterValue(binding: NameBinding, scope: ModuleScope, trace: Trace): string {
  if (binding.scope.type !== "function_definition") return UNKNOWN;
  let value: string | undefined;
  for (const call of scope.callsOf(binding.scope)) {
    if (hasSplatArguments(call)) return UNKNOWN;
    const passed = (binding.index === undefined ? undefined : positionalArguments(call)[binding.index]) ?? keywordArgument(call, binding.target.text!) ?? binding.value;
    if (!passed || trace.active.has(passed)) return UNKNOWN;
    trace.active.add(passed);
    const text = evaluate(passed, scope, trace);
    trace.active.delete(passed);
    if (value !== undefined && text !== value) return UNKNOWN;
    value = text;
  }
  return value ?? UNKNOWN;
}

function evaluateAttribute(node: PyNode, scope: ModuleScope, trace: Trace): string {
  const access = configAccessOf(node, scope);
  if (access) return configValue(access, scope, trace);
  const argument = argparseArgumentRead(node, scope);
  if (argument) return optionDefault(argument.call, argument.dest, scope, trace);
  const object = field(node, "object");
  switch (field(node, "attribute")?.text) {
    case "parent":
      return dirname(evaluate(object, scope, trace));
    case "name":
      return lastSegment(evaluate(object, scope, trace));
    default:
      return UNKNOWN;
  }
}

function evaluateSubscript(node: PyNode, scope: ModuleScope, trace: Trace): string {
  const access = configAccessOf(node, scope);
  if (access) return configValue(access, scope, trace);
  const value = field(node, "value");
  const index = fieldAll(node, "subscript")[0];
  if (value && scope.imports.qualifiedName(value) === "os.environ") return environmentValue(index, undefined, scope, trace);
  if (value?.type === "attribute" && field(value, "attribute")?.text === "parents" && index?.type === "integer") {
    let path = evaluate(field(value, "object"), scope, trace);
    for (let level = 0; level <= Number(index.text); level++) path = dirname(path);
    return path;
  }
  return UNKNOWN;
}

function evaluateCall(node: PyNode, scope: ModuleScope, trace: Trace): string {
  const access = configAccessOf(node, scope);
  if (access) return configValue(access, scope, trace);
  const callee = scope.imports.calleeName(node);
  if (callee === "os.environ.get" || callee === "os.getenv" || callee === "os.environ.setdefault") {
    const [name, fallback] = positionalArguments(node);
    return environmentValue(name, fallback ?? keywordArgument(node, "default"), scope, trace);
  }
  const pathCall = callee ? PATH_CALLS[callee] : undefined;
  if (pathCall) return pathCall(evaluateArguments(node, scope, trace));
  const function_ = field(node, "function");
  if (function_?.type === "identifier" && function_.text === "str" && scope.bindingsOf(function_).length === 0) {
    return evaluate(positionalArguments(node)[0], scope, trace);
  }
  if (function_?.type !== "attribute") return UNKNOWN;
  const receiver = field(function_, "object");
  const args = () => evaluateArguments(node, scope, trace);
  switch (field(function_, "attribute")?.text) {
    case "joinpath":
      return joinPaths([evaluate(receiver, scope, trace), ...args()]);
    case "resolve":
    case "absolute":
    case "expanduser":
    case "as_posix":
      return evaluate(receiver, scope, trace);
    case "with_suffix": {
      const base = evaluate(receiver, scope, trace);
      const [suffix] = args();
      const last = lastSegment(base);
      const stem = last.includes(".") && !last.includes(UNKNOWN) ? last.slice(0, last.lastIndexOf(".")) : last;
      return `${base}/../${stem}${suffix ?? UNKNOWN}`;
    }
    case "with_name":
      return `${evaluate(receiver, scope, trace)}/../${args()[0] ?? UNKNOWN}`;
    case "format":
      return receiver ? braceFormat(evaluate(receiver, scope, trace), node, scope, trace) : UNKNOWN;
    default:
      return UNKNOWN;
  }
}

function environmentValue(name: PyNode | undefined, fallback: PyNode | undefined, scope: ModuleScope, trace: Trace): string {
  trace.via.add("env");
  const variable = constantString(name, scope);
  if (variable !== null) trace.envVar ??= variable;
  if (!fallback || fallback.type === "none") return UNKNOWN;
  return evaluate(fallback, scope, trace);
}

function configValue(access: ConfigAccess, scope: ModuleScope, trace: Trace): string {
  trace.via.add("config");
  const key = dottedKey(access.key);
  trace.configKey ??= key;
  const source = access.object.source;
  if (source) trace.configFile ??= source;
  const value = source && !access.dynamic ? trace.configs?.(source, key) : undefined;
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (value === undefined && access.fallback && access.fallback.type !== "none") return evaluate(access.fallback, scope, trace);
  return UNKNOWN;
}

function optionDefault(call: PyNode, key: string, scope: ModuleScope, trace: Trace): string {
  trace.via.add("argument");
  trace.argument ??= key;
  const fallback = keywordArgument(call, "default");
  return fallback && fallback.type !== "none" ? evaluate(fallback, scope, trace) : UNKNOWN;
}

/** `"data/%s.csv" % name`. */
function percentFormat(template: string, right: PyNode | undefined, scope: ModuleScope, trace: Trace): string {
  const values = right?.type === "tuple" ? right.children : right ? [right] : [];
  let next = 0;
  return template.replace(/%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?([%a-zA-Z])/gu, (whole, conversion: string) => {
    if (conversion === "%") return "%";
    const value = whole.includes("(") ? undefined : values[next++];
    return conversion === "s" && value ? evaluate(value, scope, trace) : UNKNOWN;
  });
}

/** `"data/{}.csv".format(name)` and `"{split}".format(split=...)`. */
function braceFormat(template: string, call: PyNode, scope: ModuleScope, trace: Trace): string {
  const positional = positionalArguments(call);
  let next = 0;
  return template.replace(/\{\{|\}\}|\{([^{}]*)\}/gu, (whole, inner: string | undefined) => {
    if (whole === "{{") return "{";
    if (whole === "}}") return "}";
    const [name = "", spec] = (inner ?? "").split(/[:!]/u, 2);
    if (spec !== undefined) return UNKNOWN;
    const value = name === "" ? positional[next++] : /^\d+$/u.test(name) ? positional[Number(name)] : keywordArgument(call, name);
    return value ? evaluate(value, scope, trace) : UNKNOWN;
  });
}

// ── Results ─────────────────────────────────────────────────────────────────────────────────

/** Resolves `.` and `..`; a pure-unknown segment absorbs the `..` after it (its parent is unknown too). */
function normalizeSegments(segments: string[]): { segments: string[]; escapes: number } {
  const result: string[] = [];
  let escapes = 0;
  for (const segment of segments) {
    if (segment === "" || segment === ".") continue;
    if (segment !== "..") {
      result.push(segment);
      continue;
    }
    const last = result.at(-1);
    if (last === undefined) escapes++;
    else if (/^\0+$/u.test(last)) continue;
    else result.pop();
  }
  return { segments: result, escapes };
}

function withStars(text: string): string {
  return text.replace(/\0+/gu, "*");
}

const PROVENANCE_ORDER: PathProvenance[] = ["env", "config", "argument", "constant"];

/** Turns an evaluated value into a ResolvedPath (null when nothing about it is known). */
function finalize(raw: string, trace: Trace): ResolvedPath | null {
  const exact = !raw.includes(UNKNOWN);
  let kind: PathKind;
  let text: string;
  let scheme: string | undefined;
  const anchored = raw.startsWith(ROOT);
  let body = anchored ? raw.slice(1) : raw;
  const url = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//u.exec(body);
  if (url && url[1]!.toLowerCase() !== "file") {
    kind = "remote";
    scheme = url[1]!.toLowerCase();
    text = withStars(body);
  } else {
    if (url) body = body.slice("file://".length);
    body = body.replace(/\\/gu, "/");
    const segments = body.split("/");
    if (anchored || (!/^[~/]/u.test(body) && !/^[A-Za-z]:\//u.test(body) && !body.startsWith(UNKNOWN))) {
      const normal = normalizeSegments(segments);
      kind = normal.escapes > 0 ? "outside-root" : "relative";
      text = [...Array<string>(normal.escapes).fill(".."), ...normal.segments].join("/") || ".";
    } else if (body.startsWith(UNKNOWN)) {
      kind = "unknown";
      text = normalizeSegments(segments).segments.join("/");
    } else {
      const unc = body.startsWith("//");
      const head = unc ? "" : segments[0]!;
      kind = head.startsWith("~") ? "home" : /^[A-Za-z]:$/u.test(head) ? "windows-drive" : "absolute";
      const rest = normalizeSegments(segments.slice(1)).segments.join("/");
      text = kind === "absolute" ? `${unc ? "/" : ""}/${rest}` : rest ? `${head}/${rest}` : head;
    }
    text = withStars(text);
  }
  // A pattern with no known text says nothing, unless it names the setting it comes from.
  if (!exact && !SETTINGS.some((provenance) => trace.via.has(provenance)) && !/[^*/.]/u.test(text)) return null;
  const via = PROVENANCE_ORDER.find((provenance) => trace.via.has(provenance)) ?? (exact ? "literal" : "expression");
  const resolved: ResolvedPath = { text, exact, kind, via };
  if (scheme) resolved.scheme = scheme;
  if (trace.via.has("config")) {
    if (trace.configKey) resolved.configKey = trace.configKey;
    if (trace.configFile) resolved.configFile = trace.configFile;
  }
  if (trace.via.has("env") && trace.envVar) resolved.envVar = trace.envVar;
  if (trace.via.has("argument") && trace.argument) resolved.argument = trace.argument;
  return resolved;
}

/**
 * The path an expression evaluates to, or null when nothing about it is known (a bare parameter,
 * a computed value). Relative paths are taken relative to the project root (scripts are assumed
 * to run from there); `__file__`-based paths resolve from the module's directory. `configs`
 * supplies values of config keys for paths read from a loaded config.
 */
export function resolvePath(expr: PyNode, scope: ModuleScope, configs?: ConfigLookup): ResolvedPath | null {
  const trace = newTrace(configs);
  trace.active.add(expr);
  return finalize(evaluate(expr, scope, trace), trace);
}

/**
 * The string an expression evaluates to, with `*` for unknown parts, or null when no part is known.
 * For command lines and module names, not paths: nothing is normalised.
 */
export function resolveString(expr: PyNode, scope: ModuleScope, configs?: ConfigLookup): { text: string; exact: boolean } | null {
  const raw = evaluate(expr, scope, newTrace(configs));
  if (raw.startsWith(ROOT)) {
    const path = finalize(raw, newTrace(configs));
    return path ? { text: path.text, exact: path.exact } : null;
  }
  if (!/[^\0]/u.test(raw)) return null;
  return { text: withStars(raw), exact: !raw.includes(UNKNOWN) };
}
