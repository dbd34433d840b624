/**
 * Config files as key models (DESIGN.md, "config key"): every key of a YAML, JSON, TOML or `.env`
 * file with its dotted path, value and position. Pure text extractors: no disk access, and bad
 * input never throws; it yields `errors` plus whatever keys could be read.
 *
 * Each format takes the surest route to positions:
 * - YAML: the `yaml` package's AST and LineCounter. Aliases and `<<` merge keys are resolved; keys
 *   reached through them are reported at the alias or merge line. Documents of a multi-document
 *   file all start from the root path (no prefix). A Hydra `# @package` header is kept.
 * - JSON: a small position-tracking scanner. The `yaml` package reads JSON with positions, but it
 *   also accepts what JSON loaders reject (comments, trailing commas, single quotes) and reads
 *   `1 // note` as the string "1 // note", while `JSON.parse` gives no error position on Node 20.
 *   So comments in a `.json` file are parse errors, as they are for `json.load` in the Python code.
 * - TOML: values from `smol-toml`; positions from a small scan of key lines and table headers,
 *   which smol-toml does not report. After a syntax error, the lines before it are still read.
 * - `.env`: line by line as python-dotenv reads it; every value is a string.
 */
import { parse as parseToml, TomlError } from "smol-toml";
import { isAlias, isMap, isNode, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Scalar, type YAMLMap } from "yaml";
import type { ConfigFileModel, ConfigFormat, ConfigKey, ConfigParseError, ConfigValue, Position } from "./types.js";

/**
 * Files that carry a config extension but hold package, tool, CI or pipeline metadata rather than
 * the project's own configuration; `configFormatOf` returns null for them. Notebooks (`.ipynb`) and
 * lock files without a config extension (`poetry.lock`, `uv.lock`, `dvc.lock`) are excluded by
 * their extension already.
 */
const NON_CONFIG_NAMES = new Set([
  "package.json",
  "package-lock.json",
  "npm-shrinkwrap.json",
  "composer.json",
  "pnpm-lock.yaml",
  "dvc.yaml", // a pipeline manifest, read by manifests/dvc.ts
  "environment.yml", // conda environments: dependencies, not settings
  "environment.yaml",
  "docker-compose.yml",
  "docker-compose.yaml",
  "compose.yml",
  "compose.yaml",
  "mkdocs.yml",
  "mkdocs.yaml",
  ".pre-commit-config.yaml",
  ".gitlab-ci.yml",
  ".readthedocs.yml",
  ".readthedocs.yaml",
]);

/** Name patterns with the same meaning as NON_CONFIG_NAMES (TypeScript projects, linters, this tool). */
const NON_CONFIG_PATTERNS = [/^[tj]sconfig(\..*)?\.json$/, /-lock\.(json|ya?ml)$/, /^\.(eslintrc|prettierrc|mldebtrc)\./];

/** Directories whose files configure editors and CI, not the project. */
const NON_CONFIG_DIRECTORIES = new Set([".github", ".vscode", ".idea", ".devcontainer", "node_modules"]);

/** The format a file name implies, without the exclusions of `configFormatOf`. */
function formatFromName(name: string): ConfigFormat | null {
  if (name === ".env" || name.startsWith(".env.") || name.endsWith(".env")) return "env";
  const extension = name.slice(name.lastIndexOf(".") + 1);
  if (extension === "yaml" || extension === "yml") return "yaml";
  if (extension === "json") return "json";
  if (extension === "toml") return "toml";
  return null;
}

/**
 * The config format of a file, by its path (POSIX or Windows separators): `.yaml`/`.yml`, `.json`,
 * `.toml` (pyproject.toml included), `.env`, `.env.*` and `*.env`. Null for other files and for the
 * package, tool and CI files listed in NON_CONFIG_NAMES, NON_CONFIG_PATTERNS and
 * NON_CONFIG_DIRECTORIES.
 */
export function configFormatOf(file: string): ConfigFormat | null {
  const segments = file.toLowerCase().split(/[\\/]/);
  const name = segments.pop() ?? "";
  if (segments.some((segment) => NON_CONFIG_DIRECTORIES.has(segment))) return null;
  if (NON_CONFIG_NAMES.has(name) || NON_CONFIG_PATTERNS.some((pattern) => pattern.test(name))) return null;
  return formatFromName(name);
}

