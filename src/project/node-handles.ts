/**
 * Module facts name syntax nodes (an io site's call, a config read's expression), but keeping
 * every module's tree alive for those few nodes would hold the whole repository in memory. Facts
 * keep a handle instead (offsets and type) and resolve it on first use: to the tree ESLint is
 * linting when the node is in that file (the very node rules see), else to a fresh parse of the
 * file, of which a few are kept.
 */
import { resolve } from "node:path";
import { buildNotebookProgram } from "../languages/notebook/program.js";
import { PyNode } from "../languages/python/nodes.js";
import { parsePython } from "../languages/python/parse.js";
import { lintedTree } from "../languages/python/preparsed.js";
import { LineIndex } from "../languages/python/line-index.js";
import { contentHash } from "./content-hash.js";
import { readSource } from "./source-input.js";

/**
 * Where a node is: start and end offsets in the parsed text, its type, and its start and end as
 * ESLint's `loc` gives them (1-based lines, 0-based columns), so project-wide code that only needs
 * a node's place never resolves it.
 */
export type NodeHandle = [start: number, end: number, type: string, line: number, column: number, endLine: number, endColumn: number];

/** The module a handle belongs to: its file, kind and the hash of its parsed text. */
export interface HandleSource {
  root: string;
  file: string;
  kind: "python" | "notebook";
  sourceHash: string;
}

const hashes = new WeakMap<object, string>();
const recent: { key: string; text: string; ast: PyNode | null }[] = [];
const RECENT_TREES = 4;

function hashOf(owner: object, text: string): string {
  let hash = hashes.get(owner);
  if (hash === undefined) {
    hash = contentHash(text);
    hashes.set(owner, hash);
  }
  return hash;
}

/** The parsed text of a module as the model parsed it (a notebook's program), or null. */
function parsedText(path: string, kind: HandleSource["kind"]): string | null {
  const input = readSource(path, kind);
  if (!input.ok) return null;
  if (kind === "python") return input.text;
  const built = buildNotebookProgram(input.text);
  return built.ok ? built.program.text : null;
}

function treeOf(source: HandleSource): PyNode | null {
  const path = resolve(source.root, source.file);
  const linted = lintedTree(path);
  if (linted && hashOf(linted, linted.text) === source.sourceHash) return linted.ast;
  const key = `${path}\0${source.sourceHash}`;
  const cached = recent.find((entry) => entry.key === key);
  if (cached) return cached.ast;
  const text = parsedText(path, source.kind);
  const parsed = text !== null && contentHash(text) === source.sourceHash ? parsePython(text) : null;
  const ast = parsed?.ok ? parsed.ast : null;
  recent.unshift({ key, text: text ?? "", ast });
  if (recent.length > RECENT_TREES) recent.pop();
  return ast;
}

/** The node of `tree` at exactly this range and type (the outermost one when several share it). */
function findNode(tree: PyNode, [start, end, type]: NodeHandle): PyNode | null {
  let current: PyNode | undefined = tree;
  while (current) {
    if (current.range[0] === start && current.range[1] === end && current.type === type) return current;
    let next: PyNode | undefined;
    for (const child of current.children) {
      if (child.range[0] <= start && end <= child.range[1]) {
        next = child;
        break;
      }
    }
    current = next;
  }
  return null;
}

/**
 * The node a handle names. When the file changed since its facts were made (or vanished), a
 * detached node with the handle's type and offsets stands in for it, so a rule never crashes.
 */
export function resolveHandle(source: HandleSource, handle: NodeHandle): PyNode {
  const tree = treeOf(source);
  const found = tree ? findNode(tree, handle) : null;
  return found ?? new PyNode(handle[2], handle[0], handle[1], null, new LineIndex(""));
}

/** The handle of a node. */
export function handleOf(node: PyNode): NodeHandle {
  const { start, end } = node.loc;
  return [node.range[0], node.range[1], node.type, start.line, start.column, end.line, end.column];
}
