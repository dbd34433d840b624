/**
 * Access paths: the names data flows through. A plain name (`df`) or an attribute chain rooted
 * at one (`self.scaler`, `cfg.data.train`) is one path; subscripts and calls are not (writing
 * `df["a"]` changes the path `df`).
 */
import { PyNode, field } from "../../languages/python/nodes.js";

/** Attribute chains longer than this are followed only to their first segments. */
const MAX_SEGMENTS = 4;

/** pandas indexers: `df.loc[…] = v` writes `df`. */
const INDEXERS = new Set(["loc", "iloc", "at", "iat", "ix"]);

/** The access path an expression names (`df`, `self.scaler`), or null for anything else. */
export function accessPath(node: PyNode | undefined): string | null {
  if (!node) return null;
  if (node.type === "identifier") return node.text ?? null;
  if (node.type !== "attribute") return null;
  const base = accessPath(field(node, "object"));
  const attribute = field(node, "attribute")?.text;
  if (!base || !attribute) return null;
  return base.split(".").length >= MAX_SEGMENTS ? null : `${base}.${attribute}`;
}

/**
 * The path a write through `node` changes: `df` for `df["a"] = …` and `df.loc[m, "a"] = …`,
 * `self.data` for `self.data[0] = …`, the path itself for a name or attribute.
 */
export function writtenPath(node: PyNode | undefined): string | null {
  let current = node;
  while (current && (current.type === "subscript" || current.type === "parenthesized_expression")) {
    current = current.type === "subscript" ? field(current, "value") : current.children[0];
  }
  if (!current) return null;
  // `df.loc[…]`: the indexer belongs to the frame it writes.
  if (current !== node && current.type === "attribute" && INDEXERS.has(field(current, "attribute")?.text ?? "")) return writtenPath(field(current, "object"));
  return accessPath(current);
}

/** The paths a name lookup may resolve to, longest first (`self.a.b`, `self.a`, `self`). */
export function pathPrefixes(path: string): string[] {
  const parts = path.split(".");
  const prefixes: string[] = [];
  for (let length = parts.length; length >= 1; length--) prefixes.push(parts.slice(0, length).join("."));
  return prefixes;
}
