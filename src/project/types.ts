/**
 * The project model's vocabulary (DESIGN.md, "Architecture"). Every extractor produces these
 * shapes and every cross-file rule reads them; nothing here touches the disk.
 */
import type { CellPosition } from "../languages/notebook/program.js";
import type { PyNode } from "../languages/python/nodes.js";
import type { ProjectTree } from "./tree.js";
import type { BranchGuard } from "./python/branch-guards.js";
import type { ModuleConfigUses } from "./python/config-uses.js";
import type { ModuleReferences } from "./python/references.js";

/** A position inside a file: 1-based line, 1-based column (as reported to users). */
export interface Position {
  line: number;
  column: number;
}

export type ConfigFormat = "yaml" | "json" | "toml" | "env";

/** A scalar, list or mapping value found in a config file, as plain JSON data. */
export type ConfigValue = string | number | boolean | null | ConfigValue[] | { [key: string]: ConfigValue };

/** One key defined in a config file. Mappings produce one entry per nested key as well. */
export interface ConfigKey {
  /** Dotted key path from the document root, e.g. `train.optimizer.lr`; list items use `[0]`. */
  path: string;
  /** Last segment of `path`, e.g. `lr`. */
  name: string;
  value: ConfigValue;
  /** Position of the key (not the value). */
  line: number;
  column: number;
  /** Position of the value. */
  valueLine: number;
  valueColumn: number;
  /** True for mappings and lists (their children are listed as their own keys). */
  isContainer: boolean;
}

export interface ConfigParseError {
  message: string;
  line: number;
  column: number;
}

export interface ConfigFileModel {
  /** Relative to the project root, POSIX separators. */
  file: string;
  format: ConfigFormat;
  keys: ConfigKey[];
  /** Non-empty when the file could not be (fully) parsed; keys holds what could be read. */
  errors: ConfigParseError[];
  /** YAML only: the Hydra package a `# @package <name>` header comment places the keys under (`_global_`, `_group_`, `db.primary`). */
  packageDirective?: string;
}

/** Where a manifest stage comes from. */
export type ManifestKind = "dvc" | "makefile" | "shell" | "airflow" | "prefect" | "kedro" | "snakemake";

/** A declared step of a pipeline: a dvc.yaml stage, a Makefile rule, a shell script line. */
export interface ManifestStage {
  kind: ManifestKind;
  /** Relative path of the manifest file. */
  file: string;
  /** Stage name: the dvc stage key, the Makefile target, `line N` for a shell script. */
  name: string;
  line: number;
  /** The command(s) the stage runs, as written. */
  commands: string[];
  /** Project scripts the commands run (`python src/train.py` → `src/train.py`), as written, normalised. */
  scripts: string[];
  /** Declared inputs (dvc deps, Makefile prerequisites), relative to the manifest's directory resolved to root. */
  inputs: string[];
  /** Declared outputs (dvc outs/metrics/plots, Makefile targets that are files). */
  outputs: string[];
  /** Declared params (dvc `params:`): `file:key` or bare keys (`params.yaml` default). */
  params: string[];
  /**
   * Order within the manifest: for shell scripts, the 0-based step index; stages of one `&&`
   * chain share nothing special beyond consecutive order.
   */
  order: number;
  /** Names of stages of the same manifest this one runs after, when the manifest says so (Makefile prerequisites that are targets). */
  after?: string[];
}

export interface ManifestModel {
  file: string;
  kind: ManifestKind;
  stages: ManifestStage[];
  errors: ConfigParseError[];
}

// ── Python module facts (src/project/python/*) ───────────────────────────────────────────────

/**
 * Where a resolved path points:
 * - `relative`: inside the project, relative to its root (scripts are assumed to run from the root;
 *   `__file__`-based paths are resolved from the module's own directory);
 * - `outside-root`: a relative path that climbs above the root (`../../data/x.csv`);
 * - `absolute`: a POSIX absolute path (`/home/me/x.csv`, `/mnt/data`) or a UNC share;
 * - `windows-drive`: `C:/…` (separators are normalised to `/`);
 * - `home`: `~/…`;
 * - `remote`: a URL or object-store key with a scheme (`https`, `s3`, `gs`, `hf`, …), or a hub
 *   identifier read by a remote-data API (`load_dataset("imdb")`, scheme `hf`);
 * - `unknown`: a pattern whose leading part is unknown (`*` then `/x.csv`), so it may be anywhere.
 */
