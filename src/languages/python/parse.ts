/**
 * Python text → PyNode tree. The wasm tree is walked once with a TreeCursor, reading only
 * numeric ids and offsets per node (names come from tables built at load); anonymous tokens are
 * skipped unless they are operators; `loc` is computed lazily from offsets. This copy costs about
 * as much as the parse itself, so keep the loop lean.
 */
import { grammar, pythonParser } from "./grammar.js";
import { LineIndex } from "./line-index.js";
import { PyNode, type PyComment, type PyModule } from "./nodes.js";
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

const OPERATOR_FIELDS = new Set(["operator", "operators"]);

/** Parses Python source. Never throws on bad input: syntax errors come back as `ok: false`. */
export function parsePython(text: string): PyParseResult {
  const lines = new LineIndex(text);
  const tree = pythonParser().parse(text);
  if (!tree) {
    return { ok: false, lines, errors: [{ message: "The Python parser gave up on this file.", line: 1, column: 0, endLine: 1, endColumn: 0 }] };
  }
  try {
    if (tree.rootNode.hasError) {
      return { ok: false, lines, errors: [describeError(tree, text, lines)] };
    }
    return { ok: true, ast: convert(tree, text, lines), lines };
  } finally {
    tree.delete();
  }
}

function convert(tree: Tree, text: string, lines: LineIndex): PyModule {
  const { typeNames, typeIsNamed, fieldNames, multipleFields, commentTypeId } = grammar;
  const root = new PyNode("module", 0, text.length, null, lines) as PyModule;
  const comments: PyComment[] = [];
  root.comments = comments;
  const cursor = tree.walk();
  try {
    if (!cursor.gotoFirstChild()) return root;
    let parent: PyNode = root;
    for (;;) {
      const typeId = cursor.nodeTypeId;
      let created: PyNode | undefined;
      if (typeId === commentTypeId) {
        const start = cursor.startIndex;
        const end = cursor.endIndex;
        comments.push({ type: "comment", value: text.slice(start + 1, end), range: [start, end], loc: { start: lines.position(start), end: lines.position(end) } });
      } else if (typeIsNamed[typeId]) {
        created = new PyNode(typeNames[typeId]!, cursor.startIndex, cursor.endIndex, parent, lines);
        parent.children.push(created);
        const fieldId = cursor.currentFieldId;
        if (fieldId) attachField(parent, fieldNames[fieldId]!, created, multipleFields);
      } else {
        const fieldId = cursor.currentFieldId;
        if (fieldId && OPERATOR_FIELDS.has(fieldNames[fieldId]!)) {
          const operator = text.slice(cursor.startIndex, cursor.endIndex).replace(/\s+/gu, " ");
          attachField(parent, fieldNames[fieldId]!, operator, multipleFields);
        }
      }
      if (created && cursor.gotoFirstChild()) {
        parent = created;
        continue;
      }
      if (created) created.text = text.slice(created.range[0], created.range[1]);
      while (!cursor.gotoNextSibling()) {
        if (parent === root || !cursor.gotoParent()) return root;
        if (parent.children.length === 0) parent.text = text.slice(parent.range[0], parent.range[1]);
        parent = parent.parent!;
      }
    }
  } finally {
    cursor.delete();
  }
}

function attachField(parent: PyNode, name: string, value: PyNode | string, multipleFields: Set<string>): void {
  if (multipleFields.has(`${parent.type}.${name}`)) {
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
