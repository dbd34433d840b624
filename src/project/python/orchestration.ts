/**
 * Pipelines declared in Python code: the steps an orchestrator runs and the order the code gives
 * them. Read without running anything:
 *
 * - **Airflow**: operators (`BashOperator(task_id=…, bash_command="python x.py")`,
 *   `PythonOperator(python_callable=f)`, any `…Operator`/`…Sensor` from `airflow`), TaskFlow
 *   `@task` functions and their calls, and dependencies through `>>`, `<<`, lists, `chain(…)`,
 *   `set_downstream`/`set_upstream` and values passed between TaskFlow calls;
 * - **Prefect**: the steps of each `@flow` function (calls of `@task`/`@flow` functions of the
 *   module, or of imported callables), in call order;
 * - **Kedro**: `node(func, inputs, outputs, name=…)` with its dataset names.
 *
 * Names are resolved through the import table: an operator counts only when it comes from
 * `airflow`, a decorator only when it is Prefect's or Airflow's.
 */
import { PyNode, field } from "../../languages/python/nodes.js";
import { keywordArgument, positionalArguments } from "../../rules-kit/python-syntax.js";
import type { OrchestratedTask, OrchestratorKind } from "../types.js";
import { descendants, type ModuleScope } from "./scope.js";
import { constantString } from "./literals.js";
import { resolveString } from "./paths.js";

/** The orchestrated steps of a module, and the line spans of the functions orchestrators run. */
export interface Orchestration {
  tasks: OrchestratedTask[];
  taskSpans: [number, number][];
}

const AIRFLOW_TASK_DECORATORS = /^airflow\.(?:decorators|sdk)\.task$/u;
const PREFECT_TASK = "prefect.task";
const PREFECT_FLOW = "prefect.flow";
const KEDRO_NODE = /^kedro\.pipeline\.(?:node|modular_pipeline\.node|node\.node)$/u;
/** Operator keywords holding a shell command (a string, or an argv list). */
const COMMAND_KEYWORDS = ["bash_command", "command", "cmds", "arguments"];

function position(node: PyNode): { line: number; column: number } {
  return { line: node.loc.start.line, column: node.loc.start.column + 1 };
}

function newTask(framework: OrchestratorKind, name: string, at: PyNode): OrchestratedTask {
  return { framework, name, ...position(at), commands: [], callables: [], localFunctions: [], inputs: [], outputs: [], after: [] };
}

/** The qualified name a decorator applies (`@task`, `@task(retries=2)`, `@prefect.flow`). */
function decoratorName(decorator: PyNode, scope: ModuleScope): string | null {
  const expression = decorator.children[0];
  if (!expression) return null;
  const target = expression.type === "call" ? field(expression, "function") : expression;
  return scope.imports.qualifiedName(target);
}

/** Functions of the module whose decorators match, by the function definition. */
function decoratedFunctions(root: PyNode, scope: ModuleScope, test: (name: string) => boolean): PyNode[] {
  const found: PyNode[] = [];
  for (const decorated of descendants(root, "decorated_definition")) {
    const definition = field(decorated, "definition");
    if (definition?.type !== "function_definition") continue;
    const decorators = decorated.children.filter((child) => child.type === "decorator");
    if (decorators.some((decorator) => test(decoratorName(decorator, scope) ?? ""))) found.push(definition);
  }
  return found;
}

function span(definition: PyNode): [number, number] {
  const start = (definition.parent?.type === "decorated_definition" ? definition.parent : definition).loc.start.line;
  return [start, definition.loc.end.line];
}

/** What a callable argument names: an imported callable's qualified name, or a local function. */
function callableOf(node: PyNode | undefined, scope: ModuleScope, task: OrchestratedTask): void {
  if (!node) return;
  const local = node.type === "identifier" ? scope.functionNamed(node) : null;
  if (local) {
    task.localFunctions.push(node.text!);
    return;
  }
  const qualified = scope.imports.qualifiedName(node);
  if (qualified) task.callables.push(qualified);
}

/** The text of a command argument: a string, or an argv list joined with spaces. */
function commandText(node: PyNode, scope: ModuleScope): string | null {
  if (node.type === "list" || node.type === "tuple") {
    const words = node.children.map((item) => resolveString(item, scope)?.text ?? "*");
    return words.length > 0 ? words.join(" ") : null;
  }
  return resolveString(node, scope)?.text ?? null;
}

function uniqueName(tasks: Map<string, OrchestratedTask>, wanted: string): string {
  if (!tasks.has(wanted)) return wanted;
  let index = 2;
  while (tasks.has(`${wanted}#${index}`)) index++;
  return `${wanted}#${index}`;
}

// ── Airflow ──────────────────────────────────────────────────────────────────────────────────

function isAirflowOperator(qualified: string | null): boolean {
  if (!qualified?.startsWith("airflow.")) return false;
  const last = qualified.slice(qualified.lastIndexOf(".") + 1);
  return /(?:Operator|Sensor)$/u.test(last);
}

