/**
 * Files that are near-duplicate copies named as versions of another file, and which of each pair
 * is the stale one: the marked copy (`train_v2.py` beside `train.py`), unless the copy is the one
 * the project imports or runs, its twin is not, and its name says it is the newer version (`_v2`,
 * `_new`, `_final`) — then the twin is the leftover. Pairs whose two files are both imported or
 * run by code other than tests are two versions in use, not a leftover, and are left alone.
 */
import { moduleGraph } from "./module-graph.js";
import { isTestModule } from "./reachability.js";
import { similarity } from "./token-shingles.js";
import type { ProjectModel } from "./types.js";
import { posix } from "node:path";
import { namesNewerVersion, versionedFilePairs } from "./version-names.js";

/** Shingle sets smaller than this are too small to call copies (an empty `__init__`, a two-line stub). */
export const MIN_SHINGLES = 16;

export interface StaleFile {
  /** The file to report: the stale one of the pair. */
  file: string;
  /** The other file of the pair. */
  other: string;
  similarity: number;
  /** `copy`: the versioned name is the stale one; `original`: the versioned copy replaced it. */
  role: "copy" | "original";
  /** Whether code other than tests imports or runs each file of the pair (never both). */
  fileUsed: boolean;
  otherUsed: boolean;
}

const cache = new WeakMap<ProjectModel, Map<number, Map<string, StaleFile>>>();

/** The stale file of every near-duplicate versioned pair whose similarity reaches `minSimilarity`, by file. */
export function staleFiles(model: ProjectModel, minSimilarity: number): Map<string, StaleFile> {
  let byThreshold = cache.get(model);
  if (!byThreshold) {
    byThreshold = new Map();
    cache.set(model, byThreshold);
  }
  const cached = byThreshold.get(minSimilarity);
  if (cached) return cached;
  const graph = moduleGraph(model);
  // Tests keep a copy importable, not alive: only imports and runs by other code count.
  const used = (file: string) => (graph.importers.get(file) ?? []).some((importer) => !isTestModule(importer)) || (graph.runs.get(file) ?? []).some((run) => !isTestModule(run.file));
  const found = new Map<string, StaleFile>();
  for (const { copy, twin } of versionedFilePairs(model.files)) {
    const a = model.modules.get(copy)?.shingles;
    const b = model.modules.get(twin)?.shingles;
    if (!a || !b || a.size < MIN_SHINGLES || b.size < MIN_SHINGLES) continue;
    const alike = similarity(a, b);
    if (alike < minSimilarity) continue;
    const copyUsed = used(copy);
    const twinUsed = used(twin);
    if (copyUsed && twinUsed) continue; // two versions in use are two features, not a leftover
    const stem = (file: string) => posix.basename(file, posix.extname(file));
    const stale: StaleFile =
      copyUsed && !twinUsed && namesNewerVersion(stem(copy), stem(twin))
        ? { file: twin, other: copy, similarity: alike, role: "original", fileUsed: false, otherUsed: true }
        : { file: copy, other: twin, similarity: alike, role: "copy", fileUsed: copyUsed, otherUsed: twinUsed };
    if (!found.has(stale.file)) found.set(stale.file, stale);
  }
  byThreshold.set(minSimilarity, found);
  return found;
}
