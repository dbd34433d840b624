/**
 * Builds the reaching definitions of one Python program: a file, or a notebook's code cells in
 * order. Statements are walked in order with an {@link Environment}; branches (`if`, `try`,
 * `match`) are walked on copies and joined, loop bodies twice so that values carried from one
 * iteration to the next reach their uses. Function bodies are walked after their enclosing scope,
 * with that scope's final definitions visible to them.
 *
 * What counts as data flowing into a definition (its `sources`): every name the value reads,
 * except through calls and attributes that say nothing about the rows of the data (`len(x)`,
 * `x.shape`, `x.columns`, `print(x)`). Writes through a name change the name: `df["a"] = v`,
 * `df.fillna(0, inplace=True)`, `scaler.fit(X)`, `rows.append(r)` are definitions of `df`,
 * `scaler`, `rows` whose sources are the old value and the arguments.
 */
import { PyNode, field, fieldAll } from "../../languages/python/nodes.js";
import { importedLocals } from "../../project/python/imports.js";
import { accessPath, writtenPath } from "./access-path.js";
import { Environment, type Definition, type DefinitionKind } from "./definitions.js";

/** Attributes that describe a value's shape or labels, not its rows. */
export const DESCRIPTIVE_ATTRIBUTES = new Set(["shape", "ndim", "dtype", "dtypes", "columns", "size", "device", "name", "names", "nbytes"]);
/** Builtins whose result carries no rows of their arguments. */
const DESCRIPTIVE_CALLS = new Set(["len", "print", "isinstance", "type", "id", "hasattr", "callable", "repr"]);
/** Methods that change their receiver wherever they are called. */
const FITTING_METHODS = new Set(["fit", "partial_fit", "fit_transform", "fit_predict", "fit_resample", "fit_sample", "adapt"]);
/** Methods that change their receiver when called as a statement. */
const MUTATING_METHODS = new Set(["append", "extend", "insert", "update", "add", "setdefault", "load_state_dict", "set_params", "appendleft", "put"]);
const TARGET_LISTS = new Set(["pattern_list", "tuple_pattern", "list_pattern", "tuple", "list", "parenthesized_expression"]);
/** Loops nested deeper than this are walked once (each level doubles the work). */
const MAX_LOOP_PASSES_DEPTH = 3;

interface Context {
  scope: PyNode;
  statement: PyNode;
}

export interface FlowTables {
  definitions: Definition[];
  /** Definitions reaching each read: identifiers and attribute chains. */
  reaching: Map<PyNode, Definition[]>;
  /** Definitions made at each target node (and at each mutating call). */
  made: Map<PyNode, Definition[]>;
}

export function buildFlow(root: PyNode): FlowTables {
  return new FlowBuilder().run(root);
}

class FlowBuilder {
  readonly #definitions: Definition[] = [];
  readonly #reaching = new Map<PyNode, Set<Definition>>();
  readonly #made = new Map<PyNode, Map<string, Definition>>();
  readonly #finalEnvironments = new Map<PyNode, Environment>();
  readonly #deferred: { node: PyNode; enclosing: PyNode }[] = [];
  #loopDepth = 0;

  run(root: PyNode): FlowTables {
    const env = new Environment();
    this.#block(root.children, env, root);
    this.#finalEnvironments.set(root, env);
    for (let index = 0; index < this.#deferred.length; index++) {
      const { node, enclosing } = this.#deferred[index]!;
      this.#functionBody(node, this.#finalEnvironments.get(enclosing) ?? env);
    }
    const reaching = new Map<PyNode, Definition[]>();
    for (const [node, definitions] of this.#reaching) reaching.set(node, [...definitions].sort((a, b) => a.id - b.id));
    const made = new Map<PyNode, Definition[]>();
    for (const [node, byPath] of this.#made) made.set(node, [...byPath.values()]);
    return { definitions: this.#definitions, reaching, made };
  }

  // ── Definitions ──────────────────────────────────────────────────────────────────────────

  #define(env: Environment, path: string, kind: DefinitionKind, at: PyNode, target: PyNode, value: PyNode | null, sources: Iterable<Definition>, ctx: Context, position: number[] = [], width: number[] = []): Definition {
    let byPath = this.#made.get(at);
    if (!byPath) {
      byPath = new Map();
      this.#made.set(at, byPath);
    }
    let definition = byPath.get(path);
    if (!definition) {
      definition = { id: this.#definitions.length, path, kind, target, value, position, width, statement: ctx.statement, scope: ctx.scope, sources: new Set() };
      this.#definitions.push(definition);
      byPath.set(path, definition);
    }
    for (const source of sources) if (source !== definition) definition.sources.add(source);
    env.set(path, new Set([definition]));
    return definition;
  }

  #record(node: PyNode, definitions: Set<Definition>): void {
    const known = this.#reaching.get(node);
    if (!known) this.#reaching.set(node, new Set(definitions));
    else for (const definition of definitions) known.add(definition);
  }

  // ── Statements ───────────────────────────────────────────────────────────────────────────

  #block(statements: readonly PyNode[], env: Environment, scope: PyNode): void {
    for (const statement of statements) this.#statement(statement, env, scope);
  }

  #body(node: PyNode | undefined, env: Environment, scope: PyNode): void {
    if (!node) return;
    if (node.type === "block") this.#block(node.children, env, scope);
    else this.#statement(node, env, scope);
  }

