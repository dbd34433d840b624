/**
 * ESLint's RuleTester set up for mldebt's languages. `pythonTester` lints `.py` code;
 * `notebookTester` lints notebooks given as JSON text (see `notebook()`).
 */
import { join } from "node:path";
import { Linter, RuleTester } from "eslint";
import { describe, it } from "vitest";
import tsParser from "@typescript-eslint/parser";
import plugin from "../../src/index.js";
import { tempProject } from "./cli.js";

// One vitest test per case, so a failure names its case.
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/**
 * A RuleTester whose lint runs in `root` (ESLint's `cwd`): RuleTester has no cwd option, but its
 * linter is a plain property (ESLint 10).
 */
function testerIn(root: string, config: ConstructorParameters<typeof RuleTester>[0]): RuleTester {
  const tester = new RuleTester(config);
  (tester as unknown as { linter: Linter }).linter = new Linter({ configType: "flat", cwd: root });
  return tester;
}

export const pythonTester = new RuleTester({ plugins: { mldebt: plugin as never }, language: "mldebt/python" });

export const notebookTester = new RuleTester({ plugins: { mldebt: plugin as never }, language: "mldebt/notebook" });

/** JavaScript/TypeScript ML code, parsed by typescript-eslint's parser as ES modules. */
export const scriptTester = new RuleTester({ plugins: { mldebt: plugin as never }, languageOptions: { parser: tsParser, sourceType: "module" } });

/** A minimal nbformat 4 notebook whose cells are the given sources (strings: code; `{ markdown }`: markdown). */
export function notebook(...cells: (string | { markdown: string } | { code: string; executionCount: number | null })[]): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "python3", language: "python", display_name: "Python 3" } },
    cells: cells.map((cell, index) => {
      if (typeof cell === "object" && "markdown" in cell) return { cell_type: "markdown", metadata: {}, source: cell.markdown };
      const source = typeof cell === "string" ? cell : cell.code;
      const executionCount = typeof cell === "string" ? index + 1 : cell.executionCount;
      return { cell_type: "code", metadata: {}, execution_count: executionCount, outputs: [], source: source.split(/(?<=\n)/u) };
    }),
  }, null, 1);
}

/**
 * RuleTesters whose lint runs inside a temporary project holding `files` (path → text), for rules
 * that read the project model: ESLint's `cwd` is the project root, so give each case
 * `filename: project.path("src/train.py")`. Cases may lint a file of the project or a file that is
 * not on disk.
 */
export function projectTester(files: Record<string, string>): { root: string; python: RuleTester; notebook: RuleTester; path(file: string): string } {
  const root = tempProject(files);
  const tester = (language: string) => testerIn(root, { plugins: { mldebt: plugin as never }, language });
  return { root, python: tester("mldebt/python"), notebook: tester("mldebt/notebook"), path: (file) => join(root, file) };
}

/**
 * One test case in its own temporary project: writes `files` and lints `file` there (its code is
 * `files[file]`), with `settings.mldebt.root` pointing the project model at the project. Unlike
 * `projectTester`, every case may have a project of its own.
 */
export function inProject(files: Record<string, string>, file: string): { code: string; filename: string; settings: { mldebt: { root: string } } } {
  const code = files[file];
  if (code === undefined) throw new Error(`inProject: ${file} is not among the files`);
  const root = tempProject(files);
  return { code, filename: join(root, file), settings: { mldebt: { root } } };
}