export type PathKind = "relative" | "outside-root" | "absolute" | "windows-drive" | "home" | "remote" | "unknown";

/**
 * How a path's text was found, strongest first: `env` (an environment variable's default),
 * `config` (a value in a project config file), `argument` (a command-line option's default),
 * `constant` (a name assigned once), `expression` (built at run time: the pattern has unknown
 * parts), `literal` (string literals only, possibly joined with `os.path.join`/`pathlib`).
 */
export type PathProvenance = "env" | "config" | "argument" | "constant" | "expression" | "literal";

/** The statically known value of a path expression. */
export interface ResolvedPath {
  /**
   * The path: exact, or a pattern where `*` stands for an unknown part (which may span `/`).
   * Local paths are normalised (POSIX separators, no `.`/`..` segments except leading `..` of
   * `outside-root`); `relative` paths are relative to the project root.
   */
  text: string;
  /** False when `text` contains unknown parts (`*`). */
  exact: boolean;
  kind: PathKind;
  /** `remote` only: the lower-case scheme (`https`, `s3`, `hf`), when known. */
  scheme?: string;
  via: PathProvenance;
  /** `config` only: the dotted key read (`paths.raw`). */
  configKey?: string;
  /** `config` only: the config file the key was read from, when known. */
  configFile?: string;
  /** `env` only: the environment variable. */
  envVar?: string;
  /** `argument` only: the command-line option's key (`input_path`). */
  argument?: string;
}

/** The value of a dotted key (`paths.raw`, `layers[0]`) in a project config file, or undefined. */
export type ConfigLookup = (file: string, key: string) => ConfigValue | undefined;

export type IoDirection = "read" | "write";

/** One read or write of an artifact by Python code. */
export interface IoSite {
  /** Qualified API (`pandas.read_csv`, `builtins.open`), or `Receiver.method` for methods called on any object (`DataFrame.to_csv`). */
  api: string;
  direction: IoDirection;
  /** The call. */
  node: PyNode;
  /** The top-level function or class around the call (null at module level), and whether it runs when the module is imported. */
  placement: { owner: string | null; onImport: boolean };
  /** The expression giving the path (the `open()` argument when the API received a file handle); null when the call has none. */
  pathNode: PyNode | null;
  path: ResolvedPath | null;
  /** Remote-dataset APIs only (`load_dataset`, `fetch_openml`, `hf_hub_download`): whether the call pins a version. */
  pinned?: boolean;
}

/**
 * How code reads a setting. `hydra` covers every access to a Hydra-composed `cfg`; `typer` a typer
 * command's parameter; `typed` a field of a dataclass or pydantic config object (`cfg.lr` with
 * `cfg = TrainConfig()`).
 */
export type ConfigMechanism = "mapping" | "get" | "attribute" | "argparse" | "env" | "click" | "hydra" | "typer" | "typed";

/** A fallback value written in code. */
export interface ConfigDefault {
  /** Source text of the default expression. */
  text: string;
  /** Its value when statically known (`None` is `null`); null as well when `known` is false. */
  value: string | number | boolean | null;
  known: boolean;
  /** Where the expression is (1-based lines and columns; notebooks: program lines). */
  at?: { line: number; column: number; endLine: number; endColumn: number };
}

