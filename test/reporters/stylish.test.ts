import { describe, expect, it } from "vitest";
import { formatStylish } from "../../src/reporters/stylish.js";
import { handoff, lintResult, notebook, parseError, seed } from "./fixture.js";

const ANSI = /\u001b\[/;
const result = lintResult([handoff, seed, notebook, { ...notebook, cell: 12, line: 10, severity: "warning" }, parseError]);
const plain = formatStylish(result, { color: false });
const lines = plain.split("\n");

describe("formatStylish", () => {
  it("groups findings under their file, aligning line:col and severity", () => {
    const start = lines.indexOf("02_features.py");
    expect(lines.slice(start, start + 6)).toEqual([
      "02_features.py",
      "   6:6  warning  Reads data/clean.csv, which 01_load.py writes: declare the pipeline.  mldebt/implicit-file-handoff",
      "                 pipeline-jungle · docs/rules/implicit-file-handoff.md",
      "                 ↳ 01_load.py:9 written here",
      "  12:1  error    np.random is used without a seed.  mldebt/unseeded-randomness",
      "                 reproducibility · docs/rules/unseeded-randomness.md",
    ]);
  });

  it("locates notebook findings by cell and line within the cell, under the notebook's name", () => {
    const start = lines.indexOf("explore.ipynb");
    expect(start).toBeGreaterThan(0);
    expect(lines[start + 1]).toBe(
      "   cell 3:2   info     Absolute path /home/ana/data.csv works only on one machine.  mldebt/absolute-data-path",
    );
    expect(lines[start + 3]).toMatch(/^ {2}cell 12:10 {2}warning {2}Absolute path/);
  });

  it("shows a parse error without a category line", () => {
    const start = lines.indexOf("broken dir/bad.py");
    expect(lines.slice(start, start + 3)).toEqual(["broken dir/bad.py", "  3:1  error  Unexpected indent.  mldebt/parse-error", ""]);
  });

  it("ends with totals by severity, counts by category with their titles, and the explain hint", () => {
    const start = lines.findIndex((line) => line.startsWith("✖"));
    expect(lines.slice(start)).toEqual([
      "✖ 5 problems (2 errors, 2 warnings, 1 info)",
      "  1  Pipeline jungles (pipeline-jungle)",
      "  2  Hidden data dependencies (hidden-data-dependency)",
      "  1  Reproducibility (reproducibility)",
      "  1  Could not be analysed (parse errors)",
      "",
      "Run `mldebt explain <rule-id>` to learn why and how to fix.",
      "",
    ]);
  });

  it("uses singular words for counts of one", () => {
    const one = formatStylish(lintResult([seed]), { color: false });
    expect(one).toContain("✖ 1 problem (1 error, 0 warnings, 0 info)");
  });

  it("prints one line when there is no debt", () => {
    expect(formatStylish(lintResult([], 12), { color: false })).toBe("✔ No technical debt found in 12 files.\n");
    expect(formatStylish(lintResult([], 1), { color: false })).toBe("✔ No technical debt found in 1 file.\n");
  });

  it("colors only when asked", () => {
    expect(plain).not.toMatch(ANSI);
    const colored = formatStylish(result, { color: true });
    expect(colored).toMatch(ANSI);
    expect(colored.replace(/\u001b\[\d+m/g, "")).toBe(plain);
  });
});

describe("formatStylish on a terminal", () => {
  it("wraps messages under their column and puts the rule id with the category", () => {
    const long = { ...seed, message: "word ".repeat(60).trim() };
    const lines = formatStylish(lintResult([long]), { color: false, width: 80 }).split("\n");
    const block = lines.slice(lines.indexOf(long.file) + 1, lines.indexOf(long.file) + 8);
    for (const line of block) expect(line.length).toBeLessThanOrEqual(80);
    expect(block.filter((line) => line.includes("word")).length).toBeGreaterThan(3);
    expect(block.map((line) => line.trim()).join(" ")).toContain(`${long.ruleId} · ${long.category} · ${long.docs}`);
  });
});
