/**
 * The configuration index's vocabulary: for every setting of a project, where it is defined (a
 * config file's key, a Hydra group option, a command-line option's default, a typed config field,
 * a `.env` line, a module constant), where code reads it, where it is overridden (a Hydra
 * experiment, the primary config over a group option, a command line in a script or manifest),
 * and which of its values disagree. Built once per project model (config-index.ts).
 */
import type { ConfigDefault, ConfigMechanism, ConfigValue } from "../types.js";
import type { ProjectPrograms } from "./programs.js";

/**
 * A place in a project file. `line`/`column` are 1-based positions in the file as ESLint sees it
 * (for notebooks: lines of the joined program of code cells); notebooks also carry the cell
 * (1-based among all cells) and the line within it, as users count them. Code places point at the
 * value itself where there is one (the `default=` of an option, the fallback of a `.get`).
 */
export interface SettingLocation {
  file: string;
  line: number;
  column: number;
  /** End of the expression (exclusive column), when the place is an expression in code. */
  endLine?: number;
  endColumn?: number;
  cell?: number;
  cellLine?: number;
}

/**
 * Which settings a key belongs to:
 * - `file`: the keys of one config file (YAML/JSON/TOML), and reads of objects loaded from it;
 * - `hydra`: the config Hydra composes from a config directory (primary config, groups);
 * - `unknown-file`: reads of configs loaded from a file that is not known statically;
 * - `cli`: the command-line options of one script (argparse, click, typer);
 * - `env`: environment variables (`.env` files and `os.environ` reads);
 * - `typed`: the fields of one typed config class (dataclass, attrs, pydantic);
 * - `constants`: module-level constants of one module that name a setting.
 */
export type SettingNamespace =
  | { kind: "file"; file: string }
  | { kind: "hydra"; dir: string; primary: string }
  | { kind: "unknown-file" }
  | { kind: "cli"; file: string }
  | { kind: "env" }
  | { kind: "typed"; file: string; className: string }
  | { kind: "constants"; file: string };

export type DefinitionKind = "config-file" | "hydra-option" | "argparse" | "click" | "typer" | "typed" | "env-file" | "constant";

/** Where a setting gets a value. */
export interface SettingDefinition extends SettingLocation {
  kind: DefinitionKind;
  /** The setting as written there: `train.lr`, `--lr`, `TrainConfig.lr`, `LR`. */
  written: string;
  /** The value when known (a default that is a literal, a config value). */
  value?: ConfigValue;
  /** The value's text, for display. */
  text: string;
  /** Hydra group options: the group and option, and whether the defaults list selects it. */
  option?: { group: string; name: string; selected: boolean };
}

/** Where code reads a setting. */
export interface SettingRead extends SettingLocation {
  mechanism: ConfigMechanism;
  /** The fallback written at the read (`.get("lr", 0.01)`), or the option's default for CLI reads. */
  default?: ConfigDefault;
  /** Where the fallback expression of a `.get` is written. */
  fallbackAt?: SettingLocation;
}

/** Where a value replaces the definition for some runs. */
export interface SettingOverride extends SettingLocation {
  /**
   * `hydra-config`: a Hydra config composed after the definition (primary config, `_global_`
   * experiment); `command-line`: a script or manifest runs the program with it; `config-script`: a
   * Python config file (under `config/`) that the program `exec`s over its globals.
   */
  via: "hydra-config" | "command-line" | "config-script";
  value?: ConfigValue;
  text: string;
}

/** One setting: a key in a namespace, with everything known about it. */
export interface ConfigKeyEntry {
  /** The key within its namespace: `train.lr`, `lr` (an argparse dest), `LR_DECAY` (an env var), `optim.lr` (a typed field path). */
  key: string;
  /** The last segment of the key, lower-cased: what settings of different namespaces are matched by. */
  name: string;
  namespace: SettingNamespace;
  /** A short label of the namespace for display: `params.yaml`, `hydra conf/config.yaml`, `argparse train.py`, `env`, `TrainConfig (config.py)`. */
  source: string;
  definitions: SettingDefinition[];
  reads: SettingRead[];
  overrides: SettingOverride[];
}

/** What a conflicting value is, where it is written. */
export type ConflictRole = "config" | "fallback" | "option-default" | "field-default" | "constant";

/** One of the values a conflict compares. */
export interface ConflictValue extends SettingLocation {
  role: ConflictRole;
  value: string | number | boolean | null;
  /** The value as written. */
  text: string;
  /** The setting as written there (`train.lr`, `--lr`, `LR`). */
  written: string;
  /** The entry the value belongs to: its source label and key. */
  source: string;
  key: string;
}

/**
 * Values of one setting that disagree:
 * - `fallbacks`: one key read with different fallbacks, or with a fallback other than the value its config file gives;
 * - `same-name`: a config key and a command-line default, typed-config default, module constant or fallback of the same name with another value.
 */
export interface ConfigConflict {
  kind: "fallbacks" | "same-name";
  /** The key (`fallbacks`) or the shared name (`same-name`). */
  name: string;
  /** The value taken as the setting's source of truth: the config file's when there is one. */
  reference: ConflictValue;
  /** Every value that disagrees with the reference, each once. */
  disagreeing: ConflictValue[];
}

/** A Hydra config directory and the program that composes it. */
export interface HydraRoot {
  /** Root-relative config directory. */
  dir: string;
  /** The primary config (`config_name`), root-relative. */
  primary: string;
  /** Files of the directory, with the package their keys land in and their group option. */
  files: HydraFile[];
  /** True when a group named in the defaults list has no folder in the project (its options come from elsewhere). */
  incomplete: boolean;
}

export interface HydraFile {
  file: string;
  /** The dotted package the file's keys are placed under (`""` for the root). */
  package: string;
  /** Group options: group path and option name, and whether the primary defaults list selects it. */
  option?: { group: string; name: string; selected: boolean };
  /**
   * `primary`: the config Hydra starts from; `option`: a group option (or a root-level config the
   * defaults list names); `global`: a group option placed at the root (`@package _global_`, such as
   * an experiment), composed over the defaults; `sibling`: another root-level config (another program's primary).
   */
  role: "primary" | "option" | "global" | "sibling";
}

/** The configuration index of a project. */
export interface ConfigIndex {
  /** Every setting, sorted by source label then key. */
  entries: ConfigKeyEntry[];
  /** Disagreeing values, sorted by name. */
  conflicts: ConfigConflict[];
  hydraRoots: HydraRoot[];
  /** Config files that hold the project's settings (not tool, CI, packaging or data files), sorted. */
  settingsFiles: string[];
  /** Which modules and config files belong to one program (settings of different programs are never compared). */
  programs: ProjectPrograms;
}
