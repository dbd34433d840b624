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

export class PyNode {
  readonly type: string;
  parent: PyNode | null;
  /** Named children in source order (read-only: leaves share one empty list). */
  readonly children: readonly PyNode[] = NO_CHILDREN;
  /** Grammar fields: child nodes, arrays of them, or operator strings. */
  [field: string]: unknown;
  readonly #lines: LineIndex;
  readonly #start: number;
  readonly #end: number;
  #range: [number, number] | undefined;
  #text: string | undefined;

  constructor(type: string, start: number, end: number, parent: PyNode | null, lines: LineIndex) {
    this.type = type;
    this.parent = parent;
    this.#lines = lines;
    this.#start = start;
    this.#end = end;
  }

  /** Source text of leaf nodes (identifiers, numbers, string parts, keywords); undefined for the others. */
  get text(): string | undefined {
    if (this.children.length > 0) return undefined;
    return (this.#text ??= this.#lines.text.slice(this.#start, this.#end));
  }

  /** `[start, end)` offsets in the text; the pair is made on first read (most nodes are never asked). */
  get range(): [number, number] {
    return (this.#range ??= [this.#start, this.#end]);
  }

  /** Computed on demand: most nodes are never reported. */
  get loc(): SourceLocation {
    return { start: this.#lines.position(this.#start), end: this.#lines.position(this.#end) };
  }
}

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
