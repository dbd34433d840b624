import { createRule } from "../src/rules-kit/create-rule.js";
import { field, type PyNode } from "../src/languages/python/nodes.js";
import { callsIn, enclosingFunction, keywordArgument, positionalArguments } from "../src/rules-kit/python-syntax.js";
import { leakageOf, type ProgramLeakage, type RoleHit } from "../src/analysis/leakage/program-leakage.js";
import { shortName } from "../src/analysis/leakage/learned-statistics.js";
import { METRIC_FUNCTIONS, MONITORED_KEYWORDS, SCORING_METHODS, SELECTING_CALLBACKS, SELECTING_KEYWORDS } from "../src/analysis/leakage/api-tables.js";
import type { Definition } from "../src/analysis/dataflow/program-flow.js";

type MessageIds = "selectedOnTest" | "stoppedOnTest";

const LOOPS = new Set(["for_statement", "while_statement", "list_comprehension", "set_comprehension", "dictionary_comprehension", "generator_expression"]);
/** Methods whose result is a model's output on its data argument. */
const PREDICT_METHODS = new Set(["predict", "predict_proba", "predict_log_proba", "decision_function", "transform"]);

/** The held-out test part (of a hold-out split) an expression comes from, if any. */
function testPart(leakage: ProgramLeakage, expression: PyNode): RoleHit | undefined {
  return leakage.rolesOf(expression).find((hit) => hit.role === "test" && hit.split.kind === "holdout");
}

/** A call that scores a model on the test split: the call, the test part, and the expressions naming the model(s) scored. */
interface Scoring {
  call: PyNode;
  test: RoleHit;
  models: PyNode[];
}

function scoringOf(leakage: ProgramLeakage, call: PyNode): Scoring | null {
  const callee = field(call, "function");
  if (callee?.type === "attribute" && SCORING_METHODS.has(field(callee, "attribute")?.text ?? "")) {
    const data = positionalArguments(call)[0] ?? keywordArgument(call, "X") ?? keywordArgument(call, "x");
    const test = data ? testPart(leakage, data) : undefined;
    const receiver = field(callee, "object");
    return test && receiver ? { call, test, models: [receiver] } : null;
  }
  const name = leakage.constructors.imports.calleeName(call);
  if (!name || !METRIC_FUNCTIONS.test(name)) return null;
  const args = positionalArguments(call);
  const test = args.map((argument) => testPart(leakage, argument)).find((hit) => hit !== undefined);
  if (!test) return null;
  return { call, test, models: args.flatMap((argument) => predictionReceivers(leakage, argument)) };
}

/** The models whose predictions an expression holds: receivers of `predict`-like calls in it or in the values it was computed from. */
function predictionReceivers(leakage: ProgramLeakage, expression: PyNode): PyNode[] {
  const values = [expression, ...[...leakage.flow.lineageOfExpression(expression)].map((definition) => definition.value).filter((value): value is PyNode => value !== null && value.type !== "function_definition" && value.type !== "class_definition")];
  const receivers: PyNode[] = [];
  for (const value of values) {
    for (const call of callsIn(value)) {
      const callee = field(call, "function");
      if (callee?.type === "attribute" && PREDICT_METHODS.has(field(callee, "attribute")?.text ?? "")) receivers.push(field(callee, "object")!);
    }
  }
  return receivers;
}

/** The outermost loop around `node` within its function, or null. */
function outermostLoop(node: PyNode): PyNode | null {
  const fn = enclosingFunction(node);
  let found: PyNode | null = null;
  for (let current = node.parent; current && current !== fn; current = current.parent) if (LOOPS.has(current.type)) found = current;
  return found;
}

function within(node: PyNode, container: PyNode): boolean {
  return node.range[0] >= container.range[0] && node.range[1] <= container.range[1];
}

/** What changes from one iteration of `loop` to the next in the scored models: "fits a model", "iterates over models", or null. */
function candidatesOf(leakage: ProgramLeakage, loop: PyNode, scoring: Scoring): string | null {
  if (leakage.fits.some((fit) => within(fit.call, loop))) return "fits a model in every iteration";
  const loopTargets = new Set<Definition>(leakage.flow.definitions.filter((definition) => definition.kind === "loop" && (definition.statement === loop || definition.scope === loop)));
  if (loopTargets.size === 0) return null;
  const varies = scoring.models.some((model) => [...leakage.flow.lineageOfExpression(model)].some((definition) => loopTargets.has(definition)));
  return varies ? "goes through several models" : null;
}

/** Calls that pick the best of several values. */
const CHOOSING_FUNCTIONS = new Set(["max", "min", "sorted"]);
const CHOOSING_METHODS = new Set(["argmax", "argmin", "idxmax", "idxmin", "nlargest", "nsmallest", "sort_values", "max", "min", "sort"]);
const ORDERING = new Set(["<", ">", "<=", ">="]);

