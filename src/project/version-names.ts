/**
 * Names that mark a copy as a version of something else: `train_old.py`, `train_v2.py`,
 * `train_final_v3.py`, `backup_train.py`, `explore-Copy1.ipynb`, `Copy of explore.ipynb`,
 * `explore (1).ipynb`, `def train_old(...)`, `class TrainerBackup`. A versioned name has a base
 * (the name with its markers stripped); its twin is what the base names.
 */
import { posix } from "node:path";

/** Version markers after the base: `_old`, `-v2`, `_final`, ` copy`, `-Copy1`, ` (1)`, `_20240131`. */
const SUFFIX = /^(.*?[^_\-. ])(?:[_\-. ]+(?:old|older|orig|original|backup|bak|bkp|copy\d*|final|new|newer|tmp|temp|draft|wip|v\d+|ver\d+|version\d+|\d{8})|-Copy\d+| \(\d+\)| copy(?: \d+)?)$/iu;
/** Version markers before the base: `old_`, `backup_`, `copy_of_`, `Copy of `. */
const PREFIX = /^(?:old|orig|backup|bak|copy[_ ]of|new)[_\- ]+(.+)$/iu;
/** CamelCase markers of class and function names: `TrainerOld`, `ModelV2`, `loadDataBackup`. */
const CAMEL_SUFFIX = /^(.*[a-z0-9])(?:Old|Orig|Original|Backup|Bak|Copy|Final|New|Tmp|Temp|V\d+)$/u;

/**
 * The bases a versioned name may be a copy of, nearest first (`train_final_v2` → `train_final`,
 * `train`); empty when the name carries no marker.
 */
export function versionBases(name: string, camelCase = false): string[] {
  const bases: string[] = [];
  let current = name;
  for (;;) {
    const match = SUFFIX.exec(current) ?? PREFIX.exec(current) ?? (camelCase ? CAMEL_SUFFIX.exec(current) : null);
    if (!match || !match[1] || match[1] === current) break;
    current = match[1];
    bases.push(current);
  }
  return bases;
}

/** Markers that name the newer version (`_v2`, `_new`, `_final`, a date): such a copy may be the live one. */
const NEWER = /(?:new|newer|final|v\d+|ver\d+|version\d+|\d{8})\W*$|^\W*new/iu;

/** True when the markers that turn `base` into `name` say `name` is the newer version. */
export function namesNewerVersion(name: string, base: string): boolean {
  const marker = name.startsWith(base) ? name.slice(base.length) : name.slice(0, name.length - base.length);
  return NEWER.test(marker);
}

/** A file's extension family: scripts pair with scripts, notebooks with notebooks. */
function extension(file: string): string {
  return posix.extname(file).toLowerCase();
}

/**
 * Pairs of files (copy, twin) where the copy's name is a version of the twin's, in the same
 * folder, with the same extension. The nearest existing base wins.
 */
export function versionedFilePairs(files: readonly string[]): { copy: string; twin: string }[] {
  const present = new Set(files);
  const pairs: { copy: string; twin: string }[] = [];
  for (const file of files) {
    const ext = extension(file);
    if (ext !== ".py" && ext !== ".ipynb") continue;
    const directory = posix.dirname(file);
    const stem = posix.basename(file, posix.extname(file));
    for (const base of versionBases(stem)) {
      const twin = directory === "." ? `${base}${posix.extname(file)}` : `${directory}/${base}${posix.extname(file)}`;
      if (present.has(twin)) {
        pairs.push({ copy: file, twin });
        break;
      }
    }
  }
  return pairs;
}
