/**
 * Def-use data flow of one Python program (a file, or a notebook's code cells in order): which
 * definitions reach each read, and what each value was computed from. Rules ask it where data
 * came from — "does this `fit` argument derive from the test split?" — through reassignments,
 * unpacking, augmented assignments, subscripts, method chains and in-place writes, instead of
 * matching variable names. Built once per tree and shared by every rule.
 */
import type { PyNode } from "../../languages/python/nodes.js";
import { buildFlow, isDescriptive } from "./builder.js";
import type { Definition } from "./definitions.js";

export type { Definition, DefinitionKind } from "./definitions.js";

export class ProgramFlow {
  /** Every definition, in the order the walk made them. */
  readonly definitions: readonly Definition[];
  readonly #reaching: Map<PyNode, Definition[]>;
  readonly #made: Map<PyNode, Definition[]>;
  #dependents: Map<Definition, Definition[]> | undefined;

  constructor(root: PyNode) {
    const tables = buildFlow(root);
    this.definitions = tables.definitions;
    this.#reaching = tables.reaching;
    this.#made = tables.made;
  }

  /** The definitions that may reach a read (an identifier, or an attribute chain such as `self.scaler`). */
  reachingAt(node: PyNode): readonly Definition[] {
    return this.#reaching.get(node) ?? [];
  }

  /** True when the node is a read the analysis followed (an identifier or attribute chain in a value). */
  isRead(node: PyNode): boolean {
    return this.#reaching.has(node);
  }

  /** The definitions made at a target node, or by a mutating call (`scaler.fit(X)`, `df.dropna(inplace=True)`). */
  definitionsAt(node: PyNode): readonly Definition[] {
    return this.#made.get(node) ?? [];
  }

  /**
   * The definitions an expression reads directly, and those its own calls make
   * (`scaler.fit(X).transform(Z)` reads `scaler`, `X` and `Z`, and makes the fitted `scaler`).
   * Descriptive reads (`len(X)`, `X.shape`) are left out.
   */
  sourcesOf(expression: PyNode): Set<Definition> {
    const found = new Set<Definition>();
    const stack = [expression];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (isDescriptive(node)) continue;
      const reaching = this.#reaching.get(node);
      if (reaching) {
        for (const definition of reaching) found.add(definition);
        continue;
      }
      if (node.type === "call") for (const definition of this.#made.get(node) ?? []) found.add(definition);
      for (const child of node.children) stack.push(child);
    }
    return found;
  }

  /**
   * Every definition the given ones were transitively computed from, themselves included.
   * `stop` marks definitions whose own sources are not followed (they are still included).
   */
  lineageOf(start: Iterable<Definition>, stop?: (definition: Definition) => boolean): Set<Definition> {
    const seen = new Set<Definition>();
    const queue = [...start];
    while (queue.length > 0) {
      const definition = queue.pop()!;
      if (seen.has(definition)) continue;
      seen.add(definition);
      if (stop?.(definition)) continue;
      for (const source of definition.sources) if (!seen.has(source)) queue.push(source);
    }
    return seen;
  }

  /** The lineage of an expression's value: {@link sourcesOf}, then {@link lineageOf}. */
  lineageOfExpression(expression: PyNode, stop?: (definition: Definition) => boolean): Set<Definition> {
    return this.lineageOf(this.sourcesOf(expression), stop);
  }

  /** Every definition computed, transitively, from the given ones (themselves included): the forward direction of {@link lineageOf}. */
  derivedFrom(start: Iterable<Definition>): Set<Definition> {
    if (!this.#dependents) {
      this.#dependents = new Map();
      for (const definition of this.definitions) {
        for (const source of definition.sources) {
          const list = this.#dependents.get(source) ?? [];
          list.push(definition);
          this.#dependents.set(source, list);
        }
      }
    }
    const seen = new Set<Definition>();
    const queue = [...start];
    while (queue.length > 0) {
      const definition = queue.pop()!;
      if (seen.has(definition)) continue;
      seen.add(definition);
      for (const dependent of this.#dependents.get(definition) ?? []) if (!seen.has(dependent)) queue.push(dependent);
    }
    return seen;
  }
}

const flows = new WeakMap<PyNode, ProgramFlow>();

/** The data flow of a module (or notebook program) tree, built once per tree. */
export function flowOf(root: PyNode): ProgramFlow {
  let flow = flows.get(root);
  if (!flow) {
    flow = new ProgramFlow(root);
    flows.set(root, flow);
  }
  return flow;
}
