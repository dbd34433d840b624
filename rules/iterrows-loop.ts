import { createRule } from "../src/rules-kit/create-rule.js";
import { PyNode, field } from "../src/languages/python/nodes.js";
import { importsOf } from "../src/project/python/imports.js";
import { isPandas, valueKindsOf } from "../src/analysis/types/value-kinds.js";

type MessageIds = "rowLoop";

const ROW_ITERATORS = new Set(["iterrows", "itertuples"]);

export default createRule<[], MessageIds>({
  name: "iterrows-loop",
  meta: {
    category: "ml-api-smell",
    severity: "info",
    description: "Python loops over the rows of a pandas DataFrame (`iterrows`, `itertuples`) where a vectorized operation would do",
    recommended: true,
    scope: "file",
    messages: {
      rowLoop:
        "This loop walks `{{frame}}` row by row with `{{method}}()`: {{cost}}, the loop is often orders of magnitude slower than the column operation it stands for, and feature code written this way is hard to share with a serving path. To fix: write the computation on whole columns (`df['a'] / df['b']`, `np.where`, `Series.map`, `groupby().transform`); keep a row loop only for work that cannot be vectorized.",
    },
  },
  create(context) {
    return {
      for_statement(node: PyNode) {
        const iterable = field(node, "right");
        if (iterable?.type !== "call") return;
        const callee = field(iterable, "function");
        const method = callee?.type === "attribute" ? field(callee, "attribute")?.text : undefined;
        if (!method || !ROW_ITERATORS.has(method)) return;
        const root = context.sourceCode.ast;
        const frame = field(callee!, "object");
        const kind = valueKindsOf(root).of(frame);
        // `iterrows`/`itertuples` are pandas' own names: an object of unknown kind counts when the program uses pandas.
        if (!isPandas(kind) && (kind !== null || !importsOf(root).importsModule("pandas"))) return;
        context.report({
          node: iterable,
          messageId: "rowLoop",
          data: {
            frame: context.sourceCode.getText(frame!),
            method,
            cost: method === "iterrows" ? "each row becomes a new Series (its dtypes mixed into one), and" : "each row becomes a Python tuple, and",
          },
        });
      },
    };
  },
});
