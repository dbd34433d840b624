import { createRule } from "../src/rules-kit/create-rule.js";
import { PyNode, field } from "../src/languages/python/nodes.js";
import { importsOf } from "../src/project/python/imports.js";
import { hasSplatArguments, keywordArgument, positionalArguments } from "../src/rules-kit/python-syntax.js";
import { isPandas, valueKindsOf } from "../src/analysis/types/value-kinds.js";

type MessageIds = "noKeys";

const KEY_ARGUMENTS = ["on", "left_on", "right_on", "left_index", "right_index"];

export default createRule<[], MessageIds>({
  name: "merge-without-keys",
  meta: {
    category: "ml-api-smell",
    severity: "warning",
    description: "pandas merges that do not say which columns to join on",
    recommended: true,
    scope: "file",
    messages: {
      noKeys:
        "`{{call}}` does not say which columns to join on, so pandas joins on every column the two frames share: add a column to either table later (a `date`, an `id` from another source) and the join silently changes, dropping or multiplying rows. To fix: pass `on=` (or `left_on=`/`right_on=`), and `how=` and `validate=` (`\"one_to_one\"`, `\"many_to_one\"`) so a duplicated key fails loudly.",
    },
  },
  create(context) {
    return {
      call(node: PyNode) {
        const root = context.sourceCode.ast;
        const callee = field(node, "function");
        const name = importsOf(root).calleeName(node);
        let isMerge = name === "pandas.merge";
        if (!isMerge && callee?.type === "attribute" && field(callee, "attribute")?.text === "merge" && !name) {
          isMerge = isPandas(valueKindsOf(root).of(field(callee, "object")));
        }
        if (!isMerge || hasSplatArguments(node)) return;
        // pd.merge(left, right, how, on, …): `on` may be the fourth positional argument.
        const positionalOn = name === "pandas.merge" ? positionalArguments(node)[3] : positionalArguments(node)[2];
        if (positionalOn || KEY_ARGUMENTS.some((key) => keywordArgument(node, key))) return;
        context.report({ node, messageId: "noKeys", data: { call: context.sourceCode.getText(callee) } });
      },
    };
  },
});