/**
 * Reads the keys of a config file's text. `format` defaults to the one the file name implies
 * (ignoring the exclusions of `configFormatOf`, since the caller asked for this file); a name that
 * implies none is read as YAML, which also reads JSON, as cosmiconfig does for rc files.
 */
export function parseConfigFile(file: string, text: string, format?: ConfigFormat): ConfigFileModel {
  const resolved = format ?? formatFromName(file.toLowerCase().split(/[\\/]/).pop() ?? "") ?? "yaml";
  const keys: ConfigKey[] = [];
  const errors: ConfigParseError[] = [];
  const readers = { yaml: readYaml, json: readJson, toml: readToml, env: readEnv };
  readers[resolved](text, keys, errors);
  const model: ConfigFileModel = { file, format: resolved, keys, errors };
  const packageDirective = resolved === "yaml" ? hydraPackageDirective(text) : null;
  if (packageDirective) model.packageDirective = packageDirective;
  return model;
}

/** The `# @package <name>` directive of a Hydra config: a comment in the file's header (before any content). */
function hydraPackageDirective(text: string): string | null {
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed === "---") continue;
    if (!trimmed.startsWith("#")) return null;
    const match = /^#\s*@package\s+(\S+)/u.exec(trimmed);
    if (match) return match[1]!;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Shared: paths, values, positions

function childPath(parent: string, name: string): string {
  return parent === "" ? name : `${parent}.${name}`;
}

function itemPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

function addKey(keys: ConfigKey[], path: string, name: string, value: ConfigValue, key: Position, at: Position): ConfigKey {
  const entry: ConfigKey = {
    path,
    name,
    value,
    line: key.line,
    column: key.column,
    valueLine: at.line,
    valueColumn: at.column,
    isContainer: typeof value === "object" && value !== null,
  };
  keys.push(entry);
  return entry;
}

/** Plain JSON data from what a parser returned (dates become ISO text, YAML 1.1 sets and omaps plain lists and objects). */
function toConfigValue(value: unknown): ConfigValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (Array.isArray(value) || value instanceof Set) return [...value].map(toConfigValue);
  if (value instanceof Map) return Object.fromEntries([...value].map(([key, item]) => [String(key), toConfigValue(item)]));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toConfigValue(item)]));
  return String(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Maps offsets in `text` to 1-based positions. */
function positionsIn(text: string): (offset: number) => Position {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let newline = text.indexOf("\n"); newline !== -1; newline = text.indexOf("\n", newline + 1)) lines.addNewLine(newline + 1);
  return positionsFrom(lines);
}

function positionsFrom(lines: LineCounter): (offset: number) => Position {
  return (offset) => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
}

// ---------------------------------------------------------------------------------------------
// YAML

/** Where keys reached through an alias or merge key are reported: at that alias or merge key. */
interface Via {
  key: Position;
  value: Position;
}

interface YamlWalk {
  doc: Document.Parsed;
  at: (offset: number) => Position;
  keys: ConfigKey[];
}

/** A mapping entry after merge keys are resolved. */
interface YamlEntry {
  name: string;
  keyNode: Scalar;
  value: unknown;
  via?: Via;
}

function readYaml(text: string, keys: ConfigKey[], errors: ConfigParseError[]): void {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, merge: true, prettyErrors: false, logLevel: "error" });
  const at = positionsFrom(lineCounter);
  for (const doc of documents) {
    for (const error of doc.errors) errors.push({ message: error.message, ...at(error.pos[0]) });
    let data: unknown;
    try {
      // Values come from the library's own conversion, which resolves merges and bounds alias expansion.
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      errors.push({ message: error instanceof Error ? error.message : String(error), ...at(doc.range[0]) });
      continue;
    }
    walkYaml({ doc, at, keys }, doc.contents, data, "", at(doc.range[0]), undefined);
  }
}

