/**
 * The facts of one Python module or notebook (imports, io sites, config reads and uses, CLI
 * options, invocations, definitions, pipeline facts, references, branch guards, typed configs,
 * randomness, token shingles), as the project model holds them, and as plain data that crosses
 * threads and sits in the cache: syntax nodes become handles (src/project/node-handles.ts) that
 * resolve on first use, and whose place ({@link nodePlace}) is known without resolving them; sets
 * and maps are recorded as lists. A record also lists the config values its facts were resolved
 * through, so a cached record is reused only while those values hold.
 */
import { buildNotebookProgram, cellPositionOf, type NotebookCell } from "../languages/notebook/program.js";
import type { FlatTree } from "../languages/python/flat-tree.js";
import { LineIndex } from "../languages/python/line-index.js";
import { PyNode } from "../languages/python/nodes.js";
import { buildPyTree, parseFlat } from "../languages/python/parse.js";
import { contentHash } from "./content-hash.js";
import { handleOf, resolveHandle, type HandleSource, type NodeHandle } from "./node-handles.js";
import { extractConfigClasses } from "./config-model/typed-configs.js";
import { extractBranchGuards } from "./python/branch-guards.js";
import { extractCliOptions, extractConfigReads } from "./python/config-reads.js";
import { extractConfigUses } from "./python/config-uses.js";
import { extractDefinitions, extractInvocations } from "./python/definitions.js";
import { importsOf } from "./python/imports.js";
import { extractIoSites } from "./python/io-sites.js";
import { moduleScopeOf } from "./python/scope.js";
import { extractPipelineFacts } from "./python/pipeline-facts.js";
import { extractRandomness } from "./python/randomness.js";
import { extractReferences, referencesOfText } from "./python/references.js";
import { pythonTokens, shinglesOf } from "./token-shingles.js";
import type { ConfigLookup, ConfigValue, ModuleFacts } from "./types.js";

/** A config value a module's facts were resolved through: file, dotted key, value (JSON). */
export type ConfigLookupRecord = [file: string, key: string, value: string];

/** One module's facts as plain data (structured-cloneable, JSON-serialisable). */
export interface ModuleFactsRecord {
  file: string;
  kind: ModuleFacts["kind"];
  /** Hash of the parsed text (a notebook's program): node handles resolve against it. */
  sourceHash: string;
  lookups: ConfigLookupRecord[];
  /** The ModuleFacts, with every syntax node replaced by `{ $node: NodeHandle }`, sets by `{ $set }`, maps by `{ $map }`. */
  facts: unknown;
  /** Notebooks: `[cell index, first program line]` of each code cell, for `notebookPosition`. */
  cells?: [number, number][];
}

export interface ModuleFactsOptions {
  /** Compute token shingles (the module's name is a version of another's, or another versions it). */
  shingles?: boolean;
}

export interface ComputedModuleFacts {
  record: ModuleFactsRecord;
  /** The parse behind the facts, for ESLint to reuse (absent when the module did not parse). */
  parse?: { text: string; tree: FlatTree };
}

function emptyFacts(file: string, kind: ModuleFacts["kind"], parseError: string, text: string): ModuleFacts {
  return {
    file,
    kind,
    imports: [],
    ioSites: [],
    configReads: [],
    cliOptions: [],
    invocations: [],
    definitions: { functions: [], classes: [], constants: [], hasMainGuard: false },
    references: referencesOfText(text),
    branchGuards: [],
    configUses: { uses: [], loads: [], loaderOffsets: [] },
    configClasses: [],
    parseError,
  };
}

/** A ConfigLookup that records what it answered. */
function recordingLookup(configs: ConfigLookup, lookups: ConfigLookupRecord[]): ConfigLookup {
  const seen = new Set<string>();
  return (file, key) => {
    const value = configs(file, key);
    const id = `${file}\0${key}`;
    if (!seen.has(id)) {
      seen.add(id);
      lookups.push([file, key, JSON.stringify(value ?? null)]);
    }
    return value;
  };
}

/** True when a record's facts carry token shingles. */
export function hasShingles(record: ModuleFactsRecord): boolean {
  return typeof record.facts === "object" && record.facts !== null && "shingles" in record.facts;
}

