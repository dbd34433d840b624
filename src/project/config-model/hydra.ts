/**
 * Hydra config directories: the primary config a `@hydra.main(config_path=..., config_name=...)`
 * program composes, its defaults list, the config groups (sub-folders) and their options, and the
 * package each file's keys land in (`# @package` headers, `group@package` entries, `_global_`).
 * From these, every file's keys get their composed path (`optimizer/adam.yaml: lr` is
 * `optimizer.lr`), so reads of `cfg.optimizer.lr` meet their definitions.
 */
import { posix } from "node:path";
import type { ConfigFileModel, ConfigKey, ConfigValue, ProjectModel } from "../types.js";
import type { HydraFile, HydraRoot } from "./types.js";

/** One entry of a defaults list: `- optimizer: adam`, `- override /model: vit`, `- db@backup: mysql`, `- base`. */
interface DefaultsEntry {
  group: string;
  option: string | null;
  package?: string;
}

function parseDefaultsEntry(value: ConfigValue): DefaultsEntry | null {
  if (typeof value === "string") return value === "_self_" ? null : { group: "", option: value };
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const [raw, option] = Object.entries(value)[0] ?? [];
  if (raw === undefined) return null;
  const key = raw.replace(/^(?:override|optional)\s+/u, "").replace(/^\//u, "");
  const [group = "", pkg] = key.split("@", 2);
  const entry: DefaultsEntry = { group, option: typeof option === "string" ? option : null };
  if (pkg !== undefined) entry.package = pkg;
  return entry;
}

/** The entries of a config's `defaults:` list. */
function defaultsListOf(config: ConfigFileModel): DefaultsEntry[] {
  return config.keys
    .filter((key) => /^defaults\[\d+\]$/u.test(key.path))
    .map((key) => parseDefaultsEntry(key.value))
    .filter((entry): entry is DefaultsEntry => entry !== null);
}

/** The keys of a Hydra config that are settings (the `defaults` list is composition, not a setting). */
export function settingKeysOf(config: ConfigFileModel): ConfigKey[] {
  return config.keys.filter((key) => key.path !== "defaults" && !key.path.startsWith("defaults[") && !key.path.startsWith("defaults."));
}

/** The path a key of `file` has in the composed config. */
export function composedPath(file: HydraFile, key: string): string {
  return file.package === "" ? key : `${file.package}.${key}`;
}

function packageOf(directive: string | undefined, group: string, override: string | undefined): string {
  const dotted = group.replace(/\//gu, ".");
  if (directive === "_global_") return "";
  if (directive === "_group_") return dotted;
  if (directive) return directive.replace(/^_global_\.?/u, "").replace(/_group_/gu, dotted);
  if (override !== undefined) return override === "_global_" ? "" : override.replace(/^_global_\.?/u, "").replace(/_group_/gu, dotted);
  return dotted;
}

function hydraRoot(primary: string, configFiles: ConfigFileModel[]): HydraRoot | null {
  const dir = posix.dirname(primary);
  const primaryConfig = configFiles.find((config) => config.file === primary);
  if (!primaryConfig) return null;
  const prefix = dir === "." ? "" : `${dir}/`;
  const inside = configFiles.filter((config) => config.format === "yaml" && config.file.startsWith(prefix));
  const defaults = defaultsListOf(primaryConfig);
  const selected = new Map<string, string>();
  const packageOverrides = new Map<string, string>();
  for (const entry of defaults) {
    if (entry.group === "") continue;
    if (entry.option !== null) selected.set(entry.group, entry.option);
    if (entry.package !== undefined) packageOverrides.set(entry.group, entry.package);
  }
  const groupsPresent = new Set(inside.map((config) => posix.dirname(config.file.slice(prefix.length))).filter((group) => group !== "."));
  const incomplete = defaults.some((entry) => entry.group !== "" && !entry.group.startsWith("hydra") && ![...groupsPresent].some((group) => group === entry.group || group.startsWith(`${entry.group}/`)));
  const files: HydraFile[] = inside.map((config) => {
    const relative = config.file.slice(prefix.length);
    const group = posix.dirname(relative) === "." ? "" : posix.dirname(relative);
    const name = posix.basename(relative).replace(/\.ya?ml$/u, "");
    if (config.file === primary) return { file: config.file, package: packageOf(config.packageDirective, "", undefined), role: "primary" };
    if (group === "") {
      // A root-level config is composed into the primary when its defaults list names it (`- base`); otherwise it is another primary config.
      const composed = defaults.some((entry) => entry.group === "" && entry.option === name);
      const pkg = packageOf(config.packageDirective, "", undefined);
      return composed ? { file: config.file, package: pkg, role: "option", option: { group: "", name, selected: true } } : { file: config.file, package: pkg, role: "sibling" };
    }
    const pkg = packageOf(config.packageDirective, group, packageOverrides.get(group));
    return { file: config.file, package: pkg, role: pkg === "" ? "global" : "option", option: { group, name, selected: selected.get(group) === name } };
  });
  return { dir, primary, files: files.sort((a, b) => (a.file < b.file ? -1 : 1)), incomplete };
}

/**
 * The Hydra config directories of a project: one per primary config that a `@hydra.main` program
 * composes and the project holds.
 */
export function hydraRootsOf(model: ProjectModel): HydraRoot[] {
  const primaries = new Set<string>();
  for (const facts of model.modules.values()) {
    for (const read of facts.configReads) if (read.mechanism === "hydra" && read.source) primaries.add(read.source);
  }
  const roots: HydraRoot[] = [];
  for (const primary of [...primaries].sort()) {
    const root = hydraRoot(primary, model.configFiles);
    if (root) roots.push(root);
  }
  return roots;
}

/** Every key of a Hydra root's files at its composed path (containers included). */
export function composedKeysOf(root: HydraRoot, configFiles: ConfigFileModel[]): Pick<ConfigKey, "path" | "isContainer">[] {
  const configs = new Map(configFiles.map((config) => [config.file, config]));
  const keys: Pick<ConfigKey, "path" | "isContainer">[] = [];
  for (const file of root.files) {
    const config = configs.get(file.file);
    if (!config) continue;
    if (file.package !== "") keys.push({ path: file.package, isContainer: true });
    for (const key of settingKeysOf(config)) keys.push({ path: composedPath(file, key.path), isContainer: key.isContainer });
  }
  return keys;
}
