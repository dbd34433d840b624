/**
 * How a project keeps a data file it reads: tracked by DVC (a `.dvc` file, dvc.yaml or dvc.lock
 * outs), stored in Git LFS, produced by a declared pipeline stage, written by the project's own
 * code, committed to git (with its size), or none of these.
 *
 * "Committed" means the project tree holds the file: discovery sees it, so it is present and not
 * gitignored (see tree.ts; mldebt never runs git). A path counts as tracked when it, or a folder
 * above it, is tracked, and a folder counts as committed when the tree holds files under it.
 */
import { posix } from "node:path";
import type { ProjectModel, ProjectIoSite, ManifestStage } from "./types.js";

export type DataTracking =
  | { state: "dvc"; path: string }
  | { state: "lfs" }
  | { state: "declared-output"; stage: ManifestStage }
  | { state: "written-by-code"; writer: ProjectIoSite }
  | { state: "committed"; path: string; bytes: number | null }
  | { state: "committed-folder"; path: string }
  | { state: "untracked" };

/** `path` and every folder above it, deepest first. */
function selfAndAncestors(path: string): string[] {
  const chain = [path];
  for (let folder = posix.dirname(path); folder !== "." && folder !== "/"; folder = posix.dirname(folder)) chain.push(folder);
  return chain;
}

/**
 * How the project keeps the root-relative `path`. `candidates` are other spellings of the same
 * file tried as well (the path taken relative to the reading module's folder, for scripts run from
 * there); the strongest answer wins: a declared stage, DVC, LFS, a writer in the code, the tree.
 */
export function dataTrackingOf(model: ProjectModel, path: string, candidates: readonly string[] = []): DataTracking {
  const spellings = [...new Set([path, ...candidates].map((spelling) => posix.normalize(spelling).replace(/\/$/u, "")))];
  for (const spelling of spellings) {
    const chain = new Set(selfAndAncestors(spelling));
    for (const manifest of model.manifests) {
      const stage = manifest.stages.find((candidate) => candidate.commands.length > 0 && candidate.outputs.some((output) => chain.has(output)));
      if (stage) return { state: "declared-output", stage };
    }
  }
  for (const spelling of spellings) {
    for (const folder of selfAndAncestors(spelling)) if (model.dvcTracked.has(folder)) return { state: "dvc", path: folder };
  }
  for (const spelling of spellings) if (model.lfsTracked(spelling)) return { state: "lfs" };
  for (const spelling of spellings) {
    const writer = model.writersOf(spelling)[0];
    if (writer) return { state: "written-by-code", writer };
  }
  for (const spelling of spellings) {
    if (model.tree.has(spelling)) return { state: "committed", path: spelling, bytes: model.tree.size(spelling) };
    if (model.tree.hasFolder(spelling)) return { state: "committed-folder", path: spelling };
  }
  return { state: "untracked" };
}
