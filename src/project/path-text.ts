/**
 * What kind of place a literal path names, from its text alone: a remote URL, one person's home,
 * a Windows drive, an absolute path, a path climbing out of the project, or a relative one.
 * Relative paths are taken relative to the project root.
 */
import { posix } from "node:path";
import type { PathKind } from "./types.js";

export interface ClassifiedPath {
  kind: Exclude<PathKind, "unknown">;
  /** Normalised: POSIX separators, `.`/`..` folded (leading `..` kept for outside-root). */
  text: string;
  scheme?: string;
}

export function classifyPathText(raw: string): ClassifiedPath {
  const url = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//u.exec(raw);
  if (url && url[1]!.toLowerCase() !== "file") return { kind: "remote", text: raw, scheme: url[1]!.toLowerCase() };
  const body = (url ? raw.slice("file://".length) : raw).replace(/\\/gu, "/");
  if (body.startsWith("~")) return { kind: "home", text: body };
  if (/^[A-Za-z]:\//u.test(body)) return { kind: "windows-drive", text: body };
  if (body.startsWith("/")) return { kind: "absolute", text: posix.normalize(body) };
  const normal = posix.normalize(body);
  return { kind: normal === ".." || normal.startsWith("../") ? "outside-root" : "relative", text: normal };
}