  #statement(node: PyNode, env: Environment, scope: PyNode): void {
    const ctx: Context = { scope, statement: node };
    switch (node.type) {
      case "expression_statement":
        for (const child of node.children) this.#expressionStatement(child, env, ctx);
        return;
      case "if_statement":
        this.#ifStatement(node, env, ctx);
        return;
      case "for_statement":
        this.#forStatement(node, env, ctx);
        return;
      case "while_statement":
        this.#uses(field(node, "condition"), env, ctx);
        this.#loop(env, (inner) => this.#body(field(node, "body"), inner, scope));
        this.#body(field(node, "alternative")?.children.find((child) => child.type === "block"), env, scope);
        return;
      case "try_statement":
        this.#tryStatement(node, env, scope);
        return;
      case "with_statement":
        this.#withStatement(node, env, ctx);
        return;
      case "match_statement":
        this.#matchStatement(node, env, ctx);
        return;
      case "function_definition":
        this.#functionDefinition(node, env, ctx);
        return;
      case "class_definition":
        this.#classDefinition(node, env, ctx);
        return;
      case "decorated_definition":
        for (const decorator of node.children.filter((child) => child.type === "decorator")) this.#uses(decorator, env, ctx);
        if (field(node, "definition")) this.#statement(field(node, "definition")!, env, scope);
        return;
      case "import_statement":
      case "import_from_statement":
        for (const local of importedLocals(node)) this.#define(env, local.text!, "import", local, local, null, [], ctx);
        return;
      case "global_statement":
      case "nonlocal_statement":
      case "future_import_statement":
      case "pass_statement":
      case "break_statement":
      case "continue_statement":
        return;
      case "block":
        this.#block(node.children, env, scope);
        return;
      default:
        for (const child of node.children) this.#uses(child, env, ctx);
    }
  }

  #expressionStatement(node: PyNode, env: Environment, ctx: Context): void {
    if (node.type === "assignment") this.#assignment(node, env, ctx);
    else if (node.type === "augmented_assignment") this.#augmented(node, env, ctx);
    else this.#uses(node, env, ctx, true);
  }

  /** `a = b = v`: the innermost value is read once, then every target is bound to it. */
  #assignment(node: PyNode, env: Environment, ctx: Context): void {
    const targets: PyNode[] = [];
    let current: PyNode | undefined = node;
    while (current?.type === "assignment") {
      const left = field(current, "left");
      if (left) targets.push(left);
      const right = field(current, "right");
      if (!right) {
        // `x: int` declares without binding.
        this.#uses(field(current, "typeNode"), env, ctx);
        return;
      }
      current = right;
    }
    if (!current) return;
    const sources = this.#uses(current, env, ctx);
    for (const target of targets.reverse()) this.#bind(target, current, sources, "assignment", env, ctx, [], []);
  }

  #augmented(node: PyNode, env: Environment, ctx: Context): void {
    const left = field(node, "left");
    const sources = this.#uses(field(node, "right"), env, ctx);
    if (!left) return;
    const path = accessPath(left);
    if (path) {
      const old = this.#uses(left, env, ctx);
      this.#define(env, path, "augmented", left, left, node, [...old, ...sources], ctx);
    } else {
      this.#mutate(left, node, sources, env, ctx);
    }
  }

  /** Binds a target (name, attribute, subscript, or a list of them) to a value read from `sources`. */
  #bind(target: PyNode, value: PyNode | null, sources: Set<Definition>, kind: DefinitionKind, env: Environment, ctx: Context, position: number[], width: number[]): void {
    switch (target.type) {
      case "identifier":
      case "attribute": {
        const path = accessPath(target);
        if (path) {
          const plain = kind === "assignment" && position.length > 0 ? "unpack" : kind;
          this.#define(env, path, plain, target, target, value, sources, ctx, position, width);
        } else {
          this.#uses(field(target, "object"), env, ctx);
        }
        return;
      }
      case "subscript":
        this.#mutate(target, value ?? target, sources, env, ctx);
        return;
      case "list_splat_pattern":
      case "list_splat":
        if (target.children[0]) this.#bind(target.children[0], value, sources, kind, env, ctx, [...position, -1], [...width, -1]);
        return;
      default:
        break;
    }
    if (!TARGET_LISTS.has(target.type)) return;
    const parts = target.type === "parenthesized_expression" ? target.children : target.children;
    if (target.type === "parenthesized_expression" && parts.length === 1) {
      this.#bind(parts[0]!, value, sources, kind, env, ctx, position, width);
      return;
    }
    const values = kind === "assignment" && position.length === 0 && value && (value.type === "expression_list" || value.type === "tuple") ? value.children : null;
    const pairwise = values !== null && values.length === parts.length && !parts.some((part) => part.type === "list_splat_pattern" || part.type === "list_splat");
    parts.forEach((part, index) => {
      if (pairwise) {
        const element = values[index]!;
        this.#bind(part, element, this.#sourcesRecorded(element), kind, env, ctx, [], []);
      } else {
        this.#bind(part, value, sources, kind === "assignment" ? "unpack" : kind, env, ctx, [...position, index], [...width, parts.length]);
      }
    });
  }

  /** A write through a subscript or a mutating call: a new definition of the path written. */
  #mutate(through: PyNode, value: PyNode, sources: Iterable<Definition>, env: Environment, ctx: Context): Definition | null {
    const path = writtenPath(through);
    const extra = through.type === "subscript" ? this.#uses(through, env, ctx) : new Set<Definition>();
    if (!path) return null;
    const receiver = receiverNode(through) ?? through;
    const old = env.lookup(path);
    return this.#define(env, path, "mutation", value, receiver, value, [...old, ...extra, ...sources], ctx);
  }

  #ifStatement(node: PyNode, env: Environment, ctx: Context): void {
    this.#uses(field(node, "condition"), env, ctx);
    const exits: Environment[] = [];
    const consequence = env.copy();
    this.#body(field(node, "consequence"), consequence, ctx.scope);
    exits.push(consequence);
    // `rest`: every condition so far was false.
    const rest = env.copy();
    let hasElse = false;
    for (const clause of fieldAll(node, "alternative")) {
      if (clause.type === "elif_clause") {
        this.#uses(field(clause, "condition"), rest, { ...ctx, statement: clause });
        const branch = rest.copy();
        this.#body(field(clause, "consequence"), branch, ctx.scope);
        exits.push(branch);
      } else if (clause.type === "else_clause") {
        hasElse = true;
        const branch = rest.copy();
        this.#body(field(clause, "body"), branch, ctx.scope);
        exits.push(branch);
      }
    }
    if (!hasElse) exits.push(rest);
    env.adopt(joinAll(exits));
  }

  #forStatement(node: PyNode, env: Environment, ctx: Context): void {
    const iterable = field(node, "right");
    const sources = this.#uses(iterable, env, ctx);
    const left = field(node, "left");
    this.#loop(env, (inner) => {
      if (left) this.#bind(left, iterable ?? null, sources, "loop", inner, ctx, [], []);
      this.#body(field(node, "body"), inner, ctx.scope);
    });
    const alternative = field(node, "alternative");
    if (alternative) this.#body(field(alternative, "body") ?? alternative.children.find((child) => child.type === "block"), env, ctx.scope);
  }

  /** Walks a loop body on `env` twice (once when deeply nested), so values carried between iterations reach their uses. */
  #loop(env: Environment, walk: (inner: Environment) => void): void {
    this.#loopDepth++;
    try {
      const first = env.copy();
      walk(first);
      const joined = env.copy();
      joined.merge(first);
      if (this.#loopDepth <= MAX_LOOP_PASSES_DEPTH && !env.covers(first)) {
        const second = joined.copy();
        walk(second);
        joined.merge(second);
      }
      env.adopt(joined);
    } finally {
      this.#loopDepth--;
    }
  }

  #tryStatement(node: PyNode, env: Environment, scope: PyNode): void {
    const body = env.copy();
    this.#body(field(node, "body"), body, scope);
    const handlersStart = env.copy();
    handlersStart.merge(body);
    const exits: Environment[] = [];
    let finallyClause: PyNode | undefined;
    for (const clause of node.children) {
      if (clause.type === "except_clause" || clause.type === "except_group_clause") {
        const handler = handlersStart.copy();
        for (const child of clause.children) {
          if (child.type === "block") this.#body(child, handler, scope);
          else if (child.type === "as_pattern") {
            const ctx = { scope, statement: clause };
            this.#uses(child.children[0], handler, ctx);
            const alias = child.children.find((part) => part.type === "as_pattern_target")?.children[0];
            if (alias) this.#bind(alias, null, new Set(), "exception", handler, ctx, [], []);
          } else this.#uses(child, handler, { scope, statement: clause });
        }
        exits.push(handler);
      } else if (clause.type === "else_clause") {
        this.#body(field(clause, "body"), body, scope);
      } else if (clause.type === "finally_clause") {
        finallyClause = clause;
      }
    }
    const joined = body;
    for (const exit of exits) joined.merge(exit);
    if (finallyClause) this.#body(finallyClause.children.find((child) => child.type === "block"), joined, scope);
    env.adopt(joined);
  }

  #withStatement(node: PyNode, env: Environment, ctx: Context): void {
    const clause = node.children.find((child) => child.type === "with_clause");
    for (const item of clause?.children ?? []) {
      const value = field(item, "value");
      if (value?.type === "as_pattern") {
        const expression = value.children[0];
        const sources = this.#uses(expression, env, ctx);
        const alias = value.children.find((part) => part.type === "as_pattern_target")?.children[0];
        if (alias) this.#bind(alias, expression ?? null, sources, "with", env, ctx, [], []);
      } else {
        this.#uses(value, env, ctx);
      }
    }
    this.#body(field(node, "body"), env, ctx.scope);
  }

  #matchStatement(node: PyNode, env: Environment, ctx: Context): void {
    const subjects = fieldAll(node, "subject");
    const sources = new Set<Definition>();
    for (const subject of subjects) for (const source of this.#uses(subject, env, ctx)) sources.add(source);
    const joined = env.copy();
    const body = field(node, "body");
    for (const clause of body?.children ?? []) {
      if (clause.type !== "case_clause") continue;
      const branch = env.copy();
      const clauseCtx = { ...ctx, statement: clause };
      for (const capture of patternCaptures(clause.children.find((child) => child.type === "case_pattern"))) {
        this.#define(branch, capture.text!, "assignment", capture, capture, subjects[0] ?? null, sources, clauseCtx);
      }
      const guard = field(clause, "guard");
      if (guard) this.#uses(guard, branch, clauseCtx);
      this.#body(field(clause, "consequence"), branch, ctx.scope);
      joined.merge(branch);
    }
    env.adopt(joined);
  }

  #functionDefinition(node: PyNode, env: Environment, ctx: Context): void {
    const parameters = field(node, "parameters");
    // Defaults and annotations are evaluated where the function is defined.
    for (const parameter of parameters?.children ?? []) {
      this.#uses(field(parameter, "value"), env, ctx);
    }
    const name = field(node, "name");
    if (name?.text) this.#define(env, name.text, "definition", name, name, node, [], ctx);
    this.#deferred.push({ node, enclosing: ctx.scope.type === "class_definition" ? enclosingScope(ctx.scope) : ctx.scope });
  }

  #classDefinition(node: PyNode, env: Environment, ctx: Context): void {
    this.#uses(field(node, "superclasses"), env, ctx);
    const inner = new Environment(env);
    this.#body(field(node, "body"), inner, node);
    const name = field(node, "name");
    if (name?.text) this.#define(env, name.text, "definition", name, name, node, [], ctx);
  }

  #functionBody(node: PyNode, outer: Environment): void {
    const env = new Environment(outer);
    const ctx: Context = { scope: node, statement: node };
    for (const parameter of field(node, "parameters")?.children ?? []) {
      const name = parameterName(parameter);
      if (name?.text) this.#define(env, name.text, "parameter", name, name, field(parameter, "value") ?? null, [], ctx);
    }
    this.#body(field(node, "body"), env, node);
    this.#finalEnvironments.set(node, env);
  }

  // ── Expressions ──────────────────────────────────────────────────────────────────────────

  /** The definitions a recorded expression reads (for pairwise unpacking, already walked). */
  #sourcesRecorded(node: PyNode): Set<Definition> {
    const found = new Set<Definition>();
    const stack = [node];
    while (stack.length > 0) {
      const current = stack.pop()!;
      const recorded = this.#reaching.get(current);
      if (recorded) {
        for (const definition of recorded) found.add(definition);
        continue;
      }
      const made = this.#made.get(current);
      if (made && current.type === "call") for (const definition of made.values()) found.add(definition);
      if (isDescriptive(current)) continue;
      for (const child of current.children) stack.push(child);
    }
    return found;
  }

  /**
   * Walks an expression in evaluation order: records what reaches each read, makes the
   * definitions its writes make (mutating calls, `:=`), and returns the definitions its value
   * is computed from.
   */
  #uses(node: PyNode | undefined, env: Environment, ctx: Context, statementLevel = false): Set<Definition> {
    const found = new Set<Definition>();
    if (node) this.#walk(node, env, ctx, found, statementLevel);
    return found;
  }

  #walk(node: PyNode, env: Environment, ctx: Context, found: Set<Definition>, statementLevel = false, defaultsOnly = false): void {
    if (defaultsOnly) {
      // A lambda parameter: only its default value is read.
      if (node.type === "default_parameter" || node.type === "typed_default_parameter") {
        const value = field(node, "value");
        if (value) this.#walk(value, env, ctx, found);
      }
      return;
    }
    switch (node.type) {
      case "identifier": {
        const definitions = env.lookup(node.text!);
        this.#record(node, definitions);
        for (const definition of definitions) found.add(definition);
        return;
      }
      case "attribute": {
        const path = accessPath(node);
        const object = field(node, "object");
        if (DESCRIPTIVE_ATTRIBUTES.has(field(node, "attribute")?.text ?? "")) {
          if (object) this.#walk(object, env, ctx, new Set());
          return;
        }
        if (!path) {
          if (object) this.#walk(object, env, ctx, found);
          return;
        }
        // Record every level of the chain (`a`, `a.b`, `a.b.c`), report the longest.
        if (object) this.#walk(object, env, ctx, new Set());
        const definitions = env.lookup(path);
        this.#record(node, definitions);
        for (const definition of definitions) found.add(definition);
        return;
      }
      case "call":
        this.#call(node, env, ctx, found, statementLevel);
        return;
      case "keyword_argument":
        if (field(node, "value")) this.#walk(field(node, "value")!, env, ctx, found);
        return;
      case "named_expression": {
        const value = field(node, "value");
        const sources = this.#uses(value, env, ctx);
        for (const source of sources) found.add(source);
        const name = field(node, "name");
        if (name) this.#bind(name, value ?? null, sources, "assignment", env, ctx, [], []);
        return;
      }
      case "lambda": {
        // The body runs later; what it reads is read from the enclosing scope.
        const inner = new Environment(env);
        const innerCtx = { ...ctx, scope: node };
        for (const parameter of field(node, "parameters")?.children ?? []) {
          this.#walk(parameter, env, ctx, new Set(), false, true);
          const name = parameterName(parameter);
          if (name?.text) this.#define(inner, name.text, "parameter", name, name, null, [], innerCtx);
        }
        const body = field(node, "body");
        if (body) this.#walk(body, inner, innerCtx, found);
        return;
      }
      case "list_comprehension":
      case "set_comprehension":
      case "dictionary_comprehension":
      case "generator_expression":
        this.#comprehension(node, env, ctx, found);
        return;
      case "string":
      case "integer":
      case "float":
      case "true":
      case "false":
      case "none":
      case "ellipsis":
      case "comment":
        if (node.type === "string") for (const child of node.children) if (child.type === "interpolation") this.#walk(child, env, ctx, found);
        return;
      default:
        for (const child of node.children) this.#walk(child, env, ctx, found);
    }
  }

  #call(node: PyNode, env: Environment, ctx: Context, found: Set<Definition>, statementLevel: boolean): void {
    const callee = field(node, "function");
    const args = field(node, "arguments");
    const descriptive = callee?.type === "identifier" && DESCRIPTIVE_CALLS.has(callee.text!);
    const calleeSources = new Set<Definition>();
    if (callee) this.#walk(callee, env, ctx, calleeSources);
    const argumentSources = new Set<Definition>();
    if (args) this.#walk(args, env, ctx, argumentSources);
    if (descriptive) return;
    for (const source of calleeSources) found.add(source);
    for (const source of argumentSources) found.add(source);
    if (callee?.type !== "attribute") return;
    const method = field(callee, "attribute")?.text ?? "";
    const inplace = args?.children.some((child) => child.type === "keyword_argument" && field(child, "name")?.text === "inplace" && field(child, "value")?.type === "true");
    if (!FITTING_METHODS.has(method) && !inplace && !(statementLevel && MUTATING_METHODS.has(method))) return;
    const receiver = field(callee, "object");
    if (!receiver || !accessPath(receiver)) return;
    const mutation = this.#mutate(receiver, node, argumentSources, env, ctx);
    if (mutation) found.add(mutation);
  }

  #comprehension(node: PyNode, env: Environment, ctx: Context, found: Set<Definition>): void {
    const inner = new Environment(env);
    const innerCtx = { ...ctx, scope: node };
    for (const clause of node.children) {
      if (clause.type === "for_in_clause") {
        const iterables = fieldAll(clause, "right");
        const sources = new Set<Definition>();
        for (const iterable of iterables) this.#walk(iterable, inner, innerCtx, sources);
        for (const source of sources) found.add(source);
        const left = field(clause, "left");
        if (left) this.#bind(left, iterables[0] ?? null, sources, "loop", inner, innerCtx, [], []);
      } else if (clause.type === "if_clause") {
        for (const child of clause.children) this.#walk(child, inner, innerCtx, found);
      }
    }
    const body = field(node, "body");
    if (body) this.#walk(body, inner, innerCtx, found);
  }
}