/** Where a node starts, or `fallback` for a missing node. */
function start(node: unknown, fallback: Position, at: (offset: number) => Position): Position {
  return isNode(node) && node.range ? at(node.range[0]) : fallback;
}

function walkYaml(walk: YamlWalk, node: unknown, data: unknown, path: string, here: Position, via: Via | undefined): void {
  let target = node;
  if (isAlias(node)) {
    target = node.resolve(walk.doc);
    via ??= { key: here, value: here };
  }
  if (isMap(target)) {
    for (const entry of yamlEntries(walk, target)) {
      const through = entry.via ?? via;
      const keyAt = through?.key ?? start(entry.keyNode, here, walk.at);
      const valueAt = through?.value ?? start(entry.value, keyAt, walk.at);
      const child = isPlainObject(data) && Object.hasOwn(data, entry.name) ? data[entry.name] : undefined;
      const entryPath = childPath(path, entry.name);
      addKey(walk.keys, entryPath, entry.name, toConfigValue(child), keyAt, valueAt);
      walkYaml(walk, entry.value, child, entryPath, valueAt, through);
    }
  } else if (isSeq(target)) {
    target.items.forEach((item, index) => {
      const itemAt = via?.value ?? start(item, here, walk.at);
      const child = Array.isArray(data) ? (data[index] as unknown) : undefined;
      addKey(walk.keys, itemPath(path, index), `[${index}]`, toConfigValue(child), itemAt, itemAt);
      walkYaml(walk, item, child, itemPath(path, index), itemAt, via);
    });
  }
}

/** Name of a scalar key as the `yaml` package names it in plain objects. */
function yamlKeyName(key: Scalar): string {
  return key.value === null || key.value === undefined ? "" : String(key.value);
}

/**
 * The entries of a mapping in document order, merge keys replaced by the entries they bring in:
 * explicit keys win over merged ones and earlier merge sources over later ones, as in YAML.
 * Keys that are collections have no path and are left out.
 */
function yamlEntries(walk: YamlWalk, map: YAMLMap): YamlEntry[] {
  const taken = new Set<string>();
  for (const pair of map.items) {
    if (isScalar(pair.key) && typeof pair.key.value !== "symbol") taken.add(yamlKeyName(pair.key));
  }
  const entries: YamlEntry[] = [];
  for (const pair of map.items) {
    if (!isScalar(pair.key)) continue;
    if (typeof pair.key.value !== "symbol") {
      entries.push({ name: yamlKeyName(pair.key), keyNode: pair.key, value: pair.value });
      continue;
    }
    const keyAt = start(pair.key, { line: 1, column: 1 }, walk.at);
    const via = { key: keyAt, value: start(pair.value, keyAt, walk.at) };
    for (const source of mergeSources(walk, pair.value)) {
      for (const entry of yamlEntries(walk, source)) {
        if (taken.has(entry.name)) continue;
        taken.add(entry.name);
        entries.push({ ...entry, via });
      }
    }
  }
  return entries;
}

/** The mappings a merge key's value brings in: `*a`, `[*a, *b]` or an inline mapping. */
function mergeSources(walk: YamlWalk, value: unknown): YAMLMap[] {
  const items = isSeq(value) ? value.items : [value];
  return items.map((item) => (isAlias(item) ? item.resolve(walk.doc) : item)).filter((item): item is YAMLMap => isMap(item));
}

// ---------------------------------------------------------------------------------------------
/** The match of a sticky (`y`) pattern exactly at `offset`, or undefined. */
function matchAt(pattern: RegExp, text: string, offset: number): string | undefined {
  pattern.lastIndex = offset;
  return pattern.exec(text)?.[0];
}

// JSON

const JSON_WHITESPACE = /[ \t\n\r]*/y;
const JSON_STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const JSON_NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const JSON_LITERAL = /true|false|null/y;
/** Deeper nesting is reported as an error instead of exhausting the stack. */
const JSON_MAX_DEPTH = 512;

class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

