/**
 * Import bindings of one Python module and qualified-name resolution: `import pandas as pd`
 * makes `pd.read_csv` mean `pandas.read_csv`; `from sklearn.model_selection import
 * train_test_split as tts` makes `tts` mean `sklearn.model_selection.train_test_split`.
 * Rules resolve names through this before flagging, so a local function that happens to be
 * called `read_csv` is never mistaken for pandas'.
 *
 * Imports are collected wherever they appear (scripts and notebooks import inside functions and
 * `try` blocks); a name that the module also binds with `def` or `class` is treated as local.
 */
import { PyNode, field, fieldAll } from "../../languages/python/nodes.js";

export interface ImportBinding {
  /** The local name (`np`). */
  local: string;
  /** What it stands for (`numpy`, `sklearn.model_selection.train_test_split`, `.utils.load`). */
  qualified: string;
  /** The imported module (`numpy`, `sklearn.model_selection`, `.utils`). */
  module: string;
  node: PyNode;
}

const BUILTINS = new Set(["open", "exec", "eval", "print", "range", "len", "compile", "__import__", "input"]);

export class ImportTable {
  readonly bindings = new Map<string, ImportBinding>();
  /** Modules imported with `from m import *`. */
  readonly starModules: string[] = [];
  /** Every module named by an import statement, in order (`numpy`, `.utils`, `pkg.sub`). */
  readonly modules: { module: string; node: PyNode }[] = [];
  /** Names the module binds itself with `def` / `class` (they shadow builtins and imports). */
  readonly localDefinitions = new Set<string>();

  constructor(root: PyNode) {
    const stack: PyNode[] = [root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      switch (node.type) {
        case "import_statement":
          this.#addImport(node);
          continue;
        case "import_from_statement":
          this.#addFromImport(node);
          continue;
        case "future_import_statement":
          continue;
        case "function_definition":
        case "class_definition": {
          const name = field(node, "name");
          if (name?.text) this.localDefinitions.add(name.text);
          break;
        }
        default:
          break;
      }
      for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index]!);
    }
    for (const local of this.localDefinitions) this.bindings.delete(local);
  }

  #bind(local: string, qualified: string, module: string, node: PyNode): void {
    if (!this.bindings.has(local)) this.bindings.set(local, { local, qualified, module, node });
  }

  #addImport(node: PyNode): void {
    for (const name of fieldAll(node, "name")) {
      if (name.type === "aliased_import") {
        const dotted = dottedText(field(name, "name"));
        const alias = field(name, "alias")?.text;
        if (dotted && alias) this.#bind(alias, dotted, dotted, node);
        if (dotted) this.modules.push({ module: dotted, node });
      } else {
        const dotted = dottedText(name);
        if (!dotted) continue;
        // `import os.path` binds `os`; `os.path.join` then resolves segment by segment.
        const head = dotted.split(".")[0]!;
        this.#bind(head, head, head, node);
        this.modules.push({ module: dotted, node });
      }
    }
  }

  #addFromImport(node: PyNode): void {
    const moduleNode = field(node, "module_name");
    const module = moduleNode?.type === "relative_import" ? relativeText(moduleNode) : dottedText(moduleNode);
    if (module === null) return;
    this.modules.push({ module, node });
    if (node.children.some((child) => child.type === "wildcard_import")) {
      this.starModules.push(module);
      return;
    }
    const join = (name: string) => (module.endsWith(".") ? `${module}${name}` : `${module}.${name}`);
    for (const name of fieldAll(node, "name")) {
      if (name.type === "aliased_import") {
        const imported = dottedText(field(name, "name"));
        const alias = field(name, "alias")?.text;
        if (imported && alias) this.#bind(alias, join(imported), module, node);
      } else {
        const imported = dottedText(name);
        if (imported) this.#bind(imported, join(imported), module, node);
      }
    }
  }

  /** True when the module imports `module` or one of its submodules. */
  importsModule(module: string): boolean {
    return this.modules.some((entry) => entry.module === module || entry.module.startsWith(`${module}.`));
  }

  /**
   * The qualified name of an expression: an identifier or attribute chain whose head is an
   * import (`np.random.rand` → `numpy.random.rand`), or a builtin that nothing shadows
   * (`open` → `builtins.open`). Null for anything else (locals, calls, subscripts).
   */
  qualifiedName(node: PyNode | undefined): string | null {
    if (!node) return null;
    if (node.type === "identifier") {
      const name = node.text!;
      const binding = this.bindings.get(name);
      if (binding) return binding.qualified;
      if (BUILTINS.has(name) && !this.localDefinitions.has(name)) return `builtins.${name}`;
      return null;
    }
    if (node.type === "attribute") {
      const base = this.qualifiedName(field(node, "object"));
      const attribute = field(node, "attribute")?.text;
      return base && attribute ? `${base}.${attribute}` : null;
    }
    return null;
  }

  /** The qualified name of what a `call` node calls. */
  calleeName(call: PyNode): string | null {
    return this.qualifiedName(field(call, "function"));
  }
}

/** `a.b.c` of a dotted_name (or identifier) node. */
export function dottedText(node: PyNode | undefined): string | null {
  if (!node) return null;
  if (node.type === "identifier") return node.text ?? null;
  if (node.type === "dotted_name") return node.children.map((part) => part.text).join(".");
  return null;
}

function relativeText(node: PyNode): string {
  const prefix = node.children.find((child) => child.type === "import_prefix");
  const dots = prefix ? prefix.range[1] - prefix.range[0] : 0;
  const name = dottedText(node.children.find((child) => child.type === "dotted_name"));
  return ".".repeat(dots) + (name ?? "");
}

const tables = new WeakMap<PyNode, ImportTable>();

/** The import table of a module node, built once per tree. */
export function importsOf(root: PyNode): ImportTable {
  let table = tables.get(root);
  if (!table) {
    table = new ImportTable(root);
    tables.set(root, table);
  }
  return table;
}

/** The local names an import statement binds (`import a.b` binds `a`; `from m import x as y` binds `y`). */
export function importedLocals(node: PyNode): PyNode[] {
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
