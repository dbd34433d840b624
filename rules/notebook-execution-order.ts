import { createRule } from "../src/rules-kit/create-rule.js";
import { PyNode, field } from "../src/languages/python/nodes.js";
import type { NotebookSourceCode } from "../src/languages/notebook/language.js";
import type { NotebookCell } from "../src/languages/notebook/program.js";
import { cellPositionOf } from "../src/languages/notebook/program.js";
import { flowOf } from "../src/analysis/dataflow/program-flow.js";
import { importsOf } from "../src/project/python/imports.js";
import { enclosingFunction } from "../src/rules-kit/python-syntax.js";
import { PYTHON_BUILTINS, IPYTHON_NAMES } from "../src/analysis/dataflow/builtin-names.js";

type MessageIds = "outOfOrder" | "neverRun" | "definedBelow" | "undefinedName";

/** Calls that define names the analysis cannot see. */
const DYNAMIC_NAMESPACE = new Set(["globals", "locals", "vars", "exec", "eval", "__import__"]);
/** Magics that bring names from elsewhere into the namespace. */
const NAME_MAGICS = new Set(["run", "load", "store", "load_ext", "autoreload", "aimport", "pylab", "sql", "R", "octave"]);

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function codeCells(cells: NotebookCell[]): NotebookCell[] {
  return cells.filter((cell) => cell.cellType === "code" && cell.source.trim() !== "");
}

/** Identifier reads at module level of the program (cells' top-level code, class bodies, decorators, defaults). */
function moduleLevelReads(root: PyNode, isRead: (node: PyNode) => boolean): PyNode[] {
  const reads: PyNode[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === "identifier" && isRead(node) && enclosingFunction(node) === null) reads.push(node);
    for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index]!);
  }
  return reads;
}

/** Names the program binds in ways the data flow does not follow (`global x` inside a function). */
function declaredGlobals(root: PyNode): Set<string> {
  const names = new Set<string>();
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === "global_statement" || node.type === "nonlocal_statement") for (const child of node.children) if (child.text) names.add(child.text);
    stack.push(...node.children);
  }
  return names;
}

function usesDynamicNamespace(root: PyNode): boolean {
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === "call") {
      const callee = field(node, "function");
      if (callee?.type === "identifier" && DYNAMIC_NAMESPACE.has(callee.text!)) return true;
    }
    stack.push(...node.children);
  }
  return false;
}

export default createRule<[], MessageIds>({
  name: "notebook-execution-order",
  meta: {
    category: "reproducibility",
    severity: "warning",
    description: "Notebooks saved after running cells out of order, with cells never run, or reading state no cell above defines",
    recommended: true,
    scope: "file",
    messages: {
      outOfOrder:
        "Cell {{cell}} ran as [{{count}}], before cell {{earlier}} above it ran as [{{earlierCount}}]{{more}}: the saved outputs come from an order of execution that running the notebook top to bottom does not repeat, so its results cannot be reproduced. To fix: restart the kernel, run all cells, and commit the notebook as that run left it.",
      neverRun:
        "Cell {{cell}} was never run, though other cells were{{more}}: the notebook's saved results do not include its code, and nobody knows whether it still works with the cells around it. To fix: restart the kernel and run all cells before committing (or clear all outputs).",
      definedBelow:
        "`{{name}}` is read here, but the first cell that defines it is {{where}}, further down: the notebook only worked because cells ran out of order, and a top-to-bottom run stops here with a NameError. To fix: move the definition above its first use, then restart the kernel and run all cells.",
      undefinedName:
        "`{{name}}` is read here, but no cell defines or imports it: a fresh run fails with NameError when this line runs. The saved outputs came from a kernel where a cell since deleted or changed had defined it (or the import was never written). To fix: define or import `{{name}}` in a cell above, then restart the kernel and run all cells.",
    },
  },
  create(context) {
    return {
      "module:exit"(root: PyNode) {
        const notebook = (context.sourceCode as Partial<NotebookSourceCode>).notebook;
        if (!notebook) return;
        const cells = codeCells(notebook.cells);
        const at = (cell: NotebookCell) => ({ start: { line: cell.programLine, column: 0 }, end: { line: cell.programLine, column: 0 } });

        // Execution counts: increasing from top to bottom when the notebook was run in order.
        const counted = cells.filter((cell) => cell.executionCount !== null);
        let highest: NotebookCell | null = null;
        const outOfOrder: { cell: NotebookCell; earlier: NotebookCell }[] = [];
        for (const cell of counted) {
          if (highest && cell.executionCount! < highest.executionCount!) outOfOrder.push({ cell, earlier: highest });
          if (!highest || cell.executionCount! > highest.executionCount!) highest = cell;
        }
        const first = outOfOrder[0];
        if (first) {
          context.report({
            loc: at(first.cell),
            messageId: "outOfOrder",
            data: { cell: String(first.cell.index), count: String(first.cell.executionCount), earlier: String(first.earlier.index), earlierCount: String(first.earlier.executionCount), more: outOfOrder.length > 1 ? ` (and ${plural(outOfOrder.length - 1, "more cell")} ran before a cell above them)` : "" },
          });
        }
        const neverRun = counted.length > 0 ? cells.filter((cell) => cell.executionCount === null) : [];
        if (neverRun[0]) {
          context.report({
            loc: at(neverRun[0]),
            messageId: "neverRun",
            data: { cell: String(neverRun[0].index), more: neverRun.length > 1 ? ` (nor ${plural(neverRun.length - 1, "more cell")})` : "" },
          });
        }

        // Names read before any cell above defines them.
        const imports = importsOf(root);
        if (imports.starModules.length > 0 || usesDynamicNamespace(root)) return;
        const magicText = notebook.cells.flatMap((cell) => cell.magics.map((magic) => `${magic.name} ${magic.args}`)).join("\n");
        if (notebook.cells.some((cell) => cell.magics.some((magic) => NAME_MAGICS.has(magic.name)))) return;
        const flow = flowOf(root);
        const globals = declaredGlobals(root);
        const firstDefinition = new Map<string, PyNode>();
        for (const definition of flow.definitions) {
          // Writes through a name (`model.fit(X)`, `x += 1`) need it to exist already: they define nothing.
          if (definition.path.includes(".") || definition.scope !== root || definition.kind === "mutation" || definition.kind === "augmented") continue;
          const known = firstDefinition.get(definition.path);
          if (!known || definition.target.range[0] < known.range[0]) firstDefinition.set(definition.path, definition.target);
        }
        const reported = new Set<string>();
        for (const read of moduleLevelReads(root, (node) => flow.isRead(node))) {
          const name = read.text!;
          if (reported.has(name) || flow.reachingAt(read).length > 0) continue;
          if (PYTHON_BUILTINS.has(name) || IPYTHON_NAMES.has(name) || globals.has(name) || new RegExp(`\\b${name}\\b`, "u").test(magicText)) continue;
          reported.add(name);
          const defined = firstDefinition.get(name);
          if (defined) {
            const position = cellPositionOf(notebook, defined.loc.start.line, 0);
            context.report({ node: read, messageId: "definedBelow", data: { name, where: position ? `cell ${position.cell}` : context.sourceCode.describeLine(defined.loc.start.line) } });
          } else {
            context.report({ node: read, messageId: "undefinedName", data: { name } });
          }
        }
      },
    };
  },
});
