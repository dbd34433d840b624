/** Graph renderers (Mermaid, DOT, text) and the graph in the JSON and stylish reports. */
import { describe, expect, it } from "vitest";
import type { GraphEdge, GraphJson, GraphNode } from "../../src/project/graph/types.js";
import { formatGraph } from "../../src/reporters/graph.js";
import { formatGraphDot } from "../../src/reporters/graph-dot.js";
import { formatGraphMermaid } from "../../src/reporters/graph-mermaid.js";
import { graphTextLines, MAX_TEXT_GRAPH_NODES } from "../../src/reporters/graph-text.js";
import { formatJson, formatStylish } from "../../src/reporters/index.js";
import { handoff, lintResult } from "./fixture.js";

const result = lintResult([handoff]);

const nodes: GraphNode[] = [
  { id: "artifact:data/clean.csv", kind: "artifact", label: "data/clean.csv", path: "data/clean.csv" },
  { id: "artifact:models/m.pkl", kind: "artifact", label: "models/m.pkl", path: "models/m.pkl" },
  { id: "file:prepare.py", kind: "script", label: "prepare.py", file: "prepare.py" },
  { id: "file:train.py", kind: "script", label: "train.py", file: "train.py" },
  { id: 'file:say "hi".ipynb', kind: "notebook", label: 'say "hi".ipynb', file: 'say "hi".ipynb' },
  { id: "stage:dvc.yaml#train", kind: "stage", label: "train", file: "dvc.yaml", manifest: "dvc", line: 3 },
  { id: "stage:run.sh", kind: "stage", label: "run.sh", file: "run.sh", manifest: "shell", line: 1 },
];
const edges: GraphEdge[] = [
  { from: "artifact:data/clean.csv", to: "file:train.py", kind: "read", declaration: "undeclared", via: "pandas.read_csv", file: "train.py", line: 2 },
  { from: "file:prepare.py", to: "artifact:data/clean.csv", kind: "write", declaration: "undeclared", via: "DataFrame.to_csv", file: "prepare.py", line: 4 },
  { from: "stage:dvc.yaml#train", to: "artifact:models/m.pkl", kind: "write", declaration: "declared", via: "outs", file: "dvc.yaml", line: 3 },
  { from: "stage:dvc.yaml#train", to: "file:train.py", kind: "run", declaration: "declared", via: "dvc", file: "dvc.yaml", line: 3 },
  { from: "artifact:models/m.pkl", to: 'file:say "hi".ipynb', kind: "read", declaration: "declared", via: "joblib.load", file: 'say "hi".ipynb', line: 1, cell: 2 },
  { from: "stage:run.sh", to: "file:prepare.py", kind: "run", declaration: "sequenced", via: "1", file: "run.sh", line: 1 },
  { from: "stage:run.sh", to: "file:train.py", kind: "run", declaration: "sequenced", via: "2", file: "run.sh", line: 2 },
];
const graph: GraphJson = { nodes, edges };

describe("Mermaid", () => {
  const text = formatGraphMermaid(graph);

  it("gives each kind of node its shape and escapes quotes", () => {
    expect(text.startsWith("flowchart LR\n")).toBe(true);
    expect(text).toContain('n0[("data/clean.csv")]:::artifact');
    expect(text).toContain('n2["prepare.py"]:::script');
    expect(text).toContain('n4(["say #quot;hi#quot;.ipynb"]):::notebook');
    expect(text).toContain('n5[["dvc.yaml: train"]]:::stage');
    expect(text).toContain('n6[["run.sh"]]:::stage');
  });

  it("draws declared edges solid, shell order thick, undeclared edges dashed and red", () => {
    expect(text).toContain("n5 -->|outs| n1");
    expect(text).toContain("n6 ==>|step 1| n2");
    expect(text).toContain("n2 -.->|to_csv| n0");
    expect(text).toContain("n0 -.->|read_csv| n3");
    expect(text).toContain("linkStyle 0,1 stroke:#d33,color:#d33");
  });
});

describe("DOT", () => {
  const text = formatGraphDot(graph);

  it("is a digraph with shapes and edge styles by declaration", () => {
    expect(text.startsWith("digraph pipeline {\n")).toBe(true);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text).toContain('"artifact:data/clean.csv" [label="data/clean.csv", shape=cylinder');
    expect(text).toContain('"file:say \\"hi\\".ipynb" [label="say \\"hi\\".ipynb", shape=note];');
    expect(text).toContain('"file:prepare.py" -> "artifact:data/clean.csv" [label="to_csv", style=dashed, color="#dd3333", fontcolor="#dd3333"];');
    expect(text).toContain('"stage:dvc.yaml#train" -> "artifact:models/m.pkl" [label="outs", style=solid];');
    expect(text).toContain('"stage:run.sh" -> "file:train.py" [label="step 2", style=bold];');
  });
});

describe("JSON", () => {
  it("is the root, the nodes and the edges", () => {
    expect(JSON.parse(formatGraph("json", graph, "proj"))).toEqual({ root: "proj", nodes, edges });
  });
});

describe("text", () => {
  it("writes hand-offs and runs in pipeline order, a stage with its one script", () => {
    expect(graphTextLines(graph)).toEqual([
      'dvc.yaml: train (train.py) → models/m.pkl → say "hi".ipynb',
      "run.sh ⇒ prepare.py, train.py",
      "prepare.py ⇢ data/clean.csv ⇢ train.py",
    ]);
  });

  it("stays out of the way of big projects", () => {
    const big: GraphJson = { nodes: Array.from({ length: MAX_TEXT_GRAPH_NODES + 1 }, (_, index) => ({ id: `file:${index}.py`, kind: "script" as const, label: `${index}.py` })), edges: [] };
    expect(graphTextLines(big)).toEqual([]);
  });
});

describe("the graph in the lint reports", () => {
  it("JSON: an extra `graph` key after the usual ones, left out when absent", () => {
    const withGraph = JSON.parse(formatJson({ ...result, graph }));
    expect(Object.keys(withGraph)).toEqual(["tool", "root", "findings", "summary", "graph"]);
    expect(withGraph.graph).toEqual(graph);
    expect(Object.keys(JSON.parse(formatJson(result)))).toEqual(["tool", "root", "findings", "summary"]);
  });

  it("stylish: the pipeline before the summary, and on clean projects too", () => {
    const text = formatStylish({ ...result, graph }, { color: false });
    expect(text).toContain("\nPipeline (→ declared, ⇒ ordered by a shell script, ⇢ undeclared; draw it: mldebt graph --format mermaid)\n  dvc.yaml: train (train.py)");
    expect(text.indexOf("Pipeline (")).toBeLessThan(text.indexOf("✖"));
    const clean = formatStylish({ ...result, findings: [], summary: { files: 2, byCategory: {}, bySeverity: {} }, graph }, { color: false });
    expect(clean).toMatch(/^Pipeline \(.*\n {2}dvc\.yaml: train[\s\S]*\n {2}prepare\.py ⇢ data\/clean\.csv ⇢ train\.py\n\n✔ No technical debt found in 2 files\.\n$/u);
    expect(formatStylish(result, { color: false })).not.toContain("Pipeline (");
  });
});
