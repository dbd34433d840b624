/**
 * mldebt's own configuration (mldebt.config.*, .mldebtrc*, package.json "mldebt",
 * pyproject.toml [tool.mldebt]) and its validation. Every error names the file, the key and
 * what is allowed; an unknown rule id suggests the closest one.
 */
import { closest, distance } from "fastest-levenshtein";
import type { Severity } from "../categories.js";
import { SEVERITIES } from "../categories.js";

export type RuleSetting = Severity | "off";
export type FailOn = Severity | "never";
export const FAIL_ON_VALUES: readonly FailOn[] = ["error", "warning", "info", "never"];

export interface RuleConfig {
  severity: RuleSetting;
  options?: unknown[];
}

export interface MldebtConfig {
  /** Rule id without the `mldebt/` prefix → setting. */
  rules: Record<string, RuleConfig>;
  /** Globs (gitignore syntax) of files to leave out, relative to the config's folder. */
  ignores: string[];
  failOn?: FailOn;
  format?: string;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly key: string,
    readonly problem: string,
  ) {
    super(`Invalid configuration in ${file}: ${key ? `"${key}" ` : ""}${problem}`);
  }
}

const KNOWN_KEYS = ["rules", "ignores", "failOn", "format", "$schema"];
const RULE_SETTINGS: readonly string[] = ["off", ...SEVERITIES];

function describe(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function suggestion(name: string, candidates: readonly string[]): string {
  if (candidates.length === 0) return "";
  const best = closest(name, [...candidates]);
  return distance(name, best) <= Math.max(3, Math.floor(name.length / 3)) ? ` Did you mean "${best}"?` : "";
}

/**
 * Validates raw config data (already parsed from its file); throws one ConfigError naming every
 * bad key (a config with several mistakes is fixed in one round).
 */
export function validateConfig(raw: unknown, file: string, ruleNames: readonly string[], formats: readonly string[]): MldebtConfig {
  if (raw === null || raw === undefined || typeof raw !== "object" || Array.isArray(raw)) return validateKeys(raw, file, ruleNames, formats, () => {});
  const problems: ConfigError[] = [];
  const config = validateKeys(raw, file, ruleNames, formats, (check) => {
    try {
      check();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(error);
    }
  });
  if (problems.length === 1) throw problems[0]!;
  if (problems.length > 1) {
    throw new ConfigError(file, "", `${problems.length} problems:\n${problems.map((problem) => `  - ${problem.key ? `"${problem.key}" ` : ""}${problem.problem}`).join("\n")}`);
  }
  return config;
}

function validateKeys(raw: unknown, file: string, ruleNames: readonly string[], formats: readonly string[], each: (check: () => void) => void): MldebtConfig {
  if (raw === null || raw === undefined) return { rules: {}, ignores: [] };
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new ConfigError(file, "", `must be an object with keys ${KNOWN_KEYS.slice(0, 4).join(", ")}; got ${describe(raw)}.`);
  }
  const data = raw as Record<string, unknown>;
  for (const key of Object.keys(data)) {
    each(() => {
      if (!KNOWN_KEYS.includes(key)) {
        throw new ConfigError(file, key, `is not a setting. Allowed: ${KNOWN_KEYS.slice(0, 4).join(", ")}.${suggestion(key, KNOWN_KEYS)}`);
      }
    });
  }
  const config: MldebtConfig = { rules: {}, ignores: [] };
  if (data.rules !== undefined) each(() => {
    if (typeof data.rules !== "object" || data.rules === null || Array.isArray(data.rules)) {
      throw new ConfigError(file, "rules", `must be an object mapping rule ids to ${RULE_SETTINGS.map((s) => `"${s}"`).join(" | ")}; got ${describe(data.rules)}.`);
    }
    for (const [id, setting] of Object.entries(data.rules as Record<string, unknown>)) {
      const name = id.startsWith("mldebt/") ? id.slice("mldebt/".length) : id;
      const key = `rules.${id}`;
      if (!ruleNames.includes(name)) {
        throw new ConfigError(file, key, `is not an mldebt rule.${suggestion(name, ruleNames)} Run \`mldebt explain --list\` to see every rule.`);
      }
      const [severity, ...options] = Array.isArray(setting) ? setting : [setting];
      const normalised = severity === "warn" ? "warning" : severity;
      if (typeof normalised !== "string" || !RULE_SETTINGS.includes(normalised)) {
        throw new ConfigError(file, key, `must be one of ${RULE_SETTINGS.map((s) => `"${s}"`).join(", ")} (or [severity, options]); got ${describe(severity)}.`);
      }
      config.rules[name] = { severity: normalised as RuleSetting, ...(options.length > 0 ? { options } : {}) };
    }
  });
  if (data.ignores !== undefined) each(() => {
    if (!Array.isArray(data.ignores) || !data.ignores.every((item) => typeof item === "string")) {
      throw new ConfigError(file, "ignores", `must be a list of glob strings (gitignore syntax); got ${describe(data.ignores)}.`);
    }
    config.ignores = data.ignores as string[];
  });
  if (data.failOn !== undefined) each(() => {
    if (typeof data.failOn !== "string" || !FAIL_ON_VALUES.includes(data.failOn as FailOn)) {
      throw new ConfigError(file, "failOn", `must be one of ${FAIL_ON_VALUES.map((s) => `"${s}"`).join(", ")}; got ${describe(data.failOn)}.`);
    }
    config.failOn = data.failOn as FailOn;
  });
  if (data.format !== undefined) each(() => {
    if (typeof data.format !== "string" || !formats.includes(data.format)) {
      throw new ConfigError(file, "format", `must be one of ${formats.map((s) => `"${s}"`).join(", ")}; got ${describe(data.format)}.`);
    }
    config.format = data.format;
  });
  return config;
}