function readJson(text: string, keys: ConfigKey[], errors: ConfigParseError[]): void {
  const at = positionsIn(text);
  let offset = 0;

  const take = (pattern: RegExp): string | undefined => {
    const match = matchAt(pattern, text, offset);
    if (match !== undefined) offset += match.length;
    return match;
  };
  const fail = (expected: string): never => {
    const found = offset >= text.length ? "end of input" : `${JSON.stringify(text[offset])}`;
    throw new JsonSyntaxError(offset, `Unexpected ${found}; expected ${expected}`);
  };
  const expect = (char: string, expected: string): void => {
    take(JSON_WHITESPACE);
    if (text[offset] !== char) fail(expected);
    offset += 1;
  };

  /** Reads one value; containers are attached to `owner` as soon as they open, so partial reads keep what was read. */
  const value = (path: string, depth: number, owner?: ConfigKey): ConfigValue => {
    take(JSON_WHITESPACE);
    if (depth > JSON_MAX_DEPTH) fail(`at most ${JSON_MAX_DEPTH} levels of nesting`);
    if (text[offset] === "{") {
      offset += 1;
      const object: { [key: string]: ConfigValue } = {};
      if (owner) Object.assign(owner, { value: object, isContainer: true });
      take(JSON_WHITESPACE);
      if (text[offset] === "}") {
        offset += 1;
        return object;
      }
      for (;;) {
        take(JSON_WHITESPACE);
        const keyOffset = offset;
        const name = JSON.parse(take(JSON_STRING) ?? fail("a double-quoted property name")) as string;
        expect(":", "':' after a property name");
        take(JSON_WHITESPACE);
        const entry = addKey(keys, childPath(path, name), name, null, at(keyOffset), at(offset));
        entry.value = value(entry.path, depth + 1, entry);
        // defineProperty: a "__proto__" key is data, as JSON.parse makes it.
        Object.defineProperty(object, name, { value: entry.value, enumerable: true, writable: true, configurable: true });
        take(JSON_WHITESPACE);
        if (text[offset] === "}") {
          offset += 1;
          return object;
        }
        expect(",", "',' or '}' after a property value");
      }
    }
    if (text[offset] === "[") {
      offset += 1;
      const list: ConfigValue[] = [];
      if (owner) Object.assign(owner, { value: list, isContainer: true });
      take(JSON_WHITESPACE);
      if (text[offset] === "]") {
        offset += 1;
        return list;
      }
      for (let index = 0; ; index += 1) {
        take(JSON_WHITESPACE);
        const entry = addKey(keys, itemPath(path, index), `[${index}]`, null, at(offset), at(offset));
        entry.value = value(entry.path, depth + 1, entry);
        list.push(entry.value);
        take(JSON_WHITESPACE);
        if (text[offset] === "]") {
          offset += 1;
          return list;
        }
        expect(",", "',' or ']' after an array element");
      }
    }
    const token = take(JSON_STRING) ?? take(JSON_NUMBER) ?? take(JSON_LITERAL) ?? fail("a JSON value");
    return JSON.parse(token) as ConfigValue;
  };

  try {
    value("", 0);
    take(JSON_WHITESPACE);
    if (offset < text.length) fail("end of input after the JSON value");
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    errors.push({ message: error.message, ...at(error.offset) });
  }
}

// ---------------------------------------------------------------------------------------------
// TOML

/** Offsets of a TOML key and of its value. */
interface TomlPlace {
  key: number;
  value: number;
}

function readToml(text: string, keys: ConfigKey[], errors: ConfigParseError[]): void {
  const at = positionsIn(text);
  const { places, statements } = scanToml(text);
  let table: unknown;
  try {
    table = parseToml(text);
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    errors.push({ message: error.message.split("\n")[0] ?? error.message, line: error.line, column: error.column });
    const failing = statements.filter((offset) => at(offset).line <= error.line).pop() ?? 0;
    table = parseTomlBefore(text.slice(0, failing));
  }
  const walk = (data: unknown, path: string, here: TomlPlace): void => {
    const children: Array<[string, string, unknown]> = Array.isArray(data)
      ? data.map((item: unknown, index) => [`[${index}]`, itemPath(path, index), item])
      : isPlainObject(data)
        ? Object.entries(data).map(([name, item]) => [name, childPath(path, name), item])
        : [];
    for (const [name, entryPath, item] of children) {
      const place = places.get(entryPath) ?? here;
      addKey(keys, entryPath, name, toConfigValue(item), at(place.key), at(place.value));
      walk(item, entryPath, place);
    }
  };
  walk(table, "", { key: 0, value: 0 });
}

