/**
 * The flat config the CLI hands ESLint: mldebt's languages on Python files and notebooks, the
 * JavaScript language (TypeScript through typescript-eslint's parser) on scripts, and no
 * rules (the CLI adds the user's rule settings as plain data, so ESLint can lint in worker threads).
 */
import type { Linter } from "eslint";
import plugin from "../index.js";
import { lazyTypeScriptParser as tsParser } from "../languages/script/parser.js";
import { JAVASCRIPT_FILES, NOTEBOOK_FILES, PYTHON_FILES, TYPESCRIPT_FILES } from "../plugin-configs.js";

const config: Linter.Config[] = [
  {
    name: "mldebt/cli/python",
    files: PYTHON_FILES,
    plugins: { mldebt: plugin as never },
    language: "mldebt/python",
    linterOptions: { reportUnusedDisableDirectives: "off", reportUnusedInlineConfigs: "off" },
  },
  {
    name: "mldebt/cli/notebooks",
    files: NOTEBOOK_FILES,
    plugins: { mldebt: plugin as never },
    language: "mldebt/notebook",
    linterOptions: { reportUnusedDisableDirectives: "off", reportUnusedInlineConfigs: "off" },
  },
  {
    name: "mldebt/cli/javascript",
    files: JAVASCRIPT_FILES,
    plugins: { mldebt: plugin as never },
    linterOptions: { reportUnusedDisableDirectives: "off", reportUnusedInlineConfigs: "off" },
  },
  {
    name: "mldebt/cli/typescript",
    files: TYPESCRIPT_FILES,
    plugins: { mldebt: plugin as never },
    languageOptions: { parser: tsParser },
    linterOptions: { reportUnusedDisableDirectives: "off", reportUnusedInlineConfigs: "off" },
  },
];

export default config;
