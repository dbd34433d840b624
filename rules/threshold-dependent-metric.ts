import { createRule } from "../src/rules-kit/create-rule.js";
import { PyNode, field } from "../src/languages/python/nodes.js";
import { importsOf } from "../src/project/python/imports.js";
import { callsIn } from "../src/rules-kit/python-syntax.js";

type MessageIds = "onlyThresholdMetrics";

/** Metrics of hard predictions: each depends on where the decision threshold sits. */
const THRESHOLD_DEPENDENT = /^sklearn\.metrics\.(accuracy_score|balanced_accuracy_score|f1_score|fbeta_score|precision_score|recall_score|jaccard_score|matthews_corrcoef|confusion_matrix|classification_report|precision_recall_fscore_support|zero_one_loss|hamming_loss|cohen_kappa_score|ConfusionMatrixDisplay)$/u;
/** Metrics of scores over every threshold, and calibration losses. */
const THRESHOLD_INDEPENDENT = /^(sklearn\.metrics\.(roc_auc_score|average_precision_score|log_loss|brier_score_loss|roc_curve|precision_recall_curve|det_curve|auc|RocCurveDisplay|PrecisionRecallDisplay|DetCurveDisplay|top_k_accuracy_score|d2_log_loss_score)|sklearn\.calibration\.(calibration_curve|CalibrationDisplay)|torchmetrics\.(AUROC|AveragePrecision)|torchmetrics\.functional\.(auroc|average_precision))$/u;
/** Methods that give scores rather than hard labels. */
const SCORE_METHODS = new Set(["predict_proba", "decision_function", "predict_log_proba"]);

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
        "`{{metric}}` judges hard predictions at one decision threshold, and this {{program}} computes no threshold-independent metric, although the model gives scores ({{evidence}}): a model that ranks cases better can look worse at the default 0.5, so the better model gets discarded, and nobody sees how precision trades against recall. To fix: also report `roc_auc_score` or `average_precision_score` (and a precision-recall curve), and choose the threshold as a documented, versioned step.",
    },
  },
  create(context) {
    return {
      "module:exit"(root: PyNode) {
        const imports = importsOf(root);
        const calls = callsIn(root);
        let first: PyNode | undefined;
        let evidence: string | undefined;
        for (const call of calls) {
          const name = imports.calleeName(call);
          if (name && THRESHOLD_INDEPENDENT.test(name)) return;
          if (name && THRESHOLD_DEPENDENT.test(name)) first ??= call;
          const callee = field(call, "function");
          const method = callee?.type === "attribute" ? field(callee, "attribute")?.text : undefined;
          if (method && SCORE_METHODS.has(method)) evidence ??= `\`${method}\` is called`;
        }
        if (!first || !evidence) return;
        const program = "ipynb" === context.physicalFilename.split(".").pop() ? "notebook" : "file";
        context.report({ node: first, messageId: "onlyThresholdMetrics", data: { metric: context.sourceCode.getText(field(first, "function")), program, evidence } });
      },
    };
  },
});
