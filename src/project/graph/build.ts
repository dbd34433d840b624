/**
 * Builds the data-flow graph of a project from its model: nodes for scripts, notebooks, library
 * modules that touch data, declared stages, shell pipelines and data artifacts; edges for reads,
 * writes, script runs, stage order and imports, each marked declared, sequenced or undeclared.
 *
 * A code read or write that a declared stage running that file already lists is drawn once, as
 * the stage's edge. An artifact a declared path covers (`data/processed/churn.csv` under the
 * `outs: data/processed` of a stage) is drawn as the declared path.
 */
import { posix } from "node:path";
import { nodePlace } from "../module-facts.js";
import type { ModuleFacts, ProjectIoSite, ProjectModel } from "../types.js";
import { findCycles } from "./cycles.js";
import { findHandoffs, isLocalData } from "./handoffs.js";
import { Programs } from "./programs.js";
import { covers, readStages } from "./stages.js";
import type { DataFlowGraph, EdgeDeclaration, FileLocation, GraphEdge, GraphNode, Handoff } from "./types.js";
import { appendTo } from "../../collections.js";

/** What each kind of manifest calls a stage's declared inputs and outputs (edge labels). */
const DECLARED_IO_WORDS: Partial<Record<string, [string, string]>> = {
  dvc: ["deps", "outs"],
  makefile: ["prerequisite", "target"],
  kedro: ["inputs", "outputs"],
};

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Program line and column in a module → the position users see (cell and line within it for notebooks). */
export function locateIn(facts: ModuleFacts | undefined, file: string, line: number, column: number): FileLocation {
  const cell = facts?.pipeline?.cells.find((span) => line >= span.programLine && line < span.programLine + Math.max(span.lineCount, 1));
  return cell ? { file, line: line - cell.programLine + 1, column, cell: cell.index } : { file, line, column };
}

function fileId(file: string): string {
  return `file:${file}`;
}

function artifactId(path: string): string {
  return `artifact:${path}`;
}

