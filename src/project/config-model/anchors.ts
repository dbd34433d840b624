/**
 * Where code meets a config file: the first read of one of its keys (sorted by file and line), or
 * for a file of a Hydra config directory, the first read of the composed config. Findings that
 * belong in a config file are shown there, with the config line as related location, until config
 * files are linted as a language of their own; then they move into the file and anchors go.
 */
import type { ConfigIndex, SettingLocation } from "./types.js";

function compare(a: SettingLocation, b: SettingLocation): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}

/** The place in code that reads `file`, or null when no code reads it. */
export function codeAnchorOf(index: ConfigIndex, file: string): SettingLocation | null {
  const reads = index.entries.filter((entry) => entry.namespace.kind === "file" && entry.namespace.file === file).flatMap((entry) => entry.reads);
  const direct = reads.sort(compare)[0];
  if (direct) return direct;
  const root = index.hydraRoots.find((candidate) => candidate.files.some((entry) => entry.file === file));
  return root?.anchor ?? null;
}
