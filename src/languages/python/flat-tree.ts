/**
 * A parsed Python file as a few typed arrays: one entry per named node (but a string's
 * delimiters), comment and operator token, in source (pre-)order, with its grammar type id, offsets, parent entry and field id.
 * Walking tree-sitter's wasm tree is the costly part of turning text into PyNodes, and this walk
 * calls the wasm cursor functions directly (no per-call marshalling; web-tree-sitter's cursor
 * API when the wasm module is out of reach); the PyNode tree is then
 * built from the arrays in plain JavaScript (src/languages/python/parse.ts). The arrays are
 * compact (16 bytes an entry), so a file parsed for the project model can be kept until ESLint
 * lints it, and the same tree-sitter parse serves both (src/languages/python/preparsed.ts).
 */
import { grammar } from "./grammar.js";
import type { Tree } from "web-tree-sitter";

export interface FlatTree {
  /** Number of entries. */
  count: number;
  types: Uint16Array;
  fields: Uint16Array;
  starts: Int32Array;
  ends: Int32Array;
  /** Entry index of the parent, or -1 for children of the module. */
  parents: Int32Array;
}

let capacity = 1 << 15;
let types = new Uint16Array(capacity);
let fields = new Uint16Array(capacity);
let starts = new Int32Array(capacity);
let ends = new Int32Array(capacity);
let parents = new Int32Array(capacity);
let parentStack = new Int32Array(1024);

function grow(): void {
  capacity *= 2;
  const widen = <T extends Uint16Array | Int32Array>(array: T, make: new (length: number) => T): T => {
    const wider = new make(capacity);
    wider.set(array);
    return wider;
  };
  types = widen(types, Uint16Array);
  fields = widen(fields, Uint16Array);
  starts = widen(starts, Int32Array);
  ends = widen(ends, Int32Array);
  parents = widen(parents, Int32Array);
}

/** Walks a tree-sitter tree (without syntax errors) into a FlatTree. */
export function flattenTree(tree: Tree): FlatTree {
  const { typeIsKept, operatorField, commentTypeId, wasm, transferBuffer } = grammar;
  const cursor = tree.walk();
  // `walk()` leaves the new cursor in web-tree-sitter's transfer buffer; every call below reads
  // it from there, and the goto calls write it back, so nothing is marshalled in between.
  const treeAddress = (tree as unknown as { 0: number })[0];
  const direct = wasm;
  const typeOf = direct ? direct._ts_tree_cursor_current_node_type_id_wasm : () => cursor.nodeTypeId;
  const fieldOf = direct ? direct._ts_tree_cursor_current_field_id_wasm : () => cursor.currentFieldId;
  const startOf = direct ? direct._ts_tree_cursor_start_index_wasm : () => cursor.startIndex;
  const endOf = direct ? direct._ts_tree_cursor_end_index_wasm : () => cursor.endIndex;
  const firstChild = direct ? direct._ts_tree_cursor_goto_first_child_wasm : () => (cursor.gotoFirstChild() ? 1 : 0);
  const nextSibling = direct ? direct._ts_tree_cursor_goto_next_sibling_wasm : () => (cursor.gotoNextSibling() ? 1 : 0);
  const toParent = direct ? direct._ts_tree_cursor_goto_parent_wasm : () => (cursor.gotoParent() ? 1 : 0);
  let count = 0;
  let depth = 0;
  let parent = -1;
  try {
    if (!firstChild(treeAddress)) return { count: 0, types: new Uint16Array(0), fields: new Uint16Array(0), starts: new Int32Array(0), ends: new Int32Array(0), parents: new Int32Array(0) };
    for (;;) {
      const type = typeOf(treeAddress);
      let entry = -1;
      if (typeIsKept[type] || type === commentTypeId) {
        if (count === capacity) grow();
        entry = count++;
        types[entry] = type;
        fields[entry] = fieldOf(treeAddress);
        starts[entry] = startOf(treeAddress);
        ends[entry] = endOf(treeAddress);
        parents[entry] = parent;
      } else {
        const field = fieldOf(treeAddress);
        if (field && operatorField[field]) {
          if (count === capacity) grow();
          const index = count++;
          types[index] = type;
          fields[index] = field;
          starts[index] = startOf(treeAddress);
          ends[index] = endOf(treeAddress);
          parents[index] = parent;
        }
      }
      if (entry >= 0 && type !== commentTypeId && firstChild(treeAddress)) {
        if (depth === parentStack.length) {
          const deeper = new Int32Array(depth * 2);
          deeper.set(parentStack);
          parentStack = deeper;
        }
        parentStack[depth++] = parent;
        parent = entry;
        continue;
      }
      while (!nextSibling(treeAddress)) {
        if (depth === 0 || !toParent(treeAddress)) return snapshot(count);
        parent = parentStack[--depth]!;
      }
    }
  } finally {
    if (direct) {
      // Hand web-tree-sitter the cursor's current state, so it frees what the walk allocated.
      const heap = direct.HEAP32;
      const base = transferBuffer >> 2;
      const handle = cursor as unknown as Record<number, number>;
      for (let index = 0; index < 4; index++) handle[index] = heap[base + index]!;
    }
    cursor.delete();
  }
}

function snapshot(count: number): FlatTree {
  return {
    count,
    types: types.slice(0, count),
    fields: fields.slice(0, count),
    starts: starts.slice(0, count),
    ends: ends.slice(0, count),
    parents: parents.slice(0, count),
  };
}
