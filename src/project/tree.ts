/**
 * The project's tree as git would see it: every file discovery finds (present on disk and not
 * matched by any .gitignore), whatever the user asked mldebt to skip while linting. mldebt never
 * runs git, so this is its stand-in for "committed": a data file that the tree holds is in the
 * repository (or about to be, once added); a file that is gitignored or absent is not.
 *
 * Sizes are read on demand, one `stat` per file asked about, never for the whole tree.
 */
import { statSync } from "node:fs";
import { posix, resolve } from "node:path";

export interface ProjectTree {
  /** Every file of the tree, root-relative, POSIX, sorted. */
  readonly files: readonly string[];
  /** True when the tree holds this file (root-relative, normalised). */
  has(file: string): boolean;
  /** True when the tree holds at least one file under this folder. */
  hasFolder(folder: string): boolean;
  /** The file's size in bytes, or null when it is not in the tree or cannot be read. */
  size(file: string): number | null;
}

/** The tree of `root` from the discovered file list (root-relative, POSIX). */
export function projectTree(root: string, files: readonly string[]): ProjectTree {
  const present = new Set(files);
  const folders = new Set<string>();
  for (const file of files) {
    for (let folder = posix.dirname(file); folder !== "."; folder = posix.dirname(folder)) {
      if (folders.has(folder)) break;
      folders.add(folder);
    }
  }
  const sizes = new Map<string, number | null>();
  return {
    files,
    has: (file) => present.has(file),
    hasFolder: (folder) => folder === "." ? files.length > 0 : folders.has(folder),
    size(file) {
      if (!present.has(file)) return null;
      if (!sizes.has(file)) {
        let size: number | null = null;
        try {
          size = statSync(resolve(root, file)).size;
        } catch {
          size = null;
        }
        sizes.set(file, size);
      }
      return sizes.get(file)!;
    },
  };
}
