/**
 * The flat config the CLI hands ESLint: mldebt's languages on Python files, notebooks and config files, and no
 * rules (the CLI adds the user's rule settings as plain data, so ESLint can lint in worker threads).
 */
import type { Linter } from "eslint";
import plugin from "../index.js";
import { CONFIG_FILES, NOTEBOOK_FILES, PYTHON_FILES } from "../plugin-configs.js";

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
    name: "mldebt/cli/config-files",
    files: CONFIG_FILES,
    plugins: { mldebt: plugin as never },
    language: "mldebt/config",
    linterOptions: { reportUnusedDisableDirectives: "off", reportUnusedInlineConfigs: "off" },
  },
];

export default config;
