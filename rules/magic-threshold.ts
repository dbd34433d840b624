import { createRule } from "../src/rules-kit/create-rule.js";
import { PyNode, field } from "../src/languages/python/nodes.js";
import { projectFile } from "../src/rules-kit/project-context.js";
import { descendants, moduleScopeOf, type ModuleScope } from "../src/project/python/scope.js";
import { literalValue } from "../src/project/python/literals.js";
import { constInitializer, scriptQualifiedName } from "../src/project/script/imports.js";
import type { Rule } from "eslint";
import type * as ESTree from "estree";

type MessageIds = "literalThreshold" | "constantThreshold";
type Options = [{ ignoreTests: boolean; allow: number[] }];

const COMPARISONS = new Set(["<", "<=", ">", ">="]);
/** Methods that return a model's scores or predictions. */
const SCORE_METHODS = new Set(["predict_proba", "predict_log_proba", "decision_function", "predict", "predict_on_batch", "score_samples", "sigmoid", "softmax"]);
/** Functions that turn logits into probabilities. */
const SCORE_FUNCTIONS = new Set([
  "torch.sigmoid",
  "torch.softmax",
  "torch.nn.functional.sigmoid",
  "torch.nn.functional.softmax",
  "tensorflow.sigmoid",
  "tensorflow.nn.sigmoid",
  "tensorflow.nn.softmax",
  "tensorflow.math.sigmoid",
  "tensorflow.keras.activations.sigmoid",
  "keras.activations.sigmoid",
  "scipy.special.expit",
  "scipy.special.softmax",
  "jax.nn.sigmoid",
  "jax.nn.softmax",
]);
/** Name parts that say a value is a probability or confidence. */
const SCORE_NAME_PARTS = new Set(["proba", "probas", "prob", "probs", "probability", "probabilities", "confidence"]);
const TEST_FILE = /(?:^|\/)(?:tests?\/|test_[^/]*\.py$|[^/]*_test\.py$|conftest\.py$)/u;
const MAX_FOLLOW = 4;

function isScoreCall(call: PyNode, scope: ModuleScope): boolean {
  const callee = field(call, "function");
  if (callee?.type === "attribute" && SCORE_METHODS.has(field(callee, "attribute")?.text ?? "") && scope.imports.calleeName(call) === null) return true;
  const name = scope.imports.calleeName(call);
  return name !== null && SCORE_FUNCTIONS.has(name);
}

function hasScoreName(node: PyNode): boolean {
  return node.type === "identifier" && (node.text ?? "").toLowerCase().split("_").some((part) => SCORE_NAME_PARTS.has(part));
}

/** True when an expression holds a model's score: a score call in it, a probability-like name, or a name assigned one. */
function isScore(node: PyNode, scope: ModuleScope, depth = 0): boolean {
  if (depth > MAX_FOLLOW) return false;
  if (hasScoreName(node)) return true;
  const candidates = node.type === "call" ? [node, ...descendants(node, "call")] : descendants(node, "call");
  if (candidates.some((call) => isScoreCall(call, scope))) return true;
  const names = node.type === "identifier" ? [node] : descendants(node, "identifier");
  for (const name of names) {
    if (hasScoreName(name)) return true;
    const binding = scope.singleBinding(name);
    if (binding?.kind === "assignment" && binding.value && binding.value !== node && isScore(binding.value, scope, depth + 1)) return true;
  }
  return false;
}

/** A probability-like threshold: a literal in (0, 1), or a module constant assigned one. */
function thresholdOf(node: PyNode, scope: ModuleScope): { value: number; constant?: PyNode } | null {
  const literal = literalValue(node, scope);
  if (typeof literal === "number" && node.type !== "identifier") return literal > 0 && literal < 1 ? { value: literal } : null;
  if (node.type !== "identifier") return null;
  const binding = scope.singleBinding(node);
  if (binding?.kind !== "assignment" || !binding.value || binding.scope !== scope.root) return null;
  const value = literalValue(binding.value, scope);
  return typeof value === "number" && value > 0 && value < 1 ? { value, constant: binding.target } : null;
}

