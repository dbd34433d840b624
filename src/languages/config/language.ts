/**
 * `mldebt/config`: YAML, JSON, TOML and `.env` files as an ESLint language, so rules can report
 * in a config file at a key's line (`unused-config-key` at the key nobody reads). Keys, values
 * and positions come from the project model's reader (src/project/config-files.ts), so a rule
 * sees exactly the keys the model matches code reads against.
 *
 * A config file that does not parse is not a parse failure here: YAML files are often templates
 * (Helm, Jinja, cookiecutter) and JSON files are often data, which is not mldebt's to judge. The
 * document then holds the keys read before the error and `model.errors` says what went wrong;
 * rules that need the whole file stay silent on it.
 */
import type { File, Language, OkParseResult, ParseResult } from "@eslint/core";
import { parseConfigFile } from "../../project/config-files.js";
import { LineIndex } from "../python/line-index.js";
import { bodyText } from "../python/language.js";
import { configComments } from "./comments.js";
import type { ConfigDocument, ConfigNode } from "./nodes.js";
import { ConfigSourceCode } from "./source-code.js";
import { buildConfigDocument } from "./tree.js";

/** Files the language is for (the plugin's configs add it on these). */
export const CONFIG_FILES = ["**/*.yaml", "**/*.yml", "**/*.json", "**/*.toml", "**/.env", "**/.env.*", "**/*.env"];

export const configVisitorKeys: Record<string, string[]> = { ConfigDocument: ["children"], ConfigKey: ["children"] };

interface ConfigOkParseResult extends OkParseResult<ConfigDocument> {
  lineIndex: LineIndex;
}

export const configLanguage: Language<{
  LangOptions: Record<string, never>;
  Code: ConfigSourceCode;
  RootNode: ConfigDocument;
  Node: ConfigNode;
}> = {
  fileType: "text",
  lineStart: 1,
  columnStart: 0,
  nodeTypeKey: "type",
  visitorKeys: configVisitorKeys,
  defaultLanguageOptions: {},

  validateLanguageOptions(options: Record<string, unknown>): void {
    const keys = Object.keys(options ?? {});
    if (keys.length > 0) throw new TypeError(`mldebt/config takes no languageOptions; got ${keys.map((key) => `"${key}"`).join(", ")}.`);
  },

  parse(file: File): ParseResult<ConfigDocument> {
    const text = bodyText(file);
    const lineIndex = new LineIndex(text);
    const model = parseConfigFile(file.path.split(/[\\/]/u).join("/"), text);
    return { ok: true, ast: buildConfigDocument(model, text, lineIndex), lineIndex } as ConfigOkParseResult;
  },

  createSourceCode(file: File, parseResult: OkParseResult<ConfigDocument>): ConfigSourceCode {
    const text = bodyText(file);
    const { lineIndex } = parseResult as ConfigOkParseResult;
    return new ConfigSourceCode({ text, ast: parseResult.ast, comments: configComments(text, parseResult.ast.model.format, lineIndex) });
  },
};
