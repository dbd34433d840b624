/**
 * Loads the tree-sitter Python grammar once per process. web-tree-sitter's initialisation is
 * asynchronous while ESLint's `parse()` is synchronous, so this module finishes loading with a
 * top-level await before the plugin object is handed to ESLint.
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

await Parser.init();
const language = await Language.load(readFileSync(require.resolve("tree-sitter-python/tree-sitter-python.wasm")));

/** The grammar's node type names and named-ness, indexed by tree-sitter's numeric type id. */
export interface GrammarTables {
  language: Language;
  typeNames: string[];
  typeIsNamed: boolean[];
  /** Field names by field id; the grammar's `type` field is renamed `typeNode` (ESLint reads `type`). */
  fieldNames: (string | null)[];
  /** `"<node type>.<field>"` pairs whose field holds several children: always stored as arrays. */
  multipleFields: Set<string>;
  /** Every named node type (for visitor keys). */
  namedTypes: string[];
  commentTypeId: number;
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
  return {
    language,
    typeNames,
    typeIsNamed,
    fieldNames,
    multipleFields,
    namedTypes: [...named].sort(),
    commentTypeId: language.idForNodeType("comment", true) ?? -1,
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
