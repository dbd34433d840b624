/**
 * Which names a module uses, and how much of that is visible to static analysis: the names it
 * refers to (split into those used in code that always may run and those used only under a branch
 * guard), identifier-like words in its string literals (`getattr(m, "ResNetV2")`, registries,
 * `__all__`, `mock.patch("flags.USE_NEW")`), attributes it assigns on other objects
 * (`flags.USE_NEW = True`), whether it looks names up at run time (`globals()`, `getattr(x, name)`,
 * `importlib.import_module(name)`, `fire.Fire()`), its decorated definitions, the modules it
 * imports, and whether its top level runs code. Reachability rules read these facts.
 */
import { PyNode, field } from "../../languages/python/nodes.js";
import { positionalArguments } from "../../rules-kit/python-syntax.js";
import { inRanges, type BranchGuard } from "./branch-guards.js";
import { literalString, type ModuleScope } from "./paths.js";

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
  /** Top-level functions and classes with decorators (registries, CLI commands, fixtures). */
  decorated: Set<string>;
  /** Every module the import statements may load, including from-imported names that may be submodules (`pkg.mod`, `.mod`). */
  importTargets: string[];
  /** True when module-level code runs something: a call statement, a loop, a `with`, a main guard. */
  runsCode: boolean;
}

/** Builtins whose call looks names up at run time. */
const DYNAMIC_BUILTINS = new Set(["globals", "locals", "vars", "eval", "exec", "__import__"]);
/** Attribute lookups by a computed name. */
const NAME_LOOKUPS = new Set(["getattr", "setattr", "hasattr", "delattr"]);
/** Calls that run or expose a module's names by name. */
const DYNAMIC_CALLS = new Set(["importlib.import_module", "fire.Fire", "inspect.getmembers", "runpy.run_module", "runpy.run_path"]);
const WORD = /[A-Za-z_][A-Za-z0-9_]*/gu;

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

/** True when a module-level statement runs code when the module is run or imported. */
function runsCode(statement: PyNode): boolean {
  switch (statement.type) {
    case "expression_statement":
      return statement.children.some((child) => child.type === "call" || child.type === "await");
    case "for_statement":
    case "while_statement":
    case "with_statement":
      return true;
    case "if_statement":
    case "try_statement":
    case "else_clause":
    case "elif_clause":
    case "except_clause":
    case "finally_clause":
    case "block":
      return statement.children.some(runsCode);
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
        if (name && node.parent === root) decorated.add(name);
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
    runsCode: root.children.some(runsCode),
  };
}

/** Conservative references of a module that could not be parsed: every word of its text counts as used. */
export function referencesOfText(text: string): ModuleReferences {
  const words = new Set(text.match(WORD) ?? []);
  return { live: words, guarded: new Map(), words, attributeWrites: words, dynamicLookup: true, decorated: new Set(), importTargets: [], runsCode: true };
}
