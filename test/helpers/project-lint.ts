/**
 * Project rules need a project on disk: `lintProject` writes one to a temporary folder and lints
 * one of its files with ESLint's Linter, rooted there (`cwd`), with the mldebt languages and the
 * given rule. Messages come back as ESLint reports them (notebooks: program lines).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Linter } from "eslint";
import plugin from "../../src/index.js";
import { CONFIG_FILES, NOTEBOOK_FILES, PYTHON_FILES } from "../../src/plugin-configs.js";
import { clearProjectModelCache } from "../../src/project/model.js";
import { tempProject } from "./cli.js";

export interface ProjectMessage {
  messageId: string | undefined;
  line: number;
  column: number;
  endLine: number | undefined;
  endColumn: number | undefined;
  message: string;
}

/** A temporary project and a way to lint its files with one rule. */
export function projectLinter(files: Record<string, string>, rule: string, options: unknown[] = []) {
  const root = tempProject(files);
  clearProjectModelCache();
  const linter = new Linter({ cwd: root });
  const setting: Linter.RuleEntry = ["warn", ...options];
  const config: Linter.Config[] = [
    { files: PYTHON_FILES, plugins: { mldebt: plugin as never }, language: "mldebt/python" },
    { files: NOTEBOOK_FILES, plugins: { mldebt: plugin as never }, language: "mldebt/notebook" },
    { files: CONFIG_FILES, plugins: { mldebt: plugin as never }, language: "mldebt/config" },
  ];
  const { languages } = plugin.rules[rule]!.meta.docs;
  if (languages.includes("python")) config.push({ files: [...PYTHON_FILES, ...NOTEBOOK_FILES], rules: { [`mldebt/${rule}`]: setting } });
  if (languages.includes("config")) config.push({ files: CONFIG_FILES, rules: { [`mldebt/${rule}`]: setting } });
  return {
    root,
    /** The rule's messages on one file of the project (a path relative to the root). */
    lint(file: string): ProjectMessage[] {
      const messages = linter.verify(readFileSync(join(root, file), "utf8"), config, join(root, file));
      const fatal = messages.find((message) => message.fatal);
      if (fatal) throw new Error(`${file}: ${fatal.message}`);
      return messages.map((message) => ({
        messageId: message.messageId,
        line: message.line,
        column: message.column,
        endLine: message.endLine,
        endColumn: message.endColumn,
        message: message.message,
      }));
    },
  };
}
