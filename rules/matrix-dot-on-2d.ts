import { createRule } from "../src/rules-kit/create-rule.js";
import { PyNode, field } from "../src/languages/python/nodes.js";
import { importsOf } from "../src/project/python/imports.js";
import { keywordArgument, positionalArguments } from "../src/rules-kit/python-syntax.js";
import { valueKindsOf, type ValueKinds } from "../src/analysis/types/value-kinds.js";

type MessageIds = "dotOn2d";

/** Number of dimensions of a shape argument: `(3, 4)` → 2, `5` → 1. */
function shapeRank(shape: PyNode | undefined): number | null {
  if (!shape) return null;
  if (shape.type === "tuple" || shape.type === "list") return shape.children.length;
  if (shape.type === "integer") return 1;
  return null;
}

/** Nesting depth of a literal list (`[[1, 2], [3, 4]]` → 2). */
function literalRank(node: PyNode | undefined): number | null {
  if (!node || (node.type !== "list" && node.type !== "tuple")) return null;
  const first = node.children[0];
  if (!first) return 1;
  return first.type === "list" || first.type === "tuple" ? 1 + (literalRank(first) ?? 0) : 1;
}

const SHAPED = /^numpy\.(zeros|ones|empty|full)$/u;
const BY_DIMENSIONS = /^numpy\.random\.(rand|randn)$/u;
const SIZED = /^numpy\.random\.(random|uniform|normal|randint|standard_normal|random_sample)$/u;

/** The number of dimensions of an array expression, when its provenance says so. */
function rankOf(node: PyNode | undefined, kinds: ValueKinds, seen = new Set<PyNode>()): number | null {
  if (!node || seen.has(node)) return null;
  seen.add(node);
  const imports = kinds.imports;
  switch (node.type) {
    case "parenthesized_expression":
      return node.children.length === 1 ? rankOf(node.children[0], kinds, seen) : null;
    case "identifier": {
      const definitions = kinds.flow.reachingAt(node);
      const ranks = new Set(definitions.map((definition) => (definition.kind === "assignment" ? rankOf(definition.value ?? undefined, kinds, seen) : null)));
      return definitions.length > 0 && ranks.size === 1 ? [...ranks][0]! : null;
    }
    case "attribute": {
      const attribute = field(node, "attribute")?.text;
      const object = field(node, "object");
      if (attribute === "T") return rankOf(object, kinds, seen);
      if (attribute === "values") {
        const kind = kinds.of(object);
        return kind === "pandas.DataFrame" ? 2 : kind === "pandas.Series" ? 1 : null;
      }
      return null;
    }
    case "call": {
      const name = imports.calleeName(node);
      const args = positionalArguments(node);
      if (name) {
        if (SHAPED.test(name)) return shapeRank(args[0] ?? keywordArgument(node, "shape"));
        if (BY_DIMENSIONS.test(name)) return args.length > 0 ? args.length : null;
        if (SIZED.test(name)) return shapeRank(keywordArgument(node, "size"));
        if (name === "numpy.eye" || name === "numpy.identity") return 2;
        if (name === "numpy.arange" || name === "numpy.linspace") return 1;
        if (name === "numpy.array" || name === "numpy.asarray") return literalRank(args[0]) ?? rankOf(args[0], kinds, seen);
        return null;
      }
      const callee = field(node, "function");
      if (callee?.type !== "attribute") return null;
      const method = field(callee, "attribute")?.text;
      const object = field(callee, "object");
      if (method === "reshape") return args.length === 1 ? shapeRank(args[0]) : args.length;
      if (method === "to_numpy") {
        const kind = kinds.of(object);
        return kind === "pandas.DataFrame" ? 2 : kind === "pandas.Series" ? 1 : null;
      }
      if (method === "astype" || method === "copy") return rankOf(object, kinds, seen);
      return null;
    }
    default:
      return null;
  }
}

export default createRule<[], MessageIds>({
  name: "matrix-dot-on-2d",
  meta: {
    category: "ml-api-smell",
    severity: "info",
    description: "`np.dot` on two matrices, where `@` / `np.matmul` says what is meant",
    recommended: true,
    scope: "file",
    messages: {
      dotOn2d:
        "`{{call}}` multiplies two 2-D arrays with `dot`{{more}}: `np.dot` means a matrix product here, an inner product on vectors, a sum over the last and second-to-last axes on stacks, and a scalar product with a number, so the code changes meaning silently when a shape changes (a batch dimension appears). To fix: write `{{left}} @ {{right}}` (or `np.matmul`), which is the matrix product and broadcasts over batches.",
    },
  },
  create(context) {
    const found: { node: PyNode; left: PyNode; right: PyNode }[] = [];
    return {
      "module:exit"() {
        const first = found[0];
        if (!first) return;
        const { sourceCode } = context;
        const more = found.length > 1 ? ` (and ${found.length - 1} more \`dot\` call${found.length === 2 ? "" : "s"} on matrices in this file)` : "";
        context.report({ node: first.node, messageId: "dotOn2d", data: { call: sourceCode.getText(first.node), left: sourceCode.getText(first.left), right: sourceCode.getText(first.right), more } });
      },
      call(node: PyNode) {
        const root = context.sourceCode.ast;
        const name = importsOf(root).calleeName(node);
        let left: PyNode | undefined;
        let right: PyNode | undefined;
        // The value kinds (a data-flow pass over the module) are computed only for files that call a `dot`.
        let kinds: ReturnType<typeof valueKindsOf>;
        if (name === "numpy.dot") {
          [left, right] = positionalArguments(node);
          kinds = valueKindsOf(root);
        } else {
          const callee = field(node, "function");
          if (callee?.type !== "attribute" || field(callee, "attribute")?.text !== "dot" || name) return;
          left = field(callee, "object");
          right = positionalArguments(node)[0];
          kinds = valueKindsOf(root);
          if (kinds.of(left) !== "numpy.ndarray") return;
        }
        if (!left || !right || rankOf(left, kinds) !== 2 || rankOf(right, kinds) !== 2) return;
        found.push({ node, left, right });
      },
    };
  },
});