/** One read of a setting in code. Lines are 1-based, columns 1-based (notebooks: program lines). */
export interface ConfigRead {
  /** Dotted key as read (`train.lr`, `layers[0]`, an env var name, an argparse dest); `*` for a computed segment. */
  key: string;
  mechanism: ConfigMechanism;
  default?: ConfigDefault;
  /** The outermost expression of the read (`cfg["a"]["b"]`, the `.get(...)` call, `args.lr`). */
  node: PyNode;
  line: number;
  column: number;
  /** True when a key segment is computed (`cfg[name]`). */
  dynamic: boolean;
  /** Root-relative config file the object was loaded from, when known. */
  source?: string;
  /** `env` only: the read also sets the variable when it is unset (`os.environ.setdefault("X", "v")`). */
  setsDefault?: true;
  /** `typed` only: the config class of the object, by the module it is imported from (null: defined in this module) and its name. */
  typedClass?: { module: string | null; name: string };
}

/** A command-line option a module declares (`parser.add_argument`, `@click.option`). */
export interface CliOption {
  /** Attribute / parameter name the value is read under (`learning_rate` for `--learning-rate`). */
  key: string;
  /** The flags as written (`--learning-rate`, `-l`), or the positional name. */
  flags: string[];
  mechanism: "argparse" | "click" | "typer";
  default?: ConfigDefault;
  /** `type=` as written (`float`), when given. */
  type?: string;
  /** argparse `action=` (`store_true`), or `is_flag` for click flags. */
  action?: string;
  required: boolean;
  /** The `add_argument` / `click.option` call. */
  node: PyNode;
  line: number;
  column: number;
}

/** One script running another. Lines are 1-based, columns 1-based (notebooks: program lines). */
export interface Invocation {
  /**
   * The script or notebook run, root-relative and normalised (`./src/train.py` → `src/train.py`);
   * a module run (`python -m pkg.mod`, `runpy.run_module("pkg.mod")`) as its file, `pkg/mod.py`.
   */
  target: string;
  kind: "script" | "notebook";
  /** How: `subprocess.run`, `os.system`, `runpy.run_path`, `exec`, `%run`, `!`, `%%bash`, `papermill.execute_notebook`. */
  via: string;
  /** The command line when the script is run through one (`python src/train.py --epochs 3`). */
  command?: string;
  line: number;
  column: number;
}

/** A top-level `def` or `class`. */
export interface NamedDefinition {
  name: string;
  line: number;
  column: number;
}

/** A module-level name assigned exactly once. */
export interface ModuleConstant {
  name: string;
  line: number;
  column: number;
  /** Source text of the assigned value. */
  text: string;
  /** The value when it is a literal (number, string, bool, None, or a list/dict of them). */
  value?: ConfigValue;
}

/** Module-level facts rules ask about. */
export interface ModuleDefinitions {
  functions: NamedDefinition[];
  classes: NamedDefinition[];
  constants: ModuleConstant[];
  /** True when the module has `if __name__ == "__main__":`. */
  hasMainGuard: boolean;
}

/** One field of a typed config class, with its default. */
export interface ConfigClassField {
  name: string;
  /** The annotation as written (`float`), when given. */
  type?: string;
  default?: ConfigDefault;
  line: number;
  column: number;
}

/**
 * A class that holds settings: a dataclass or attrs class named like a config (`TrainConfig`,
 * `DataArgs`) or handed to a config parser (tyro, HfArgumentParser, Hydra's ConfigStore,
 * `OmegaConf.structured`), a pydantic model named like one, or any pydantic `BaseSettings`.
 */
export interface ConfigClass {
  name: string;
  kind: "dataclass" | "attrs" | "pydantic" | "pydantic-settings";
  line: number;
  column: number;
  fields: ConfigClassField[];
  /** The config file the module validates into this class (`Params.model_validate(yaml.safe_load(open("params.yaml")))`), when known. */
  source?: string;
}

/** One call that seeds random generators (`np.random.seed(0)`, `set_seed(42)`). Lines are program lines. */
export interface SeedFact {
  /** The generator families seeded (`numpy`, `random`, `torch`, `tensorflow`), or all of them. */
  families: ("numpy" | "random" | "torch" | "tensorflow")[] | "all";
  line: number;
  /** True when the call runs at import time (not inside a function). */
  moduleLevel: boolean;
}

