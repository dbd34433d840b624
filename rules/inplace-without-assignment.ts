import { createRule } from "../src/rules-kit/create-rule.js";
import { PyNode, field } from "../src/languages/python/nodes.js";
import { importsOf } from "../src/project/python/imports.js";
import { keywordArgument } from "../src/rules-kit/python-syntax.js";
import { isPandas, valueKindsOf, type ValueKind } from "../src/analysis/types/value-kinds.js";
import { writtenPath } from "../src/analysis/dataflow/access-path.js";
import type { NotebookSourceCode } from "../src/languages/notebook/language.js";
import { cellPositionOf } from "../src/languages/notebook/program.js";
import type { PythonSourceCode } from "../src/languages/python/source-code.js";

/** True for a module-level statement that ends its notebook cell (IPython displays its value). */
function lastInCell(statement: PyNode, sourceCode: PythonSourceCode): boolean {
  const notebook = (sourceCode as Partial<NotebookSourceCode>).notebook;
  if (!notebook || statement.parent?.type !== "module") return false;
  const cellOf = (node: PyNode) => cellPositionOf(notebook, node.loc.start.line, 0)?.cell;
  const siblings = statement.parent.children;
  const next = siblings[siblings.indexOf(statement) + 1];
  return !next || cellOf(next) !== cellOf(statement);
}

type MessageIds = "resultDiscarded" | "inplaceAssigned" | "tensorResultDiscarded";

/** pandas methods that return a new object (unless `inplace=True`, where they have one). */
const PANDAS_RETURNS_NEW = new Set([
  "dropna", "fillna", "drop", "drop_duplicates", "rename", "reset_index", "set_index", "sort_values", "sort_index",
  "replace", "where", "mask", "clip", "interpolate", "ffill", "bfill", "astype", "assign", "round", "abs", "query",
  "rename_axis", "transpose", "merge", "explode", "convert_dtypes", "infer_objects", "add_prefix", "add_suffix",
  "droplevel", "reindex", "set_axis", "apply", "map", "applymap", "shift", "diff",
]);
/** Of those, the ones that take `inplace=` (and then return None). */
const PANDAS_INPLACE = new Set(["dropna", "fillna", "drop", "drop_duplicates", "rename", "reset_index", "set_index", "sort_values", "sort_index", "replace", "where", "mask", "clip", "interpolate", "ffill", "bfill", "query", "rename_axis", "set_axis", "eval"]);
/** Tensor methods whose result is a new tensor (their in-place twins end in `_`). */
const TENSOR_RETURNS_NEW = new Set(["to", "cuda", "cpu", "float", "double", "half", "long", "int", "add", "sub", "mul", "div", "clamp", "relu", "sigmoid", "detach", "contiguous", "view", "reshape", "unsqueeze", "squeeze", "permute", "transpose", "t", "abs", "sqrt", "exp", "log", "pow", "masked_fill", "index_fill", "scatter"]);

function kindWord(kind: ValueKind | null): string {
  return kind === "pandas.Series" ? "Series" : kind === "pandas.DataFrame" ? "DataFrame" : "pandas object";
}

export default createRule<[], MessageIds>({
  name: "inplace-without-assignment",
  meta: {
    category: "ml-api-smell",
    severity: "error",
    description: "Calls whose result is thrown away because they do not change their object (or `inplace=True` results assigned)",
    recommended: true,
    scope: "file",
    messages: {
      resultDiscarded:
        "`{{call}}` returns a new {{kind}} and leaves `{{object}}` unchanged, and the result is thrown away here: the {{method}} step silently never happens, and everything after it sees the old data. To fix: assign the result (`{{object}} = {{call}}`).",
      inplaceAssigned:
        "`{{call}}` with `inplace=True` changes `{{object}}` and returns None, so `{{target}}` is None from here on. To fix: drop `inplace=True` and keep the assignment (`{{target}} = {{object}}.{{method}}(…)`), which is also the form pandas recommends.",
      tensorResultDiscarded:
        "`{{call}}` returns a new tensor and leaves `{{object}}` unchanged, and the result is thrown away here (unlike `module.{{method}}(…)`, which changes a module in place): the code after it still uses the old tensor{{device}}. To fix: assign the result (`{{object}} = {{call}}`){{inplaceHint}}.",
    },
  },
  create(context) {
    const kinds = () => valueKindsOf(context.sourceCode.ast);
    return {
      expression_statement(node: PyNode) {
        const call = node.children[0];
        if (node.children.length !== 1 || call?.type !== "call") return;
        const callee = field(call, "function");
        if (callee?.type !== "attribute") return;
        const method = field(callee, "attribute")?.text ?? "";
        const object = field(callee, "object");
        // A temporary (`(a + b).fillna(0)`) has no name to assign back to.
        if (!object || !writtenPath(object)) return;
        // The last expression of a notebook cell is displayed: showing a result is using it.
        if (lastInCell(node, context.sourceCode)) return;
        const { sourceCode } = context;
        if (PANDAS_RETURNS_NEW.has(method) && keywordArgument(call, "inplace")?.type !== "true") {
          const kind = kinds().of(object);
          if (!isPandas(kind)) return;
          context.report({ node: call, messageId: "resultDiscarded", data: { call: sourceCode.getText(call), object: sourceCode.getText(object), kind: kindWord(kind), method } });
          return;
        }
        if (TENSOR_RETURNS_NEW.has(method) && kinds().of(object) === "torch.Tensor") {
          const device = ["to", "cuda", "cpu"].includes(method) ? " on its old device" : "";
          const inplaceHint = ["to", "cuda", "cpu", "float", "double", "half", "long", "int", "view", "reshape", "permute", "transpose", "t", "contiguous", "detach"].includes(method) ? "" : `, or call the in-place \`${method}_\``;
          context.report({ node: call, messageId: "tensorResultDiscarded", data: { call: sourceCode.getText(call), object: sourceCode.getText(object), method, device, inplaceHint } });
        }
      },
      assignment(node: PyNode) {
        const value = field(node, "right");
        const target = field(node, "left");
        if (value?.type !== "call" || !target) return;
        const callee = field(value, "function");
        if (callee?.type !== "attribute") return;
        const method = field(callee, "attribute")?.text ?? "";
        if (!PANDAS_INPLACE.has(method) || keywordArgument(value, "inplace")?.type !== "true") return;
        const object = field(callee, "object");
        const kind = kinds().of(object);
        // `inplace=` on one of these methods is pandas' signature; still, say nothing on a known non-pandas object or without pandas.
        if (!isPandas(kind) && (kind !== null || !importsOf(context.sourceCode.ast).importsModule("pandas"))) return;
        const { sourceCode } = context;
        context.report({ node: value, messageId: "inplaceAssigned", data: { call: sourceCode.getText(value), object: sourceCode.getText(object!), target: sourceCode.getText(target), method } });
      },
    };
  },
});
