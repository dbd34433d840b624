/**
 * Loads the tree-sitter Python grammar once per process. web-tree-sitter's initialisation is
 * asynchronous while ESLint's `parse()` is synchronous, so this module finishes loading with a
 * top-level await before the plugin object is handed to ESLint. It also keeps the wasm module's
 * exports, so the tree walk (src/languages/python/flat-tree.ts) calls the cursor functions
 * directly instead of through web-tree-sitter's per-call marshalling.
 */
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { Language, Parser } from "web-tree-sitter";

const require = createRequire(import.meta.url);

interface NodeTypeInfo {
  type: string;
  named: boolean;
  fields?: Record<string, { multiple: boolean }>;
}

/** The subset of the emscripten module (web-tree-sitter's binding) the tree walk calls. */
export interface TreeSitterWasm {
  _ts_init(): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  HEAP32: Int32Array;
}

// web-tree-sitter's emscripten factory fills the object it is given with the module's exports,
// once per process: a second copy of this module (sources and build side by side, in tests) finds
// the filled object where the first copy left it. When something else initialised web-tree-sitter
// first, the walk falls back to web-tree-sitter's own cursor API.
const SHARED_MODULE = Symbol.for("mldebt.web-tree-sitter.module");
const shared = globalThis as { [SHARED_MODULE]?: TreeSitterWasm };
const candidate = {} as TreeSitterWasm;
await Parser.init(candidate);
if (typeof candidate._ts_init === "function") shared[SHARED_MODULE] ??= candidate;
const wasmModule: TreeSitterWasm | null = typeof candidate._ts_init === "function" ? candidate : (shared[SHARED_MODULE] ?? null);
const language = await Language.load(readFileSync(require.resolve("tree-sitter-python/tree-sitter-python.wasm")));

/** The grammar's node type names and named-ness, indexed by tree-sitter's numeric type id. */
export interface GrammarTables {
  language: Language;
  typeNames: string[];
  typeIsNamed: boolean[];
  /**
   * By type id: true for the named types that become PyNodes — all but a string's delimiters
   * (`string_start`, `string_end`: the quotes and prefix, 9% of a typical file's nodes; the
   * string's own text has them).
   */
  typeIsKept: boolean[];
  /** Field names by field id; the grammar's `type` field is renamed `typeNode` (ESLint reads `type`). */
  fieldNames: (string | null)[];
  /** `"<node type>.<field>"` pairs whose field holds several children: always stored as arrays. */
  multipleFields: Set<string>;
  /** Every named node type (for visitor keys). */
  namedTypes: string[];
  commentTypeId: number;
  /** By `typeId * fieldSlots + fieldId`: 0 no such field, 1 single-valued, 2 repeated (always an array). */
  fieldArity: Uint8Array;
  fieldSlots: number;
  /** By field id: true for `operator`/`operators`, whose anonymous tokens are kept as strings. */
  operatorField: boolean[];
  /** web-tree-sitter's wasm exports and the address of its transfer buffer (null: not reachable). */
  wasm: TreeSitterWasm | null;
  transferBuffer: number;
}

function buildTables(): GrammarTables {
  const typeNames: string[] = [];
  const typeIsNamed: boolean[] = [];
  for (let id = 0; id < language.nodeTypeCount; id++) {
    typeNames.push(language.nodeTypeForId(id) ?? "");
    typeIsNamed.push(language.nodeTypeIsNamed(id));
  }
  const fieldNames: (string | null)[] = [null];
  for (let id = 1; id <= language.fieldCount; id++) {
    const name = language.fieldNameForId(id);
    fieldNames.push(name === "type" ? "typeNode" : name);
  }
  const nodeTypes = JSON.parse(
    readFileSync(require.resolve("tree-sitter-python/src/node-types.json"), "utf8"),
  ) as NodeTypeInfo[];
  const multipleFields = new Set<string>();
  const named = new Set<string>(["ERROR", "module", "comment"]);
  for (const info of nodeTypes) {
    if (info.named) named.add(info.type);
    for (const [field, detail] of Object.entries(info.fields ?? {})) {
      if (detail.multiple) multipleFields.add(`${info.type}.${field === "type" ? "typeNode" : field}`);
    }
  }
  const fieldSlots = fieldNames.length;
  const fieldArity = new Uint8Array(typeNames.length * fieldSlots);
  const fieldIds = new Map(fieldNames.map((name, id) => [name, id]));
  for (const info of nodeTypes) {
    if (!info.named) continue;
    for (const [field, detail] of Object.entries(info.fields ?? {})) {
      const fieldId = fieldIds.get(field === "type" ? "typeNode" : field);
      if (fieldId === undefined) continue;
      for (let typeId = 0; typeId < typeNames.length; typeId++) {
        if (typeNames[typeId] === info.type && typeIsNamed[typeId]) fieldArity[typeId * fieldSlots + fieldId] = detail.multiple ? 2 : 1;
      }
    }
  }
  const typeIsKept = typeIsNamed.map((isNamed, id) => isNamed && typeNames[id] !== "string_start" && typeNames[id] !== "string_end");
  return {
    language,
    typeNames,
    typeIsNamed,
    typeIsKept,
    fieldNames,
    multipleFields,
    namedTypes: [...named].sort(),
    commentTypeId: language.idForNodeType("comment", true) ?? -1,
    fieldArity,
    fieldSlots,
    operatorField: fieldNames.map((name) => name === "operator" || name === "operators"),
    wasm: wasmModule,
    transferBuffer: wasmModule ? wasmModule._ts_init() : 0,
  };
}

export const grammar: GrammarTables = buildTables();

let sharedParser: Parser | undefined;

/** The process's parser (parsing is synchronous, so one instance serves every file). */
export function pythonParser(): Parser {
  if (!sharedParser) {
    sharedParser = new Parser();
    sharedParser.setLanguage(language);
  }
  return sharedParser;
}
