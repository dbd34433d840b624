/**
 * Builds the `ConfigDocument` tree of a config file from the project model's key list: each key
 * becomes a `ConfigKey` node under the key of its parent path, spanning the key as written.
 */
import type { ConfigFileModel, ConfigKey } from "../../project/types.js";
import type { LineIndex } from "../python/line-index.js";
import type { ConfigDocument, ConfigKeyNode, ConfigLocation } from "./nodes.js";

/** Characters that end an unquoted key. */
const KEY_END = new Set([":", "=", "\n", "\r", ",", "}", "]", "#"]);

/** The parent path of a dotted key path (`a.b[0]` → `a.b`, `a.b` → `a`, `a` → ""). */
export function parentPath(path: string): string {
  const match = /(?:\.[^.[\]]*|\[\d+\])$/u.exec(path);
  return match ? path.slice(0, match.index) : "";
}

/** End offset of the key token that starts at `start`. */
function keyEnd(text: string, start: number, key: ConfigKey, dottedKeys: boolean): number {
  const first = text[start];
  if (first === '"' || first === "'") {
    for (let index = start + 1; index < text.length && text[index] !== "\n"; index++) {
      if (text[index] === "\\" && first === '"') index++;
      else if (text[index] === first) return index + 1;
    }
  }
  const item = key.name.startsWith("[");
  let end = start;
  while (end < text.length && !(item ? /[\n\r,\]}#]/u.test(text[end]!) : KEY_END.has(text[end]!) || (dottedKeys && text[end] === "."))) end++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  return Math.max(end, Math.min(start + 1, text.length));
}

/** The document tree of a parsed config file. */
export function buildConfigDocument(model: ConfigFileModel, text: string, lines: LineIndex): ConfigDocument {
  const location = (range: [number, number]): ConfigLocation => ({ start: lines.position(range[0]), end: lines.position(range[1]) });
  const document: ConfigDocument = { type: "ConfigDocument", model, range: [0, text.length], loc: location([0, text.length]), parent: null, children: [] };
  const byPath = new Map<string, ConfigKeyNode>();
  for (const key of model.keys) {
    const start = Math.min(lines.lineStart(key.line) + key.column - 1, text.length);
    const range: [number, number] = [start, keyEnd(text, start, key, model.format === "toml")];
    const parent = byPath.get(parentPath(key.path)) ?? document;
    const node: ConfigKeyNode = { type: "ConfigKey", key, range, loc: location(range), parent, children: [] };
    parent.children.push(node);
    byPath.set(key.path, node);
  }
  return document;
}
