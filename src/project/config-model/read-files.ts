/**
 * Whether the project's code reads a config file: a read of one of its keys, or, for a file of a
 * Hydra config directory, a program that composes it. A config file no code reads may be an
 * example, a template or another tool's settings, so rules that judge whole files (near-copies,
 * repeated values) report only on files the code reads.
 */
import type { ConfigIndex } from "./types.js";

const readFiles = new WeakMap<ConfigIndex, Set<string>>();

/** True when code reads a key of `file` (root-relative) or composes it through Hydra. */
export function isReadByCode(index: ConfigIndex, file: string): boolean {
  let files = readFiles.get(index);
  if (!files) {
    files = new Set();
    for (const entry of index.entries) if (entry.namespace.kind === "file" && entry.reads.length > 0) files.add(entry.namespace.file);
    for (const root of index.hydraRoots) for (const entry of root.files) files.add(entry.file);
    readFiles.set(index, files);
  }
  return files.has(file);
}
