/**
 * Whether the project's code reads a config file: a read of one of its keys, or, for a file of a
 * Hydra config directory, a program that composes it. A config file no code reads may be an
 * example, a template or another tool's settings, so rules that judge whole files (near-copies,
 * repeated values) report only on files the code reads.
 */
import type { ConfigIndex } from "./types.js";

/** True when code reads a key of `file` (root-relative) or composes it through Hydra. */
export function isReadByCode(index: ConfigIndex, file: string): boolean {
  const read = index.entries.some((entry) => entry.namespace.kind === "file" && entry.namespace.file === file && entry.reads.length > 0);
  return read || index.hydraRoots.some((root) => root.files.some((entry) => entry.file === file));
}