function airflowTasks(root: PyNode, scope: ModuleScope, spans: [number, number][]): OrchestratedTask[] {
  if (!scope.imports.importsModule("airflow")) return [];
  const tasks = new Map<string, OrchestratedTask>();
  /** The task each operator call, TaskFlow call or task variable stands for. */
  const byCall = new Map<PyNode, string>();

  const taskflow = new Map<PyNode, string>();
  for (const definition of decoratedFunctions(root, scope, (name) => AIRFLOW_TASK_DECORATORS.test(name))) {
    const name = field(definition, "name")?.text;
    if (!name) continue;
    taskflow.set(definition, name);
    spans.push(span(definition));
  }

  for (const call of descendants(root, "call")) {
    const callee = field(call, "function");
    if (isAirflowOperator(scope.imports.calleeName(call))) {
      const variable = call.parent?.type === "assignment" ? field(call.parent, "left") : undefined;
      const wanted = constantString(keywordArgument(call, "task_id"), scope) ?? (variable?.type === "identifier" ? variable.text! : `task@${call.loc.start.line}`);
      const task = newTask("airflow", uniqueName(tasks, wanted), call);
      for (const keyword of COMMAND_KEYWORDS) {
        const value = keywordArgument(call, keyword);
        const command = value ? commandText(value, scope) : null;
        if (command) task.commands.push(command);
      }
      callableOf(keywordArgument(call, "python_callable"), scope, task);
      tasks.set(task.name, task);
      byCall.set(call, task.name);
      continue;
    }
    const definition = callee?.type === "identifier" ? scope.functionNamed(callee) : null;
    const name = definition ? taskflow.get(definition) : undefined;
    if (!definition || !name) continue;
    if (!tasks.has(name)) {
      const task = newTask("airflow", name, definition);
      task.localFunctions.push(name);
      tasks.set(name, task);
    }
    byCall.set(call, name);
  }
  // Values passed between TaskFlow calls order them (`load(extract())`, `x = extract(); load(x)`).
  for (const [call, name] of byCall) {
    if (!isAirflowOperator(scope.imports.calleeName(call))) {
      for (const argument of callArguments(call)) for (const upstream of tasksOf(argument, scope, byCall)) addAfter(tasks, name, upstream);
    }
  }

  for (const operator of descendants(root, "binary_operator")) {
    const op = operator.operator;
    if ((op !== ">>" && op !== "<<") || isShiftOperand(operator)) continue;
    evaluateShift(operator, scope, byCall, tasks);
  }
  for (const call of descendants(root, "call")) {
    const qualified = scope.imports.calleeName(call) ?? "";
    const callee = field(call, "function");
    if (qualified.startsWith("airflow.") && qualified.endsWith(".chain")) {
      const groups = positionalArguments(call).map((argument) => tasksOf(argument, scope, byCall));
      for (let index = 1; index < groups.length; index++) link(tasks, groups[index - 1]!, groups[index]!);
    } else if (callee?.type === "attribute") {
      const method = field(callee, "attribute")?.text;
      if (method !== "set_downstream" && method !== "set_upstream") continue;
      const self = tasksOf(field(callee, "object"), scope, byCall);
      const other = positionalArguments(call).flatMap((argument) => tasksOf(argument, scope, byCall));
      if (method === "set_downstream") link(tasks, self, other);
      else link(tasks, other, self);
    }
  }
  return [...tasks.values()];
}

function callArguments(call: PyNode): PyNode[] {
  const args = field(call, "arguments");
  return (args?.children ?? []).map((child) => (child.type === "keyword_argument" ? field(child, "value") : child)).filter((child): child is PyNode => child !== undefined);
}

function isShiftOperand(node: PyNode): boolean {
  let parent = node.parent;
  while (parent?.type === "parenthesized_expression") parent = parent.parent;
  return parent?.type === "binary_operator" && (parent.operator === ">>" || parent.operator === "<<");
}

/** The tasks an expression stands for: a task variable, an operator or TaskFlow call, a list of them. */
function tasksOf(node: PyNode | undefined, scope: ModuleScope, byCall: Map<PyNode, string>, depth = 0): string[] {
  if (!node || depth > 8) return [];
  switch (node.type) {
    case "call":
      return byCall.has(node) ? [byCall.get(node)!] : [];
    case "identifier": {
      const binding = scope.singleBinding(node);
      return binding?.kind === "assignment" && binding.value ? tasksOf(binding.value, scope, byCall, depth + 1) : [];
    }
    case "list":
    case "tuple":
    case "expression_list":
      return node.children.flatMap((child) => tasksOf(child, scope, byCall, depth + 1));
    case "parenthesized_expression":
      return tasksOf(node.children[0], scope, byCall, depth + 1);
    default:
      return [];
  }
}

