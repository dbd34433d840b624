import { createRule } from "../src/rules-kit/create-rule.js";
import { PyNode, field } from "../src/languages/python/nodes.js";
import { isPandas, valueKindsOf } from "../src/analysis/types/value-kinds.js";

type MessageIds = "values";

export default createRule<[], MessageIds>({
  name: "dataframe-values",
  meta: {
    category: "ml-api-smell",
    severity: "warning",
    description: "`.values` on a pandas DataFrame or Series, whose result type depends on the data",
    recommended: true,
    scope: "file",
    messages: {
      values:
        "`{{text}}` uses `.values` on a pandas {{kind}}: depending on the column types it returns a NumPy array, an extension array or an object array, and it may copy or not, so the code downstream gets a different type when the data changes. To fix: use `{{object}}.to_numpy()` (or `.array` for the extension array), which says what you get.",
    },
  },
  create(context) {
    return {
      attribute(node: PyNode) {
        if (field(node, "attribute")?.text !== "values") return;
        // `.values()` is a method call: a dict (or a mapping), not pandas.
        if (node.parent?.type === "call" && field(node.parent, "function") === node) return;
        const object = field(node, "object");
        const kind = valueKindsOf(context.sourceCode.ast).of(object);
        if (!isPandas(kind) || !object) return;
        context.report({
          node,
          messageId: "values",
          data: { text: context.sourceCode.getText(node), object: context.sourceCode.getText(object), kind: kind === "pandas.Series" ? "Series" : kind === "pandas.DataFrame" ? "DataFrame" : "object" },
        });
      },
    };
  },
});
