/**
 * The data-flow graph in Graphviz DOT (`mldebt graph --format dot | dot -Tsvg > pipeline.svg`).
 * Same conventions as the Mermaid picture: declared edges solid, shell-script order bold,
 * undeclared edges dashed and red.
 */
import type { GraphJson, GraphNode } from "../project/graph/types.js";
import { edgeLabel, LEGEND, nodeLabel } from "./graph-labels.js";

function quoted(value: string): string {
  return `"${value.replace(/\\/gu, "\\\\").replace(/"/gu, '\\"')}"`;
}

const SHAPES: Record<GraphNode["kind"], string> = {
  script: "shape=box",
  notebook: "shape=note",
  module: "shape=parallelogram",
  stage: 'shape=box3d, style=filled, fillcolor="#eaf7ea"',
  artifact: 'shape=cylinder, style=filled, fillcolor="#eef6ff"',
};

/** Renders the graph as a DOT digraph. */
export function formatGraphDot(graph: GraphJson): string {
  const lines = ["digraph pipeline {", `  // ${LEGEND}`, "  rankdir=LR;", '  node [fontname="Helvetica", fontsize=11];', '  edge [fontname="Helvetica", fontsize=9];'];
  for (const node of graph.nodes) lines.push(`  ${quoted(node.id)} [label=${quoted(nodeLabel(node))}, ${SHAPES[node.kind]}];`);
  for (const edge of graph.edges) {
    const style = edge.declaration === "declared" ? "style=solid" : edge.declaration === "sequenced" ? "style=bold" : 'style=dashed, color="#dd3333", fontcolor="#dd3333"';
    lines.push(`  ${quoted(edge.from)} -> ${quoted(edge.to)} [label=${quoted(edgeLabel(edge))}, ${style}];`);
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}
