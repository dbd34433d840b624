/**
 * The project model's vocabulary (DESIGN.md, "Architecture"). Every extractor produces these
 * shapes and every cross-file rule reads them; nothing here touches the disk.
 */

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
}

export interface ManifestModel {
  file: string;
  kind: ManifestKind;
  stages: ManifestStage[];
  errors: ConfigParseError[];
}
