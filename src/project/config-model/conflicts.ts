/**
 * Values of one setting that disagree. Two kinds:
 *
 * - `fallbacks`: one key of a config (a file, a Hydra config, or a config loaded from an unknown
 *   file) read with fallbacks that differ from each other, or from the value the config gives.
 *   The config's value is the reference; without one, the most frequent fallback is.
 * - `same-name`: a config key and, elsewhere, a command-line option's default, a typed config
 *   field's default, a module constant or a fallback of the same name (`lr`, `LR`) holding another
 *   number or boolean, in the same program (see programs.ts). Only names whose config definitions
 *   in that program all agree are compared (Hydra group alternatives and `train.lr`/`finetune.lr`
 *   legitimately differ), and names of runtime plumbing (`verbose`, `device`, `local_rank`, …) are
 *   left alone.
 *
 * Each disagreeing place is reported once, in the first conflict that finds it.
 */
import type { ConfigValue } from "../types.js";
import type { ProjectPrograms } from "./programs.js";
import type { ConfigConflict, ConfigKeyEntry, ConflictRole, ConflictValue, SettingDefinition, SettingLocation } from "./types.js";

/** Names whose values differ between scripts on purpose: logging, devices, ranks, workers, ids. */
const RUNTIME_NAMES = new Set([
  "verbose",
  "verbosity",
  "debug",
  "quiet",
  "version",
  "name",
  "id",
  "run_name",
  "device",
  "devices",
  "gpu",
  "gpus",
  "gpu_id",
  "gpu_ids",
  "cuda",
  "no_cuda",
  "local_rank",
  "rank",
  "world_size",
  "num_workers",
  "workers",
  "n_jobs",
  "port",
  "host",
  "log_interval",
  "log_every",
  "print_freq",
  "help",
]);

type Scalar = string | number | boolean | null;

function isScalar(value: ConfigValue | undefined): value is Scalar {
  return value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

function same(a: Scalar, b: Scalar): boolean {
  return a === b;
}

function compare(a: SettingLocation, b: SettingLocation): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}

function locationOf(location: SettingLocation): SettingLocation {
  const { file, line, column, endLine, endColumn, cell, cellLine } = location;
  return {
    file,
    line,
    column,
    ...(endLine !== undefined && endColumn !== undefined ? { endLine, endColumn } : {}),
    ...(cell !== undefined ? { cell } : {}),
    ...(cellLine !== undefined ? { cellLine } : {}),
  };
}

function display(value: Scalar): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function definitionValue(entry: ConfigKeyEntry, definition: SettingDefinition, role: ConflictRole): ConflictValue | null {
  if (!isScalar(definition.value)) return null;
  return { ...locationOf(definition), role, value: definition.value, text: role === "config" ? display(definition.value) : definition.text, written: definition.written, source: entry.source, key: entry.key };
}

const ROLE_OF: Record<SettingDefinition["kind"], ConflictRole | null> = {
  "config-file": "config",
  "hydra-option": "config",
  argparse: "option-default",
  click: "option-default",
  typer: "option-default",
  typed: "field-default",
  constant: "constant",
  "env-file": null,
};

/**
 * The value a config gives a key in the runs it describes: a Hydra override by the primary config
 * wins; otherwise the definitions of the primary config and the selected group options, when they
 * agree. Null when the config gives none (or only unselected alternatives do).
 */
function effectiveConfigValue(entry: ConfigKeyEntry): ConflictValue | null {
  let value = effectiveValues.get(entry);
  if (value === undefined) effectiveValues.set(entry, (value = computeEffectiveValue(entry)));
  return value;
}

const effectiveValues = new WeakMap<ConfigKeyEntry, ConflictValue | null>();

function computeEffectiveValue(entry: ConfigKeyEntry): ConflictValue | null {
  if (entry.namespace.kind !== "file" && entry.namespace.kind !== "hydra") return null;
  const hydraOverride = entry.overrides.filter((override) => override.via === "hydra-config" && isScalar(override.value));
  if (hydraOverride.length === 1) {
    const override = hydraOverride[0]!;
    return { ...locationOf(override), role: "config", value: override.value as Scalar, text: display(override.value as Scalar), written: entry.key, source: entry.source, key: entry.key };
  }
  const defaults = entry.definitions.filter((definition) => definition.option === undefined || definition.option.selected);
  const values = defaults.map((definition) => definitionValue(entry, definition, "config")).filter((value): value is ConflictValue => value !== null);
  if (values.length === 0 || values.length !== defaults.length) return null;
  return values.every((value) => same(value.value, values[0]!.value)) ? values[0]! : null;
}

function fallbacksOf(entry: ConfigKeyEntry): ConflictValue[] {
  const values: ConflictValue[] = [];
  for (const read of entry.reads) {
    if (read.mechanism !== "get" && read.mechanism !== "hydra") continue;
    const fallback = read.default;
    if (!fallback?.known || fallback.value === null) continue;
    values.push({ ...locationOf(read.fallbackAt ?? read), role: "fallback", value: fallback.value, text: fallback.text, written: entry.key, source: entry.source, key: entry.key });
  }
  return values.sort(compare);
}