/** The names a `case` pattern captures (`case [x, Point(y=yy)]` binds `x` and `yy`; `Color.RED` binds nothing). */
function patternCaptures(pattern: PyNode | undefined): PyNode[] {
  const captures: PyNode[] = [];
  const visit = (node: PyNode): void => {
    if (node.type === "dotted_name") {
      if (node.children.length === 1 && node.children[0]!.type === "identifier" && (node.parent?.type === "case_pattern" || node.parent?.type === "keyword_pattern")) captures.push(node.children[0]!);
      return;
    }
    if (node.type === "keyword_pattern") {
      for (const child of node.children.slice(1)) visit(child);
      return;
    }
    if ((node.type === "as_pattern" || node.type === "splat_pattern") && node.children.at(-1)?.type === "identifier") {
      captures.push(node.children.at(-1)!);
      for (const child of node.children.slice(0, -1)) visit(child);
      return;
    }
    for (const child of node.children) visit(child);
  };
  if (pattern) visit(pattern);
  return captures;
}

/** The state after branches: whatever reaches the end of any of them. */
function joinAll(exits: Environment[]): Environment {
  const joined = exits[0]!.copy();
  for (const exit of exits.slice(1)) joined.merge(exit);
  return joined;
}

function parameterName(parameter: PyNode): PyNode | undefined {
  switch (parameter.type) {
    case "identifier":
      return parameter;
    case "default_parameter":
    case "typed_default_parameter":
      return field(parameter, "name");
    case "typed_parameter":
    case "list_splat_pattern":
    case "dictionary_splat_pattern":
      return parameter.children.find((child) => child.type === "identifier");
    default:
      return undefined;
  }
}

/** The scope a class body's methods see: the scope around the class. */
function enclosingScope(node: PyNode): PyNode {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === "function_definition" || current.type === "module") return current;
  }
  return node;
}

/** The receiver a write goes through (`df` of `df.loc[m, "a"]`). */
function receiverNode(node: PyNode): PyNode | undefined {
  let current: PyNode | undefined = node;
  while (current && (current.type === "subscript" || current.type === "parenthesized_expression")) {
    current = current.type === "subscript" ? field(current, "value") : current.children[0];
  }
  return current;
}

/** Subtrees whose value carries no rows of the data they read. */
export function isDescriptive(node: PyNode): boolean {
  if (node.type === "attribute") return DESCRIPTIVE_ATTRIBUTES.has(field(node, "attribute")?.text ?? "");
  if (node.type === "call") {
    const callee = field(node, "function");
    return callee?.type === "identifier" && DESCRIPTIVE_CALLS.has(callee.text!);
  }
  return false;
}

