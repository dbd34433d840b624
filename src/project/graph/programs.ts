/**
 * Which project files run in one Python process. A file written by `prepare.py` and read by
 * `train.py` is a hand-off between two steps only when the write and the read happen in different
 * programs: when `train.py` imports `prepare` and calls the function that writes, or a driver
 * imports both and calls them in turn, it is one program passing data through a file, not a
 * pipeline.
 *
 * A site (a read or a write) in module M runs in the program of entry file X when M is X, or when
 * X imports M (directly or through other modules) and the site runs on import or sits in a
 * top-level function or class that another module imports or calls (following M's own calls from
 * there). Tests and `__init__.py` files are not entry files: they import everything without being
 * a pipeline.
 */
import type { ModuleFacts, ProjectIoSite, ProjectModel } from "../types.js";

const TESTS = [/(?:^|\/)(?:tests?|testing)\//u, /(?:^|\/)test_[^/]*\.py$/u, /_tests?\.py$/u, /(?:^|\/)conftest\.py$/u];
const NOT_ENTRY = [...TESTS, /(?:^|\/)__init__\.py$/u, /(?:^|\/)setup\.py$/u];

/** Test files: `tests/`, `test_*.py`, `*_test.py`, `conftest.py`. They exercise steps; they are none. */
export function isTestFile(file: string): boolean {
  return TESTS.some((pattern) => pattern.test(file));
}

/** Test files, `__init__.py` and `setup.py` are never the program a pipeline step runs in. */
export function isEntryCandidate(file: string): boolean {
  return !NOT_ENTRY.some((pattern) => pattern.test(file));
}

/** The import graph of the project's modules, and the programs each site runs in. */
export class Programs {
  readonly #model: ProjectModel;
  /** Project files each module imports. */
  readonly imports = new Map<string, Set<string>>();
  readonly #importers = new Map<string, Set<string>>();
  /** Names of each module's top-level definitions that other modules import or call (`*` for all). */
  readonly #usedNames = new Map<string, Set<string>>();
  readonly #entryFiles = new Map<string, Set<string>>();
  readonly #reachable = new Map<string, Set<string>>();

  constructor(model: ProjectModel) {
    this.#model = model;
    for (const [file, facts] of model.modules) {
      const targets = new Set<string>();
      for (const name of [...(facts.pipeline?.importTargets ?? []), ...(facts.pipeline?.importedCalls ?? [])]) {
        const resolved = this.#resolve(file, name);
        if (!resolved || resolved.module === file) continue;
        targets.add(resolved.module);
        if (resolved.name) this.#usedNames.set(resolved.module, (this.#usedNames.get(resolved.module) ?? new Set()).add(resolved.name));
      }
      this.imports.set(file, targets);
      for (const target of targets) this.#importers.set(target, (this.#importers.get(target) ?? new Set()).add(file));
    }
  }

  /** The project module a dotted name lands in, and the top-level name it reaches there (`prepare.main` → `prepare.py`, `main`). */
  #resolve(from: string, dotted: string): { module: string; name: string | null } | null {
    const dots = /^\.*/u.exec(dotted)?.[0] ?? "";
    const parts = dotted.slice(dots.length).split(".").filter(Boolean);
    for (let cut = parts.length; cut >= (dots === "" ? 1 : 0); cut--) {
      const module = this.#model.moduleForImport(from, dots + parts.slice(0, cut).join("."));
      if (module) return { module, name: parts[cut] ?? null };
    }
    return null;
  }

  /** Entry files whose program includes the module: itself (when it can be one) and every entry file importing it, transitively. */
  #entriesOf(file: string): Set<string> {
    let entries = this.#entryFiles.get(file);
    if (entries) return entries;
    entries = new Set<string>();
    const seen = new Set([file]);
    const queue = [file];
    while (queue.length > 0) {
      const current = queue.shift()!;
      if (current !== file && isEntryCandidate(current)) entries.add(current);
      for (const importer of this.#importers.get(current) ?? []) {
        if (!seen.has(importer)) {
          seen.add(importer);
          queue.push(importer);
        }
      }
    }
    this.#entryFiles.set(file, entries);
    return entries;
  }

  /** Top-level definitions of a module that run when another module uses it: the used names and what they call. */
  #reachableDefinitions(file: string, facts: ModuleFacts): Set<string> {
    let reachable = this.#reachable.get(file);
    if (reachable) return reachable;
    const used = this.#usedNames.get(file) ?? new Set();
    const calls = facts.pipeline?.localCalls ?? {};
    reachable = new Set(used.has("*") ? Object.keys(calls) : [...used]);
    const queue = [...reachable];
    while (queue.length > 0) {
      for (const callee of calls[queue.shift()!] ?? []) {
        if (!reachable.has(callee)) {
          reachable.add(callee);
          queue.push(callee);
        }
      }
    }
    this.#reachable.set(file, reachable);
    return reachable;
  }

  /** The entry files a site runs in. */
  programsOf(site: ProjectIoSite): Set<string> {
    const own = isEntryCandidate(site.file) ? [site.file] : [];
    const facts = this.#model.modules.get(site.file);
    if (!facts) return new Set(own);
    const { owner, onImport } = site.placement;
    const viaImport = owner === null ? onImport : this.#reachableDefinitions(site.file, facts).has(owner);
    return new Set(viaImport ? [...own, ...this.#entriesOf(site.file)] : own);
  }

  /** True when the two sites can run in one program. */
  sameProgram(a: ProjectIoSite, b: ProjectIoSite): boolean {
    const programs = this.programsOf(a);
    for (const program of this.programsOf(b)) if (programs.has(program)) return true;
    return false;
  }

  /** The project files a file's program loads: itself and what it imports, transitively. */
  closureOf(file: string): Set<string> {
    const closure = new Set([file]);
    const queue = [file];
    while (queue.length > 0) {
      for (const imported of this.imports.get(queue.shift()!) ?? []) {
        if (!closure.has(imported)) {
          closure.add(imported);
          queue.push(imported);
        }
      }
    }
    return closure;
  }
}
