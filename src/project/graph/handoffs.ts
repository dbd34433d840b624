/**
 * Hand-offs: a file one step writes and another step reads. Paths are matched as the project
 * model resolved them (exact paths, and patterns whose first part is known: `data/*.csv` matches
 * `data/train.csv`, but `*` alone matches nothing). A write and a read in one program (see
 * programs.ts) are no hand-off, and test files take part in none. A hand-off is declared when a declared stage lists the file as an
 * input or output, or when declared stages run the writer and then the reader (one stage, or a
 * stage that the declared order or data puts before the other).
 */
import { nodePlace } from "../module-facts.js";
import type { ProjectIoSite, ProjectModel } from "../types.js";
import { isTestFile, type Programs } from "./programs.js";
import { covers, patternMatcher, type StageSet } from "./stages.js";
import type { Handoff } from "./types.js";

/** Paths that are code, not data: reading them is running or importing, not a hand-off. */
const CODE_FILES = /\.(?:py|ipynb|pyi)$/u;

/** Whether a site touches a data file inside the project, as far as the model could resolve it. */
export function isLocalData(site: ProjectIoSite): boolean {
  const path = site.path;
  return !!path && path.kind === "relative" && !path.text.startsWith("*") && path.text !== "." && !CODE_FILES.test(path.text);
}

function bySource(a: ProjectIoSite, b: ProjectIoSite): number {
  return nodePlace(a, "node")!.range[0] - nodePlace(b, "node")!.range[0];
}

/** Writes by path: exact ones in a map, patterns tried one by one. */
class WriteIndex {
  readonly #exact = new Map<string, ProjectIoSite[]>();
  readonly #patterns: [RegExp, ProjectIoSite][] = [];

  constructor(sites: ProjectIoSite[]) {
    for (const site of sites) {
      const text = site.path!.text;
      if (site.path!.exact) this.#exact.set(text, [...(this.#exact.get(text) ?? []), site]);
      else this.#patterns.push([patternMatcher(text), site]);
    }
  }

  /** Writes of the path a read resolves to: exact writes and matching patterns; for a pattern read, the exact writes it matches. */
  writersOf(read: ProjectIoSite): ProjectIoSite[] {
    const text = read.path!.text;
    if (!read.path!.exact) {
      const pattern = patternMatcher(text);
      return [...this.#exact.entries()].filter(([path]) => pattern.test(path)).flatMap(([, sites]) => sites);
    }
    return [...(this.#exact.get(text) ?? []), ...this.#patterns.filter(([pattern]) => pattern.test(text)).map(([, site]) => site)];
  }
}

/** Whether a manifest or orchestrator declares the hand-off of `artifact` from the writer's file to the reader's. */
export function isDeclaredHandoff(stages: StageSet, write: ProjectIoSite, read: ProjectIoSite): boolean {
  const paths = [read.path!.text, write.path!.text];
  const listed = stages.stages.some((stage) => [...stage.inputs, ...stage.outputs].some((declared) => paths.some((path) => covers(declared, path))));
  if (listed) return true;
  const readers = stages.stagesRunning(read.file);
  return stages.stagesRunning(write.file).some((writer) => readers.some((reader) => reader === writer || stages.precedes(writer.id, reader.id)));
}

/** Every hand-off of the project, one per reading file and artifact, sorted by reader file and position. */
export function findHandoffs(model: ProjectModel, programs: Programs, stages: StageSet): Handoff[] {
  const reads: ProjectIoSite[] = [];
  const writes: ProjectIoSite[] = [];
  for (const [file, facts] of model.modules) {
    if (isTestFile(file)) continue;
    for (const site of facts.ioSites) {
      // The model's sites know their file (a copy by spread would resolve their lazily read nodes).
      const located = site as ProjectIoSite;
      if (!isLocalData(located)) continue;
      (site.direction === "read" ? reads : writes).push(located);
    }
  }
  const index = new WriteIndex(writes);
  const handoffs: Handoff[] = [];
  const seen = new Set<string>();
  for (const read of reads.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : bySource(a, b)))) {
    const key = `${read.file}\0${read.path!.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const firstByFile = new Map<string, ProjectIoSite>();
    for (const write of index.writersOf(read).sort(bySource)) {
      if (write.file === read.file || firstByFile.has(write.file)) continue;
      firstByFile.set(write.file, write);
    }
    const found = [...firstByFile.values()]
      .filter((write) => !programs.sameProgram(write, read))
      .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
      .map((site) => ({ site, declared: isDeclaredHandoff(stages, site, read) }));
    if (found.length > 0) handoffs.push({ artifact: read.path!.text, read, writes: found });
  }
  return handoffs;
}