/** True while every config value a record was resolved through is still the same. */
export function lookupsHold(record: ModuleFactsRecord, configs: ConfigLookup): boolean {
  return record.lookups.every(([file, key, value]) => JSON.stringify((configs(file, key) as ConfigValue | undefined) ?? null) === value);
}

/**
 * Computes a module's facts from its text (a notebook's JSON for notebooks). Never throws for a
 * bad module: a syntax error becomes `parseError` with empty facts.
 */
export function computeModuleFacts(file: string, kind: ModuleFacts["kind"], text: string, configs: ConfigLookup, options: ModuleFactsOptions = {}): ComputedModuleFacts {
  let source = text;
  let cells: NotebookCell[] = [];
  let where = (line: number, column: number) => `line ${line}, column ${column}`;
  if (kind === "notebook") {
    const built = buildNotebookProgram(text);
    if (!built.ok) {
      const facts = emptyFacts(file, kind, `${built.error.message} (line ${built.error.line}, column ${built.error.column})`, text);
      return { record: { file, kind, sourceHash: contentHash(""), lookups: [], facts: toData(facts) } };
    }
    const program = built.program;
    source = program.text;
    cells = program.cells;
    where = (line, column) => {
      const at = cellPositionOf(program, line, column);
      return at ? `cell ${at.cell}, line ${at.line}, column ${at.column}` : `line ${line}, column ${column}`;
    };
  }
  const sourceHash = contentHash(source);
  const codeCells: [number, number][] | undefined = kind === "notebook" ? cells.filter((cell) => cell.cellType === "code").map((cell) => [cell.index, cell.programLine]) : undefined;
  const base = { file, kind, sourceHash, ...(codeCells ? { cells: codeCells } : {}) };
  const lines = new LineIndex(source);
  const parsed = parseFlat(source, lines);
  if (!parsed.ok) {
    const error = parsed.errors[0]!;
    return { record: { ...base, lookups: [], facts: toData(emptyFacts(file, kind, `${error.message} (${where(error.line, error.column + 1)})`, source)) } };
  }
  const root = buildPyTree(parsed.tree, source, lines);
  const lookups: ConfigLookupRecord[] = [];
  const scope = moduleScopeOf(root, source, file);
  const ioSites = extractIoSites(root, scope, recordingLookup(configs, lookups));
  const definitions = extractDefinitions(root, scope);
  const branchGuards = extractBranchGuards(root, scope, cells.some((cell) => cell.magics.some((magic) => magic.kind === "line-magic" && magic.name === "run")));
  const facts: ModuleFacts = {
    file,
    kind,
    imports: [...new Set(importsOf(root).modules.map((entry) => entry.module))],
    ioSites,
    configReads: extractConfigReads(root, scope),
    cliOptions: extractCliOptions(root, scope),
    invocations: extractInvocations(root, scope, cells),
    definitions,
    pipeline: extractPipelineFacts(root, scope, { ioSites, definitions }, cells),
    references: extractReferences(root, scope, branchGuards, file === "__init__.py" || file.endsWith("/__init__.py")),
    branchGuards,
    configUses: extractConfigUses(root, scope),
    configClasses: extractConfigClasses(root, scope),
    randomness: extractRandomness(root),
    ...(options.shingles ? { shingles: shinglesOf(pythonTokens(source)) } : {}),
  };
  return { record: { ...base, lookups, facts: toData(facts) }, parse: { text: source, tree: parsed.tree } };
}

/** Deep copy with every PyNode replaced by `{ $node: handle }`, sets by `{ $set: [...] }`, maps by `{ $map: [[key, value], ...] }`. */
function toData(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof PyNode) return { $node: handleOf(value) };
  if (Array.isArray(value)) return value.map(toData);
  if (value instanceof Set) return { $set: [...value].map(toData) };
  if (value instanceof Map) return { $map: [...value].map(([key, item]) => [key, toData(item)]) };
  if (Object.getPrototypeOf(value) !== Object.prototype) throw new Error(`module facts hold a ${value.constructor.name}, which cannot be recorded as data`);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined) copy[key] = toData(item);
  return copy;
}