/** Where a module seeds random generators and what it imports, for rules that follow seeds across a program. */
export interface RandomnessFacts {
  seeds: SeedFact[];
  /** Top-level functions whose bodies seed generators. */
  seedingFunctions: { name: string; families: SeedFact["families"] }[];
  /** Calls of imported helpers that may seed (`utils.setup_seed`), by qualified name. */
  importedCalls: { qualified: string; line: number; moduleLevel: boolean }[];
  /** Every module an import statement names (`from pkg import mod` also as `pkg.mod`), with its line. */
  importLines: { module: string; line: number; moduleLevel: boolean }[];
}

/** Everything the project model knows about one Python module or notebook. */
export interface ModuleFacts {
  /** Relative to the project root, POSIX separators. */
  file: string;
  kind: "python" | "notebook";
  /** Modules named by import statements, in order, once each (`numpy`, `.utils`, `pkg.sub`). */
  imports: string[];
  ioSites: IoSite[];
  configReads: ConfigRead[];
  cliOptions: CliOption[];
  invocations: Invocation[];
  definitions: ModuleDefinitions;
  /** Typed config classes the module defines (dataclasses, attrs, pydantic). */
  configClasses: ConfigClass[];
  /** What the data-flow graph needs beyond the facts above (src/project/python/pipeline-facts.ts). */
  pipeline?: PipelineFacts;
  /** Names used (live or only under branch guards), string words, dynamic lookups, imports (src/project/python/references.ts). */
  references: ModuleReferences;
  /** Conditions that may be fixed before the program runs, with the code each outcome leaves dead. */
  branchGuards: BranchGuard[];
  /** What the module does with loaded configs: keys read and written, and where configs escape analysis. */
  configUses: ModuleConfigUses;
  /** Token shingles of the source (src/project/token-shingles.ts), for modules whose name is a version of another's or whose name another versions. */
  shingles?: Set<string>;
  /** Seeds and imports, for rules that follow seeds from entry points into the modules they run. */
  randomness?: RandomnessFacts;
  /** Set when the file could not be parsed; the other facts are then empty (references: every word of the text). */
  parseError?: string;
  /** Notebooks only: the cell and line within the cell of a program position (facts give program lines). */
  notebookPosition?: (line: number, column: number) => CellPosition | null;
}

// ── Pipeline facts (src/project/python/pipeline-facts.ts, orchestration.ts, feature-transforms.ts) ──

/** An orchestration framework whose steps mldebt reads from Python code. */
export type OrchestratorKind = "airflow" | "prefect" | "kedro";

/** A step an orchestrator runs, declared in Python: an Airflow operator or TaskFlow task, a step of a Prefect flow, a Kedro node. */
export interface OrchestratedTask {
  framework: OrchestratorKind;
  /** The `task_id`, the task function's name, or the Kedro node's name (its function's name when unnamed); unique in the module. */
  name: string;
  line: number;
  column: number;
  /** Shell commands the task runs (`bash_command`, a container `command`). */
  commands: string[];
  /** Python callables the task runs that the module imports, by qualified name (`src.prepare.main`). */
  callables: string[];
  /** Functions of this module the task runs. */
  localFunctions: string[];
  /** Kedro only: the dataset names the node reads and writes (`params:` inputs left out). */
  inputs: string[];
  outputs: string[];
  /** Names of tasks of this module the code orders before this one (`a >> b`, `chain`, data passed between TaskFlow calls, call order in a flow). */
  after: string[];
}

