/**
 * Duplicated configuration: settings files that are near-copies of each other (`config.yaml` and
 * `config_v2.yaml` sharing most of their values), and one value written in many files
 * (`trainer.max_epochs: 100` in every experiment). Compared on leaf settings (`path = value`);
 * keys of Hydra files are compared at their composed path. Each finding names the config files it
 * is about and where in them; `duplicated-config` reports it in the config file.
 */
import { posix } from "node:path";
import type { ConfigFileModel, ConfigKey, ConfigValue } from "../types.js";
import { composedPath, settingKeysOf } from "./hydra.js";
import type { HydraRoot } from "./types.js";
import { appendTo } from "../../collections.js";

export interface DuplicateOptions {
  /** Share of identical settings (of both files' settings together) from which two files are near-copies. */
  similarity: number;
  /** Files with fewer settings are not compared. */
  minKeys: number;
  /** A value written in at least this many files is reported. */
  minFiles: number;
}

/** One setting of a file as compared: its (composed) path, value and where it is written. */
interface Leaf {
  path: string;
  value: ConfigValue;
  key: ConfigKey;
}

export interface NearDuplicate {
  /** The file that looks like the copy (`_v2`, `_copy`, `_old`, … or the later name). */
  copy: string;
  original: string;
  same: number;
  /** Settings in either file that the other lacks or sets differently, by path, with their line in the copy (or the original). */
  differences: { path: string; file: string; line: number }[];
  total: number;
}

export interface RepeatedValue {
  path: string;
  value: ConfigValue;
  /** Where it is written, sorted by file. */
  places: { file: string; line: number; column: number }[];
}

const COPY_NAME = /(?:[_ .-](?:v\d+|copy|copy\d+|old|new|bak|backup|final|final\d*|tmp|orig|\d+)|\(\d+\)|-Copy\d*)$/iu;

/**
 * The settings of a file as compared: scalars, and lists as one value each (`betas: [0.9, 0.999]`,
 * a list of class names or layers), so that long lists do not outweigh the settings around them.
 */
function leavesOf(config: ConfigFileModel, hydraFiles: Map<string, { package: string }>): Leaf[] {
  const hydra = hydraFiles.get(config.file);
  const keys = hydra ? settingKeysOf(config) : config.keys;
  return keys
    .filter((key) => !key.path.includes("[") && !key.name.startsWith("_") && (!key.isContainer || Array.isArray(key.value)))
    .map((key) => ({ path: hydra ? composedPath({ file: config.file, package: hydra.package, role: "option" }, key.path) : key.path, value: key.value, key }));
}

function signature(leaf: Leaf): string {
  return `${leaf.path}\u0000${JSON.stringify(leaf.value)}`;
}

function isCopyName(file: string): boolean {
  return COPY_NAME.test(posix.basename(file).replace(/\.[^.]+$/u, ""));
}

/**
 * Values worth one place: numbers other than 0 and 1 (hyperparameters, sizes, seeds) and paths or
 * URLs. Flags, null, choices (`cpu`, `adam`, `relu`) and empty values repeat on purpose.
 */
function isWorthOnePlace(value: ConfigValue): boolean {
  if (typeof value === "number") return value !== 0 && value !== 1;
  // Paths and URLs, not metric names such as `val/loss`.
  if (typeof value === "string") return /^(?:[a-z][a-z0-9+.-]*:\/\/|\.{0,2}\/|~\/)|[/\\][^/\\]*\.[A-Za-z0-9]{1,5}$/u.test(value.trim());
  return false;
}

