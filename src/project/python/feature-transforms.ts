/**
 * Feature-transform statements of a module, for finding the same feature code copied into
 * training and serving: assignments that build or change columns (`df["x"] = np.log1p(df["x"])`,
 * `df = pd.get_dummies(df, columns=["plan"])`, `df = df.fillna(0)`), grouped into runs of
 * consecutive statements per block.
 *
 * Each statement gets a key: its text without whitespace, with variable names erased (`_`) and
 * imported names written in full, so `df["x"] = np.log1p(df["x"])` and
 * `features["x"] = numpy.log1p(features["x"])` share a key while another column or another
 * function does not.
 */
import { PyNode, field } from "../../languages/python/nodes.js";
import { contentHash } from "../content-hash.js";
import type { TransformStatement } from "../types.js";
import type { ModuleScope } from "./scope.js";
import { literalString } from "./literals.js";

/** DataFrame / Series methods that compute features. */
const TRANSFORM_METHODS = new Set([
  "fillna", "dropna", "astype", "map", "apply", "applymap", "replace", "clip", "drop", "rename", "merge", "join",
  "groupby", "agg", "aggregate", "where", "mask", "round", "abs", "shift", "rolling", "diff", "pct_change", "interpolate",
  "sort_values", "reset_index", "set_index", "pivot", "pivot_table", "melt", "explode", "assign", "query", "isin",
  "between", "select_dtypes", "reindex", "drop_duplicates", "get_dummies", "cumsum", "log1p", "lower", "strip", "split",
  "to_datetime", "dt", "str",
]);
/** Library functions that read or write rather than transform. */
const NOT_TRANSFORMS = /^(?:pandas\.read_|numpy\.(?:load|save|fromfile|genfromtxt|loadtxt))/u;
const BUILTIN_NAMES = new Set(["len", "str", "int", "float", "bool", "list", "dict", "set", "tuple", "min", "max", "sum", "abs", "round", "range", "zip", "enumerate", "sorted", "None", "True", "False"]);

function isTransformCall(call: PyNode, scope: ModuleScope): boolean {
  const qualified = scope.imports.calleeName(call);
  if (qualified) return /^(?:pandas|numpy)\./u.test(qualified) && !NOT_TRANSFORMS.test(qualified);
  const callee = field(call, "function");
  return callee?.type === "attribute" && TRANSFORM_METHODS.has(field(callee, "attribute")?.text ?? "");
}

function containsTransformCall(node: PyNode, scope: ModuleScope): boolean {
  if (node.type === "call" && isTransformCall(node, scope)) return true;
  return node.children.some((child) => containsTransformCall(child, scope));
}

/** The assignment a statement holds when it builds a feature, or null. */
export function transformAssignment(statement: PyNode, scope: ModuleScope): PyNode | null {
  if (statement.type !== "expression_statement" || statement.children.length !== 1) return null;
  const assignment = statement.children[0]!;
  if (assignment.type !== "assignment" && assignment.type !== "augmented_assignment") return null;
  const left = field(assignment, "left");
  const right = field(assignment, "right");
  if (!left || !right) return null;
  if (left.type === "subscript") return assignment;
  return left.type === "identifier" && containsTransformCall(right, scope) ? assignment : null;
}

function isLeaf(node: PyNode): boolean {
  return node.children.length === 0 || node.type === "string" || node.type === "concatenated_string";
}

function leaves(node: PyNode, out: PyNode[]): PyNode[] {
  if (isLeaf(node)) out.push(node);
  else for (const child of node.children) leaves(child, out);
  return out;
}

function leafKey(leaf: PyNode, scope: ModuleScope): string {
  if (leaf.type === "string" || leaf.type === "concatenated_string") {
    const value = literalString(leaf, scope);
    return value === null ? scope.textOf(leaf).replace(/\s+/gu, "") : JSON.stringify(value);
  }
  if (leaf.type !== "identifier") return scope.textOf(leaf);
  const name = leaf.text ?? "";
  const parent = leaf.parent;
  if (parent?.type === "attribute" && field(parent, "attribute") === leaf) return name;
  if (parent?.type === "keyword_argument" && field(parent, "name") === leaf) return name;
  const qualified = scope.imports.bindings.get(name)?.qualified;
  if (qualified) return qualified;
  return BUILTIN_NAMES.has(name) ? name : "_";
}

/**
 * The statement's text without whitespace, variable names erased and imported names qualified,
 * as a digest: keys are only compared, and a project holds one per transform statement.
 */
function statementKey(statement: PyNode, scope: ModuleScope): string {
  const parts: string[] = [];
  let cursor = statement.range[0];
  for (const leaf of leaves(statement, [])) {
    parts.push(scope.text.slice(cursor, leaf.range[0]).replace(/\s+/gu, ""), leafKey(leaf, scope));
    cursor = leaf.range[1];
  }
  parts.push(scope.text.slice(cursor, statement.range[1]).replace(/\s+/gu, ""));
  return contentHash(parts.join("")).slice(0, 16);
}

function blocksOf(root: PyNode): PyNode[] {
  const blocks: PyNode[] = [root];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const child of node.children) {
      if (child.type === "block") blocks.push(child);
      stack.push(child);
    }
  }
  return blocks;
}

/** Runs of consecutive feature-transform statements, block by block, in source order. */
export function extractTransformRuns(root: PyNode, scope: ModuleScope): TransformStatement[][] {
  const runs: TransformStatement[][] = [];
  for (const block of blocksOf(root)) {
    let run: TransformStatement[] = [];
    for (const statement of block.children) {
      if (transformAssignment(statement, scope)) {
        const { start, end } = statement.loc;
        run.push({ key: statementKey(statement, scope), line: start.line, column: start.column + 1, endLine: end.line, endColumn: end.column + 1 });
      } else {
        if (run.length > 0) runs.push(run);
        run = [];
      }
    }
    if (run.length > 0) runs.push(run);
  }
  return runs.sort((a, b) => a[0]!.line - b[0]!.line);
}

/** Whether the module calls a method named `name` on anything (`model.fit(…)`). */
export function callsMethod(root: PyNode, names: Set<string>): boolean {
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === "call") {
      const callee = field(node, "function");
      if (callee?.type === "attribute" && names.has(field(callee, "attribute")?.text ?? "")) return true;
    }
    for (const child of node.children) stack.push(child);
  }
  return false;
}