/** The table read from the statements before the one with a syntax error, or an empty one if they do not parse either. */
function parseTomlBefore(text: string): unknown {
  try {
    return parseToml(text);
  } catch {
    return {};
  }
}

const TOML_BARE_KEY = /[A-Za-z0-9_-]+/y;
const TOML_QUOTED_KEY = /"(?:[^"\\\n]|\\.)*"|'[^'\n]*'/y;
const TOML_BARE_VALUE = /[^,\]}#\r\n]*/y;

/** Where a TOML text writes its keys, and where each top-level statement (key/value or header) starts. */
interface TomlScan {
  places: Map<string, TomlPlace>;
  statements: number[];
}

/**
 * Finds where each key path is written: `key = value` lines (dotted and quoted keys), table
 * headers `[a.b]` (which also place the implicit `a`), arrays of tables `[[runs]]` (`runs[0]`,
 * `runs[1]`, and sub-tables `[runs.x]` of the latest one), inline tables and array items. Strings,
 * multi-line strings, arrays and comments are skipped so that their contents are never read as
 * keys. The first place a path is written wins.
 */
function scanToml(text: string): TomlScan {
  const places = new Map<string, TomlPlace>();
  const statements: number[] = [];
  const arrayTables = new Map<string, number>();
  let offset = 0;

  const place = (path: string, key: number, value: number): void => {
    if (!places.has(path)) places.set(path, { key, value });
  };
  const skipSpaces = (): void => {
    while (text[offset] === " " || text[offset] === "\t") offset += 1;
  };
  const skipBlank = (): void => {
    for (;;) {
      skipSpaces();
      if (text[offset] === "#") while (offset < text.length && text[offset] !== "\n") offset += 1;
      if (text[offset] !== "\n" && text[offset] !== "\r") return;
      offset += 1;
    }
  };
  const take = (pattern: RegExp): string | undefined => {
    const match = matchAt(pattern, text, offset);
    if (match !== undefined) offset += match.length;
    return match;
  };
  const readKey = (): Array<{ name: string; start: number }> | undefined => {
    const segments: Array<{ name: string; start: number }> = [];
    for (;;) {
      skipSpaces();
      const start = offset;
      const quoted = take(TOML_QUOTED_KEY);
      const name = quoted === undefined ? take(TOML_BARE_KEY) : unquoteTomlKey(quoted);
      if (name === undefined) return undefined;
      segments.push({ name, start });
      skipSpaces();
      if (text[offset] !== ".") return segments;
      offset += 1;
    }
  };
  const skipString = (delimiter: string, escapes: boolean): void => {
    offset += delimiter.length;
    while (offset < text.length && !text.startsWith(delimiter, offset)) {
      if (delimiter.length === 1 && text[offset] === "\n") return;
      offset += escapes && text[offset] === "\\" ? 2 : 1;
    }
    offset += delimiter.length;
    // A multi-line string may end with up to two quotes of content before its delimiter: `""""`.
    for (let extra = 0; delimiter.length === 3 && extra < 2 && text[offset] === delimiter[0]; extra += 1) offset += 1;
  };
  const readValue = (path: string): void => {
    if (text.startsWith('"""', offset)) skipString('"""', true);
    else if (text.startsWith("'''", offset)) skipString("'''", false);
    else if (text[offset] === '"') skipString('"', true);
    else if (text[offset] === "'") skipString("'", false);
    else if (text[offset] === "{") {
      offset += 1;
      for (;;) {
        skipBlank();
        if (text[offset] === "}") {
          offset += 1;
          return;
        }
        if (!readKeyValue(path)) return;
        skipBlank();
        if (text[offset] === ",") offset += 1;
      }
    } else if (text[offset] === "[") {
      offset += 1;
      for (let index = 0; ; index += 1) {
        skipBlank();
        if (offset >= text.length || text[offset] === "]") {
          offset += 1;
          return;
        }
        const itemStart = offset;
        place(itemPath(path, index), itemStart, itemStart);
        readValue(itemPath(path, index));
        if (offset === itemStart) return;
        skipBlank();
        if (text[offset] === ",") offset += 1;
      }
    } else take(TOML_BARE_VALUE);
  };
  const readKeyValue = (table: string): boolean => {
    const segments = readKey();
    if (!segments) return false;
    skipSpaces();
    if (text[offset] !== "=") return false;
    offset += 1;
    skipSpaces();
    let path = table;
    segments.forEach((segment, index) => {
      path = childPath(path, segment.name);
      place(path, segment.start, index === segments.length - 1 ? offset : segment.start);
    });
    readValue(path);
    return true;
  };
  /** Resolves a header to the path its keys live under. */
  const readHeader = (isArray: boolean, headerStart: number): string => {
    let path = "";
    const segments = readKey() ?? [];
    segments.forEach((segment, index) => {
      path = childPath(path, segment.name);
      place(path, segment.start, headerStart);
      if (isArray && index === segments.length - 1) {
        const count = (arrayTables.get(path) ?? 0) + 1;
        arrayTables.set(path, count);
        path = itemPath(path, count - 1);
        place(path, segment.start, headerStart);
      } else {
        const count = arrayTables.get(path);
        if (count !== undefined) path = itemPath(path, count - 1);
      }
    });
    return path;
  };

  let table = "";
  while (offset < text.length) {
    skipBlank();
    if (offset >= text.length) break;
    const lineStart = offset;
    statements.push(lineStart);
    if (text.startsWith("[[", offset)) {
      offset += 2;
      table = readHeader(true, lineStart);
    } else if (text[offset] === "[") {
      offset += 1;
      table = readHeader(false, lineStart);
    } else readKeyValue(table);
    while (offset < text.length && text[offset] !== "\n") offset += 1;
  }
  return { places, statements };
}

