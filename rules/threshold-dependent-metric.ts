import { createRule } from "../src/rules-kit/create-rule.js";
import { PyNode, field } from "../src/languages/python/nodes.js";
import { importsOf } from "../src/project/python/imports.js";
import { callsIn, keywordArgument } from "../src/rules-kit/python-syntax.js";
import { flowOf } from "../src/analysis/dataflow/program-flow.js";

type MessageIds = "onlyThresholdMetrics";

/** Metrics of hard predictions: each depends on where the decision threshold sits. */
const THRESHOLD_DEPENDENT = /^sklearn\.metrics\.(accuracy_score|balanced_accuracy_score|f1_score|fbeta_score|precision_score|recall_score|jaccard_score|matthews_corrcoef|confusion_matrix|classification_report|precision_recall_fscore_support|zero_one_loss|hamming_loss|cohen_kappa_score|ConfusionMatrixDisplay)$/u;
/** Metrics of scores over every threshold, and calibration losses. */
const THRESHOLD_INDEPENDENT = /^(sklearn\.metrics\.(roc_auc_score|average_precision_score|log_loss|brier_score_loss|roc_curve|precision_recall_curve|det_curve|auc|RocCurveDisplay|PrecisionRecallDisplay|DetCurveDisplay|top_k_accuracy_score|d2_log_loss_score)|sklearn\.calibration\.(calibration_curve|CalibrationDisplay)|torchmetrics\.(AUROC|AveragePrecision)|torchmetrics\.functional\.(auroc|average_precision))$/u;
/** Methods that give scores rather than hard labels. */
const SCORE_METHODS = new Set(["predict_proba", "decision_function", "predict_log_proba"]);

/** `[:, 1]` or `[:, -1]`: the positive class's column. */
function positiveColumn(index: PyNode[]): boolean {
  const [rows, column] = index;
  if (index.length !== 2 || rows?.type !== "slice" || rows.children.length > 0 || !column) return false;
  if (column.type === "integer") return column.text === "1";
  return column.type === "unary_operator" && column.operator === "-" && column.children[0]?.text === "1";
}

/** True when a subtree calls one of the score methods. */
function callsScores(node: PyNode | null | undefined): boolean {
  return callsIn(node ?? undefined).some((call) => {
    const callee = field(call, "function");
    return callee?.type === "attribute" && SCORE_METHODS.has(field(callee, "attribute")?.text ?? "");
  });
}

/**
 * Evidence that the program has scores of a binary classifier: the positive class's column
 * (`predict_proba(X)[:, 1]`), scores cut at a number (`proba > 0.5`), or a metric told which label
 * is positive (`pos_label=`, `average="binary"`). Multi-class reports (a confusion matrix of ten
 * digits) are left alone.
 */
function binaryScores(root: PyNode, metrics: PyNode[]): string | null {
  const flow = flowOf(root);
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    stack.push(...node.children);
    if (node.type === "subscript" && callsScores(field(node, "value")) && positiveColumn(node.children.slice(1))) {
      return "the positive class's scores are taken with `[:, 1]`";
    }
    if (node.type === "comparison_operator" && node.children.some((side) => side.type === "float")) {
      const side = node.children.find((part) => part.type !== "float");
      if (side && (callsScores(side) || [...flow.lineageOfExpression(side)].some((definition) => callsScores(definition.value)))) return "scores are cut at a fixed threshold";
    }
  }
  if (callsScores(root) && metrics.some((call) => keywordArgument(call, "pos_label") || keywordArgument(call, "average")?.text?.includes("binary"))) return "the metric is told which label is positive";
  return null;
}

export default createRule<[], MessageIds>({
  name: "threshold-dependent-metric",
  meta: {
    category: "ml-api-smell",
    severity: "info",
    description: "A classifier with scores judged only by metrics of one decision threshold (accuracy, F1, precision, recall)",
    recommended: true,
    scope: "file",
    messages: {
      onlyThresholdMetrics:
        "`{{metric}}` judges hard predictions at one decision threshold, and this {{program}} computes no threshold-independent metric, although it has a binary classifier's scores ({{evidence}}): a model that ranks cases better can look worse at the default 0.5, so the better model gets discarded, and nobody sees how precision trades against recall. To fix: also report `roc_auc_score` or `average_precision_score` (and a precision-recall curve), and choose the threshold as a documented, versioned step.",
    },
  },
  create(context) {
    return {
      "module:exit"(root: PyNode) {
        const imports = importsOf(root);
        const calls = callsIn(root);
        const metrics: PyNode[] = [];
        for (const call of calls) {
          const name = imports.calleeName(call);
          if (name && THRESHOLD_INDEPENDENT.test(name)) return;
          if (name && THRESHOLD_DEPENDENT.test(name)) metrics.push(call);
        }
        const first = metrics[0];
        const evidence = first ? binaryScores(root, metrics) : null;
        if (!first || !evidence) return;
        const program = "ipynb" === context.physicalFilename.split(".").pop() ? "notebook" : "file";
        context.report({ node: first, messageId: "onlyThresholdMetrics", data: { metric: context.sourceCode.getText(field(first, "function")), program, evidence } });
      },
    };
  },
});
