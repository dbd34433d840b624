/**
 * Which keys of a config file the project reads, and whether that question can be answered at
 * all. A file is *checked* only when the evidence is complete: code loads it through a recognised
 * config loader whose file is known, nothing reads it any other way, Hydra does not compose it,
 * and no config of unknown origin escapes analysis wholesale. Keys count as read when code reads
 * them (or a key under them), when a config object escapes analysis at or above them (passed on,
 * iterated, read with a computed key), when a pipeline manifest declares them as params, or when
 * an interpolation (`${train.lr}`) in a config file or a manifest command refers to them.
 */
import { posix } from "node:path";
import { moduleGraph } from "./module-graph.js";
import { nodePlace } from "./module-facts.js";
import type { ConfigUse } from "./python/config-uses.js";
import type { ConfigFileModel, ConfigValue, ProjectModel } from "./types.js";
import { appendTo } from "../collections.js";

/** Where a config file is loaded. */
export interface ConfigLoad {
  file: string;
  line: number;
  column: number;
}

export interface ConfigFileUsage {
  /** Why the file's keys cannot be judged, or null when they can. */
  unchecked: string | null;
  /** The code that loads the file (sorted). */
  loadedBy: ConfigLoad[];
  /** True when code, a manifest or an interpolation may read the key at `path`. */
  isRead(path: string): boolean;
}

/** Files whose keys configure tools, not the project's code. */
const TOOL_FILES = new Set(["pyproject.toml", "poetry.toml", "ruff.toml", ".ruff.toml", "mypy.toml", "cargo.toml"]);
const INTERPOLATION = /\$\{\s*([A-Za-z_][\w.[\]-]*)\s*\}/gu;

/** The project's own config files: YAML, JSON and TOML files that do not configure tools. */
export function projectConfigFiles(model: ProjectModel): ConfigFileModel[] {
  return model.configFiles.filter((config) => config.format !== "env" && !TOOL_FILES.has(posix.basename(config.file).toLowerCase()));
}

