import { createRule } from "../src/rules-kit/create-rule.js";
import { PyNode, field } from "../src/languages/python/nodes.js";
import { isPandas, valueKindsOf } from "../src/analysis/types/value-kinds.js";

type MessageIds = "chainedAssignment";

const INDEXERS = new Set(["loc", "iloc", "at", "iat"]);

/** The object a subscript indexes, seen through `.loc`/`.iloc` (`df` of `df.loc[m]`). */
function indexed(subscript: PyNode): PyNode | undefined {
  const value = field(subscript, "value");
  if (value?.type === "attribute" && INDEXERS.has(field(value, "attribute")?.text ?? "")) return field(value, "object");
  return value;
}

export default createRule<[], MessageIds>({
  name: "chained-indexing",
  meta: {
    category: "ml-api-smell",
    severity: "error",
    description: "Assignments through two pandas indexing steps (`df[mask][\"col\"] = v`), which may write to a temporary copy",
    recommended: true,
    scope: "file",
    messages: {
      chainedAssignment:
        "`{{target}}` indexes twice before assigning: the first step may return a copy, so the assignment can change a temporary object and leave `{{frame}}` as it was (pandas may warn, or not; under Copy-on-Write it never writes through). The feature is then silently wrong for every row you meant to change. To fix: index once with `.loc`, e.g. `{{frame}}.loc[rows, column] = value`.",
    },
  },
  create(context) {
    const check = (target: PyNode | undefined) => {
      if (target?.type !== "subscript") return;
      const inner = indexed(target);
      if (inner?.type !== "subscript") return;
      const frame = indexed(inner);
      if (!frame || !isPandas(valueKindsOf(context.sourceCode.ast).of(frame))) return;
      context.report({ node: target, messageId: "chainedAssignment", data: { target: context.sourceCode.getText(target), frame: context.sourceCode.getText(frame) } });
    };
    return {
      assignment(node: PyNode) {
        check(field(node, "left"));
      },
      augmented_assignment(node: PyNode) {
        check(field(node, "left"));
      },
    };
  },
});
