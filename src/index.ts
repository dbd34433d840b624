/**
 * The mldebt ESLint plugin: `import mldebt from "mldebt"`.
 *
 * ```js
 * // eslint.config.js
 * import mldebt from "mldebt";
 * export default [...mldebt.configs.recommended];
 * ```
 */
import type { ESLint, Linter } from "eslint";
import { pythonLanguage } from "./languages/python/language.js";
import { notebookLanguage } from "./languages/notebook/language.js";
import { configLanguage } from "./languages/config/language.js";
import { CONFIG_FILES, NOTEBOOK_FILES, PYTHON_FILES, recommendedRules } from "./plugin-configs.js";
import { PACKAGE_NAME, VERSION } from "./package-info.js";
import { rules } from "../rules/index.js";

const plugin = {
  meta: { name: PACKAGE_NAME, version: VERSION, namespace: "mldebt" },
  languages: { python: pythonLanguage, notebook: notebookLanguage, config: configLanguage },
  rules,
  configs: {} as { recommended: Linter.Config[] },
};

const recommended = recommendedRules(rules);

plugin.configs.recommended = [
  { name: "mldebt/recommended/python", files: PYTHON_FILES, plugins: { mldebt: plugin as unknown as ESLint.Plugin }, language: "mldebt/python", rules: recommended },
  { name: "mldebt/recommended/notebooks", files: NOTEBOOK_FILES, plugins: { mldebt: plugin as unknown as ESLint.Plugin }, language: "mldebt/notebook", rules: recommended },
  { name: "mldebt/recommended/config-files", files: CONFIG_FILES, plugins: { mldebt: plugin as unknown as ESLint.Plugin }, language: "mldebt/config", rules: recommendedRules(rules, "config") },
];

export default plugin;
export { rules };
export type { MldebtRule, MldebtRuleDocs } from "./rules-kit/create-rule.js";
export { CATEGORIES, CATEGORY_INFO } from "./categories.js";