/** Builds the graph. Use dataFlowGraph() (index.ts), which builds it once per model. */
export function buildDataFlowGraph(model: ProjectModel): DataFlowGraph {
  const programs = new Programs(model);
  const stageSet = readStages(model, programs);
  const handoffs = findHandoffs(model, programs, stageSet);
  const cycles = findCycles(handoffs);
  const configFiles = new Set(model.configFiles.map((config) => config.file));

  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const edgeKeys = new Set<string>();
  const addEdge = (edge: GraphEdge): void => {
    const key = `${edge.from}\0${edge.to}\0${edge.kind}\0${edge.via}`;
    if (edgeKeys.has(key)) return;
    edgeKeys.add(key);
    edges.push(edge);
  };
  const where = (file: string, line: number): { file: string; line: number; cell?: number } => {
    const at = locateIn(model.modules.get(file), file, line, 1);
    return at.cell === undefined ? { file, line: at.line } : { file, line: at.line, cell: at.cell };
  };
  const invoked = new Set<string>();

  // Declared paths, longest first: an artifact is drawn as the declared path that covers it.
  const declaredPaths = [...new Set(stageSet.stages.flatMap((stage) => [...stage.inputs, ...stage.outputs]))]
    .filter((path) => !model.modules.has(path) && !isCodeDirectory(model, path))
    .sort((a, b) => b.length - a.length || compare(a, b));
  const artifactOf = (path: string): string => declaredPaths.find((declared) => covers(declared, path)) ?? path;
  const addArtifact = (path: string): string => {
    const id = artifactId(path);
    if (!nodes.has(id)) nodes.set(id, { id, kind: "artifact", label: path, path });
    return id;
  };

  // Declared stages: their runs, order and declared data.
  for (const stage of stageSet.stages) {
    nodes.set(stage.id, { id: stage.id, kind: "stage", label: stage.name, file: stage.file, manifest: stage.kind, line: stage.line });
    const at = { file: stage.file, line: stage.line };
    for (const script of stage.runs) if (script !== stage.file) addEdge({ from: stage.id, to: fileId(script), kind: "run", declaration: "declared", via: stage.kind, ...at });
    for (const before of stage.after) addEdge({ from: before, to: stage.id, kind: "order", declaration: "declared", via: stage.kind, ...at });
    const [inputWord, outputWord] = DECLARED_IO_WORDS[stage.kind] ?? ["input", "output"];
    for (const output of stage.outputs) if (declaredPaths.includes(output)) addEdge({ from: stage.id, to: addArtifact(output), kind: "write", declaration: "declared", via: outputWord, ...at });
    for (const input of stage.inputs) if (declaredPaths.includes(input)) addEdge({ from: addArtifact(input), to: stage.id, kind: "read", declaration: "declared", via: inputWord, ...at });
  }

  // Shell scripts and recipe chains: the steps in the order they run.
  for (const pipeline of stageSet.shellPipelines) {
    const id = pipeline.target === undefined ? `stage:${pipeline.file}` : `stage:${pipeline.file}#${pipeline.target}`;
    nodes.set(id, { id, kind: "stage", label: pipeline.target ?? pipeline.file, file: pipeline.file, manifest: pipeline.target === undefined ? "shell" : "makefile", line: pipeline.steps[0]?.line ?? 1 });
    pipeline.steps.forEach((step, index) => addEdge({ from: id, to: fileId(step.file), kind: "run", declaration: "sequenced", via: String(index + 1), file: pipeline.file, line: step.line }));
  }

  // Scripts that run scripts.
  for (const [file, facts] of model.modules) {
    const spans = facts.pipeline?.taskSpans ?? [];
    for (const invocation of facts.invocations) {
      if (!model.modules.has(invocation.target) || invocation.target === file) continue;
      invoked.add(invocation.target);
      const declared = spans.some(([start, end]) => invocation.line >= start && invocation.line <= end);
      addEdge({ from: fileId(file), to: fileId(invocation.target), kind: "invoke", declaration: declared ? "declared" : "undeclared", via: invocation.via, ...where(file, invocation.line) });
    }
  }

  // Code reads and writes, marked by the hand-offs they take part in.
  const handoffState = new Map<string, EdgeDeclaration>();
  const mark = (key: string, declared: boolean): void => {
    if (handoffState.get(key) !== "undeclared") handoffState.set(key, declared ? "declared" : "undeclared");
  };
  for (const handoff of handoffs) {
    for (const write of handoff.writes) {
      mark(`read\0${handoff.read.file}\0${artifactOf(handoff.artifact)}`, write.declared);
      mark(`write\0${write.site.file}\0${artifactOf(write.site.path!.text)}`, write.declared);
    }
  }
  const writtenPaths = new Set<string>();
  for (const facts of model.modules.values()) for (const site of facts.ioSites) if (site.direction === "write" && site.path) writtenPaths.add(site.path.text);
  for (const [file, facts] of model.modules) {
    const stagesOfFile = stageSet.stagesRunning(file);
    for (const site of [...facts.ioSites].sort((a, b) => nodePlace(a, "node")!.range[0] - nodePlace(b, "node")!.range[0])) {
      // The model's sites know their file (a copy by spread would resolve their lazily read nodes).
      const located = site as ProjectIoSite;
      if (!isLocalData(located)) continue;
      const path = site.path!.text;
      if (site.direction === "read" && configFiles.has(path) && !writtenPaths.has(path)) continue;
      const artifact = artifactOf(path);
      const listedByStage = stagesOfFile.some((stage) => (site.direction === "read" ? stage.inputs : stage.outputs).some((declared) => covers(declared, path)));
      if (listedByStage) continue;
      const key = `${site.direction}\0${file}\0${artifact}`;
      const covered = declaredPaths.includes(artifact);
      const declaration = handoffState.get(key) ?? (covered ? "declared" : "undeclared");
      const at = where(file, nodePlace(site, "node")!.loc.start.line);
      const artifactNode = addArtifact(artifact);
      if (site.direction === "read") addEdge({ from: artifactNode, to: fileId(file), kind: "read", declaration, via: site.api, ...at });
      else addEdge({ from: fileId(file), to: artifactNode, kind: "write", declaration, via: site.api, ...at });
    }
  }

  // File nodes for every file an edge touches; imports of library modules that touch data.
  const kindOf = (file: string): "script" | "notebook" | "module" => {
    const facts = model.modules.get(file);
    if (facts?.kind === "notebook") return "notebook";
    if (facts?.pipeline?.runsAsScript || invoked.has(file) || stageSet.stagesRunning(file).some((stage) => stage.runs.includes(file))) return "script";
    return stageSet.shellPipelines.some((pipeline) => pipeline.steps.some((step) => step.file === file)) ? "script" : "module";
  };
  for (const edge of edges) {
    for (const id of [edge.from, edge.to]) {
      if (!id.startsWith("file:") || nodes.has(id)) continue;
      const file = id.slice("file:".length);
      nodes.set(id, { id, kind: kindOf(file), label: file, file });
    }
  }
  for (const node of [...nodes.values()]) {
    if (node.kind !== "module" || !node.file) continue;
    for (const [file, imported] of programs.imports) {
      if (imported.has(node.file) && nodes.has(fileId(file))) addEdge({ from: fileId(file), to: node.id, kind: "import", declaration: "declared", via: "import", file, line: 1 });
    }
  }

  const sortedNodes = [...nodes.values()].sort((a, b) => compare(a.id, b.id));
  const sortedEdges = edges
    .filter((edge) => nodes.has(edge.from) && nodes.has(edge.to))
    .sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to) || compare(a.kind, b.kind) || compare(a.via, b.via) || a.line - b.line);
  const byReader = new Map<string, Handoff[]>();
  for (const handoff of handoffs) appendTo(byReader, handoff.read.file, handoff);

  return {
    nodes: sortedNodes,
    edges: sortedEdges,
    stages: stageSet.stages,
    handoffs,
    shellPipelines: stageSet.shellPipelines,
    cycles,
    handoffsReadIn: (file) => byReader.get(file) ?? [],
    runByDeclaredStage: (file) => stageSet.stagesRunning(file).length > 0,
    fileKind: kindOf,
    locate: (file, line, column) => locateIn(model.modules.get(file), file, line, column),
  };
}

/** A declared path that holds code (`src`, a package folder) rather than data. */
function isCodeDirectory(model: ProjectModel, path: string): boolean {
  const prefix = `${path}/`;
  for (const file of model.modules.keys()) if (file.startsWith(prefix)) return true;
  return posix.extname(path) === ".py";
}
