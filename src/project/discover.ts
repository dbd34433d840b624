/**
 * Which files belong to a project: a walk of the tree that honours every .gitignore (each
 * applies to its own folder and below, as in git), the user's `ignores`, and a fixed list of
 * folders that never hold a project's own code. Symbolic links are not followed, so a link
 * loop or a link out of the root cannot pull foreign files in. The result is sorted, so every
 * run sees the same files in the same order.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ignore, { type Ignore } from "ignore";

/** Folders skipped everywhere: VCS data, environments, caches, checkpoints. */
export const ALWAYS_SKIPPED_DIRS = new Set([
  ".git",
  ".hg",
  ".svn",
  ".dvc",
  "node_modules",
  "__pycache__",
  ".ipynb_checkpoints",
  ".venv",
  "venv",
  ".tox",
  ".nox",
  ".mypy_cache",
  ".pytest_cache",
  ".ruff_cache",
  "site-packages",
  ".mldebt-cache",
]);

export interface DiscoverOptions {
  /** Extra patterns in gitignore syntax, relative to the root. */
  ignores?: string[];
}

interface Scope {
  /** Folder of the .gitignore, relative to the root, with a trailing slash ("" for the root). */
  base: string;
  rules: Ignore;
}

function isIgnored(scopes: Scope[], path: string, isDir: boolean): boolean {
  for (const scope of scopes) {
    if (!path.startsWith(scope.base)) continue;
    const local = path.slice(scope.base.length) + (isDir ? "/" : "");
    if (local && scope.rules.ignores(local)) return true;
  }
  return false;
}

/** Every regular file under `root` that the project owns, relative to root, POSIX separators, sorted. */
export function discoverFiles(root: string, options: DiscoverOptions = {}): string[] {
  const files: string[] = [];
  const baseScopes: Scope[] = options.ignores?.length ? [{ base: "", rules: ignore().add(options.ignores) }] : [];
  const walk = (relativeDir: string, scopes: Scope[]) => {
    const absolute = relativeDir ? join(root, relativeDir) : root;
    let entries;
    try {
      entries = readdirSync(absolute, { withFileTypes: true });
    } catch {
      return; // unreadable folder: nothing of it can be linted
    }
    let active = scopes;
    const gitignore = entries.find((entry) => entry.isFile() && entry.name === ".gitignore");
    if (gitignore) {
      try {
        const rules = ignore().add(readFileSync(join(absolute, ".gitignore"), "utf8"));
        active = [...scopes, { base: relativeDir ? `${relativeDir}/` : "", rules }];
      } catch {
        // an unreadable .gitignore ignores nothing
      }
    }
    const names = entries.map((entry) => entry.name).sort();
    const byName = new Map(entries.map((entry) => [entry.name, entry]));
    for (const name of names) {
      const entry = byName.get(name)!;
      const path = relativeDir ? `${relativeDir}/${name}` : name;
      if (entry.isDirectory()) {
        if (ALWAYS_SKIPPED_DIRS.has(name) || isIgnored(active, path, true)) continue;
        walk(path, active);
      } else if (entry.isFile() && !isIgnored(active, path, false)) {
        files.push(path);
      }
    }
  };
  walk("", baseScopes);
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
