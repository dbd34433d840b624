import { createRule } from "../src/rules-kit/create-rule.js";
import { field, type PyNode } from "../src/languages/python/nodes.js";
import { callsIn, positionalArguments } from "../src/rules-kit/python-syntax.js";
import { leakageOf, type FitSite, type ProgramLeakage, type SplitSite } from "../src/analysis/leakage/program-leakage.js";
import { shortName } from "../src/analysis/leakage/learned-statistics.js";
import { projectFile } from "../src/rules-kit/project-context.js";
import { relatedNode } from "../src/rules-kit/related-location.js";
import { relatedSuffix } from "../src/results/related.js";

type MessageIds = "testInFit" | "refitOnTest";

const APPLY_METHODS = new Set(["predict", "predict_proba", "decision_function", "score", "transform", "evaluate"]);

/**
 * Manual cross-fitting (`model.fit(X2, y2).predict(X1)` after `model.fit(X1, y1).predict(X2)`):
 * the model fit on the held-out half is applied to the training half, so the halves swapped roles.
 */
function scoredOnTrainingPart(leakage: ProgramLeakage, fit: FitSite, split: SplitSite): boolean {
  const fitted = new Set(leakage.flow.definitionsAt(fit.call));
  return callsIn(leakage.root).some((call) => {
    const callee = field(call, "function");
    if (callee?.type !== "attribute" || !APPLY_METHODS.has(field(callee, "attribute")?.text ?? "")) return false;
    const receiver = field(callee, "object");
    const fromFit = receiver === fit.call || (receiver !== undefined && leakage.flow.reachingAt(receiver).some((definition) => fitted.has(definition)));
    if (!fromFit) return false;
    const data = positionalArguments(call)[0];
    return data !== undefined && leakage.rolesOf(data).some((hit) => hit.split === split && hit.role === "train");
  });
}

export default createRule<[], MessageIds>({
  name: "test-data-in-fit",
  meta: {
    category: "data-leakage",
    severity: "error",
    description: "A model or preprocessing step fit on data that comes from the test split",
    recommended: true,
    scope: "file",
    messages: {
      testInFit:
        "`{{call}}` is fit on `{{argument}}`, which comes from the test split (`{{test}}`, made by `{{split}}` at {{where}}). A model that has seen the test rows is scored on what it memorised, so the test score says nothing about new data. To fix: fit on the training split only, and keep the test split for one final evaluation.{{related}}",
      refitOnTest:
        "`{{call}}` fits `{{receiver}}` again on `{{argument}}`, which comes from the test split (`{{test}}`, made by `{{split}}` at {{where}}): the test rows are transformed with their own statistics instead of the training ones, and the test score no longer measures how the pipeline handles new data. To fix: fit on the training split and call `{{receiver}}.transform({{argument}})` on the test data.{{related}}",
    },
  },
  create(context) {
    return {
      "module:exit"(root: PyNode) {
        const leakage = leakageOf(root);
        if (leakage.splits.length === 0) return;
        const { sourceCode } = context;
        for (const fit of leakage.fits) {
          for (const argument of fit.data) {
            // A model scored on features scaled by a test-fit scaler is reported once, at that scaler's fit.
            const test = leakage.rolesOf(argument, { throughFittedObjects: false }).find((hit) => hit.role === "test");
            if (!test || scoredOnTrainingPart(leakage, fit, test.split)) continue;
            const refit = fit.method === "fit_transform" && (fit.receiver?.type === "identifier" || fit.receiver?.type === "attribute");
            const related = relatedSuffix([relatedNode(sourceCode, projectFile(context), test.definition.target, "test split made here")]);
            context.report({
              node: argument,
              messageId: refit ? "refitOnTest" : "testInFit",
              data: {
                call: `${fit.receiver ? `${sourceCode.getText(fit.receiver)}.` : ""}${shortName(fit.method)}`,
                receiver: fit.receiver ? sourceCode.getText(fit.receiver) : "",
                argument: sourceCode.getText(argument),
                test: test.definition.path,
                split: shortName(test.split.api),
                where: sourceCode.describeLine(test.definition.target.loc.start.line),
                related,
              },
            });
            break;
          }
        }
      },
    };
  },
});
