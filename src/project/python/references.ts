/**
 * Which names a module uses, and how much of that is visible to static analysis: the names it
 * refers to (split into those used in code that always may run and those used only under a branch
 * guard), identifier-like words in its string literals (`getattr(m, "ResNetV2")`, registries,
 * `__all__`, `mock.patch("flags.USE_NEW")`), attributes it assigns on other objects
 * (`flags.USE_NEW = True`), whether it looks names up at run time (`globals()`, `getattr(x, name)`,
 * `importlib.import_module(name)`, `fire.Fire()`), its decorated definitions, the modules it
 * imports, and whether its top level only defines things. Reachability rules read these facts.
 */
import { PyNode, field } from "../../languages/python/nodes.js";
import { positionalArguments } from "../../rules-kit/python-syntax.js";
import { inRanges, type BranchGuard } from "./branch-guards.js";
import { descendants, type ModuleScope } from "./scope.js";
import { literalString } from "./literals.js";

/** One use of a name inside code under a branch guard. */
export interface GuardedUse {
  offset: number;
  /** 1-based line and column (notebooks: program lines). */
  line: number;
  column: number;
}

export interface ModuleReferences {
  /** Names used somewhere outside every branch guard's conditional code (own `def`/`class` names and import statements excluded). */
  live: Set<string>;
  /** Names used only inside code under branch guards: where they are used. */
  guarded: Map<string, GuardedUse[]>;
  /** Identifier-like words in string literals (docstrings excluded). */
  words: Set<string>;
  /** Attribute names assigned on any object (`obj.NAME = …`, `obj.NAME += …`), and names given to `setattr`. */
  attributeWrites: Set<string>;
  /** True when the module looks names up at run time, so any of its names (and its importers') may be used. */
  dynamicLookup: boolean;
  /** Top-level functions and classes with decorators that may register them (registries, CLI commands, fixtures); not `@torch.no_grad()`-style wrappers. */
  decorated: Set<string>;
  /** Every module the import statements may load, including from-imported names that may be submodules (`pkg.mod`, `.mod`). */
  importTargets: string[];
  /**
   * True when the module only defines things: its top level holds nothing but imports, docstrings,
   * undecorated `def`s and `class`es, and assignments without calls (`X = 3`, `A = B.c`), also
   * inside module-level `if`/`try`. A module that registers, builds or runs anything at import is
   * not "only definitions".
   */
  onlyDefines: boolean;
}

/** Builtins whose call looks names up at run time. */
const DYNAMIC_BUILTINS = new Set(["globals", "locals", "vars", "eval", "exec", "__import__"]);
/** Attribute lookups by a computed name. */
const NAME_LOOKUPS = new Set(["getattr", "setattr", "hasattr", "delattr"]);
/** Calls that run or expose a module's names by name. */
const DYNAMIC_CALLS = new Set(["importlib.import_module", "fire.Fire", "inspect.getmembers", "runpy.run_module", "runpy.run_path"]);
const WORD = /[A-Za-z_][A-Za-z0-9_]*/gu;
/** Decorators that wrap a function without registering it anywhere: a definition under them still needs a caller. */
const WRAPPING_DECORATORS = new Set([
  "torch.no_grad",
  "torch.inference_mode",
  "torch.enable_grad",
  "torch.jit.script",
  "torch.compile",
  "functools.lru_cache",
  "functools.cache",
  "functools.wraps",
  "functools.cached_property",
  "contextlib.contextmanager",
  "dataclasses.dataclass",
  "typing.overload",
  "numba.njit",
  "numba.jit",
  "jax.jit",
  "tf.function",
  "tensorflow.function",
]);

/** True when every decorator of a decorated definition only wraps it (`@torch.no_grad()`, `@dataclass`). */
export function onlyWrapped(decorated: PyNode, scope: ModuleScope): boolean {
  return decorated.children
    .filter((child) => child.type === "decorator")
    .every((decorator) => {
      const expression = decorator.children[0];
      const target = expression?.type === "call" ? field(expression, "function") : expression;
      return WRAPPING_DECORATORS.has(scope.imports.qualifiedName(target) ?? "");
    });
}

function isDocstring(node: PyNode): boolean {
  const statement = node.parent;
  if (node.type !== "string" || statement?.type !== "expression_statement" || statement.children.length !== 1) return false;
  const block = statement.parent;
  if (!block) return false;
  const owner = block.type === "block" ? block.parent : block;
  return !!owner && ["module", "function_definition", "class_definition"].includes(owner.type) && block.children[0] === statement;
}

function isDefinitionName(identifier: PyNode): boolean {
  const parent = identifier.parent;
  return (parent?.type === "function_definition" || parent?.type === "class_definition") && field(parent, "name") === identifier;
}

function inImport(identifier: PyNode): boolean {
  for (let node = identifier.parent; node; node = node.parent) {
    if (node.type === "import_statement" || node.type === "import_from_statement" || node.type === "future_import_statement") return true;
    if (node.type.endsWith("_statement") || node.type === "module" || node.type === "block") return false;
  }
  return false;
}