/** Near-copies among the settings files: for each copy, the file it is most like (one finding per copy), sorted by copy. */
export function nearDuplicates(files: ConfigFileModel[], hydraRoots: HydraRoot[], options: DuplicateOptions): NearDuplicate[] {
  const hydraFiles = new Map(hydraRoots.flatMap((root) => root.files.map((file) => [file.file, file] as const)));
  const leaves = new Map(files.map((config) => [config.file, leavesOf(config, hydraFiles)]));
  const eligible = files.filter((config) => leaves.get(config.file)!.length >= options.minKeys).map((config) => config.file).sort();
  // Shared settings per pair, counted through an inverted index (values common to very many files are skipped).
  const holders = new Map<string, string[]>();
  for (const file of eligible) for (const leaf of leaves.get(file)!) appendTo(holders, signature(leaf), file);
  const shared = new Map<string, number>();
  for (const group of holders.values()) {
    if (group.length < 2 || group.length > 200) continue;
    for (let a = 0; a < group.length; a++) for (let b = a + 1; b < group.length; b++) shared.set(`${group[a]}\u0000${group[b]}`, (shared.get(`${group[a]}\u0000${group[b]}`) ?? 0) + 1);
  }
  const found: NearDuplicate[] = [];
  for (const [pair, same] of shared) {
    const [first, second] = pair.split("\u0000") as [string, string];
    const total = new Set([...leaves.get(first)!, ...leaves.get(second)!].map((leaf) => leaf.path)).size;
    if (same / total < options.similarity) continue;
    const copy = isCopyName(first) && !isCopyName(second) ? first : second;
    const original = copy === first ? second : first;
    const originalValues = new Map(leaves.get(original)!.map((leaf) => [leaf.path, signature(leaf)]));
    const copyValues = new Map(leaves.get(copy)!.map((leaf) => [leaf.path, signature(leaf)]));
    const differences = [
      ...leaves.get(copy)!.filter((leaf) => originalValues.get(leaf.path) !== signature(leaf)).map((leaf) => ({ path: leaf.path, file: copy, line: leaf.key.line })),
      ...leaves.get(original)!.filter((leaf) => !copyValues.has(leaf.path)).map((leaf) => ({ path: leaf.path, file: original, line: leaf.key.line })),
    ];
    found.push({ copy, original, same, differences, total });
  }
  // Keep each copy's closest original (a family of variants is one finding per member, not one per pair).
  const best = new Map<string, NearDuplicate>();
  for (const pair of found.sort((a, b) => b.same / b.total - a.same / a.total || (a.original < b.original ? -1 : 1))) {
    if (!best.has(pair.copy)) best.set(pair.copy, pair);
  }
  return [...best.values()].sort((a, b) => (a.copy < b.copy ? -1 : a.copy > b.copy ? 1 : a.original < b.original ? -1 : 1));
}

/**
 * Values written in `minFiles` files or more at the same path, leaving out values that repeat on
 * purpose (flags, choices) and values repeated only among files already reported as near-copies of
 * each other.
 */
export function repeatedValues(files: ConfigFileModel[], hydraRoots: HydraRoot[], copies: NearDuplicate[], options: DuplicateOptions): RepeatedValue[] {
  const hydraFiles = new Map(hydraRoots.flatMap((root) => root.files.map((file) => [file.file, file] as const)));
  const groups = new Map<string, { path: string; value: ConfigValue; places: RepeatedValue["places"] }>();
  for (const config of files) {
    for (const leaf of leavesOf(config, hydraFiles)) {
      if (!isWorthOnePlace(leaf.value)) continue;
      const group = groups.get(signature(leaf)) ?? { path: leaf.path, value: leaf.value, places: [] };
      if (group.places.some((place) => place.file === config.file)) continue;
      group.places.push({ file: config.file, line: leaf.key.line, column: leaf.key.column });
      groups.set(signature(leaf), group);
    }
  }
  const copyOf = new Map<string, string>();
  const clusterOf = (file: string): string => {
    let current = file;
    while (copyOf.has(current) && copyOf.get(current) !== current) current = copyOf.get(current)!;
    return current;
  };
  for (const pair of copies) copyOf.set(clusterOf(pair.copy), clusterOf(pair.original));
  const repeated: RepeatedValue[] = [];
  for (const group of groups.values()) {
    if (group.places.length < options.minFiles) continue;
    if (new Set(group.places.map((place) => clusterOf(place.file))).size < options.minFiles) continue;
    repeated.push({ path: group.path, value: group.value, places: group.places.sort((a, b) => (a.file < b.file ? -1 : 1)) });
  }
  return repeated.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : JSON.stringify(a.value) < JSON.stringify(b.value) ? -1 : 1));
}