// ── JavaScript/TypeScript (TensorFlow.js) ──────────────────────────────────────────────────

/** TensorFlow.js model methods that return scores, and tensor reads that pass them on. */
const SCRIPT_SCORE_METHODS = new Set(["predict", "predictOnBatch", "executeAsync", "sigmoid", "softmax"]);
const SCRIPT_SCORE_FUNCTIONS = /^@tensorflow\/tfjs(?:-node(?:-gpu)?)?\.(?:sigmoid|softmax)$/u;

type ScriptSource = Rule.RuleContext["sourceCode"];

function hasScriptScoreName(name: string): boolean {
  return name
    .replace(/([a-z0-9])([A-Z])/gu, "$1_$2")
    .toLowerCase()
    .split("_")
    .some((part) => SCORE_NAME_PARTS.has(part));
}

/** True when an expression holds a model's score: a score call in it, a probability-like name, or a `const` initialised with one. */
function isScriptScore(node: ESTree.Node, sourceCode: ScriptSource, depth = 0): boolean {
  if (depth > MAX_FOLLOW) return false;
  switch (node.type) {
    case "Identifier": {
      if (hasScriptScoreName(node.name)) return true;
      const initializer = constInitializer(node, sourceCode);
      return initializer !== null && isScriptScore(initializer, sourceCode, depth + 1);
    }
    case "CallExpression": {
      const callee = node.callee;
      if (callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier" && SCRIPT_SCORE_METHODS.has(callee.property.name) && scriptQualifiedName(callee, sourceCode) === null) return true;
      if (SCRIPT_SCORE_FUNCTIONS.test(scriptQualifiedName(callee, sourceCode) ?? "")) return true;
      return callee.type === "MemberExpression" && isScriptScore(callee.object, sourceCode, depth + 1);
    }
    case "MemberExpression":
      return isScriptScore(node.object, sourceCode, depth + 1);
    case "AwaitExpression":
      return isScriptScore(node.argument, sourceCode, depth + 1);
    default:
      return false;
  }
}

/** A probability-like threshold: a number literal in (0, 1), or a `const` initialised with one. */
function scriptThreshold(node: ESTree.Node, sourceCode: ScriptSource): { value: number; constant?: ESTree.Identifier } | null {
  if (node.type === "Literal" && typeof node.value === "number") return node.value > 0 && node.value < 1 ? { value: node.value } : null;
  if (node.type !== "Identifier") return null;
  const initializer = constInitializer(node, sourceCode);
  return initializer?.type === "Literal" && typeof initializer.value === "number" && initializer.value > 0 && initializer.value < 1 ? { value: initializer.value, constant: node } : null;
}

/**
 * True when the comparison is handed straight to a metric (`f1_score(y, proba > 0.5)`): a
 * threshold-dependent metric is an API smell of its own, fixed by a threshold-free metric rather
 * than by moving the threshold.
 */
function feedsMetric(node: PyNode, scope: ModuleScope): boolean {
  let current = node;
  while (current.parent?.type === "parenthesized_expression") current = current.parent;
  const holder = current.parent?.type === "keyword_argument" ? current.parent.parent : current.parent;
  const call = holder?.type === "argument_list" ? holder.parent : null;
  const callee = call?.type === "call" ? scope.imports.calleeName(call) : null;
  return callee !== null && /^(?:sklearn\.metrics|torchmetrics|evaluate)\./u.test(callee);
}

function insideAssert(node: PyNode): boolean {
  for (let current = node.parent; current; current = current.parent) if (current.type === "assert_statement") return true;
  return false;
}

export default createRule<Options, MessageIds>({
  name: "magic-threshold",
  meta: {
    category: "configuration-sprawl",
    severity: "warning",
    description: "Decision thresholds on model scores fixed in code (`proba > 0.73`)",
    recommended: true,
    scope: "file",
    messages: {
      literalThreshold:
        "`{{text}}` decides on a model score with a threshold fixed in code. A threshold is right only for the score distribution of the model it was picked for; after retraining or drift in the data it silently means something else, and nobody reviews it as a setting. To fix: derive the threshold on validation data in the pipeline and store it with the model (or at least in the config, noting how it was chosen), then read it here.",
      constantThreshold:
        "`{{text}}` decides on a model score with `{{name}}` = {{value}} ({{where}}), a threshold fixed in code. It was right for the model it was picked for; after retraining or drift in the data it silently means something else. To fix: derive the threshold on validation data in the pipeline and store it with the model, or move it to the config with a note on how it was chosen.",
    },
    schema: [
      {
        type: "object",
        additionalProperties: false,
        properties: {
          ignoreTests: { type: "boolean", description: "Leave test modules (`test_*.py`, `*_test.py`, `tests/`, `conftest.py`) alone." },
          allow: { type: "array", items: { type: "number" }, description: "Threshold values never to report (for example `[0.5]`, the default decision boundary)." },
        },
      },
    ],
    defaultOptions: [{ ignoreTests: true, allow: [] }],
  },
  create(context) {
    const [{ ignoreTests, allow }] = context.options;
    const file = projectFile(context);
    if (ignoreTests && TEST_FILE.test(file)) return {};
    let scope: ModuleScope | undefined;
    return {
      comparison_operator(node: PyNode) {
        const operators = node.operators;
        if (!Array.isArray(operators) || operators.length !== 1 || !COMPARISONS.has(String(operators[0])) || node.children.length !== 2) return;
        if (insideAssert(node)) return;
        scope ??= moduleScopeOf(context.sourceCode.ast, context.sourceCode.text, file);
        if (feedsMetric(node, scope)) return;
        const [left, right] = node.children as [PyNode, PyNode];
        for (const [threshold, score] of [
          [right, left],
          [left, right],
        ] as const) {
          const found = thresholdOf(threshold, scope);
          if (!found || allow.includes(found.value) || !isScore(score, scope)) continue;
          const text = context.sourceCode.getText(node);
          if (found.constant) {
            context.report({ node: threshold, messageId: "constantThreshold", data: { text, name: threshold.text!, value: String(found.value), where: context.sourceCode.describeLine(found.constant.loc.start.line) } });
          } else {
            context.report({ node: threshold, messageId: "literalThreshold", data: { text } });
          }
          return;
        }
      },
    };
  },
  createScript(context) {
    const [{ ignoreTests, allow }] = context.options;
    const file = projectFile(context);
    if (ignoreTests && (TEST_FILE.test(file) || /\.(?:test|spec)\.[cm]?[jt]sx?$/u.test(file))) return {};
    const sourceCode = context.sourceCode;
    return {
      BinaryExpression(node) {
        if (!COMPARISONS.has(node.operator) || node.left.type === "PrivateIdentifier") return;
        for (const [threshold, score] of [
          [node.right, node.left],
          [node.left, node.right],
        ] as const) {
          const found = scriptThreshold(threshold, sourceCode);
          if (!found || allow.includes(found.value) || !isScriptScore(score, sourceCode)) continue;
          const text = sourceCode.getText(node);
          if (found.constant) {
            const line = (constInitializer(found.constant, sourceCode) as ESTree.Node & { loc?: ESTree.SourceLocation }).loc?.start.line ?? 0;
            context.report({ node: threshold, messageId: "constantThreshold", data: { text, name: found.constant.name, value: String(found.value), where: `line ${line}` } });
          } else {
            context.report({ node: threshold, messageId: "literalThreshold", data: { text } });
          }
          return;
        }
      },
    };
  },
});
