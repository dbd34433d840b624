/**
 * The content-hash cache of `--cache` (default folder `.mldebt-cache/` under the project root):
 * - `results.json`: each linted file's ESLint messages, keyed by the hash of its text, valid for
 *   one rule configuration, and only while the part of the project its rules read (nothing, the
 *   declarations, or the whole model: src/project/usage.ts) hashes the same;
 * - `facts.json`: each module's facts, keyed by the hash of its text, valid while the config
 *   values they were resolved through hold (src/project/module-facts.ts).
 * A missing, unreadable or outdated cache is ignored (the run is then cold); the files are
 * replaced whole at the end of a run (written beside, then renamed).
 */
import type { Linter } from "eslint";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ModuleFactsRecord } from "../project/module-facts.js";
import type { ProjectUse } from "../project/usage.js";

const FORMAT = 1;

export interface CachedLint {
  /** Hash of the linted text. */
  hash: string;
  use: ProjectUse;
  /** The declarations' hash (use 1) or the model's (use 2) at the time; "" for use 0. */
  scopeHash: string;
  messages: Linter.LintMessage[];
}

export interface CachedFacts {
  /** Hash of the module's text. */
  hash: string;
  record: ModuleFactsRecord;
}

interface ResultsFile {
  format: number;
  configHash: string;
  files: Record<string, CachedLint>;
}

interface FactsFile {
  format: number;
  toolHash: string;
  files: Record<string, CachedFacts>;
}

function readJson<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch {
    return null;
  }
}

function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

export class LintCache {
  readonly #dir: string;
  readonly #configHash: string;
  readonly #toolHash: string;
  readonly #results: Record<string, CachedLint>;
  #facts: Record<string, CachedFacts> | undefined;

  /**
   * @param configHash identifies the rule configuration (rules, options, ignores, tool build)
   * @param toolHash identifies the tool build alone (module facts do not depend on rules)
   */
  constructor(dir: string, configHash: string, toolHash: string) {
    this.#dir = dir;
    this.#configHash = configHash;
    this.#toolHash = toolHash;
    const results = readJson<ResultsFile>(join(dir, "results.json"));
    this.#results = results?.format === FORMAT && results.configHash === configHash && results.files ? results.files : {};
  }

  /** The cached messages of a file, when its text and what its rules read are unchanged. */
  lint(file: string, hash: string, scopeHashes: Record<ProjectUse, string>): Linter.LintMessage[] | undefined {
    const entry = this.#results[file];
    if (!entry || entry.hash !== hash || entry.scopeHash !== scopeHashes[entry.use]) return undefined;
    return entry.messages;
  }

  /** The stored entry of a file, as it is. */
  entry(file: string): CachedLint | undefined {
    return this.#results[file];
  }

  /** Cached module facts by file (read on first use: a warm run with nothing to lint never needs them). */
  facts(): Record<string, CachedFacts> {
    if (!this.#facts) {
      const facts = readJson<FactsFile>(join(this.#dir, "facts.json"));
      this.#facts = facts?.format === FORMAT && facts.toolHash === this.#toolHash && facts.files ? facts.files : {};
    }
    return this.#facts;
  }

  /** Replaces the cache with this run's entries. Facts are rewritten only when given. */
  save(results: Record<string, CachedLint>, facts: Record<string, CachedFacts> | null): void {
    mkdirSync(this.#dir, { recursive: true });
    writeAtomically(join(this.#dir, "results.json"), JSON.stringify({ format: FORMAT, configHash: this.#configHash, files: results } satisfies ResultsFile));
    if (facts) writeAtomically(join(this.#dir, "facts.json"), JSON.stringify({ format: FORMAT, toolHash: this.#toolHash, files: facts } satisfies FactsFile));
  }
}
