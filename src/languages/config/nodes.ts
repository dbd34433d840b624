/**
 * The syntax tree rules see in config files: one `ConfigDocument` whose children are the
 * top-level `ConfigKey`s, each key holding its nested keys (mapping entries and list items) as
 * children. Every key carries the project model's {@link ConfigKey} (dotted path, value,
 * positions), so a rule that reports on a `ConfigKey` node reports at the key as written.
 */
import type { ConfigFileModel, ConfigKey } from "../../project/types.js";

export interface ConfigLocation {
  /** 1-based line, 0-based column (ESTree convention, as in the Python language). */
  start: { line: number; column: number };
  end: { line: number; column: number };
}

/** One key of a config file: a mapping entry, or a list item (`name` `[0]`). */
export interface ConfigKeyNode {
  type: "ConfigKey";
  /** The key as the project model knows it. */
  key: ConfigKey;
  /** Offsets of the key as written (for list items: of the item's first character). */
  range: [number, number];
  loc: ConfigLocation;
  parent: ConfigKeyNode | ConfigDocument;
  children: ConfigKeyNode[];
}

/** A whole config file. */
export interface ConfigDocument {
  type: "ConfigDocument";
  /** The file's keys, errors and format, as the project model reads them (`file` is the path ESLint gave). */
  model: ConfigFileModel;
  range: [number, number];
  loc: ConfigLocation;
  parent: null;
  children: ConfigKeyNode[];
}

export type ConfigNode = ConfigDocument | ConfigKeyNode;

/** A `#` comment of a YAML, TOML or `.env` file. */
export interface ConfigComment {
  type: "Comment";
  /** The text after `#`. */
  value: string;
  range: [number, number];
  loc: ConfigLocation;
}
