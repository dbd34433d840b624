/**
 * The data-flow graph of a project (DESIGN.md, "Architecture"), built once from the project model
 * and kept beside it: every rule that asks gets the same graph, and none rebuilds it.
 */
import type { ProjectModel } from "../types.js";
import { buildDataFlowGraph } from "./build.js";
import type { DataFlowGraph } from "./types.js";

const graphs = new WeakMap<ProjectModel, DataFlowGraph>();

/** The data-flow graph of a model, built on first use. */
export function dataFlowGraph(model: ProjectModel): DataFlowGraph {
  let graph = graphs.get(model);
  if (!graph) {
    graph = buildDataFlowGraph(model);
    graphs.set(model, graph);
  }
  return graph;
}

export { graphJson } from "./json.js";
export type * from "./types.js";
