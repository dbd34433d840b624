/**
 * Paths written in pipeline manifests, resolved to the project root: a manifest's paths are
 * relative to its own directory (and to a dvc stage's `wdir`, or a shell's `cd`).
 */
import { posix } from "node:path";

/** Paths that name no file under a directory: URLs (`s3://`, `remote://`), absolute, `~` and `$VAR` paths. */
const UNRESOLVABLE = /^(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/|\/|~|\$|[A-Za-z]:[\\/])/;

/** The directory of a root-relative manifest file: `.` for the root. */
export function manifestDirectory(file: string): string {
  return posix.dirname(file);
}

/**
 * `path` as written in a manifest, resolved against the root-relative `directory`: normalised,
 * POSIX, without a trailing slash (`.` for the root itself; `..` segments kept when they leave the
 * root). URLs, absolute, `~` and `$VAR` paths are returned as written.
 */
export function resolveManifestPath(directory: string, path: string): string {
  if (UNRESOLVABLE.test(path)) return path;
  const resolved = posix.normalize(posix.join(directory, path));
  return resolved.length > 1 ? resolved.replace(/\/$/, "") : resolved;
}
