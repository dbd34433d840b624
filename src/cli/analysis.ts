/**
 * The analysis of one run, after configuration and discovery: serve what the cache can, compute
 * the project model's module facts (each module parsed once), install the model in every
 * thread, lint what is left with ESLint — in the main thread or across a worker pool — and
 * update the cache. Returns each target's ESLint messages, in the order of the targets.
 */
import type { Linter } from "eslint";
import { availableParallelism } from "node:os";
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildNotebookProgram } from "../languages/notebook/program.js";
import { LintCache, type CachedFacts, type CachedLint } from "../cache/lint-cache.js";
import { contentHash } from "../project/content-hash.js";
import { copyCandidatesOf, indexDeclarations, installProjectModel, moduleKind, readDeclarations, type DeclarationsData, type ModuleFactsData } from "../project/model.js";
import { hasShingles, lookupsHold, type ModuleFactsRecord } from "../project/module-facts.js";
import { readSource } from "../project/source-input.js";
import type { ProjectUse } from "../project/usage.js";
import { VERSION } from "../package-info.js";
import { packFacts, unpackFacts } from "./facts-transfer.js";
import { LintEngine, type EngineSetup, type FileLint } from "./lint-engine.js";
import { WorkerPool } from "./worker-pool.js";

export interface AnalysisTarget {
  absolute: string;
  /** Relative to the project root, POSIX separators. */
  relative: string;
  /** The decoded text. */
  text: string;
}

export interface AnalysisOptions {
  setup: EngineSetup;
  targets: AnalysisTarget[];
  workers: number | "auto" | "off";
  /** Use and update the cache in this folder. */
  cacheDir?: string;
  /**
   * Leave the project model installed in this thread (`getProjectModel` answers with it), even
   * when every file is served from the cache: the CLI draws the data-flow graph from it.
   */
  wantModel?: boolean;
}

/**
 * Below this much code (characters, `codeSize`) to analyse, workers cost more than they save: each starts
 * ESLint and the grammar and installs the whole project model, and on two cores one thread
 * already gets the second core for its garbage collection. Measured on 2 cores: at 5 MB (a real
 * 136k-line vision library, a generated 125k-line project) two workers took as long as the main
 * thread with 200 MB more memory; at 10.6 MB they were 15–20% faster (docs/performance.md).
 */
const MIN_CHARS_FOR_WORKERS = 8_000_000;
/** About this much source per worker, at least. */
const CHARS_PER_WORKER = 1_000_000;

/**
 * Characters of code to analyse, each file once, a notebook by its code cells: outputs (images,
 * tables) can make a notebook's JSON a hundred times its code and cost nothing to analyse. The
 * notebooks are read only when the rest falls short of the workers' threshold.
 */
export function codeSize(files: readonly { file: string; text: string }[]): number {
  const seen = new Set<string>();
  const notebooks: string[] = [];
  let size = 0;
  for (const { file, text } of files) {
    if (seen.has(file)) continue;
    seen.add(file);
    if (moduleKind(file) === "notebook") notebooks.push(text);
    else size += text.length;
  }
  for (const text of notebooks) {
    if (size >= MIN_CHARS_FOR_WORKERS) break;
    const built = buildNotebookProgram(text);
    size += built.ok ? built.program.text.length : text.length;
  }
  return size;
}

/**
 * How many worker threads to use: 0 means the main thread ("off", or "auto" on small projects).
 * `size` gives the characters of code to analyse (asked only for "auto").
 */
export function workerCount(setting: number | "auto" | "off", size: () => number, cores = availableParallelism()): number {
  if (setting === "off") return 0;
  if (typeof setting === "number") return setting;
  if (cores < 2) return 0;
  const chars = size();
  if (chars < MIN_CHARS_FOR_WORKERS) return 0;
  return Math.max(2, Math.min(cores, Math.floor(chars / CHARS_PER_WORKER)));
}

/** Identifies the build of mldebt that made a cache entry (version and compiled modules' times). */
function toolStamp(): string {
  const here = fileURLToPath(import.meta.url);
  const modules = [here, fileURLToPath(new URL("../project/model.js", import.meta.url)), fileURLToPath(new URL("../../rules/index.js", import.meta.url))];
  const times = modules.map((path) => {
    try {
      return statSync(path).mtimeMs;
    } catch {
      return 0;
    }
  });
  return `${VERSION}:${times.join(",")}`;
}

function declarationsHash(declarations: DeclarationsData): string {
  return contentHash(JSON.stringify({ ...declarations, root: "", dvcTracked: [...declarations.dvcTracked].sort() }));
}

/**
 * Computes module facts across the pool and installs the model in every worker. The main thread
 * keeps the facts packed, and only when it needs them afterwards (the graph, the cache): while
 * the workers lint, memory is at its peak.
 */
async function factsAcross(pool: WorkerPool, files: { file: string; text: string }[], known: ModuleFactsRecord[], keep: boolean): Promise<{ packed: Uint8Array[]; owner: Map<string, number> }> {
  const computed = await pool.computeFacts(files);
  const parts = [packFacts({ records: known, skipped: [] }), ...computed.parts];
  pool.installModel(parts);
  return { packed: keep ? parts : [], owner: computed.owner };
}

