/**
 * The pipeline as text, for the stylish report of a small project: one line per data file handed
 * from one step to another, plus the scripts that shell scripts and code run, in pipeline order
 * (writers before readers). A stage that runs one script is written with it: `ingest (01_ingest.py)`.
 *
 *   run_all.sh ⇒ 01_ingest.py, 02_clean.py, 03_features.ipynb
 *   01_ingest.py ⇢ data/interim/merged.csv ⇢ 02_clean.py
 *   04_train.py ⇢ runs 05_evaluate.py
 */
import type { GraphEdge, GraphJson } from "../project/graph/types.js";
import { nodeLabel } from "./graph-labels.js";
import { appendTo } from "../collections.js";

/** Projects with more nodes than this get no text picture (use `mldebt graph`). */
export const MAX_TEXT_GRAPH_NODES = 30;

function arrow(edges: GraphEdge[]): string {
  if (edges.some((edge) => edge.declaration === "undeclared")) return "⇢";
  return edges.every((edge) => edge.declaration === "sequenced") ? "⇒" : "→";
}

/** Node ids in pipeline order: Kahn's algorithm over every edge, ties by id. */
function pipelineOrder(graph: GraphJson): Map<string, number> {
  const incoming = new Map(graph.nodes.map((node) => [node.id, 0]));
  const next = new Map<string, string[]>();
  for (const edge of graph.edges) {
    incoming.set(edge.to, (incoming.get(edge.to) ?? 0) + 1);
    appendTo(next, edge.from, edge.to);
  }
  const order = new Map<string, number>();
  const remaining = new Set(graph.nodes.map((node) => node.id));
  while (remaining.size > 0) {
    // In a cycle no node is ready: take the step with the fewest unmet inputs.
    const rank = (id: string): [number, number, string] => [incoming.get(id) ?? 0, id.startsWith("artifact:") ? 1 : 0, id];
    const chosen = [...remaining].map(rank).sort((a, b) => a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : 1))[0]![2];
    remaining.delete(chosen);
    order.set(chosen, order.size);
    for (const to of next.get(chosen) ?? []) incoming.set(to, (incoming.get(to) ?? 1) - 1);
  }
  return order;
}

/**
 * The pipeline's lines, or an empty list when the graph is too big or holds no hand-off, run or
 * order between steps.
 */
export function graphTextLines(graph: GraphJson): string[] {
  if (graph.nodes.length > MAX_TEXT_GRAPH_NODES) return [];
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const runsOf = (id: string) => graph.edges.filter((edge) => edge.from === id && edge.kind === "run");
  /** Stages that run exactly one script and are not shell scripts: written with their script. */
  const folded = new Set(graph.nodes.filter((node) => node.kind === "stage" && node.manifest !== "shell" && runsOf(node.id).length === 1).map((node) => node.id));
  const name = (id: string): string => {
    const node = nodes.get(id);
    if (!node) return id;
    return folded.has(id) ? `${nodeLabel(node)} (${nodes.get(runsOf(id)[0]!.to)?.label ?? ""})` : nodeLabel(node);
  };
  const order = pipelineOrder(graph);
  const lines: [number, string][] = [];
  const runs = new Map<string, GraphEdge[]>();
  for (const edge of graph.edges) {
    if (edge.kind === "invoke" || edge.kind === "order" || (edge.kind === "run" && !folded.has(edge.from))) appendTo(runs, edge.from, edge);
  }
  for (const [from, edges] of runs) {
    const targets = edges.map((edge) => (edge.kind === "order" ? `then ${name(edge.to)}` : edge.kind === "invoke" ? `runs ${name(edge.to)}` : name(edge.to)));
    lines.push([order.get(from) ?? 0, `${name(from)} ${arrow(edges)} ${targets.join(", ")}`]);
  }
  for (const write of graph.edges.filter((edge) => edge.kind === "write")) {
    const reads = graph.edges.filter((edge) => edge.kind === "read" && edge.from === write.to && edge.to !== write.from).sort((a, b) => (order.get(a.to) ?? 0) - (order.get(b.to) ?? 0));
    if (reads.length === 0) continue;
    lines.push([order.get(write.from) ?? 0, `${name(write.from)} ${arrow([write])} ${name(write.to)} ${arrow(reads)} ${[...new Set(reads.map((read) => name(read.to)))].join(", ")}`]);
  }
  return lines.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)).map(([, line]) => line);
}
