/** `mldebt graph` and the graph in lint reports, on the two pipeline fixtures as a user runs them. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jsonReport, runMldebt, tempProject, REPO_ROOT } from "../helpers/cli.js";

const JUNGLE = "fixtures/projects/pipeline-jungle";
const DECLARED = "fixtures/projects/pipeline-declared";

describe("mldebt graph", () => {
  it.each([JUNGLE, DECLARED])("draws %s as its expected-graph.mmd (Mermaid by default)", (fixture) => {
    const run = runMldebt(["graph", fixture]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(readFileSync(join(REPO_ROOT, fixture, "expected-graph.mmd"), "utf8"));
  });

  it("draws the jungle's hand-offs dashed and its shell order thick, the declared pipeline solid", () => {
    const jungle = runMldebt(["graph", JUNGLE]).stdout;
    expect(jungle).toMatch(/-\.->\|to_csv\|/u);
    expect(jungle).toMatch(/==>\|step 1\|/u);
    expect(jungle).not.toMatch(/ -->\|/u);
    const declared = runMldebt(["graph", DECLARED]).stdout;
    expect(declared.match(/ -\.->/gu)).toHaveLength(1); // predict.py's predictions.csv only
    expect(declared).toMatch(/-->\|outs\|/u);
  });

  it("--format dot and json, --output to a file", () => {
    expect(runMldebt(["graph", JUNGLE, "--format", "dot"]).stdout).toMatch(/^digraph pipeline \{\n[\s\S]*style=dashed[\s\S]*style=bold[\s\S]*\}\n$/u);
    const json = JSON.parse(runMldebt(["graph", DECLARED, "-f", "json"]).stdout);
    expect(json.root).toBe(DECLARED);
    expect(json.nodes.filter((node: { kind: string }) => node.kind === "stage")).toHaveLength(5);
    const root = tempProject({ "a.py": "x = 1\n" });
    expect(runMldebt(["graph", DECLARED, "-o", join(root, "out", "pipeline.mmd")]).stdout).toBe("");
    expect(readFileSync(join(root, "out", "pipeline.mmd"), "utf8")).toBe(readFileSync(join(REPO_ROOT, DECLARED, "expected-graph.mmd"), "utf8"));
  });

  it("exits 2 on a path that is not a folder, or an unknown format", () => {
    const missing = runMldebt(["graph", "no/such/folder"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/needs a project folder/u);
    expect(runMldebt(["graph", JUNGLE, "--format", "png"]).code).toBe(2);
  });
});

describe("the graph in lint reports", () => {
  it("JSON carries the graph after the usual keys, and each hand-off's write as related", () => {
    const { report } = jsonReport([JUNGLE]);
    const raw = report as unknown as Record<string, unknown> & { graph: { nodes: unknown[]; edges: unknown[] } };
    expect(Object.keys(raw)).toEqual(["tool", "root", "findings", "summary", "graph"]);
    expect(raw.graph.nodes).toHaveLength(20);
    const handoff = report.findings.find((finding) => finding.ruleId === "mldebt/implicit-file-handoff" && finding.file === "04_train.py") as unknown as { related: unknown[] };
    expect(handoff.related).toEqual([{ file: "03_features.ipynb", line: 2, column: 1, cell: 7, message: "writes data/features/train.parquet" }]);
  });

  it("SARIF carries the write as a related location", () => {
    const sarif = JSON.parse(runMldebt([JUNGLE, "-f", "sarif"]).stdout);
    const result = sarif.runs[0].results.find((entry: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => entry.ruleId === "mldebt/implicit-file-handoff" && entry.locations[0]!.physicalLocation.artifactLocation.uri === "02_clean.py");
    expect(result.relatedLocations[0].physicalLocation.artifactLocation.uri).toMatch(/^(01_ingest\.py|03_features\.ipynb)$/u);
  });

  it("stylish shows a small project's pipeline as text", () => {
    const { stdout } = runMldebt([DECLARED]);
    expect(stdout).toContain("  dvc.yaml: ingest (01_ingest.py) → data/interim/merged.csv → dvc.yaml: clean (02_clean.py)\n");
    expect(stdout).toContain("✔ No technical debt found in 9 files.");
    expect(runMldebt([JUNGLE]).stdout).toContain("  run_all.sh ⇒ 01_ingest.py, 02_clean.py, 03_features.ipynb, 04_train.py\n");
  });
});
