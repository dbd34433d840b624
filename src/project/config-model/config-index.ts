/**
 * The configuration index (DESIGN.md, "config key"): every setting of a project with where it is
 * defined, read and overridden, and which of its values disagree. Built once per project model
 * from the model's facts (config files, config reads, command-line options, typed config classes,
 * constants, manifests); rules and `mldebt config` read it, nobody rebuilds it.
 */
import { posix } from "node:path";
import { nodePlace, type NodePlace } from "../module-facts.js";
import type { ConfigDefault, ConfigFileModel, ConfigKey, ConfigRead, ConfigValue, ModuleFacts, ProjectModel } from "../types.js";
import { commandOverridesOf } from "./command-overrides.js";
import { findConflicts } from "./conflicts.js";
import { programsOf } from "./programs.js";
import { composedPath, hydraRootsOf, settingKeysOf } from "./hydra.js";
import { settingsFilesOf } from "./settings-files.js";
import type { ConfigIndex, ConfigKeyEntry, HydraRoot, SettingDefinition, SettingLocation, SettingNamespace } from "./types.js";

/** Modules whose constants are settings by their name: `config.py`, `settings.py`, `hparams.py`, … */
export const CONFIG_MODULE_NAME = /^(?:config|configs|configuration|settings|constants|consts|params|parameters|hparams|hyperparams|hyperparameters|cfg|conf|options|defaults)\.py$/u;

/** Invocations that run a Python file over the caller's globals. */
const EXEC_RUNNERS = new Set(["exec", "execfile", "runpy.run_path"]);

/** Python files that are config scripts by their folder (`config/train_gpt2.py`). */
const CONFIG_SCRIPT_FOLDER = /(?:^|\/)(?:config|configs|conf|settings)\//u;

/** Mechanisms of reads from a loaded config object. */
const FILE_READS = new Set<ConfigRead["mechanism"]>(["mapping", "get", "attribute"]);

function compareLocations(a: SettingLocation, b: SettingLocation): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}

/** A position in a module as a location; notebook positions also get their cell and line within it. */
export function moduleLocation(facts: ModuleFacts | undefined, file: string, line: number, column: number): SettingLocation {
  const location: SettingLocation = { file, line, column };
  const cell = facts?.notebookPosition?.(line, column);
  if (cell) {
    location.cell = cell.cell;
    location.cellLine = cell.line;
  }
  return location;
}

/** The place of a fact's node in a module, with its end (read without parsing the module again). */
function nodeLocation(facts: ModuleFacts | undefined, file: string, place: NodePlace): SettingLocation {
  const { start, end } = place.loc;
  return { ...moduleLocation(facts, file, start.line, start.column + 1), endLine: end.line, endColumn: end.column + 1 };
}

/** The place of a default expression as a location. */
function defaultLocation(facts: ModuleFacts | undefined, file: string, at: NonNullable<ConfigDefault["at"]>): SettingLocation {
  return { ...moduleLocation(facts, file, at.line, at.column), endLine: at.endLine, endColumn: at.endColumn };
}

function namespaceId(namespace: SettingNamespace): string {
  switch (namespace.kind) {
    case "file":
    case "cli":
    case "constants":
      return `${namespace.kind}:${namespace.file}`;
    case "hydra":
      return `hydra:${namespace.primary}`;
    case "typed":
      return `typed:${namespace.file}#${namespace.className}`;
    default:
      return namespace.kind;
  }
}

function sourceLabel(namespace: SettingNamespace): string {
  switch (namespace.kind) {
    case "file":
      return namespace.file;
    case "hydra":
      return `hydra ${namespace.primary}`;
    case "unknown-file":
      return "config from an unknown file";
    case "cli":
      return `command line of ${namespace.file}`;
    case "env":
      return "environment";
    case "typed":
      return `${namespace.className} (${namespace.file})`;
    case "constants":
      return `constants of ${namespace.file}`;
  }
}

/** The last segment of a key, lower-cased: `train.optimizer.lr` → `lr`. */
function settingName(key: string): string {
  const last = key.slice(key.lastIndexOf(".") + 1);
  return last.toLowerCase();
}

function valueText(value: ConfigValue): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function defaultValue(fallback: ConfigDefault | undefined): ConfigValue | undefined {
  return fallback?.known ? fallback.value : undefined;
}

class EntryTable {
  readonly #entries = new Map<string, ConfigKeyEntry>();

  get(namespace: SettingNamespace, key: string): ConfigKeyEntry {
    const id = `${namespaceId(namespace)}\0${key}`;
    let entry = this.#entries.get(id);
    if (!entry) {
      entry = { key, name: settingName(key), namespace, source: sourceLabel(namespace), definitions: [], reads: [], overrides: [] };
      this.#entries.set(id, entry);
    }
    return entry;
  }

