/** Finds and loads mldebt's configuration with cosmiconfig. */
import { cosmiconfig, type Loader } from "cosmiconfig";
import { parse as parseToml } from "smol-toml";
import { relative } from "node:path";
import { ConfigError, validateConfig, type MldebtConfig } from "./schema.js";

export const CONFIG_SEARCH_PLACES = [
  "package.json",
  ".mldebtrc",
  ".mldebtrc.json",
  ".mldebtrc.yaml",
  ".mldebtrc.yml",
  ".mldebtrc.js",
  ".mldebtrc.mjs",
  ".mldebtrc.cjs",
  "mldebt.config.js",
  "mldebt.config.mjs",
  "mldebt.config.cjs",
  "mldebt.config.json",
  "mldebt.config.yaml",
  "pyproject.toml",
];

/** pyproject.toml counts only when it has a [tool.mldebt] table. */
const loadPyproject: Loader = (filepath, content) => {
  const data = parseToml(content) as { tool?: { mldebt?: unknown } };
  return data.tool?.mldebt ?? null;
};

export interface LoadedConfig {
  config: MldebtConfig;
  /** The file it came from, or null when none was found. */
  file: string | null;
}

/**
 * Loads `explicitFile` if given, else searches from `searchFrom` up to (and including) `stopDir`.
 * Throws ConfigError for unreadable or invalid configuration.
 */
export async function loadConfig(options: { searchFrom: string; stopDir?: string; explicitFile?: string; ruleNames: readonly string[]; formats: readonly string[] }): Promise<LoadedConfig> {
  const explorer = cosmiconfig("mldebt", {
    searchPlaces: CONFIG_SEARCH_PLACES,
    loaders: { ".toml": loadPyproject },
    searchStrategy: options.stopDir ? "global" : "project",
    ...(options.stopDir ? { stopDir: options.stopDir } : {}),
  });
  let found: { config: unknown; filepath: string } | null;
  try {
    found = options.explicitFile ? await explorer.load(options.explicitFile) : await explorer.search(options.searchFrom);
  } catch (error) {
    const file = options.explicitFile ?? (error as { filepath?: string }).filepath ?? "configuration";
    throw new ConfigError(display(file), "", `cannot be read: ${(error as Error).message.split("\n")[0]}`);
  }
  if (!found) return { config: { rules: {}, ignores: [] }, file: null };
  return { config: validateConfig(found.config, display(found.filepath), options.ruleNames, options.formats), file: found.filepath };
}

function display(file: string): string {
  const shown = relative(process.cwd(), file);
  return shown.startsWith("..") ? file : shown || file;
}