function isHandle(value: unknown): value is { $node: NodeHandle } {
  return typeof value === "object" && value !== null && "$node" in value;
}

/** Where a revived object keeps the handles of its lazily resolved nodes (not enumerable: copies do not take it). */
const LAZY = Symbol("lazy nodes");

interface LazyNodes {
  source: HandleSource;
  handles: Record<string | number, NodeHandle>;
  /** Nodes resolved so far, held weakly. */
  held?: Record<string | number, WeakRef<PyNode>>;
}

type Revived = { [LAZY]?: LazyNodes };

/** One getter per property name, shared by every revived object (objects of one shape share one map). */
const lazyGetters = new Map<string | number, (this: Revived) => PyNode>();

function lazyGetter(key: string | number): (this: Revived) => PyNode {
  let getter = lazyGetters.get(key);
  if (!getter) {
    getter = function (this: Revived): PyNode {
      const lazy = this[LAZY]!;
      let node = lazy.held?.[key]?.deref();
      if (!node) {
        node = resolveHandle(lazy.source, lazy.handles[key]!);
        (lazy.held ??= {})[key] = new WeakRef(node);
      }
      return node;
    };
    lazyGetters.set(key, getter);
  }
  return getter;
}

/**
 * Defines `key` on `target` as the node `handle` names, resolved on read. The node is held
 * weakly: while a rule keeps it (or its tree), reads return the same node; otherwise its tree is
 * freed, and a later read resolves it again.
 */
function defineLazyNode(target: Revived, key: string | number, source: HandleSource, handle: NodeHandle): void {
  let lazy = target[LAZY];
  if (!lazy) {
    lazy = { source, handles: {} };
    Object.defineProperty(target, LAZY, { value: lazy });
  }
  lazy.handles[key] = handle;
  Object.defineProperty(target, key, { enumerable: true, configurable: true, get: lazyGetter(key) });
}

/** What is known of a node without its tree: type, offsets and ESLint `loc`. */
export interface NodePlace {
  type: string;
  range: [number, number];
  loc: { start: { line: number; column: number }; end: { line: number; column: number } };
}

/**
 * The type and place of the node `owner[key]` (a fact's `node`, an io site's `pathNode`): read from
 * its handle when the fact was revived from data, so the file is not parsed again; from the node
 * itself otherwise. Undefined when there is no node there.
 */
export function nodePlace<T extends object>(owner: T, key: keyof T & (string | number)): NodePlace | undefined {
  const handle = (owner as Revived)[LAZY]?.handles[key];
  if (handle) return { type: handle[2], range: [handle[0], handle[1]], loc: { start: { line: handle[3], column: handle[4] }, end: { line: handle[5], column: handle[6] } } };
  const node = owner[key] as unknown as PyNode | null | undefined;
  return node ? { type: node.type, range: node.range, loc: node.loc } : undefined;
}

function revive(value: unknown, source: HandleSource): unknown {
  if (value === null || typeof value !== "object") return value;
  if ("$set" in value) return new Set((value as { $set: unknown[] }).$set.map((item) => revive(item, source)));
  if ("$map" in value) return new Map((value as { $map: [unknown, unknown][] }).$map.map(([key, item]) => [key, revive(item, source)]));
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array(value.length);
    value.forEach((item, index) => {
      if (isHandle(item)) defineLazyNode(copy as Revived, index, source, item.$node);
      else copy[index] = revive(item, source);
    });
    return copy;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (isHandle(item)) defineLazyNode(copy, key, source, item.$node);
    else copy[key] = revive(item, source);
  }
  return copy;
}

/** The ModuleFacts of a record; its syntax nodes resolve when first read (`root`: the project root). */
export function reviveModuleFacts(record: ModuleFactsRecord, root: string): ModuleFacts {
  const facts = revive(record.facts, { root, file: record.file, kind: record.kind, sourceHash: record.sourceHash }) as ModuleFacts;
  const cells = record.cells;
  if (cells) {
    facts.notebookPosition = (line, column) => {
      let found: [number, number] | undefined;
      for (const cell of cells) {
        if (cell[1] <= line) found = cell;
        else break;
      }
      return found ? { cell: found[0], line: line - found[1] + 1, column } : null;
    };
  }
  return facts;
}