/** Runs the analysis; returns each target's ESLint messages, in the order of the targets. */
export async function analyse(options: AnalysisOptions): Promise<Linter.LintMessage[][]> {
  const { setup, targets } = options;
  const { root } = setup;
  const declarations = readDeclarations(root, { ignores: setup.ignores });
  const indexed = indexDeclarations(declarations);

  // Every module of the model, with its text: lint targets are read already, the rest now.
  const targetTexts = new Map(targets.map((target) => [target.relative, target.text]));
  const modules: { file: string; text: string; hash: string }[] = [];
  const unreadable: string[] = [];
  for (const file of declarations.files) {
    const kind = moduleKind(file);
    if (!kind) continue;
    let text = targetTexts.get(file);
    if (text === undefined) {
      const input = readSource(resolve(root, file), kind);
      if (!input.ok) {
        unreadable.push(file);
        continue;
      }
      text = input.text;
    }
    modules.push({ file, text, hash: contentHash(text) });
  }
  const hashes = targets.map((target) => contentHash(target.text));
  const declarationsKey = declarationsHash(declarations);
  const modelKey = contentHash(JSON.stringify([declarationsKey, modules.map(({ file, hash }) => [file, hash]), unreadable]));
  const scopeHashes: Record<ProjectUse, string> = { 0: "", 1: declarationsKey, 2: modelKey };

  const stamp = toolStamp();
  const cache = options.cacheDir
    ? new LintCache(options.cacheDir, contentHash(JSON.stringify([stamp, setup.overrides, setup.ignores])), contentHash(stamp))
    : null;
  const messages: (Linter.LintMessage[] | undefined)[] = targets.map((target, index) => cache?.lint(target.relative, hashes[index]!, scopeHashes));
  const toLint = targets.map((_, index) => index).filter((index) => messages[index] === undefined);
  const uses: ProjectUse[] = targets.map(() => 0);
  /** Targets whose analysis failed: their results are not cached. */
  const failed = new Set<number>();
  let factsEntries: Record<string, CachedFacts> | null = null;

  if (toLint.length > 0 || options.wantModel) {
    // Module facts: from the cache while their text and config values hold, else computed.
    const known: ModuleFactsRecord[] = [];
    const toCompute: { file: string; text: string }[] = [];
    const cachedFacts = cache?.facts() ?? {};
    const copyCandidates = copyCandidatesOf(declarations.files);
    for (const module of modules) {
      const cached = cachedFacts[module.file];
      if (cached && cached.hash === module.hash && hasShingles(cached.record) === copyCandidates.has(module.file) && lookupsHold(cached.record, indexed.configs)) known.push(cached.record);
      else toCompute.push({ file: module.file, text: module.text });
    }
    const workers = toLint.length === 0 ? 0 : workerCount(options.workers, () => codeSize([...toCompute, ...toLint.map((index) => ({ file: targets[index]!.relative, text: targets[index]!.text }))]));
    let results: FileLint[];
    let facts: ModuleFactsData;
    if (workers === 0) {
      const engine = new LintEngine(setup);
      engine.setDeclarations(declarations);
      const computed = engine.computeFacts(toCompute);
      facts = { records: [...known, ...computed.records], skipped: computed.skipped };
      engine.installModel(facts);
      results = [];
      for (const index of toLint) results.push(await engine.lintFile(targets[index]!.absolute, targets[index]!.text));
      engine.finish();
    } else {
      const pool = await WorkerPool.start(workers, setup);
      let packed: Uint8Array[] = [];
      try {
        pool.setDeclarations(declarations);
        const computed = await factsAcross(pool, toCompute, known, Boolean(cache || options.wantModel));
        packed = computed.packed;
        results = await pool.lint(toLint.map((index) => {
          const target = targets[index]!;
          const owner = computed.owner.get(target.relative);
          return { absolute: target.absolute, relative: target.relative, text: target.text, ...(owner !== undefined ? { owner } : {}) };
        }));
      } finally {
        await pool.close();
      }
      facts = unpackFacts(packed);
      if (options.wantModel) installProjectModel(root, { ignores: setup.ignores }, declarations, facts);
    }
    toLint.forEach((index, position) => {
      messages[index] = results[position]!.messages;
      uses[index] = results[position]!.use;
      if (results[position]!.failed) failed.add(index);
    });
    // A warm run that computed nothing leaves the cache's facts as they are.
    if (cache && (toLint.length > 0 || toCompute.length > 0)) {
      const moduleHashes = new Map(modules.map((module) => [module.file, module.hash]));
      factsEntries = {};
      for (const record of facts.records) {
        const hash = moduleHashes.get(record.file);
        if (hash) factsEntries[record.file] = { hash, record };
      }
    }
  }

  if (cache && (toLint.length > 0 || factsEntries)) {
    const entries: Record<string, CachedLint> = {};
    const linted = new Set(toLint);
    targets.forEach((target, index) => {
      // Files served from the cache keep their entry as it was.
      if (failed.has(index)) return;
      const use = linted.has(index) ? uses[index]! : undefined;
      const previous = use === undefined ? cache.entry(target.relative) : undefined;
      if (previous) entries[target.relative] = previous;
      else if (use !== undefined) entries[target.relative] = { hash: hashes[index]!, use, scopeHash: scopeHashes[use], messages: messages[index]! };
    });
    cache.save(entries, factsEntries);
  }
  return messages.map((list) => list ?? []);
}
