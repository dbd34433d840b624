/**
 * The flat config the CLI hands ESLint: mldebt's languages on Python files, notebooks and config
 * files, the JavaScript language (TypeScript through typescript-eslint's parser) on scripts, and no
 * rules (the CLI adds the user's rule settings as plain data, so ESLint can lint in worker threads).
 */
import type { Linter } from "eslint";
import plugin from "../index.js";
import { lazyTypeScriptParser as tsParser } from "../languages/script/parser.js";
import { CONFIG_FILES, JAVASCRIPT_FILES, NOTEBOOK_FILES, PYTHON_FILES, TYPESCRIPT_FILES } from "../plugin-configs.js";

/** Directive housekeeping is ESLint's business, not a debt finding. */
const linterOptions: Linter.LinterOptions = { reportUnusedDisableDirectives: "off", reportUnusedInlineConfigs: "off" };

const config: Linter.Config[] = [
  {
    name: "mldebt/cli/python",
    files: PYTHON_FILES,
    plugins: { mldebt: plugin as never },
    language: "mldebt/python",
    linterOptions,
  },
  {
    name: "mldebt/cli/notebooks",
    files: NOTEBOOK_FILES,
    plugins: { mldebt: plugin as never },
    language: "mldebt/notebook",
    linterOptions,
  },
  {
    name: "mldebt/cli/javascript",
    files: JAVASCRIPT_FILES,
    plugins: { mldebt: plugin as never },
    linterOptions,
  },
  {
    name: "mldebt/cli/typescript",
    files: TYPESCRIPT_FILES,
    plugins: { mldebt: plugin as never },
    languageOptions: { parser: tsParser },
    linterOptions,
  },
  {
    name: "mldebt/cli/config-files",
    files: CONFIG_FILES,
    plugins: { mldebt: plugin as never },
    language: "mldebt/config",
    linterOptions,
  },
];

export default config;
