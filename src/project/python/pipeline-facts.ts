/**
 * A module's facts about the pipeline it takes part in, for the data-flow graph
 * (src/project/graph/): what it imports (to tell one program from two), whether running it does
 * work, the steps it declares for an orchestrator, its feature-transform statements, whether it
 * trains or predicts, and, for notebooks, where each cell sits in the program.
 */
import type { NotebookCell } from "../../languages/notebook/program.js";
import { PyNode, field } from "../../languages/python/nodes.js";
import { enclosingFunction } from "../../rules-kit/python-syntax.js";
import type { IoSite, ModuleDefinitions, PipelineFacts } from "../types.js";
import { callsMethod, extractTransformRuns } from "./feature-transforms.js";
import { extractOrchestration } from "./orchestration.js";
import { descendants, type ModuleScope } from "./scope.js";
import { topLevelOwner } from "./placement.js";

const FIT_METHODS = new Set(["fit", "fit_generator", "train"]);
const PREDICT_METHODS = new Set(["predict", "predict_proba", "predict_log_proba", "decision_function"]);

function atModuleLevel(node: PyNode): boolean {
  for (let current = node.parent; current; current = current.parent) if (current.type === "class_definition") return false;
  return enclosingFunction(node) === null;
}

/** Statements that run when the module runs: the module's own, and those of module-level `if`/`try`/`with`/`for` blocks. */
const MODULE_LEVEL_BLOCKS = new Set(["if_statement", "try_statement", "with_statement", "for_statement", "while_statement", "else_clause", "elif_clause", "except_clause", "finally_clause", "block"]);

/** A call made as a statement at module level (`main()`, `run(cfg)`), outside functions and classes. */
function hasModuleLevelCall(root: PyNode): boolean {
  const stack = [...root.children];
  while (stack.length > 0) {
    const statement = stack.pop()!;
    if (statement.type === "expression_statement" && statement.children[0]?.type === "call") return true;
    if (MODULE_LEVEL_BLOCKS.has(statement.type)) stack.push(...statement.children);
  }
  return false;
}

/** Imported modules, `m.name` for every `from m import name`, and `m.*` for `from m import *`. */
function importTargets(scope: ModuleScope): string[] {
  const targets = new Set(scope.imports.modules.map((entry) => entry.module));
  for (const binding of scope.imports.bindings.values()) if (binding.qualified !== binding.module) targets.add(binding.qualified);
  for (const module of scope.imports.starModules) targets.add(module.endsWith(".") ? `${module}*` : `${module}.*`);
  return [...targets].sort();
}

/** Imported callables the module calls, and which top-level definitions call which. */
function callFacts(root: PyNode, scope: ModuleScope): { importedCalls: string[]; localCalls: Record<string, string[]> } {
  const topLevel = new Set<string>();
  for (const statement of root.children) {
    const definition = statement.type === "decorated_definition" ? field(statement, "definition") : statement;
    if (definition?.type === "function_definition" || definition?.type === "class_definition") {
      const name = field(definition, "name")?.text;
      if (name) topLevel.add(name);
    }
  }
  const imported = new Set<string>();
  const local = new Map<string, Set<string>>();
  for (const call of descendants(root, "call")) {
    const callee = field(call, "function");
    const qualified = scope.imports.calleeName(call);
    if (qualified && !qualified.startsWith("builtins.")) imported.add(qualified);
    const owner = topLevelOwner(call);
    if (owner && callee?.type === "identifier" && topLevel.has(callee.text!) && callee.text !== owner) {
      local.set(owner, (local.get(owner) ?? new Set()).add(callee.text!));
    }
  }
  const localCalls: Record<string, string[]> = {};
  for (const name of [...topLevel].sort()) localCalls[name] = [...(local.get(name) ?? [])].sort();
  return { importedCalls: [...imported].sort(), localCalls };
}

/**
 * The pipeline facts of a parsed module. `ioSites` and `definitions` are the module's other
 * facts; `cells` a notebook's cells (empty for `.py` files).
 */
export function extractPipelineFacts(root: PyNode, scope: ModuleScope, facts: { ioSites: IoSite[]; definitions: ModuleDefinitions }, cells: NotebookCell[]): PipelineFacts {
  const { tasks, taskSpans } = extractOrchestration(root, scope);
  const moduleLevelRun = cells.length > 0 || facts.ioSites.some((site) => atModuleLevel(site.node)) || hasModuleLevelCall(root);
  return {
    importTargets: importTargets(scope),
    ...callFacts(root, scope),
    runsAsScript: facts.definitions.hasMainGuard || moduleLevelRun,
    tasks,
    taskSpans,
    transformRuns: extractTransformRuns(root, scope),
    fitsModel: callsMethod(root, FIT_METHODS),
    predicts: callsMethod(root, PREDICT_METHODS),
    cells: cells.filter((cell) => cell.cellType === "code").map((cell) => ({ index: cell.index, programLine: cell.programLine, lineCount: cell.lineCount })),
  };
}
