import { createRule } from "../src/rules-kit/create-rule.js";
import type { PyNode } from "../src/languages/python/nodes.js";
import { leakageOf } from "../src/analysis/leakage/program-leakage.js";
import { shortName } from "../src/analysis/leakage/learned-statistics.js";
import { projectFile } from "../src/rules-kit/project-context.js";
import { relatedNode } from "../src/rules-kit/related-location.js";
import { relatedSuffix } from "../src/results/related.js";

type MessageIds = "testInFit" | "refitOnTest";

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
            if (!test) continue;
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