/** The most frequent value, ties broken by the first place it is written. */
function mostFrequent(values: ConflictValue[]): ConflictValue {
  const counts = new Map<Scalar, number>();
  for (const value of values) counts.set(value.value, (counts.get(value.value) ?? 0) + 1);
  let best = values[0]!;
  for (const value of values) if ((counts.get(value.value) ?? 0) > (counts.get(best.value) ?? 0)) best = value;
  return best;
}

function fallbackConflict(entry: ConfigKeyEntry): ConfigConflict | null {
  if (entry.namespace.kind !== "file" && entry.namespace.kind !== "hydra" && entry.namespace.kind !== "unknown-file") return null;
  const fallbacks = fallbacksOf(entry);
  if (fallbacks.length === 0) return null;
  const configured = effectiveConfigValue(entry);
  // Hydra alternatives that disagree leave no single reference to compare with.
  if (!configured && entry.definitions.some((definition) => isScalar(definition.value))) return null;
  const reference = configured ?? mostFrequent(fallbacks);
  const disagreeing = fallbacks.filter((value) => value !== reference && !same(value.value, reference.value));
  return disagreeing.length > 0 ? { kind: "fallbacks", name: entry.key, reference, disagreeing } : null;
}

function isComparable(value: ConflictValue): boolean {
  return typeof value.value === "number" || typeof value.value === "boolean";
}

function isConfigEntry(entry: ConfigKeyEntry): boolean {
  return (entry.namespace.kind === "file" || entry.namespace.kind === "hydra") && entry.definitions.length > 0;
}

/**
 * The config value a code value of this name in `file` is compared with: the one value the config
 * files of its program give the name, or null (none, or several that differ, or a definition without one).
 */
function referenceFor(file: string, configEntries: ConfigKeyEntry[], programs: ProjectPrograms): ConflictValue | null {
  const related = configEntries.filter((entry) => programs.relates(file, entry.definitions[0]!.file));
  if (related.length === 0) return null;
  const configured = related.map(effectiveConfigValue);
  if (configured.some((candidate) => candidate === null || !isComparable(candidate))) return null;
  const values = configured as ConflictValue[];
  return values.every((candidate) => same(candidate.value, values[0]!.value)) ? [...values].sort(compare)[0]! : null;
}

/** Values of the same name across namespaces that disagree with the (single) config value of that name in their program. */
function sameNameConflicts(entries: ConfigKeyEntry[], taken: Set<string>, programs: ProjectPrograms): ConfigConflict[] {
  const byName = new Map<string, ConfigKeyEntry[]>();
  for (const entry of entries) {
    const named = byName.get(entry.name);
    if (named) named.push(entry);
    else byName.set(entry.name, [entry]);
  }
  const conflicts: ConfigConflict[] = [];
  for (const [name, named] of [...byName].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (RUNTIME_NAMES.has(name)) continue;
    const configEntries = named.filter(isConfigEntry);
    if (configEntries.length === 0) continue;
    const values: ConflictValue[] = [];
    for (const entry of named) {
      for (const definition of entry.definitions) {
        const role = ROLE_OF[definition.kind];
        if (!role || role === "config") continue;
        const value = definitionValue(entry, definition, role);
        if (value) values.push(value);
      }
      if (!effectiveConfigValue(entry)) values.push(...fallbacksOf(entry));
    }
    const byReference = new Map<string, { reference: ConflictValue; disagreeing: ConflictValue[] }>();
    // The reference depends on the value's file only (its program's config files).
    const references = new Map<string, ConflictValue | null>();
    for (const value of values.sort(compare)) {
      if (!isComparable(value) || taken.has(placeKey(value))) continue;
      let reference = references.get(value.file);
      if (reference === undefined) references.set(value.file, (reference = referenceFor(value.file, configEntries, programs)));
      if (!reference || same(value.value, reference.value)) continue;
      taken.add(placeKey(value));
      const group = byReference.get(placeKey(reference)) ?? { reference, disagreeing: [] };
      group.disagreeing.push(value);
      byReference.set(placeKey(reference), group);
    }
    for (const group of [...byReference.values()].sort((a, b) => compare(a.reference, b.reference))) conflicts.push({ kind: "same-name", name, ...group });
  }
  return conflicts;
}

function placeKey(location: SettingLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}

/** Every conflict among the entries, fallbacks first, then same-name ones; sorted by name within each kind. */
export function findConflicts(entries: ConfigKeyEntry[], programs: ProjectPrograms): ConfigConflict[] {
  const taken = new Set<string>();
  const conflicts: ConfigConflict[] = [];
  for (const entry of entries) {
    const conflict = fallbackConflict(entry);
    if (!conflict) continue;
    for (const value of conflict.disagreeing) taken.add(placeKey(value));
    conflicts.push(conflict);
  }
  conflicts.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [...conflicts, ...sameNameConflicts(entries, taken, programs)];
}
