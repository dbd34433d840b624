/** The flat configs the plugin ships, derived from rule metadata. */
import type { Linter } from "eslint";
import type { Severity } from "./categories.js";
import type { MldebtRule, RuleLanguage } from "./rules-kit/create-rule.js";

/** ESLint knows only "warn" and "error"; mldebt's "info" runs as "warn" and is reported as info by the CLI. */
export function eslintSeverity(severity: Severity): "warn" | "error" {
  return severity === "error" ? "error" : "warn";
}

/** `mldebt/<id>` → ESLint severity for every rule that checks `language` (Python files and notebooks, or config files) with `recommended: true`. */
export function recommendedRules(rules: Record<string, MldebtRule>, language: RuleLanguage = "python"): Linter.RulesRecord {
  const checks = language === "config" ? checksConfigFiles : checksPython;
  const entries = Object.entries(rules)
    .filter(([, rule]) => rule.meta.docs.recommended && checks(rule))
    .map(([name, rule]) => [`mldebt/${name}`, eslintSeverity(rule.meta.docs.severity)] as const);
  return Object.fromEntries(entries);
}

/** ESLint severities of the recommended rules that also check JavaScript/TypeScript. */
export function recommendedScriptRules(rules: Record<string, MldebtRule>): Linter.RulesRecord {
  return recommendedRules(Object.fromEntries(Object.entries(rules).filter(([, rule]) => rule.meta.docs.languages.includes("javascript"))));
}

/** Whether a rule also checks JavaScript/TypeScript files. */
export function checksScripts(rule: MldebtRule): boolean {
  return rule.meta.docs.languages.includes("javascript");
}

/** Whether a rule checks Python files and notebooks. */
export function checksPython(rule: MldebtRule): boolean {
  return rule.meta.docs.languages.includes("python");
}

/** Whether a rule checks config files (YAML, JSON, TOML, `.env`), alone or beside Python. */
export function checksConfigFiles(rule: MldebtRule): boolean {
  return rule.meta.docs.languages.includes("config");
}

export const PYTHON_FILES = ["**/*.py", "**/*.pyi"];
export const NOTEBOOK_FILES = ["**/*.ipynb"];
export const JAVASCRIPT_FILES = ["**/*.js", "**/*.mjs", "**/*.cjs", "**/*.jsx"];
export const TYPESCRIPT_FILES = ["**/*.ts", "**/*.mts", "**/*.cts", "**/*.tsx"];
export { CONFIG_FILES } from "./languages/config/language.js";
