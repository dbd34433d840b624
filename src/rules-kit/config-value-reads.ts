/**
 * Code that reads a config value, seen from the config file: the io sites whose path comes from a
 * key (`pd.read_csv(cfg["data"]["raw"])` reads data from `data.raw`), and the plain reads of the
 * key through a config loader (`ImageFolder(cfg["data"]["images"])`).
 *
 * A finding about a value written in a config file (a machine-specific path, an unpinned bucket)
 * belongs on its config line, where the user changes it: rules report it there, from their config
 * visitor, name the code that reads it in the message and relate every read ("read here"). Their
 * Python visitor asks {@link isReadOfConfigValue} so that the same value is not reported a second
 * time at a read.
 */
import type { ConfigKey, ConfigRead, IoSite, LocatedConfigKey, ProjectDeclarations, ProjectModel, ResolvedPath } from "../project/types.js";
import type { RelatedLocation } from "../results/model.js";
import { nodePlace } from "../project/module-facts.js";
import { comparePlaces, factPlaceOf, relatedPlace, samePlace, type Place } from "./project-places.js";

/** An io site whose path comes from a config key. */
export interface ConfigDataRead {
  file: string;
  site: IoSite;
  /** The path argument's position. */
  place: Place;
}

/** A read of a config key through a config loader (not argparse, click or the environment). */
export interface ConfigLoaderRead {
  file: string;
  read: ConfigRead;
  place: Place;
}

/** Every read of one key of one config file, sorted by place. */
export interface ConfigKeyReads {
  data: ConfigDataRead[];
  loader: ConfigLoaderRead[];
}

const NO_READS: ConfigKeyReads = { data: [], loader: [] };

const indexes = new WeakMap<ProjectModel, Map<string, ConfigKeyReads>>();

function indexKey(file: string, key: string): string {
  return `${file}\u0000${key}`;
}

/** The reads of every config key in the project, built once per project model. */
function readsIndex(model: ProjectModel): Map<string, ConfigKeyReads> {
  const cached = indexes.get(model);
  if (cached) return cached;
  const index = new Map<string, ConfigKeyReads>();
  const entry = (file: string, key: string): ConfigKeyReads => {
    let reads = index.get(indexKey(file, key));
    if (!reads) index.set(indexKey(file, key), (reads = { data: [], loader: [] }));
    return reads;
  };
  for (const [file, facts] of model.modules) {
    for (const site of facts.ioSites) {
      const path = site.path;
      if (!path || !nodePlace(site, "pathNode") || path.via !== "config" || !path.configKey || !path.configFile) continue;
      entry(path.configFile, path.configKey).data.push({ file, site, place: factPlaceOf(file, site, "pathNode") });
    }
    for (const read of facts.configReads) {
      if (!read.source || read.dynamic || read.mechanism === "env" || read.mechanism === "argparse" || read.mechanism === "click") continue;
      entry(read.source, read.key).loader.push({ file, read, place: { file, line: read.line, column: read.column } });
    }
  }
  for (const reads of index.values()) {
    reads.data.sort((a, b) => comparePlaces(a.place, b.place));
    reads.loader.sort((a, b) => comparePlaces(a.place, b.place));
  }
  indexes.set(model, index);
  return index;
}

/** The code that reads `key` of config file `file` (root-relative). */
export function configKeyReads(model: ProjectModel, file: string, key: string): ConfigKeyReads {
  return readsIndex(model).get(indexKey(file, key)) ?? NO_READS;
}

/** The config key a resolved path was read from, located in its file; null when the path does not come from config or the key is not found. */
export function configOriginOf(path: ResolvedPath, declarations: ProjectDeclarations): LocatedConfigKey | null {
  if (path.via !== "config" || !path.configKey || !path.configFile) return null;
  return declarations.configKey(path.configKey, path.configFile)[0] ?? null;
}

/** True when the io site at `place` is one the project model knows reads `origin` (so the config file's visitor sees it too). */
export function isReadOfConfigValue(model: ProjectModel, origin: LocatedConfigKey, place: Place): boolean {
  return configKeyReads(model, origin.file, origin.path).data.some((read) => samePlace(read.place, place));
}

/** Related locations for the reads of a config value, one per place, in file order. */
export function readsRelated(model: ProjectModel, places: readonly Place[]): RelatedLocation[] {
  const sorted = [...places].sort(comparePlaces).filter((place, index, all) => index === 0 || !samePlace(place, all[index - 1]!));
  return sorted.map((place) => relatedPlace(model, place, "read here"));
}

/** A key of a config file whose value a rule judges, with the code that reads the value. */
export interface JudgedSetting<Verdict> {
  key: ConfigKey;
  verdict: Verdict;
  /** The reads, sorted (never empty). */
  places: Place[];
}

/**
 * The keys of config file `file` (root-relative, one of the project model's config files) whose
 * value `judge` finds wrong and which code reads (`judge` returns the verdict and the reads that
 * count, or null). Config files the model does not read give none: code is matched against those.
 */
export function judgedSettings<Verdict>(model: ProjectModel, file: string, keys: readonly ConfigKey[], judge: (key: ConfigKey) => { verdict: Verdict; places: Place[] } | null): JudgedSetting<Verdict>[] {
  if (!model.configFiles.some((config) => config.file === file)) return [];
  const judged: JudgedSetting<Verdict>[] = [];
  for (const key of keys) {
    const found = judge(key);
    if (found && found.places.length > 0) judged.push({ key, ...found });
  }
  return judged;
}

/** How a message names the files that read a value: `train.py`, `a.py and b.py`, `a.py, b.py, c.py and 2 more files`. */
export function readersText(places: readonly Place[]): string {
  const files = [...new Set(places.map((place) => place.file))].sort();
  const shown = files.slice(0, 3);
  const more = files.length - shown.length;
  if (more > 0) return `${shown.join(", ")} and ${more} more file${more === 1 ? "" : "s"}`;
  return shown.length <= 1 ? shown.join("") : `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}`;
}
