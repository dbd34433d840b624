/** `mldebt graph` output formats over the graph's plain data. Pure: the caller decides where the text goes. */
import type { GraphJson } from "../project/graph/types.js";
import { formatGraphDot } from "./graph-dot.js";
import { formatGraphMermaid } from "./graph-mermaid.js";

export const GRAPH_FORMATS = ["mermaid", "dot", "json"] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

/** Renders the graph of the project at `root` (as the user named it). */
export function formatGraph(format: GraphFormat, graph: GraphJson, root: string): string {
  switch (format) {
    case "mermaid":
      return formatGraphMermaid(graph);
    case "dot":
      return formatGraphDot(graph);
    case "json":
      return `${JSON.stringify({ root, nodes: graph.nodes, edges: graph.edges }, null, 2)}\n`;
  }
}
