/**
 * The data-flow graph's vocabulary (DESIGN.md, "Architecture"): the steps of a project's pipeline
 * (scripts, notebooks, modules, declared stages), the data artifacts between them, and how each
 * edge is known — declared by a manifest, sequenced only by a shell script, or visible only as
 * side effects in code.
 */
import type { ManifestKind, OrchestratorKind, ProjectIoSite } from "../types.js";

export type GraphNodeKind = "script" | "notebook" | "module" | "stage" | "artifact";

export interface GraphNode {
  /** `file:<path>`, `artifact:<path>`, `stage:<manifest file>#<stage>`, or `stage:<shell script>`. */
  id: string;
  kind: GraphNodeKind;
  /** What a person reads: the file, the artifact's path, the stage's name. */
  label: string;
  /** Scripts, notebooks, modules: the file; stages: the manifest or DAG file that declares them. */
  file?: string;
  /** Artifacts: the path (a pattern where `*` is unknown), root-relative. */
  path?: string;
  /** Stages: what declares them. */
  manifest?: ManifestKind;
  /** Stages: the line of the manifest that declares them. */
  line?: number;
}

/**
 * `read` / `write`: a step reads or writes an artifact; `invoke`: code runs another script;
 * `run`: a stage runs a script; `order`: a stage runs after another; `import`: a script imports a
 * module that reads or writes data.
 */
export type GraphEdgeKind = "read" | "write" | "invoke" | "run" | "order" | "import";

/**
 * How an edge is known: `declared` by a manifest, an orchestrator or an import; `sequenced` only
 * by the order of a shell script; `undeclared` only through side effects in code.
 */
export type EdgeDeclaration = "declared" | "sequenced" | "undeclared";

export interface GraphEdge {
  from: string;
  to: string;
  kind: GraphEdgeKind;
  declaration: EdgeDeclaration;
  /** How: the I/O API (`pandas.read_csv`), the runner (`subprocess.run`, `%run`), the manifest kind, or the step number of a shell script. */
  via: string;
  /** Where the edge is written: the file, and its line (for notebooks: the cell and the line in the cell). */
  file: string;
  line: number;
  cell?: number;
}

/** A place in a project file as users count it: notebooks by cell and line within the cell. */
export interface FileLocation {
  file: string;
  line: number;
  column: number;
  cell?: number;
}

/** A file written by one step and read by another. */
export interface Handoff {
  /** The artifact's path as the reader resolves it (exact, or a pattern). */
  artifact: string;
  /** The first site in the reader's file that reads it. */
  read: ProjectIoSite;
  /** The first site in each other file that writes it (files sorted), with whether a manifest declares that hand-off. */
  writes: { site: ProjectIoSite; declared: boolean }[];
}

/** A chain of scripts run in order by a shell script or a Makefile recipe with no declared inputs or outputs. */
export interface ShellPipeline {
  /** The shell script or Makefile. */
  file: string;
  /** The Makefile target, for recipes. */
  target?: string;
  /** The project scripts and notebooks run, in order, with the line that runs each. */
  steps: { file: string; line: number }[];
  /** Steps no declared stage (dvc.yaml, Makefile with declared files, orchestrator) runs as well. */
  undeclaredSteps: string[];
}

/** A cycle of hand-offs: each step reads what the previous one wrote, and the first reads what the last wrote. */
export interface PipelineCycle {
  /** Files of the cycle, starting with the first in path order. */
  files: string[];
  /** The hand-offs along it: `reads[i]` is the read in `files[i]` of what `files[i - 1]` (cyclically) writes. */
  reads: { read: ProjectIoSite; write: ProjectIoSite; artifact: string }[];
}

/** A declared step, from a manifest or orchestrator code. */
export interface DeclaredStage {
  id: string;
  kind: ManifestKind | OrchestratorKind;
  /** The manifest or DAG file. */
  file: string;
  name: string;
  line: number;
  /** Project files the stage runs: its scripts, and the modules of the callables it runs. */
  runs: string[];
  /** Declared inputs and outputs, root-relative paths (Kedro datasets without a catalog path as `kedro:<name>`). */
  inputs: string[];
  outputs: string[];
  /** Ids of stages this one runs after, as declared. */
  after: string[];
}

/** The data-flow graph of a project, and the answers pipeline rules ask of it. Built once per model. */
export interface DataFlowGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  stages: DeclaredStage[];
  /** Every hand-off between two files that are not one program, sorted by reader file and line. */
  handoffs: Handoff[];
  shellPipelines: ShellPipeline[];
  cycles: PipelineCycle[];
  /** Hand-offs read in a file. */
  handoffsReadIn(file: string): Handoff[];
  /** Whether a declared stage runs the file (directly, or through the imports of a file it runs). */
  runByDeclaredStage(file: string): boolean;
  /** The kind of a project file's node: `script`, `notebook` or `module` (a library imported by others). */
  fileKind(file: string): "script" | "notebook" | "module";
  /** A program position in a file as users count it (cell and line for notebooks). */
  locate(file: string, line: number, column: number): FileLocation;
}

/** The graph as plain data: what the JSON report's `graph` key and `mldebt graph --format json` hold. */
export interface GraphJson {
  nodes: GraphNode[];
  edges: GraphEdge[];
}
