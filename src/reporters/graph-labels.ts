/** Short texts the graph renderers share: node and edge labels, and the legend. */
import type { GraphEdge, GraphNode } from "../project/graph/types.js";

/** What a node is called in a picture: its path, or `manifest: stage` for stages. */
export function nodeLabel(node: GraphNode): string {
  if (node.kind !== "stage") return node.label;
  if (node.manifest === "shell" || node.label === node.file) return node.label;
  return `${node.file}: ${node.label}`;
}

/** A short edge label: the API's last name (`read_csv`), the runner, the step number. */
export function edgeLabel(edge: GraphEdge): string {
  switch (edge.kind) {
    case "read":
    case "write":
      return edge.via.includes(".") ? edge.via.slice(edge.via.lastIndexOf(".") + 1) : edge.via;
    case "run":
      return /^\d+$/u.test(edge.via) ? `step ${edge.via}` : "runs";
    case "order":
      return "then";
    default:
      return edge.via;
  }
}

export const LEGEND = "solid: declared (manifest, orchestrator, import) · thick: ordered only by a shell script · dashed red: undeclared (side effects in code)";
