/**
 * The Python syntax tree that rules see. Node types are tree-sitter-python's grammar names
 * (`call`, `attribute`, `function_definition`, …); every node has `type`, `range`, `loc` (these
 * two read-only accessors),
 * `parent` and `children` (its named children in source order, comments excluded). Grammar
 * fields are properties holding the same child nodes (`call.function`, `call.arguments`), so
 * ESLint field selectors (`call > attribute.function`) work; fields that can repeat
 * (`import_statement.name`, `comparison_operator.operators`) are always arrays. Operator tokens are
 * strings (`binary_operator.operator === "+"`). A `string`'s children are its parts
 * (`string_content`, `interpolation`): its delimiters (`string_start`, `string_end`: prefix and
 * quotes) are not nodes; the string's own text has them. The grammar's field `type` is `typeNode`, since
 * ESLint reads a node's kind from `type`.
 */
import type { LineIndex } from "./line-index.js";

export interface SourceLocation {
  start: { line: number; column: number };
  end: { line: number; column: number };
}

/**
 * The `children` of every leaf: one shared empty list. Not frozen — a frozen array has its own
 * elements kind, and walks whose `for…of` meets it (most nodes are leaves) lose V8's fast array
 * iteration and allocate an iterator result per child (a fifth of a run's allocations); the
 * `readonly` types keep it empty.
 */
export const NO_CHILDREN: readonly PyNode[] = [];

/** The line index of each tree, kept by its root: a node finds it through its parents. */
const linesOfRoot = new WeakMap<PyNode, LineIndex>();

/**
 * A node holds six fields, not eight: its text and line index are reached through the root,
 * which keeps a node at 88 bytes instead of 104. Trees are the bulk of what outlives V8's young
 * collections (docs/performance.md), so every field a node carries is copied twice.
 */
export class PyNode {
  readonly type: string;
  parent: PyNode | null;
  /** Named children in source order (read-only: leaves share one empty list). */
  readonly children: readonly PyNode[] = NO_CHILDREN;
  /** Grammar fields: child nodes, arrays of them, or operator strings. */
  [field: string]: unknown;
  readonly #start: number;
  readonly #end: number;
  #text: string | undefined;

  /** `lines` is the tree's line index, given to its root (a node without a parent). */
  constructor(type: string, start: number, end: number, parent: PyNode | null, lines?: LineIndex) {
    this.type = type;
    this.parent = parent;
    this.#start = start;
    this.#end = end;
    if (parent === null && lines) linesOfRoot.set(this, lines);
  }

  /** The line index (and text) of the tree this node belongs to. */
  get #lines(): LineIndex {
    let root: PyNode = this;
    while (root.parent) root = root.parent;
    return linesOfRoot.get(root)!;
  }

  /** Source text of leaf nodes (identifiers, numbers, string parts, keywords); undefined for the others. */
  get text(): string | undefined {
    if (this.children.length > 0) return undefined;
    return (this.#text ??= this.#lines.text.slice(this.#start, this.#end));
  }

  /** `[start, end)` offsets in the text (a new pair each time: a pair kept per node would cost 8 bytes on each). */
  get range(): [number, number] {
    return [this.#start, this.#end];
  }

  /** Computed on demand: most nodes are never reported. */
  get loc(): SourceLocation {
    const lines = this.#lines;
    return { start: lines.position(this.#start), end: lines.position(this.#end) };
  }
}

/**
 * A node without named children (identifiers, numbers, string parts, keywords: about half of a
 * tree). A class of its own only for V8: objects of one class share the room the first few of
 * them needed, and nodes with grammar fields would leave three empty slots in every leaf.
 */
export class PyLeaf extends PyNode {}

/** A `# …` comment. `value` is the text after `#`, as ESLint's directive parser expects. */
export interface PyComment {
  type: "comment";
  value: string;
  range: [number, number];
  loc: SourceLocation;
}

/** The root node, spanning the whole text. */
export interface PyModule extends PyNode {
  type: "module";
  comments: PyComment[];
}

/** A child node in a grammar field, or undefined. Use for single-valued fields. */
export function field(node: PyNode, name: string): PyNode | undefined {
  const value = node[name];
  return value instanceof PyNode ? value : undefined;
}

/** Every child node in a grammar field (single or repeated). */
export function fieldAll(node: PyNode, name: string): PyNode[] {
  const value = node[name];
  if (value instanceof PyNode) return [value];
  if (Array.isArray(value)) return value.filter((item): item is PyNode => item instanceof PyNode);
  return [];
}
