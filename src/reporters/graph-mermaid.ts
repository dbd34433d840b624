/**
 * The data-flow graph as a Mermaid flowchart (paste it into Markdown on GitHub or GitLab).
 * Scripts are boxes, notebooks stadiums, library modules parallelograms, stages subroutine boxes
 * and data artifacts cylinders; declared edges are solid, edges only a shell script orders are
 * thick, and undeclared edges are dashed and red.
 */
import type { GraphJson, GraphNode } from "../project/graph/types.js";
import { edgeLabel, LEGEND, nodeLabel } from "./graph-labels.js";

function text(value: string): string {
  return value.replace(/"/gu, "#quot;").replace(/[|]/gu, "#124;");
}

function shape(node: GraphNode): string {
  const label = `"${text(nodeLabel(node))}"`;
  switch (node.kind) {
    case "artifact":
      return `[(${label})]`;
    case "notebook":
      return `([${label}])`;
    case "module":
      return `[/${label}/]`;
    case "stage":
      return `[[${label}]]`;
    default:
      return `[${label}]`;
  }
}

/** Renders the graph as Mermaid `flowchart LR` text. */
export function formatGraphMermaid(graph: GraphJson): string {
  const ids = new Map(graph.nodes.map((node, index) => [node.id, `n${index}`]));
  const lines = ["flowchart LR", `  %% ${LEGEND}`];
  for (const node of graph.nodes) lines.push(`  ${ids.get(node.id)}${shape(node)}:::${node.kind}`);
  const undeclared: number[] = [];
  graph.edges.forEach((edge, index) => {
    const arrow = edge.declaration === "declared" ? "-->" : edge.declaration === "sequenced" ? "==>" : "-.->";
    if (edge.declaration === "undeclared") undeclared.push(index);
    lines.push(`  ${ids.get(edge.from)} ${arrow}|${text(edgeLabel(edge))}| ${ids.get(edge.to)}`);
  });
  if (undeclared.length > 0) lines.push(`  linkStyle ${undeclared.join(",")} stroke:#d33,color:#d33`);
  lines.push(
    "  classDef artifact fill:#eef6ff,stroke:#4a78b5",
    "  classDef stage fill:#eaf7ea,stroke:#3c8c3c",
    "  classDef notebook fill:#fff6e5,stroke:#c08a1e",
    "  classDef script fill:#ffffff,stroke:#555555",
    "  classDef module fill:#f4f4f4,stroke:#888888",
  );
  return `${lines.join("\n")}\n`;
}
