/**
 * What one thread does in a lint run: compute module facts for its share of the project, install
 * the whole project model, then lint files with ESLint. The CLI runs it in the main thread or in
 * each worker of a pool (src/cli/worker-pool.ts); either way a file is parsed by tree-sitter once
 * (the facts' parse is offered to ESLint) and each file's results say how much of the project
 * its rules read, for the cache.
 */
import { ESLint, type Linter } from "eslint";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { clearOfferedParses } from "../languages/python/preparsed.js";
import { computeFactsOf, installProjectDeclarations, installProjectModel, type DeclarationsData, type ModuleFactsData } from "../project/model.js";
import type { ProjectDeclarations } from "../project/types.js";
import { startProjectUseTracking, stopProjectUseTracking, type ProjectUse } from "../project/usage.js";
import { PACKAGE_ROOT } from "../package-info.js";

/** What every thread needs to lint (plain data: it crosses into workers). */
export interface EngineSetup {
  root: string;
  /** The user's `ignores` (also the project model's). */
  ignores: string[];
  /** The rules of each kind of file (Python and notebooks, JS/TS, config files). */
  overrides: { files: string[]; rules: Linter.RulesRecord }[];
}

/** One file's lint: ESLint's messages and how much of the project its rules read. */
export interface FileLint {
  messages: Linter.LintMessage[];
  use: ProjectUse;
  /** The analysis failed (a crash, a worker that stopped): the result is not cached. */
  failed?: true;
}

/**
 * The result of a file mldebt could not analyse: one fatal message with the reason, reported
 * like a parse error; the rest of the project is analysed as usual.
 */
export function internalErrorLint(reason: string): FileLint {
  const message = `mldebt could not analyse this file: internal error (${reason}). The rest of the project was linted; please report this file's shape.`;
  return { messages: [{ ruleId: null, fatal: true, severity: 2, message, line: 1, column: 1 } as Linter.LintMessage], use: 2, failed: true };
}

/**
 * The flat config module ESLint loads: the compiled one beside this module, or the package's
 * build when this module runs from TypeScript sources (tests).
 */
export function eslintConfigFile(): string {
  const beside = fileURLToPath(new URL("./eslint-config.js", import.meta.url));
  return existsSync(beside) ? beside : join(PACKAGE_ROOT, "dist", "src", "cli", "eslint-config.js");
}

export class LintEngine {
  readonly #setup: EngineSetup;
  readonly #eslint: ESLint;
  #declarations: DeclarationsData | null = null;
  #indexed: ProjectDeclarations | null = null;

  constructor(setup: EngineSetup) {
    this.#setup = setup;
    this.#eslint = new ESLint({
      cwd: setup.root,
      overrideConfigFile: eslintConfigFile(),
      overrideConfig: setup.overrides.map(({ files, rules }) => ({ files, rules, settings: { mldebt: { ignores: setup.ignores } } })),
      errorOnUnmatchedPattern: false,
      warnIgnored: false,
      ignore: false,
    });
  }

  /** Uses these declarations (the CLI read them once) for facts and rules. */
  setDeclarations(declarations: DeclarationsData): void {
    this.#declarations = declarations;
    this.#indexed = installProjectDeclarations(this.#setup.root, { ignores: this.#setup.ignores }, declarations);
  }

  /** Facts of these modules (root-relative file → decoded text); their parses are kept for ESLint. */
  computeFacts(files: { file: string; text: string }[]): ModuleFactsData {
    if (!this.#indexed) throw new Error("LintEngine: declarations must be set before facts are computed.");
    const texts = new Map(files.map(({ file, text }) => [file, text]));
    return computeFactsOf(this.#indexed, [...texts.keys()], { offerParses: true, texts });
  }

  /** Installs the whole project model for the rules of this thread. */
  installModel(facts: ModuleFactsData): void {
    if (!this.#declarations) throw new Error("LintEngine: declarations must be set before the model is installed.");
    installProjectModel(this.#setup.root, { ignores: this.#setup.ignores }, this.#declarations, facts);
  }

  /**
   * Lints one file's (decoded) text. A rule that crashes does not end the run: the file gets one
   * fatal message saying so, and the other files are linted as usual.
   */
  async lintFile(absolute: string, text: string): Promise<FileLint> {
    startProjectUseTracking();
    try {
      const results = await this.#eslint.lintText(text, { filePath: absolute });
      return { messages: results[0]?.messages ?? [], use: stopProjectUseTracking() };
    } catch (error) {
      stopProjectUseTracking();
      return internalErrorLint(((error as Error).message ?? String(error)).split("\n")[0]!);
    }
  }

  /** Drops parses no file asked for. */
  finish(): void {
    clearOfferedParses();
  }
}
