import { describe, expect, it } from "vitest";
import type { ConfigReport } from "../../src/cli/config-command.js";
import { formatConfigReport } from "../../src/reporters/config-table.js";

const REPORT: ConfigReport = {
  tool: { name: "mldebt", version: "0.0.0" },
  root: "churn",
  keys: [
    {
      key: "train.lr",
      source: "params.yaml",
      kind: "file",
      conflicting: true,
      definedIn: [{ file: "params.yaml", line: 3, column: 3, written: "train.lr", value: "0.001", kind: "config-file" }],
      readBy: [
        { file: "train.py", line: 12, column: 6, mechanism: "get", fallback: "0.01" },
        { file: "explore.ipynb", cell: 4, line: 2, column: 1, mechanism: "mapping" },
      ],
      overriddenIn: [{ file: "run.sh", line: 1, column: 1, value: "0.1", via: "command-line" }],
    },
    {
      key: "seed",
      source: "params.yaml",
      kind: "file",
      conflicting: false,
      definedIn: [{ file: "params.yaml", line: 1, column: 1, written: "seed", value: "x".repeat(60), kind: "config-file" }],
      readBy: [],
      overriddenIn: [],
    },
  ],
  conflicts: [
    {
      kind: "fallbacks",
      name: "train.lr",
      values: [
        { file: "params.yaml", line: 3, column: 3, value: "0.001", role: "config", written: "train.lr", source: "params.yaml", reference: true },
        { file: "train.py", line: 12, column: 30, value: "0.01", role: "fallback", written: "train.lr", source: "params.yaml", reference: false },
      ],
    },
  ],
};

describe("the mldebt config table", () => {
  it("lists keys by source with one place per line, notebook cells, long values shortened, then the conflicts", () => {
    expect(formatConfigReport("text", REPORT)).toBe(
      [
        "Settings of churn: 2 keys in 1 source(s), 1 conflict",
        "",
        "params.yaml",
        "  key         defined in                                                read by                         overridden in",
        "  train.lr ✖  params.yaml:3 = 0.001                                     train.py:12 get, fallback 0.01  run.sh:1 = 0.1",
        "                                                                        explore.ipynb cell 4:2 mapping",
        `  seed        params.yaml:1 = ${"x".repeat(39)}…  -                               -`,
        "",
        "Conflicting values (1)",
        "  train.lr: a fallback in code differs from the config",
        "    0.001  params.yaml:3  train.lr (config, taken as the reference)",
        "    0.01   train.py:12    train.lr (fallback)",
        "",
      ].join("\n"),
    );
  });

  it("keeps only conflicting keys with --conflicts, in text and JSON", () => {
    expect(formatConfigReport("text", REPORT, { conflictsOnly: true })).not.toContain("  seed ");
    const json = JSON.parse(formatConfigReport("json", REPORT, { conflictsOnly: true })) as ConfigReport;
    expect(json.keys.map((key) => key.key)).toEqual(["train.lr"]);
    expect(json.conflicts).toEqual(REPORT.conflicts);
  });

  it("says when a project has no settings", () => {
    expect(formatConfigReport("text", { ...REPORT, keys: [], conflicts: [] })).toBe("Settings of churn: 0 keys in 0 source(s), 0 conflicts\nNo settings found: no config files, config reads, command-line options or typed config classes.\n");
  });
});
