import { createRule } from "../src/rules-kit/create-rule.js";
import { PyNode, field } from "../src/languages/python/nodes.js";
import { importsOf, type ImportTable } from "../src/project/python/imports.js";
import { positionalArguments } from "../src/rules-kit/python-syntax.js";
import { isPandas, valueKindsOf } from "../src/analysis/types/value-kinds.js";

type MessageIds = "nanEquality";

const NAN_CONSTANTS = new Set(["numpy.nan", "numpy.NaN", "numpy.NAN", "math.nan", "pandas.NA", "pandas.NaT"]);
const OPERATORS = new Set(["==", "!=", "is", "is not"]);

/** True when the node is a NaN constant: `np.nan`, `math.nan`, `pd.NA`, `float("nan")`. */
function isNan(node: PyNode | undefined, imports: ImportTable): boolean {
  if (!node) return false;
  const name = imports.qualifiedName(node);
  if (name && NAN_CONSTANTS.has(name)) return true;
  if (node.type === "call" && field(node, "function")?.type === "identifier" && field(node, "function")!.text === "float") {
    const argument = positionalArguments(node)[0];
    // The string's only part is its text (no replacement field): `"nan"`, `'NaN'`.
    const parts = argument?.type === "string" ? argument.children : [];
    return parts.length === 1 && parts[0]!.type === "string_content" && /^(nan|NaN|NAN)$/u.test(parts[0]!.text ?? "");
  }
  return false;
}

export default createRule<[], MessageIds>({
  name: "nan-equality",
  meta: {
    category: "ml-api-smell",
    severity: "error",
    description: "Comparisons with NaN (`== np.nan`), which are never true",
    recommended: true,
    scope: "file",
    messages: {
      nanEquality:
        "`{{text}}` compares with NaN, and NaN equals nothing, itself included: {{result}}, so the missing values it was meant to find are never found. To fix: use {{fix}}.",
    },
  },
  create(context) {
    return {
      comparison_operator(node: PyNode) {
        const imports = importsOf(context.sourceCode.ast);
        const operators = Array.isArray(node.operators) ? (node.operators as string[]) : [];
        if (operators.length !== 1 || !OPERATORS.has(operators[0]!)) return;
        const [left, right] = node.children;
        const nanSide = isNan(right, imports) ? right : isNan(left, imports) ? left : undefined;
        if (!nanSide) return;
        const other = nanSide === right ? left : right;
        const negated = operators[0] === "!=" || operators[0] === "is not";
        const otherText = other ? context.sourceCode.getText(other) : "x";
        const kind = valueKindsOf(context.sourceCode.ast).of(other);
        const fix = isPandas(kind)
          ? `\`${otherText}.${negated ? "notna" : "isna"}()\``
          : `\`${negated ? "~" : ""}np.isnan(${otherText})\` for arrays and numbers, or \`${otherText}.${negated ? "notna" : "isna"}()\` for pandas objects`;
        context.report({
          node,
          messageId: "nanEquality",
          data: {
            text: context.sourceCode.getText(node),
            result: operators[0]!.startsWith("is")
              ? "identity holds only for that one NaN object, not for the NaN values that arithmetic, readers and pandas produce"
              : negated
                ? "the test is true for every value, missing or not"
                : "the test is false for every value, missing or not",
            fix,
          },
        });
      },
    };
  },
});
