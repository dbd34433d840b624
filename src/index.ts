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
import { lazyTypeScriptParser as tsParser } from "./languages/script/parser.js";
import { CONFIG_FILES, JAVASCRIPT_FILES, NOTEBOOK_FILES, PYTHON_FILES, TYPESCRIPT_FILES, recommendedRules, recommendedScriptRules } from "./plugin-configs.js";
import { configLanguage } from "./languages/config/language.js";
import { PACKAGE_NAME, VERSION } from "./package-info.js";
import { rules } from "../rules/index.js";

const plugin = {
  meta: { name: PACKAGE_NAME, version: VERSION, namespace: "mldebt" },
  languages: { python: pythonLanguage, notebook: notebookLanguage, config: configLanguage },
  rules,
  configs: {} as { recommended: Linter.Config[] },
};

const recommended = recommendedRules(rules);
const recommendedScripts = recommendedScriptRules(rules);
const plugins = { mldebt: plugin as unknown as ESLint.Plugin };

plugin.configs.recommended = [
  { name: "mldebt/recommended/python", files: PYTHON_FILES, plugins, language: "mldebt/python", rules: recommended },
  { name: "mldebt/recommended/notebooks", files: NOTEBOOK_FILES, plugins, language: "mldebt/notebook", rules: recommended },
  { name: "mldebt/recommended/javascript", files: JAVASCRIPT_FILES, plugins, rules: recommendedScripts },
  { name: "mldebt/recommended/typescript", files: TYPESCRIPT_FILES, plugins, languageOptions: { parser: tsParser }, rules: recommendedScripts },
  { name: "mldebt/recommended/config-files", files: CONFIG_FILES, plugins, language: "mldebt/config", rules: recommendedRules(rules, "config") },
];

export default plugin;
export { rules };
export type { MldebtRule, MldebtRuleDocs } from "./rules-kit/create-rule.js";
export { CATEGORIES, CATEGORY_INFO } from "./categories.js";