/** The first segment of a dotted key (`train` of `train.lr`, `layers` of `layers[0]`). */
function firstSegment(key: string): string {
  const end = key.search(/[.[]/u);
  return end < 0 ? key : key.slice(0, end);
}

/** A use that may change the keys it touches: an explicit write, a method called on a config (`update`, `merge_with`), a write through a computed key. */
function changesConfig(use: ConfigUse): boolean {
  return use.kind === "write" || (use.kind === "subtree" && (use.reason === "a method called on it" || use.reason === "a key computed at run time"));
}

/**
 * True when a use that may change configs loaded from `source` (or of unknown origin) touches
 * `key`: the key, a key under it, or a section holding it. Answered from an index by first key
 * segment (built once per source), since a key and the keys above and below it share it.
 */
export function configKeyChanged(model: ProjectModel, source: string | null, key: string): boolean {
  const index = usageIndex(model);
  let bySegment = index.changesBySegment.get(source);
  if (!bySegment) {
    bySegment = new Map();
    const candidates = [...(source === null ? [] : (index.bySource.get(source) ?? [])), ...(index.bySource.get(null) ?? [])];
    for (const use of candidates.filter(changesConfig)) {
      const segment = firstSegment(use.key);
      appendTo(bySegment, segment, use);
    }
    index.changesBySegment.set(source, bySegment);
  }
  return (bySegment.get(firstSegment(key)) ?? []).some((use) => under(key, use.key) || under(use.key, key));
}

interface UseAt extends ConfigUse {
  module: string;
}

interface UsageIndex {
  bySource: Map<string | null, UseAt[]>;
  /** Loader calls by the file they load, sorted by module and line. */
  loads: Map<string, ConfigLoad[]>;
  /** Keys referenced by `${…}` interpolations in config values and manifest commands. */
  interpolated: string[];
  /** `file:key` params declared by manifests (`file:*` for a whole file). */
  params: Set<string>;
  /** Uses that may change configs of a source, by the first segment of their key (on first ask). */
  changesBySegment: Map<string | null, Map<string, ConfigUse[]>>;
}

const indexes = new WeakMap<ProjectModel, UsageIndex>();

function stringsOf(value: ConfigValue, out: string[]): void {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsOf(item, out);
  else if (value && typeof value === "object") for (const item of Object.values(value)) stringsOf(item, out);
}

function usageIndex(model: ProjectModel): UsageIndex {
  let index = indexes.get(model);
  if (index) return index;
  const graph = moduleGraph(model);
  const bySource = new Map<string | null, UseAt[]>();
  const loads = new Map<string, ConfigLoad[]>();
  for (const [module, facts] of [...model.modules].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    for (const load of facts.configUses.loads) {
      if (load.source !== null) appendTo(loads, load.source, { file: module, line: load.line, column: load.column });
    }
    const imported = (graph.importers.get(module) ?? []).length > 0;
    for (const use of facts.configUses.uses) {
      if (use.onlyIfImported && !imported) continue;
      const list = bySource.get(use.source) ?? [];
      list.push({ ...use, module });
      bySource.set(use.source, list);
    }
  }
  const texts: string[] = [];
  for (const config of model.configFiles) for (const key of config.keys) if (!key.isContainer) stringsOf(key.value, texts);
  for (const manifest of model.manifests) for (const stage of manifest.stages) texts.push(...stage.commands);
  const interpolated = texts.flatMap((text) => [...text.matchAll(INTERPOLATION)].map((match) => match[1]!));
  const params = new Set<string>();
  for (const manifest of model.manifests) {
    for (const stage of manifest.stages) for (const param of stage.params) params.add(param.includes(":") ? param : `params.yaml:${param}`);
  }
  index = { bySource, loads, interpolated, params, changesBySegment: new Map() };
  indexes.set(model, index);
  return index;
}

/** True when `key` is `path` or lies under it. */
export function under(key: string, path: string): boolean {
  return key === path || key.startsWith(`${path}.`) || key.startsWith(`${path}[`);
}

function reads(use: ConfigUse, path: string): boolean {
  if (use.kind === "write") return false;
  if (under(use.key, path)) return true; // the key, or a key under it
  return use.kind === "subtree" && (use.key === "" || under(path, use.key));
}

/** What the project reads of a config file (`file` root-relative). */
export function configUsage(model: ProjectModel, file: string): ConfigFileUsage {
  const index = usageIndex(model);
  const config = model.configFiles.find((candidate) => candidate.file === file);
  const own = index.bySource.get(file) ?? [];
  const unknown = index.bySource.get(null) ?? [];
  const loadedBy = index.loads.get(file) ?? [];
  const usage = (unchecked: string | null): ConfigFileUsage => ({
    unchecked,
    loadedBy,
    isRead(path) {
      if (index.params.has(`${file}:*`) || index.params.has(`${file}:${path}`)) return true;
      for (const param of index.params) if (param.startsWith(`${file}:`) && under(param.slice(file.length + 1), path)) return true;
      if (index.interpolated.some((key) => under(key, path) || under(path, key))) return true;
      return own.some((use) => reads(use, path)) || unknown.some((use) => reads(use, path));
    },
  });
  if (!config) return usage("it is not one of the project's config files");
  if (config.format === "env") return usage("environment files are read by processes, not only by code");
  if (TOOL_FILES.has(posix.basename(file).toLowerCase())) return usage("it configures tools");
  if (config.errors.length > 0) return usage("it does not parse completely");
  if (loadedBy.length === 0) return usage("no code is known to load it");
  if (own.some((use) => use.loader === "hydra")) return usage("Hydra composes it with other files and command-line overrides");
  if (unknown.some((use) => use.kind === "subtree" && use.key === "")) return usage("a config of unknown origin escapes analysis as a whole");
  for (const site of model.readersOf(file)) {
    const facts = model.modules.get(site.file);
    if (!facts?.configUses.loaderOffsets.includes(nodePlace(site, "node")!.range[0])) return usage(`${site.file} reads it without a config loader`);
  }
  return usage(null);
}