/** Records the edges of `a >> b` (`a << b`) and returns the right operand's tasks, as Airflow does. */
function evaluateShift(node: PyNode, scope: ModuleScope, byCall: Map<PyNode, string>, tasks: Map<string, OrchestratedTask>): string[] {
  let inner = node;
  while (inner.type === "parenthesized_expression" && inner.children[0]) inner = inner.children[0];
  if (inner.type !== "binary_operator" || (inner.operator !== ">>" && inner.operator !== "<<")) return tasksOf(inner, scope, byCall);
  const [leftNode, rightNode] = inner.children;
  const left = leftNode ? evaluateShift(leftNode, scope, byCall, tasks) : [];
  const right = rightNode ? evaluateShift(rightNode, scope, byCall, tasks) : [];
  if (inner.operator === ">>") link(tasks, left, right);
  else link(tasks, right, left);
  return right;
}

function addAfter(tasks: Map<string, OrchestratedTask>, name: string, upstream: string): void {
  const task = tasks.get(name);
  if (task && upstream !== name && !task.after.includes(upstream)) task.after.push(upstream);
}

function link(tasks: Map<string, OrchestratedTask>, upstream: string[], downstream: string[]): void {
  for (const down of downstream) for (const up of upstream) addAfter(tasks, down, up);
}

// ── Prefect ──────────────────────────────────────────────────────────────────────────────────

function prefectTasks(root: PyNode, scope: ModuleScope, spans: [number, number][]): OrchestratedTask[] {
  if (!scope.imports.importsModule("prefect")) return [];
  const steps = decoratedFunctions(root, scope, (name) => name === PREFECT_TASK || name === PREFECT_FLOW);
  const flows = decoratedFunctions(root, scope, (name) => name === PREFECT_FLOW);
  for (const definition of steps) spans.push(span(definition));
  const stepDefinitions = new Set(steps);
  const tasks = new Map<string, OrchestratedTask>();
  for (const flow of flows) {
    const body = field(flow, "body");
    if (!body) continue;
    let previous: string | null = null;
    for (const call of descendants(body, "call")) {
      const callee = field(call, "function");
      const target = callee?.type === "attribute" && field(callee, "attribute")?.text === "submit" ? field(callee, "object") : callee;
      if (!target) continue;
      const local = target.type === "identifier" ? scope.functionNamed(target) : null;
      const qualified = local ? null : scope.imports.qualifiedName(target);
      if (local ? !stepDefinitions.has(local) || local === flow : !qualified || !isProjectLike(qualified)) continue;
      const name = local ? target.text! : qualified!;
      let task = tasks.get(name);
      if (!task) {
        task = newTask("prefect", name, call);
        if (local) task.localFunctions.push(name);
        else task.callables.push(qualified!);
        tasks.set(name, task);
      }
      if (previous && previous !== name) addAfter(tasks, name, previous);
      previous = name;
    }
  }
  return [...tasks.values()];
}

/** Imported names that may be the project's own (not the standard library's or Prefect's). */
function isProjectLike(qualified: string): boolean {
  return !/^(?:prefect|builtins|os|sys|logging|subprocess|time|json|pathlib)\b/u.test(qualified);
}

// ── Kedro ────────────────────────────────────────────────────────────────────────────────────

/** Dataset names of a Kedro `inputs`/`outputs` argument: a string, a list, or a dict's values. */
function datasetNames(node: PyNode | undefined, scope: ModuleScope): string[] {
  if (!node) return [];
  if (node.type === "list" || node.type === "tuple") return node.children.flatMap((child) => datasetNames(child, scope));
  if (node.type === "dictionary") return node.children.flatMap((pair) => datasetNames(field(pair, "value"), scope));
  const name = constantString(node, scope);
  return name && !name.startsWith("params:") && name !== "parameters" ? [name] : [];
}

function kedroTasks(root: PyNode, scope: ModuleScope): OrchestratedTask[] {
  if (!scope.imports.importsModule("kedro")) return [];
  const tasks = new Map<string, OrchestratedTask>();
  for (const call of descendants(root, "call")) {
    if (!KEDRO_NODE.test(scope.imports.calleeName(call) ?? "")) continue;
    const [func, inputs, outputs] = positionalArguments(call);
    const funcNode = func ?? keywordArgument(call, "func");
    const wanted = constantString(keywordArgument(call, "name"), scope) ?? funcNode?.text ?? `node@${call.loc.start.line}`;
    const task = newTask("kedro", uniqueName(tasks, wanted), call);
    callableOf(funcNode, scope, task);
    task.inputs = datasetNames(inputs ?? keywordArgument(call, "inputs"), scope);
    task.outputs = datasetNames(outputs ?? keywordArgument(call, "outputs"), scope);
    tasks.set(task.name, task);
  }
  return [...tasks.values()];
}

/** Every orchestrated step of a module in source order, with the spans of task functions. */
export function extractOrchestration(root: PyNode, scope: ModuleScope): Orchestration {
  const taskSpans: [number, number][] = [];
  const tasks = [...airflowTasks(root, scope, taskSpans), ...prefectTasks(root, scope, taskSpans), ...kedroTasks(root, scope)].sort((a, b) => a.line - b.line || a.column - b.column);
  taskSpans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { tasks, taskSpans };
}
