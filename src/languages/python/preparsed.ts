/**
 * Parses shared between the project model and ESLint within one thread. When the CLI builds the
 * project model it parses every module once; it offers each flat tree here, and the language's
 * `parse()` takes it back when ESLint lints the same text, so a file is parsed by tree-sitter
 * once per run. The tree ESLint is linting is remembered too, so the project model's facts about
 * this file resolve to the very nodes rules see.
 */
import type { FlatTree } from "./flat-tree.js";
import type { PyModule } from "./nodes.js";

const offered = new Map<string, FlatTree>();

/** Keeps a parse of `text` until ESLint asks for it (or {@link clearOfferedParses}). */
export function offerParse(text: string, tree: FlatTree): void {
  offered.set(text, tree);
}

/** The offered parse of exactly this text, handed out once. */
export function takeParse(text: string): FlatTree | undefined {
  if (offered.size === 0) return undefined;
  const tree = offered.get(text);
  if (tree) offered.delete(text);
  return tree;
}

/** Drops every offered parse (end of a run). */
export function clearOfferedParses(): void {
  offered.clear();
}

export interface LintedTree {
  /** The file ESLint is linting (its physical path). */
  path: string;
  /** The parsed text (a notebook's program text). */
  text: string;
  ast: PyModule;
}

let lastLinted: LintedTree | null = null;

/** Records the tree of the file ESLint is about to lint. */
export function noteLintedTree(tree: LintedTree): void {
  lastLinted = tree;
}

/** The tree of the file ESLint linted last in this thread, when it is `path`. */
export function lintedTree(path: string): LintedTree | null {
  return lastLinted?.path === path ? lastLinted : null;
}