/** True when a call looks a name up at run time. */
function isDynamicLookup(call: PyNode, scope: ModuleScope): boolean {
  const callee = field(call, "function");
  if (callee?.type === "identifier" && scope.bindingsOf(callee).length === 0) {
    if (DYNAMIC_BUILTINS.has(callee.text!)) return true;
    if (NAME_LOOKUPS.has(callee.text!)) return literalString(positionalArguments(call)[1], scope) === null;
  }
  const qualified = scope.imports.calleeName(call);
  if (!qualified) return false;
  if (qualified === "importlib.import_module") return literalString(positionalArguments(call)[0], scope) === null;
  return DYNAMIC_CALLS.has(qualified) || qualified === "sys.modules";
}

/** The module a call imports by a literal name (`importlib.import_module("plugins.a")`, `__import__("a")`), or null. */
function importedByName(call: PyNode, scope: ModuleScope): string | null {
  const callee = field(call, "function");
  const builtin = callee?.type === "identifier" && callee.text === "__import__" && scope.bindingsOf(callee).length === 0;
  if (!builtin && scope.imports.calleeName(call) !== "importlib.import_module") return null;
  return literalString(positionalArguments(call)[0], scope);
}

/** True when a module-level statement only defines something (see `onlyDefines`). */
function onlyDefines(statement: PyNode, scope: ModuleScope): boolean {
  switch (statement.type) {
    case "decorated_definition":
      return onlyWrapped(statement, scope);
    case "import_statement":
    case "import_from_statement":
    case "future_import_statement":
    case "function_definition":
    case "class_definition":
    case "pass_statement":
      return true;
    case "expression_statement":
      return statement.children.every((child) => child.type === "string" || (child.type === "assignment" && descendants(child, "call").length === 0));
    case "if_statement":
    case "try_statement":
    case "else_clause":
    case "elif_clause":
    case "except_clause":
    case "finally_clause":
    case "block":
      return statement.children.every((child) => child === field(statement, "condition") || onlyDefines(child, scope) || child.type === "identifier" || child.type === "attribute" || child.type === "tuple");
    default:
      return false;
  }
}

/** The references facts of a module. `guards` are its branch guards; `isPackageInit` keeps the names an `__init__.py` re-exports. */
export function extractReferences(root: PyNode, scope: ModuleScope, guards: readonly BranchGuard[], isPackageInit: boolean): ModuleReferences {
  const ranges = guards.flatMap((guard) => [...guard.deadIfTrue, ...guard.deadIfFalse]);
  const live = new Set<string>();
  const guarded = new Map<string, GuardedUse[]>();
  const words = new Set<string>();
  const attributeWrites = new Set<string>();
  const decorated = new Set<string>();
  let dynamicLookup = false;
  const dynamicImports: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index]!);
    switch (node.type) {
      case "identifier": {
        if (isDefinitionName(node) || (!isPackageInit && inImport(node))) break;
        const name = node.text!;
        if (ranges.length > 0 && inRanges(node.range[0], ranges)) {
          const uses = guarded.get(name) ?? [];
          uses.push({ offset: node.range[0], line: node.loc.start.line, column: node.loc.start.column + 1 });
          guarded.set(name, uses);
        } else {
          live.add(name);
        }
        break;
      }
      case "string":
        if (!isDocstring(node)) for (const part of node.children) if (part.type === "string_content") for (const word of scope.textOf(part).match(WORD) ?? []) words.add(word);
        break;
      case "assignment":
      case "augmented_assignment": {
        const target = field(node, "left");
        const name = target?.type === "attribute" ? field(target, "attribute")?.text : undefined;
        if (name) attributeWrites.add(name);
        break;
      }
      case "call": {
        if (isDynamicLookup(node, scope)) dynamicLookup = true;
        const imported = importedByName(node, scope);
        if (imported) dynamicImports.push(imported);
        if (field(node, "function")?.type === "identifier" && field(node, "function")!.text === "setattr") {
          const name = literalString(positionalArguments(node)[1], scope);
          if (name) attributeWrites.add(name);
        }
        break;
      }
      case "subscript":
        if (scope.imports.qualifiedName(field(node, "value")) === "sys.modules") dynamicLookup = true;
        break;
      case "decorated_definition": {
        const name = field(field(node, "definition") ?? node, "name")?.text;
        if (name && node.parent === root && !onlyWrapped(node, scope)) decorated.add(name);
        break;
      }
      default:
        break;
    }
  }
  for (const name of live) guarded.delete(name);
  const importTargets = new Set<string>([...scope.imports.modules.map((entry) => entry.module), ...dynamicImports]);
  for (const binding of scope.imports.bindings.values()) if (binding.qualified !== binding.module) importTargets.add(binding.qualified);
  return {
    live,
    guarded,
    words,
    attributeWrites,
    dynamicLookup,
    decorated,
    importTargets: [...importTargets].sort(),
    onlyDefines: root.children.every((statement) => onlyDefines(statement, scope)),
  };
}

/** Conservative references of a module that could not be parsed: every word of its text counts as used. */
export function referencesOfText(text: string): ModuleReferences {
  const words = new Set(text.match(WORD) ?? []);
  return { live: words, guarded: new Map(), words, attributeWrites: words, dynamicLookup: true, decorated: new Set(), importTargets: [], onlyDefines: false };
}
