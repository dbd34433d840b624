/** The data-flow graph as plain, sorted data with a fixed field order (JSON, renderers). */
import type { DataFlowGraph, GraphEdge, GraphJson, GraphNode } from "./types.js";

function nodeJson(node: GraphNode): GraphNode {
  return {
    id: node.id,
    kind: node.kind,
    label: node.label,
    ...(node.file !== undefined && { file: node.file }),
    ...(node.path !== undefined && { path: node.path }),
    ...(node.manifest !== undefined && { manifest: node.manifest }),
    ...(node.line !== undefined && { line: node.line }),
  };
}

function edgeJson(edge: GraphEdge): GraphEdge {
  return {
    from: edge.from,
    to: edge.to,
    kind: edge.kind,
    declaration: edge.declaration,
    via: edge.via,
    file: edge.file,
    line: edge.line,
    ...(edge.cell !== undefined && { cell: edge.cell }),
  };
}

/** The nodes and edges of a graph, as plain data. */
export function graphJson(graph: DataFlowGraph): GraphJson {
  return { nodes: graph.nodes.map(nodeJson), edges: graph.edges.map(edgeJson) };
}
