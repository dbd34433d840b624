/**
 * Python text → PyNode tree, in two steps: tree-sitter's parse walked into a FlatTree
 * (src/languages/python/flat-tree.ts), then PyNodes built from its arrays in plain JavaScript.
 * Anonymous tokens are left out unless they are operators; `loc` is computed lazily from offsets.
 * The two steps are exported apart, so a caller that parsed a file already (the project model)
 * hands ESLint the flat tree instead of parsing again.
 */
import { grammar, pythonParser } from "./grammar.js";
import { flattenTree, type FlatTree } from "./flat-tree.js";
import { LineIndex } from "./line-index.js";
import { NO_CHILDREN, PyLeaf, PyNode, type PyComment, type PyModule } from "./nodes.js";
import { noteLintedTree, takeParse } from "./preparsed.js";
import type { Node as TsNode, Tree } from "web-tree-sitter";

/** A syntax error: 1-based line, 0-based column (ESTree convention), plus its message. */
export interface PySyntaxError {
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export type PyParseResult =
  | { ok: true; ast: PyModule; lines: LineIndex }
  | { ok: false; errors: PySyntaxError[]; lines: LineIndex };

const MODULE_TYPE_ID = grammar.language.idForNodeType("module", true) ?? 0;

/** Step one: the flat tree of a text, or its first syntax error. */
export type FlatParseResult = { ok: true; tree: FlatTree } | { ok: false; errors: PySyntaxError[] };

/** Parses Python source into a flat tree. Never throws on bad input. */
export function parseFlat(text: string, lines?: LineIndex): FlatParseResult {
  const tree = pythonParser().parse(text);
  if (!tree) {
    return { ok: false, errors: [{ message: "The Python parser gave up on this file.", line: 1, column: 0, endLine: 1, endColumn: 0 }] };
  }
  try {
    if (tree.rootNode.hasError) return { ok: false, errors: [describeError(tree, text, lines ?? new LineIndex(text))] };
    return { ok: true, tree: flattenTree(tree) };
  } finally {
    tree.delete();
  }
}

/**
 * Whether a text parses without syntax errors and, when it does, what `inspect` says of
 * tree-sitter's own module node (valid only during the call). For many small parses whose
 * failures need no message and whose successes need only a glance at the top level (a comment
 * tried as code): no error description, no flat tree, no PyNodes.
 */
export function inspectCleanParse<T>(text: string, inspect: (module: TsNode) => T): T | null {
  const tree = pythonParser().parse(text);
  if (!tree) return null;
  try {
    return tree.rootNode.hasError ? null : inspect(tree.rootNode);
  } finally {
    tree.delete();
  }
}

/** Parses Python source. Never throws on bad input: syntax errors come back as `ok: false`. */
export function parsePython(text: string): PyParseResult {
  const lines = new LineIndex(text);
  const flat = parseFlat(text, lines);
  if (!flat.ok) return { ok: false, errors: flat.errors, lines };
  return { ok: true, ast: buildPyTree(flat.tree, text, lines), lines };
}

/**
 * The parse ESLint's languages use: an offered parse of the same text when the project model made
 * one (src/languages/python/preparsed.ts), else a fresh one; the tree is noted as the one being
 * linted at `path`.
 */
export function parseForLint(text: string, path: string | undefined): PyParseResult {
  const flat = takeParse(text);
  let result: PyParseResult;
  if (flat) {
    const lines = new LineIndex(text);
    result = { ok: true, ast: buildPyTree(flat, text, lines), lines };
  } else {
    result = parsePython(text);
  }
  if (result.ok && path) noteLintedTree({ path, text, ast: result.ast });
  return result;
}

/** Step two: the PyNode tree of a flat tree (built from `text`). */
export function buildPyTree(flat: FlatTree, text: string, lines: LineIndex): PyModule {
  const { typeNames, typeIsNamed, fieldNames, fieldArity, fieldSlots, commentTypeId } = grammar;
  const { count, types, fields, starts, ends, parents } = flat;
  const root = new PyNode("module", 0, text.length, null, lines) as PyModule;
  const comments: PyComment[] = [];
  root.comments = comments;
  const nodes: PyNode[] = new Array<PyNode>(count);
  // Each node's number of named children (the root's last), so every `children` list is made at
  // its final size: a list grown by `push` reserves room for 17 more.
  const childCounts = new Int32Array(count + 1);
  const filled = new Int32Array(count + 1);
  for (let index = 0; index < count; index++) {
    const type = types[index]!;
    if (type !== commentTypeId && typeIsNamed[type]) childCounts[parents[index]! < 0 ? count : parents[index]!]!++;
  }
  for (let index = 0; index < count; index++) {
    const type = types[index]!;
    const start = starts[index]!;
    const end = ends[index]!;
    const parentIndex = parents[index]!;
    const parent = parentIndex < 0 ? root : nodes[parentIndex]!;
    const parentType = parentIndex < 0 ? MODULE_TYPE_ID : types[parentIndex]!;
    if (type === commentTypeId) {
      comments.push({ type: "comment", value: text.slice(start + 1, end), range: [start, end], loc: { start: lines.position(start), end: lines.position(end) } });
      continue;
    }
    const field = fields[index]!;
    if (!typeIsNamed[type]) {
      attach(parent, fieldNames[field]!, text.slice(start, end).replace(/\s+/gu, " "), fieldArity[parentType * fieldSlots + field]!);
      continue;
    }
    const node = childCounts[index] === 0 ? new PyLeaf(typeNames[type]!, start, end, parent) : new PyNode(typeNames[type]!, start, end, parent);
    nodes[index] = node;
    const slot = parentIndex < 0 ? count : parentIndex;
    if (parent.children === NO_CHILDREN) (parent as unknown as { children: PyNode[] }).children = new Array<PyNode>(childCounts[slot]!);
    (parent.children as PyNode[])[filled[slot]!++] = node;
    if (field) attach(parent, fieldNames[field]!, node, fieldArity[parentType * fieldSlots + field]!);
  }
  return root;
}

function attach(parent: PyNode, name: string, value: PyNode | string, arity: number): void {
  if (arity === 2) {
    const list = parent[name];
    if (Array.isArray(list)) list.push(value);
    else parent[name] = [value];
  } else {
    parent[name] = value;
  }
}

function describeError(tree: Tree, text: string, lines: LineIndex): PySyntaxError {
  const node = firstErrorNode(tree.rootNode) ?? tree.rootNode;
  const start = lines.position(node.startIndex);
  const end = lines.position(node.endIndex);
  let message: string;
  if (node.isMissing) {
    message = `Syntax error: expected '${node.type}' here.`;
  } else {
    const snippet = text.slice(node.startIndex, Math.min(node.endIndex, node.startIndex + 40)).split(/\r?\n|\r/u)[0] ?? "";
    message = snippet.trim() ? `Syntax error: unexpected '${snippet.trim()}'.` : "Syntax error.";
  }
  return { message, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

function firstErrorNode(node: TsNode): TsNode | null {
  for (const child of node.children) {
    if (!child) continue;
    if (child.isError || child.isMissing) return child;
    if (child.hasError) return firstErrorNode(child) ?? child;
  }
  return node.isError || node.isMissing ? node : null;
}
