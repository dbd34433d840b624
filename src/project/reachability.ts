/**
 * What the project reaches, by name: a function, class or module counts as used when some module
 * names it in code that may run, or a string, a config value or a pipeline command mentions it
 * (registries, `getattr(m, "Name")`, Hydra `_target_`, `__all__`, console-script entry points).
 * A name used only inside branches that never run (src/project/dead-code.ts) is used only there.
 * Names are matched as words, never resolved further: any use of the same word anywhere keeps a
 * definition alive, which makes misses likelier than false findings.
 */
import { posix } from "node:path";
import { deadRangesOf } from "./dead-code.js";
import type { GuardedUse } from "./python/references.js";
import type { ConfigValue, ProjectModel } from "./types.js";

/** A use of a name inside code that never runs. */
export interface DeadUse extends GuardedUse {
  file: string;
}

export interface NameIndex {
  /** Names used somewhere that may run, or mentioned in a string, config value or manifest command. */
  used: Set<string>;
  /** Words of config keys and values and of pipeline commands (Hydra `_target_`, `instantiate` kwargs, entry points). */
  configWords: Set<string>;
  /** Names used only in code that never runs, with those uses (sorted by file and offset). */
  deadOnly: Map<string, DeadUse[]>;
  /** True when the project is an installable package (setup.py, setup.cfg, or a `[project]`/`[tool.poetry]` table in pyproject.toml). */
  packaged: boolean;
}

const WORD = /[A-Za-z_][A-Za-z0-9_]*/gu;
const indexes = new WeakMap<ProjectModel, NameIndex>();

function wordsOf(value: ConfigValue, out: Set<string>): void {
  if (typeof value === "string") for (const word of value.match(WORD) ?? []) out.add(word);
  else if (Array.isArray(value)) for (const item of value) wordsOf(item, out);
  else if (value && typeof value === "object") for (const [key, item] of Object.entries(value)) {
    out.add(key);
    wordsOf(item, out);
  }
}

function inRange(offset: number, ranges: readonly [number, number][]): boolean {
  return ranges.some(([start, end]) => offset >= start && offset < end);
}

/** The name index of a project model, built once. */
export function nameIndex(model: ProjectModel): NameIndex {
  let index = indexes.get(model);
  if (index) return index;
  const configWords = new Set<string>();
  const dead = new Map<string, DeadUse[]>();
  const files = [...model.modules.keys()].sort();
  for (const config of model.configFiles) {
    for (const key of config.keys) {
      configWords.add(key.name);
      if (!key.isContainer) wordsOf(key.value, configWords);
    }
  }
  for (const manifest of model.manifests) for (const stage of manifest.stages) for (const command of stage.commands) for (const word of command.match(WORD) ?? []) configWords.add(word);
  const used = new Set(configWords);
  for (const file of files) for (const word of model.modules.get(file)!.references.words) used.add(word);
  for (const file of files) for (const name of model.modules.get(file)!.references.live) used.add(name);
  for (const file of files) {
    const references = model.modules.get(file)!.references;
    if (references.guarded.size === 0) continue;
    const ranges = deadRangesOf(model, file);
    for (const [name, uses] of references.guarded) {
      for (const use of uses) {
        if (inRange(use.offset, ranges)) dead.set(name, [...(dead.get(name) ?? []), { ...use, file }]);
        else used.add(name);
      }
    }
  }
  for (const name of used) dead.delete(name);
  const packaged =
    model.files.includes("setup.py") ||
    model.files.includes("setup.cfg") ||
    model.configKey("project", "pyproject.toml").length > 0 ||
    model.configKey("tool.poetry", "pyproject.toml").length > 0;
  index = { used, configWords, deadOnly: dead, packaged };
  indexes.set(model, index);
  return index;
}

/** Test modules, run by a test runner rather than imported or invoked. */
export function isTestModule(file: string): boolean {
  const name = posix.basename(file);
  return /^(?:test_.*|.*_test|conftest)\.py$/u.test(name) || file.split("/").slice(0, -1).some((part) => part === "tests" || part === "test" || part === "testing");
}

/**
 * True when outside code may import the module: the project is an installable package and the
 * module sits in a top-level folder that holds a package (`__init__.py` at any depth, so
 * namespace packages count). Modules at the root and in folders without any `__init__.py`
 * (`scripts/`, `notebooks/`) stay application code.
 */
export function isPublicModule(model: ProjectModel, file: string): boolean {
  if (!nameIndex(model).packaged || !file.endsWith(".py") || !file.includes("/")) return false;
  const top = `${file.slice(0, file.indexOf("/"))}/`;
  return packageFolders(model).has(top);
}

const folders = new WeakMap<ProjectModel, Set<string>>();

/** Top-level folders (`ldm/`, `src/`) that hold an `__init__.py` somewhere. */
function packageFolders(model: ProjectModel): Set<string> {
  let found = folders.get(model);
  if (!found) {
    found = new Set(model.files.filter((file) => file.endsWith("/__init__.py")).map((file) => `${file.slice(0, file.indexOf("/"))}/`));
    folders.set(model, found);
  }
  return found;
}
