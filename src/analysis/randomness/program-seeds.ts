/**
 * Seeds across a program: a seed set once at an entry point covers the modules it imports and
 * runs in the same process (`import`, `%run`, `runpy`, `exec`; not `subprocess`, which starts a
 * fresh interpreter). A module's seeds include its own seed calls, its calls of project functions
 * that seed, and the imports of project modules that seed when imported.
 */
import type { ModuleFacts, ProjectModel, SeedFact } from "../../project/types.js";
import type { RandomFamily } from "./random-calls.js";

/** Invocations that run the target in the same interpreter (its global generators are shared). */
const IN_PROCESS = new Set(["%run", "runpy.run_path", "runpy.run_module", "exec"]);
const MAX_DEPTH = 6;

interface Importer {
  file: string;
  line: number;
}

/** Who seeds a draw, for messages and tests. */
export interface SeedCover {
  file: string;
  line: number;
}

function covers(families: SeedFact["families"], family: RandomFamily): boolean {
  return families === "all" || families.includes(family);
}

export class ProjectSeeds {
  readonly #model: ProjectModel;
  readonly #effective = new Map<string, SeedFact[] | "pending">();
  #importers: Map<string, Importer[]> | undefined;

  constructor(model: ProjectModel) {
    this.#model = model;
  }

  /** The seeds of a module: its own, its calls of project seeding functions, its imports of modules that seed on import. */
  seedsOf(file: string): SeedFact[] {
    const known = this.#effective.get(file);
    if (known === "pending") return [];
    if (known) return known;
    this.#effective.set(file, "pending");
    const facts = this.#model.modules.get(file)?.randomness;
    const seeds: SeedFact[] = [...(facts?.seeds ?? [])];
    for (const call of facts?.importedCalls ?? []) {
      const cut = call.qualified.lastIndexOf(".");
      const target = this.#model.moduleForImport(file, call.qualified.slice(0, cut));
      const name = call.qualified.slice(cut + 1);
      const helper = target ? this.#model.modules.get(target)?.randomness?.seedingFunctions.find((fn) => fn.name === name) : undefined;
      if (helper) seeds.push({ families: helper.families, line: call.line, moduleLevel: call.moduleLevel });
    }
    for (const imported of facts?.importLines ?? []) {
      const target = this.#model.moduleForImport(file, imported.module);
      if (!target || target === file) continue;
      for (const seed of this.seedsOf(target)) {
        if (seed.moduleLevel) seeds.push({ families: seed.families, line: imported.line, moduleLevel: imported.moduleLevel });
      }
    }
    this.#effective.set(file, seeds);
    return seeds;
  }

  /**
   * The seed that covers a draw of `family` in `file`: one of the module's own seeds (before the
   * draw when it runs at import time), or a seed of a module that imports or runs it, set before
   * that import (for draws at import time) or anywhere (for draws inside functions).
   */
  coverOf(file: string, family: RandomFamily, draw: { line: number; inFunction: boolean }): SeedCover | null {
    const own = this.seedsOf(file).find((seed) => covers(seed.families, family) && (draw.inFunction || (seed.moduleLevel && seed.line < draw.line)));
    if (own) return { file, line: own.line };
    return this.#coverFromImporters(file, family, draw.inFunction, new Set([file]), 0);
  }

  #coverFromImporters(file: string, family: RandomFamily, inFunction: boolean, seen: Set<string>, depth: number): SeedCover | null {
    if (depth >= MAX_DEPTH) return null;
    for (const importer of this.#importersOf(file)) {
      if (seen.has(importer.file)) continue;
      seen.add(importer.file);
      const seed = this.seedsOf(importer.file).find((candidate) => covers(candidate.families, family) && (inFunction || (candidate.moduleLevel && candidate.line < importer.line)));
      if (seed) return { file: importer.file, line: seed.line };
      const above = this.#coverFromImporters(importer.file, family, inFunction, seen, depth + 1);
      if (above) return above;
    }
    return null;
  }

  #importersOf(file: string): Importer[] {
    if (!this.#importers) {
      this.#importers = new Map();
      const add = (target: string, importer: Importer) => {
        const list = this.#importers!.get(target) ?? [];
        list.push(importer);
        this.#importers!.set(target, list);
      };
      for (const [from, facts] of [...this.#model.modules].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        for (const imported of facts.randomness?.importLines ?? []) {
          const target = this.#model.moduleForImport(from, imported.module);
          if (target && target !== from) add(target, { file: from, line: imported.line });
        }
        for (const invocation of inProcessInvocations(facts)) add(invocation.target, { file: from, line: invocation.line });
      }
    }
    return this.#importers.get(file) ?? [];
  }
}

function inProcessInvocations(facts: ModuleFacts) {
  return facts.invocations.filter((invocation) => IN_PROCESS.has(invocation.via));
}

const cache = new WeakMap<ProjectModel, ProjectSeeds>();

/** The seed resolver of a project model, built once per model. */
export function projectSeedsOf(model: ProjectModel): ProjectSeeds {
  let found = cache.get(model);
  if (!found) {
    found = new ProjectSeeds(model);
    cache.set(model, found);
  }
  return found;
}
