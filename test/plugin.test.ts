/** `import mldebt from "mldebt"` in a user's own eslint.config.js. */
import { ESLint } from "eslint";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import plugin from "../src/index.js";
import { REPO_ROOT } from "./helpers/cli.js";

describe("the plugin in a user's ESLint setup", () => {
  it("has meta, the three languages, the rules and configs.recommended", () => {
    expect(plugin.meta).toMatchObject({ name: "mldebt", namespace: "mldebt" });
    expect(Object.keys(plugin.languages).sort()).toEqual(["config", "notebook", "python"]);
    expect(plugin.rules["absolute-data-path"]).toBeDefined();
    expect(plugin.configs.recommended.map((config) => config.language ?? "js/js")).toEqual(["mldebt/python", "mldebt/notebook", "js/js", "js/js", "mldebt/config"]);
  });

  it("lints .py files and notebooks with the recommended config", async () => {
    const cwd = join(REPO_ROOT, "fixtures", "projects", "learner-example");
    const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: plugin.configs.recommended });
    const results = await eslint.lintFiles(["."]);
    const byFile = Object.fromEntries(results.map((result) => [result.filePath.slice(cwd.length + 1), result.messages.map((message) => `${message.ruleId}@${message.line}:${message.column}`)]));
    expect(byFile["01_load_data.py"]).toEqual([
      "mldebt/unpinned-dependencies@10:1",
      "mldebt/schema-less-read@24:17",
      "mldebt/untracked-data-file@24:29",
      "mldebt/schema-less-read@25:13",
      "mldebt/absolute-data-path@25:25",
      "mldebt/schema-less-read@26:13",
      "mldebt/constant-experiment-flag@33:8",
      "mldebt/unseeded-randomness@46:5",
    ]);
    // In ESLint's own output, notebook lines are lines of the joined program of code cells.
    expect(byFile["explore.ipynb"]).toHaveLength(3);
    // Project rules work in plain ESLint too: the hand-off from 01 to 02, its write carried in the message.
    expect(byFile["02_train.py"]).toEqual(["mldebt/implicit-file-handoff@33:10"]);
    const handoff = results.find((result) => result.filePath.endsWith("02_train.py"))!.messages[0]!;
    expect(handoff.message).toMatch(/⟨related: 01_load_data\.py:54:5 writes data\/processed\/churn\.csv⟩$/u);
  });
});
