/**
 * Which files Git LFS stores, from the `filter=lfs` lines of the project's `.gitattributes` files
 * (what `git lfs track "*.parquet"` writes). Each file's patterns apply to its own folder and
 * below; a later line, or a deeper file, overrides an earlier one (`*.csv -filter` or `!filter`
 * unsets it), as in git. Patterns follow gitignore's syntax, except that a pattern naming a folder
 * (`data/`) matches no file: git does not apply attributes to a folder's contents.
 */
import { posix } from "node:path";
import ignore from "ignore";

interface LfsLine {
  /** Folder of the .gitattributes file, with a trailing slash ("" for the root). */
  base: string;
  matches: (path: string) => boolean;
  /** True for `filter=lfs`, false for a line that unsets or changes the filter. */
  lfs: boolean;
}

/** The filter state a line sets: true (`filter=lfs`), false (`-filter`, `!filter`, another filter), null when it does not mention it. */
function filterState(attributes: string[]): boolean | null {
  let state: boolean | null = null;
  for (const attribute of attributes) {
    if (attribute === "filter=lfs") state = true;
    else if (attribute === "-filter" || attribute === "!filter" || attribute.startsWith("filter=")) state = false;
  }
  return state;
}

/** The lines of one `.gitattributes` file that set or unset the LFS filter. */
function parseLfsLines(file: string, text: string): LfsLine[] {
  const folder = posix.dirname(file);
  const base = folder === "." ? "" : `${folder}/`;
  const lines: LfsLine[] = [];
  for (const raw of text.split(/\r?\n/u)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const [pattern, ...attributes] = line.split(/\s+/u);
    const lfs = filterState(attributes);
    if (lfs === null || !pattern || pattern.endsWith("/") || pattern.startsWith("!")) continue;
    const matcher = ignore().add(pattern);
    lines.push({ base, matches: (path) => matcher.ignores(path), lfs });
  }
  return lines;
}

/**
 * A predicate telling whether Git LFS stores a root-relative file, from every `.gitattributes`
 * file (root-relative path and text). Files are applied shallowest first.
 */
export function lfsMatcher(attributeFiles: { file: string; text: string }[]): (file: string) => boolean {
  const ordered = [...attributeFiles].sort((a, b) => a.file.split("/").length - b.file.split("/").length || (a.file < b.file ? -1 : 1));
  const lines = ordered.flatMap(({ file, text }) => parseLfsLines(file, text));
  if (lines.length === 0) return () => false;
  return (file) => {
    let state = false;
    for (const line of lines) {
      if (!file.startsWith(line.base)) continue;
      if (line.matches(file.slice(line.base.length))) state = line.lfs;
    }
    return state;
  };
}
