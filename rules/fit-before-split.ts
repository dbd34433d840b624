import { createRule } from "../src/rules-kit/create-rule.js";
import { field, type PyNode } from "../src/languages/python/nodes.js";
import { callsIn, positionalArguments } from "../src/rules-kit/python-syntax.js";
import { leakageOf, sameFunction, type FitSite, type ProgramLeakage, type SplitSite } from "../src/analysis/leakage/program-leakage.js";
import { learnedStatistics, shortName } from "../src/analysis/leakage/learned-statistics.js";
import type { Definition } from "../src/analysis/dataflow/program-flow.js";
import { projectFile } from "../src/rules-kit/project-context.js";
import { relatedNode } from "../src/rules-kit/related-location.js";
import { relatedSuffix } from "../src/results/related.js";

type MessageIds = "beforeSplit" | "afterSplit" | "beforeCrossValidation";

/** The definitions a fit's result flows into: the fitted object, and what its return value is assigned to. */
function fedBy(leakage: ProgramLeakage, fit: FitSite): Set<Definition> {
  const fed = new Set<Definition>(leakage.flow.definitionsAt(fit.call));
  const [start, end] = fit.call.range;
  for (const definition of leakage.flow.definitions) {
    const value = definition.value;
    // A `def` or `class` holding the fit is not its result.
    if (value && value.range[0] <= start && value.range[1] >= end && definition.kind !== "definition") fed.add(definition);
  }
  return fed;
}

/** Methods that apply a fitted object to data. */
const APPLY_METHODS = new Set(["transform", "predict", "predict_proba", "predict_log_proba", "decision_function", "score", "inverse_transform"]);

/** True when the fitted object is later applied to data that comes from a split (`scaler.transform(X_test)`). */
function appliedToSplitData(leakage: ProgramLeakage, fed: Set<Definition>, root: PyNode): boolean {
  return callsIn(root).some((call) => {
    const callee = field(call, "function");
    if (callee?.type !== "attribute" || !APPLY_METHODS.has(field(callee, "attribute")?.text ?? "")) return false;
    const receiver = field(callee, "object");
    if (!receiver || !leakage.flow.reachingAt(receiver).some((definition) => fed.has(definition))) return false;
    return positionalArguments(call).some((argument) => leakage.rolesOf(argument).length > 0);
  });
}

interface Leak {
  split: SplitSite;
  messageId: MessageIds;
}

/**
 * The split that makes the fit a leak: one whose data derives from the fit's result (the
 * transformed data is split), or one that splits the very rows fit on while the fitted object is
 * applied to the split's parts (before or after the fit in program order).
 */
function leakOf(leakage: ProgramLeakage, fit: FitSite, data: PyNode, root: PyNode, lineages: Map<SplitSite, Set<Definition>>): Leak | null {
  const fed = fedBy(leakage, fit);
  const rows = leakage.rowSources(data);
  const candidates = leakage.splits.filter((split) => split.call !== fit.call).sort((a, b) => a.call.range[0] - b.call.range[0]);
  let sameRows: SplitSite | null = null;
  for (const split of candidates) {
    let lineage = lineages.get(split);
    if (!lineage) {
      lineage = leakage.flow.lineageOf(split.data.flatMap((part) => [...leakage.flow.sourcesOf(part)]));
      lineages.set(split, lineage);
    }
    if ([...fed].some((definition) => lineage!.has(definition))) return { split, messageId: split.kind === "holdout" ? "beforeSplit" : "beforeCrossValidation" };
    if (!sameRows && split.kind !== "cv-internal" && sameFunction(split.call, fit.call) && [...rows].some((definition) => lineage!.has(definition))) sameRows = split;
  }
  if (!sameRows || !appliedToSplitData(leakage, fed, root)) return null;
  const after = sameRows.call.range[0] > fit.call.range[1];
  return { split: sameRows, messageId: after ? (sameRows.kind === "holdout" ? "beforeSplit" : "beforeCrossValidation") : "afterSplit" };
}

export default createRule<[], MessageIds>({
  name: "fit-before-split",
  meta: {
    category: "data-leakage",
    severity: "warning",
    description: "Preprocessing fit on all rows, test rows included, instead of on the training split",
    recommended: true,
    scope: "file",
    messages: {
      beforeSplit:
        "`{{learner}}.{{method}}` learns its {{learned}} from every row, and the same data is split into train and test later (`{{split}}`, {{where}}). The test rows have then shaped the training features, so the test score overstates how the model does on new data. To fix: split first and fit `{{learner}}` on the training part only, or put it in a `Pipeline` with the model and fit the pipeline on the training split.{{related}}",
      afterSplit:
        "`{{learner}}.{{method}}` learns its {{learned}} from every row, although the data was already split into train and test (`{{split}}`, {{where}}), and the fitted `{{learner}}` is then applied to the split parts. The test rows have shaped the training features, so the test score overstates how the model does on new data. To fix: fit `{{learner}}` on the training part only, or put it in a `Pipeline` with the model and fit the pipeline on the training split.{{related}}",
      beforeCrossValidation:
        "`{{learner}}.{{method}}` learns its {{learned}} from every row, and the same data is cross-validated later (`{{split}}`, {{where}}). Each fold's held-out rows have then shaped the features it is scored on, so the cross-validated score is optimistic. To fix: put `{{learner}}` in a `Pipeline` with the model and cross-validate the pipeline, so every fold fits it on its own training rows.{{related}}",
    },
  },
  create(context) {
    return {
      "module:exit"(root: PyNode) {
        const leakage = leakageOf(root);
        if (leakage.splits.length === 0) return;
        const lineages = new Map<SplitSite, Set<Definition>>();
        for (const fit of leakage.fits) {
          const data = fit.data[0];
          if (!fit.learner || !data) continue;
          // Data that already comes from a split is fit after it.
          if (leakage.rolesOf(data).length > 0) continue;
          const leak = leakOf(leakage, fit, data, root, lineages);
          if (!leak) continue;
          const { split, messageId } = leak;
          const line = split.call.loc.start.line;
          const related = relatedSuffix([relatedNode(context.sourceCode, projectFile(context), split.call, "split here")]);
          context.report({
            node: fit.call,
            messageId,
            data: {
              learner: shortName(fit.learner.name),
              method: fit.method,
              learned: learnedStatistics(fit.learner.name),
              split: shortName(split.api),
              where: context.sourceCode.describeLine(line),
              related,
            },
          });
        }
      },
    };
  },
});