  has(namespace: SettingNamespace, key: string): boolean {
    return this.#entries.has(`${namespaceId(namespace)}\0${key}`);
  }

  all(): ConfigKeyEntry[] {
    const entries = [...this.#entries.values()];
    for (const entry of entries) {
      entry.definitions.sort(compareLocations);
      entry.reads.sort(compareLocations);
      entry.overrides.sort(compareLocations);
    }
    return entries.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}

function addFileKeys(table: EntryTable, config: ConfigFileModel): void {
  const namespace: SettingNamespace = { kind: "file", file: config.file };
  for (const key of config.keys) {
    if (key.isContainer) continue;
    table.get(namespace, key.path).definitions.push({ file: config.file, line: key.line, column: key.column, kind: "config-file", written: key.path, value: key.value, text: valueText(key.value) });
  }
}

function addHydraKeys(table: EntryTable, root: HydraRoot, configs: Map<string, ConfigFileModel>): void {
  const namespace: SettingNamespace = { kind: "hydra", dir: root.dir, primary: root.primary };
  const keyed = root.files.map((file) => ({ file, keys: settingKeysOf(configs.get(file.file)!).filter((key) => !key.isContainer) }));
  // What the defaults (group options the defaults list selects) define: the primary config and `_global_` configs override it.
  const selectedKeys = new Set(keyed.filter(({ file }) => file.role === "option" && file.option?.selected).flatMap(({ file, keys }) => keys.map((key) => composedPath(file, key.path))));
  const baseKeys = new Set([...selectedKeys, ...keyed.filter(({ file }) => file.role === "primary").flatMap(({ file, keys }) => keys.map((key) => composedPath(file, key.path)))]);
  for (const { file, keys } of keyed) {
    for (const key of keys) {
      const path = composedPath(file, key.path);
      const entry = table.get(namespace, path);
      const place = { file: file.file, line: key.line, column: key.column };
      const overrides = (file.role === "primary" && selectedKeys.has(path)) || (file.role === "global" && baseKeys.has(path));
      if (overrides) {
        entry.overrides.push({ ...place, via: "hydra-config", value: key.value, text: valueText(key.value) });
        continue;
      }
      const definition: SettingDefinition = { ...place, kind: file.role === "option" ? "hydra-option" : "config-file", written: key.path, value: key.value, text: valueText(key.value) };
      if (file.option) definition.option = file.option;
      entry.definitions.push(definition);
    }
  }
}

/**
 * The namespace a config read belongs to, or null when the read says nothing about a known
 * setting. A typed config read belongs to the config file its class is validated from, if known.
 */
function readNamespace(read: ConfigRead, file: string, hydraByPrimary: Map<string, HydraRoot>, typedClassOf: (read: ConfigRead) => { owner: string; source?: string } | null): SettingNamespace | null {
  if (FILE_READS.has(read.mechanism)) return read.source ? { kind: "file", file: read.source } : { kind: "unknown-file" };
  switch (read.mechanism) {
    case "hydra": {
      const root = read.source ? hydraByPrimary.get(read.source) : undefined;
      return root ? { kind: "hydra", dir: root.dir, primary: root.primary } : read.source ? { kind: "file", file: read.source } : { kind: "unknown-file" };
    }
    case "argparse":
    case "click":
    case "typer":
      return { kind: "cli", file };
    case "env":
      return { kind: "env" };
    case "typed": {
      const found = typedClassOf(read);
      if (!found || !read.typedClass) return null;
      return found.source ? { kind: "file", file: found.source } : { kind: "typed", file: found.owner, className: read.typedClass.name };
    }
    default:
      return null;
  }
}

function build(model: ProjectModel): ConfigIndex {
  const modules = [...model.modules].sort(([a], [b]) => (a < b ? -1 : 1));
  const locate = (file: string, line: number, column: number) => moduleLocation(model.modules.get(file), file, line, column);
  const hydraRoots = hydraRootsOf(model);
  const hydraByPrimary = new Map(hydraRoots.map((root) => [root.primary, root]));
  const configs = new Map(model.configFiles.map((config) => [config.file, config]));
  const table = new EntryTable();

  const loaded = new Set<string>();
  for (const [, facts] of modules) {
    for (const read of facts.configReads) if (read.source && FILE_READS.has(read.mechanism)) loaded.add(read.source);
    for (const configClass of facts.configClasses) if (configClass.source) loaded.add(configClass.source);
  }
  const settingsFiles = settingsFilesOf(model.configFiles, loaded, hydraRoots.map((root) => root.dir));
  const inHydra = (file: string) => hydraRoots.some((root) => root.files.some((entry) => entry.file === file));
  for (const config of settingsFiles) if (!inHydra(config.file) || loaded.has(config.file)) addFileKeys(table, config);
  for (const root of hydraRoots) addHydraKeys(table, root, configs);
  for (const config of model.configFiles) {
    if (config.format !== "env") continue;
    for (const key of config.keys) table.get({ kind: "env" }, key.path).definitions.push({ file: config.file, line: key.line, column: key.column, kind: "env-file", written: key.path, value: key.value, text: valueText(key.value) });
  }

  const typedClasses = new Map<string, { fields: Set<string>; source?: string }>();
  for (const [file, facts] of modules) {
    for (const option of facts.cliOptions) {
      const value = defaultValue(option.default);
      // The `default=` keyword of the call (a typer parameter's default is elsewhere: the call is the place).
      const fallback = option.mechanism === "typer" ? undefined : option.default?.at;
      const place = fallback ? defaultLocation(facts, file, fallback) : nodeLocation(facts, file, nodePlace(option, "node")!);
      const definition: SettingDefinition = { ...place, kind: option.mechanism, written: option.flags[0] ?? option.key, text: option.default?.text ?? "(no default)" };
      if (value !== undefined) definition.value = value;
      table.get({ kind: "cli", file }, option.key).definitions.push(definition);
    }
    for (const configClass of facts.configClasses) {
      typedClasses.set(`${file}#${configClass.name}`, { fields: new Set(configClass.fields.map((entry) => entry.name)), ...(configClass.source ? { source: configClass.source } : {}) });
      for (const classField of configClass.fields) {
        const value = defaultValue(classField.default);
        const definition: SettingDefinition = { ...locate(file, classField.line, classField.column), kind: "typed", written: `${configClass.name}.${classField.name}`, text: classField.default?.text ?? "(no default)" };
        if (value !== undefined) definition.value = value;
        table.get({ kind: "typed", file, className: configClass.name }, classField.name).definitions.push(definition);
      }
    }
  }

  for (const [file, facts] of modules) {
    const typedClassOf = (read: ConfigRead): { owner: string; source?: string } | null => {
      const reference = read.typedClass!;
      const owner = reference.module === null ? file : model.moduleForImport(file, reference.module);
      const found = owner ? typedClasses.get(`${owner}#${reference.name}`) : undefined;
      return owner && found?.fields.has(read.key.split(".")[0]!) ? { owner, ...(found.source ? { source: found.source } : {}) } : null;
    };
    for (const read of facts.configReads) {
      if (read.dynamic || read.key.includes("*")) continue;
      const namespace = readNamespace(read, file, hydraByPrimary, typedClassOf);
      if (!namespace) continue;
      const entry = table.get(namespace, read.key);
      const node = nodePlace(read, "node")!;
      // The fallback of a `.get(key, fallback)` call (reads of other kinds carry their definition's default).
      const fallback = node.type === "call" ? read.default?.at : undefined;
      entry.reads.push({
        ...nodeLocation(facts, file, node),
        mechanism: read.mechanism,
        ...(read.default ? { default: read.default } : {}),
        ...(fallback ? { fallbackAt: defaultLocation(facts, file, fallback) } : {}),
      });
    }
  }

  // A read of a whole section (`cfg["train"]`) meets the section's definition.
  const sections = new Map<string, { file: string; key: ConfigKey }>();
  for (const config of settingsFiles) for (const key of config.keys) if (key.isContainer) sections.set(`file:${config.file}\u0000${key.path}`, { file: config.file, key });
  for (const root of hydraRoots) {
    for (const file of root.files) {
      for (const key of settingKeysOf(configs.get(file.file)!)) if (key.isContainer) sections.set(`hydra:${root.primary}\u0000${composedPath(file, key.path)}`, { file: file.file, key });
    }
  }
  for (const entry of table.all()) {
    if (entry.definitions.length > 0 || entry.reads.length === 0) continue;
    const section = sections.get(`${namespaceId(entry.namespace)}\u0000${entry.key}`);
    if (section) entry.definitions.push({ file: section.file, line: section.key.line, column: section.key.column, kind: "config-file", written: section.key.path, text: Array.isArray(section.key.value) ? "[…]" : "{…}" });
  }

  const hydraScripts = new Map<string, HydraRoot>();
  for (const [file, facts] of modules) {
    const primary = facts.configReads.find((read) => read.mechanism === "hydra" && read.source && hydraByPrimary.has(read.source))?.source;
    if (primary) hydraScripts.set(file, hydraByPrimary.get(primary)!);
  }
  // Scripts that exec config scripts over their globals: the globals assigned before the first exec are settings.
  const execLines = new Map<string, number>();
  for (const [file, facts] of modules) {
    const lines = facts.invocations.filter((invocation) => EXEC_RUNNERS.has(invocation.via)).map((invocation) => invocation.line);
    if (lines.length > 0) execLines.set(file, Math.min(...lines));
  }
  for (const override of commandOverridesOf(model, (script) => hydraScripts.has(script), (script) => execLines.has(script), locate)) {
    const root = hydraScripts.get(override.script);
    if (override.kind === "hydra" && root) {
      // `model=vit` selects a group option; only keys are settings.
      const isGroup = root.files.some((file) => file.option?.group === override.key);
      if (isGroup) continue;
      table.get({ kind: "hydra", dir: root.dir, primary: root.primary }, override.key).overrides.push({ ...override.location, via: "command-line", ...(override.value !== undefined ? { value: override.value } : {}), text: override.value !== undefined ? valueText(override.value) : override.text });
    } else if (override.kind === "global") {
      table.get({ kind: "constants", file: override.script }, override.key).overrides.push({ ...override.location, via: "command-line", ...(override.value !== undefined ? { value: override.value } : {}), text: override.value !== undefined ? valueText(override.value) : override.text });
    } else if (override.kind === "option" && table.has({ kind: "cli", file: override.script }, override.key)) {
      table.get({ kind: "cli", file: override.script }, override.key).overrides.push({ ...override.location, via: "command-line", ...(override.value !== undefined ? { value: override.value } : {}), text: override.value !== undefined ? valueText(override.value) : override.text });
    }
  }

  // Constants that name a setting (`LR = 0.01` next to a key `lr`), every constant of a config module,
  // and the globals a script defines before it execs config scripts over them.
  const names = new Set(table.all().map((entry) => entry.name));
  for (const [file, facts] of modules) {
    const configModule = CONFIG_MODULE_NAME.test(posix.basename(file));
    const execLine = execLines.get(file);
    for (const constant of facts.definitions.constants) {
      const value = constant.value;
      if (value === undefined || (typeof value === "object" && value !== null)) continue;
      const execGlobal = execLine !== undefined && constant.line < execLine;
      if (!configModule && !execGlobal && (!/^[A-Z][A-Z0-9_]*$/u.test(constant.name) || !names.has(constant.name.toLowerCase()))) continue;
      table.get({ kind: "constants", file }, constant.name).definitions.push({ ...locate(file, constant.line, constant.column), kind: "constant", written: constant.name, value, text: constant.text });
    }
  }
  // Config scripts (`config/*.py`) override the globals of the scripts that exec them.
  for (const [file, facts] of modules) {
    if (!CONFIG_SCRIPT_FOLDER.test(file)) continue;
    for (const constant of facts.definitions.constants) {
      for (const script of execLines.keys()) {
        if (!table.has({ kind: "constants", file: script }, constant.name)) continue;
        const value = constant.value;
        table.get({ kind: "constants", file: script }, constant.name).overrides.push({ ...locate(file, constant.line, constant.column), via: "config-script", ...(value !== undefined ? { value } : {}), text: constant.text });
      }
    }
  }

  const entries = table.all();
  const readerSets = new Map<string, Set<string>>();
  const addReaders = (config: string, files: string[]) => {
    const set = readerSets.get(config);
    if (set) for (const file of files) set.add(file);
    else readerSets.set(config, new Set(files));
  };
  for (const entry of entries) {
    const files = entry.reads.map((read) => read.file);
    if (files.length === 0) continue;
    if (entry.namespace.kind === "file") addReaders(entry.namespace.file, files);
    const namespace = entry.namespace;
    if (namespace.kind === "hydra") for (const file of hydraByPrimary.get(namespace.primary)?.files ?? []) addReaders(file.file, files);
  }
  const readers = new Map([...readerSets].map(([config, files]) => [config, [...files].sort()]));
  const programs = programsOf(model, readers);
  return { entries, conflicts: findConflicts(entries, programs), hydraRoots, settingsFiles: settingsFiles.map((config) => config.file).sort(), programs };
}

const indexes = new WeakMap<ProjectModel, ConfigIndex>();

/** The configuration index of a project model, built on first use. */
export function getConfigIndex(model: ProjectModel): ConfigIndex {
  let index = indexes.get(model);
  if (!index) {
    index = build(model);
    indexes.set(model, index);
  }
  return index;
}

/** Whether a dotted key is defined in a config file: the key itself, a key under it, or a scalar above it that a run may replace. */
export function isDefinedIn(keys: Pick<ConfigKey, "path" | "isContainer">[], key: string): boolean {
  for (const candidate of keys) {
    if (candidate.path === key) return true;
    if (candidate.path.startsWith(`${key}.`) || candidate.path.startsWith(`${key}[`)) return true;
    if ((key.startsWith(`${candidate.path}.`) || key.startsWith(`${candidate.path}[`)) && !candidate.isContainer) return true;
  }
  return false;
}