/** The key a quoted TOML key names, unescaped by smol-toml itself. */
function unquoteTomlKey(quoted: string): string | undefined {
  try {
    return Object.keys(parseToml(`${quoted} = 0`))[0];
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// .env

const ENV_ASSIGNMENT = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*/d;
const ENV_ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };

function readEnv(text: string, keys: ConfigKey[], errors: ConfigParseError[]): void {
  const at = positionsIn(text);
  let offset = 0;
  while (offset < text.length) {
    const lineEnd = text.indexOf("\n", offset) === -1 ? text.length : text.indexOf("\n", offset);
    const line = text.slice(offset, lineEnd).replace(/\r$/, "");
    const next = lineEnd + 1;
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) {
      offset = next;
      continue;
    }
    const assignment = ENV_ASSIGNMENT.exec(line);
    if (!assignment?.indices?.[1]) {
      errors.push({ message: "Expected KEY=value", ...at(offset + line.length - line.trimStart().length) });
      offset = next;
      continue;
    }
    const name = assignment[1] ?? "";
    const keyOffset = offset + assignment.indices[1][0];
    const valueOffset = offset + assignment[0].length;
    const quote = text[valueOffset];
    let value: string;
    if (quote === '"' || quote === "'") {
      let close = valueOffset + 1;
      while (close < text.length && text[close] !== quote) close += quote === '"' && text[close] === "\\" ? 2 : 1;
      if (close >= text.length) {
        errors.push({ message: `Unterminated ${quote} quoted value`, ...at(valueOffset) });
        close = lineEnd;
      }
      const raw = text.slice(valueOffset + 1, close);
      value = quote === "'" ? raw : raw.replace(/\\(.)/g, (escape, char: string) => ENV_ESCAPES[char] ?? escape);
      const closeLineEnd = text.indexOf("\n", close);
      offset = closeLineEnd === -1 ? text.length : closeLineEnd + 1;
    } else {
      value = line.slice(assignment[0].length).replace(/\s+#.*$/, "").trim();
      offset = next;
    }
    addKey(keys, name, name, value, at(keyOffset), at(valueOffset));
  }
}
