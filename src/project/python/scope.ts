/**
 * A Python module's names, as the static resolvers see them: its bindings per function, class
 * and comprehension scope (following Python's scope rules), its module-level constants, its
 * import table, the calls of its local functions, an index of its nodes by type, and what a
 * parameter receives or a local function returns when every use agrees. Built once per tree
 * ({@link moduleScopeOf}) and shared by every extractor and rule that reads the module.
 */
import { PyNode, field } from "../../languages/python/nodes.js";
import { enclosingFunction, keywordArgument, positionalArguments } from "../../rules-kit/python-syntax.js";
import { importedLocals, importsOf, type ImportTable } from "./imports.js";
import { appendTo } from "../../collections.js";

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

// ── Local functions ───────────────────────────────────────────────────────────────────────

/**
 * What a parameter receives, when every call of its function in this module passes the same kind
 * of thing (`main(args)` with `args = parser.parse_args()`).
 */
export function parameterFlow<T>(binding: NameBinding, scope: ModuleScope, classify: (node: PyNode, scope: ModuleScope) => T | null): T | null {
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
export function returnedBy<T>(call: PyNode, scope: ModuleScope, classify: (node: PyNode, scope: ModuleScope) => T | null): T | null {
  const callee = field(call, "function");
  const definition = callee?.type === "identifier" ? scope.functionNamed(callee) : null;
  const body = definition ? field(definition, "body") : undefined;
  if (!body) return null;
  for (const statement of descendants(body, "return_statement")) {
    if (enclosingFunction(statement) !== definition) continue;
    const value = statement.children[0];
    const result = value ? classify(value, scope) : null;
    if (result !== null) return result;
  }
  return null;
}