/** One feature-transform statement (`df["x"] = np.log1p(df["x"])`), keyed by its text with variable names erased. */
export interface TransformStatement {
  key: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Where a notebook's code cell sits in its program. */
export interface CellSpan {
  /** 1-based index among all cells. */
  index: number;
  /** 1-based program line of the cell's first line. */
  programLine: number;
  lineCount: number;
}

/** A module's facts about the pipeline it takes part in. Lines are program lines for notebooks. */
export interface PipelineFacts {
  /** Modules named by imports, plus `m.name` for each `from m import name` (the name may be a submodule) and `m.*` for `from m import *`. */
  importTargets: string[];
  /** Qualified names of the imported callables the module calls (`prepare.main`, `pandas.read_csv`). */
  importedCalls: string[];
  /** Each top-level function and class, with the module's top-level functions and classes it calls. */
  localCalls: Record<string, string[]>;
  /** True when running the file does work: a main guard, module-level data I/O, or a call made as a statement at module level. */
  runsAsScript: boolean;
  tasks: OrchestratedTask[];
  /** `[startLine, endLine]` of functions an orchestrator runs as tasks or flows: what they run is a declared step. */
  taskSpans: [number, number][];
  /** Runs of consecutive feature-transform statements, per block, in source order. */
  transformRuns: TransformStatement[][];
  /** The module calls `.fit(…)` / `.train(…)` on something. */
  fitsModel: boolean;
  /** The module calls `.predict(…)` / `.predict_proba(…)` on something. */
  predicts: boolean;
  /** Notebooks only: the code cells' places in the program. */
  cells: CellSpan[];
}

/** A config key with the file that defines it. */
export interface LocatedConfigKey extends ConfigKey {
  file: string;
}

/** An io site with the module it is in. */
export interface ProjectIoSite extends IoSite {
  file: string;
}

/** One package a dependency manifest asks for. Positions are 1-based. */
export interface DeclaredDependency {
  /** As written (`scikit-learn`). */
  name: string;
  /** PEP 503 normalized (`scikit-learn`, `pyyaml`). */
  normalized: string;
  /** The version constraint as written (`>=1.4`, `==2.2.2`, `^2.0`, `*`, ``). */
  spec: string;
  /** True when the constraint admits exactly one version. */
  pinned: boolean;
  line: number;
  column: number;
}

/** A file that declares what to install: requirements, pyproject.toml, Pipfile, conda environment. */
export interface DependencyManifest {
  file: string;
  kind: "requirements" | "pyproject" | "pipfile" | "conda";
  dependencies: DeclaredDependency[];
  /** True when the file is a lock itself (every package pinned, or generated by pip-compile / pip freeze). */
  isLock: boolean;
}

/** The project model (DESIGN.md, "Architecture"): built once per root, shared by every rule. */
/** The declarative half of a project: files, config files, manifests (no Python parsed). */
export interface ProjectDeclarations {
  /** Absolute path of the project root. */
  root: string;
  /** Every file the model reads, relative POSIX, sorted. */
  files: string[];
  configFiles: ConfigFileModel[];
  manifests: ManifestModel[];
  /** Files and directories tracked by DVC (`*.dvc` outs, dvc.yaml/dvc.lock outs), root-relative. */
  dvcTracked: Set<string>;
  /**
   * Every file discovery sees, ignoring the user's lint ignores (present and not gitignored):
   * mldebt's stand-in for "committed", since it never runs git.
   */
  tree: ProjectTree;
  /** True when a `.gitattributes` file puts the root-relative file in Git LFS (`filter=lfs`). */
  lfsTracked(file: string): boolean;
  /** Files left out, with why (too large, binary, unreadable). */
  skipped: { file: string; reason: string }[];
  /** Dependency manifests (requirements, pyproject.toml, Pipfile, environment.yml) and lock files (`poetry.lock`, `uv.lock`, …). */
  dependencies?: { manifests: DependencyManifest[]; lockFiles: string[] };
  /** The value of a key in a config file (for path resolution). */
  configs: ConfigLookup;
  /** The definitions of a dotted key, in `file` when given, else in every config file. */
  configKey(path: string, file?: string): LocatedConfigKey[];
}

/** The whole project model: declarations plus every module's facts. */
export interface ProjectModel extends ProjectDeclarations {
  /** Python modules and notebooks by file. */
  modules: Map<string, ModuleFacts>;
  /** The project file an import in `fromFile` resolves to (`pkg.sub`, `.utils`), or null when it is not a project module. */
  moduleForImport(fromFile: string, moduleName: string): string | null;
  /** Io sites that read `path` (root-relative; matched exactly or through a site's `*` pattern). */
  readersOf(path: string): readonly ProjectIoSite[];
  /** Io sites that write `path`. */
  writersOf(path: string): readonly ProjectIoSite[];
}