function isChoosing(node: PyNode): boolean {
  if (node.type === "comparison_operator") return Array.isArray(node.operators) && (node.operators as string[]).some((operator) => ORDERING.has(operator));
  if (node.type !== "call") return false;
  const callee = field(node, "function");
  if (callee?.type === "identifier") return CHOOSING_FUNCTIONS.has(callee.text!);
  return callee?.type === "attribute" && CHOOSING_METHODS.has(field(callee, "attribute")?.text ?? "");
}

/** Every place in the program that chooses, with the definitions it reads. */
function choosingSites(leakage: ProgramLeakage): { node: PyNode; reads: Set<Definition> }[] {
  const sites: { node: PyNode; reads: Set<Definition> }[] = [];
  const stack = [leakage.root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    stack.push(...node.children);
    if (isChoosing(node)) sites.push({ node, reads: leakage.flow.sourcesOf(node) });
  }
  return sites;
}

/**
 * True when the score a call computes is used to choose: compared with another (`if acc > best`),
 * or handed to `max`, `sorted`, `np.argmax`, `idxmax`… directly or through the names it is kept in.
 */
function chosenBy(leakage: ProgramLeakage, call: PyNode, sites: { node: PyNode; reads: Set<Definition> }[]): boolean {
  const { flow } = leakage;
  const [start, end] = call.range;
  const fed = flow.definitions.filter((definition) => definition.kind !== "definition" && definition.value && definition.value.range[0] <= start && definition.value.range[1] >= end);
  const kept = flow.derivedFrom(fed);
  return sites.some(({ node, reads }) => (node.range[0] <= start && node.range[1] >= end) || [...reads].some((definition) => kept.has(definition)));
}

/** True when an expression (or what it was computed from) builds one of the model-selecting callbacks. */
function buildsSelectingCallback(leakage: ProgramLeakage, expression: PyNode): boolean {
  const values = [expression, ...[...leakage.flow.lineageOfExpression(expression)].map((definition) => definition.value).filter((value): value is PyNode => value !== null)];
  return values.some((value) => callsIn(value).some((call) => SELECTING_CALLBACKS.test(leakage.constructors.imports.calleeName(call) ?? "")));
}

export default createRule<[], MessageIds>({
  name: "test-set-reuse",
  meta: {
    category: "data-leakage",
    severity: "warning",
    description: "The test split used to choose among models, hyperparameters or epochs",
    recommended: true,
    scope: "file",
    messages: {
      selectedOnTest:
        "`{{call}}` scores on the test split (`{{test}}`) inside a loop that {{candidates}}, and the scores are used to pick one: choosing among candidates by their test scores tunes the choice to the test set, and the winner's test score is biased upward. To fix: choose with cross-validation or a validation split carved out of the training data (`GridSearchCV`, `train_test_split(X_train, …)`), and score only the chosen model on the test split, once.",
      stoppedOnTest:
        "`{{keyword}}` hands the test split (`{{test}}`) to `{{call}}`, which {{selector}} by it: the test set then chooses the model, and its score is biased upward. To fix: monitor a validation split carved out of the training data (`train_test_split(X_train, …)`) and keep the test split for one final evaluation.",
    },
  },
  create(context) {
    return {
      "module:exit"(root: PyNode) {
        const leakage = leakageOf(root);
        if (!leakage.splits.some((split) => split.kind === "holdout")) return;
        const { sourceCode } = context;
        const reportedLoops = new Set<PyNode>();
        let sites: ReturnType<typeof choosingSites> | undefined;
        for (const call of callsIn(root)) {
          const loop = outermostLoop(call);
          if (!loop || reportedLoops.has(loop)) continue;
          const scoring = scoringOf(leakage, call);
          if (!scoring) continue;
          const candidates = candidatesOf(leakage, loop, scoring);
          sites ??= choosingSites(leakage);
          if (!candidates || !chosenBy(leakage, call, sites)) continue;
          reportedLoops.add(loop);
          const callee = field(call, "function")!;
          context.report({ node: call, messageId: "selectedOnTest", data: { call: sourceCode.getText(callee), test: scoring.test.definition.path, candidates } });
        }
        for (const fit of leakage.fits) {
          const args = field(fit.call, "arguments");
          for (const argument of args?.children ?? []) {
            if (argument.type !== "keyword_argument" || !MONITORED_KEYWORDS.has(field(argument, "name")?.text ?? "")) continue;
            const value = field(argument, "value");
            const test = value ? testPart(leakage, value) : undefined;
            if (!value || !test) continue;
            const stopping = [...SELECTING_KEYWORDS].find((keyword) => keywordArgument(fit.call, keyword));
            const callbacks = keywordArgument(fit.call, "callbacks");
            if (!stopping && !(callbacks && buildsSelectingCallback(leakage, callbacks))) continue;
            context.report({
              node: value,
              messageId: "stoppedOnTest",
              data: {
                keyword: field(argument, "name")!.text!,
                test: test.definition.path,
                call: `${fit.receiver ? `${sourceCode.getText(fit.receiver)}.` : ""}${shortName(fit.method)}`,
                selector: stopping ? `stops early (\`${stopping}\`)` : "stops early or keeps the best checkpoint",
              },
            });
          }
        }
      },
    };
  },
});
