import { describe, expect, it } from "vitest";
import { formatMarkdown } from "../../src/reporters/markdown.js";
import { handoff, lintResult, notebook, parseError, seed } from "./fixture.js";

const result = lintResult([handoff, seed, notebook, { ...notebook, cell: 12, line: 10, severity: "warning" }, parseError]);

describe("formatMarkdown", () => {
  it("writes one table per category, parse errors last, rules linked to their docs", () => {
    const markdown = formatMarkdown(result);
    expect(markdown.startsWith("## mldebt: 5 problems (2 errors, 2 warnings, 1 info) in 12 files\n")).toBe(true);
    const headings = markdown.split("\n").filter((line) => line.startsWith("### "));
    expect(headings).toEqual([
      "### Pipeline jungles `pipeline-jungle` (1)",
      "### Hidden data dependencies `hidden-data-dependency` (2)",
      "### Reproducibility `reproducibility` (1)",
      "### Could not be analysed (1)",
    ]);
    expect(markdown).toContain(
      "| info | explore.ipynb cell 3:2 | Absolute path /home/ana/data.csv works only on one machine. | [mldebt/absolute-data-path](https://example.org/mldebt/docs/rules/absolute-data-path.md) |",
    );
    expect(markdown).toContain("| error | broken dir/bad.py:3:1 | Unexpected indent. | mldebt/parse-error |");
  });

  it("escapes table-breaking text", () => {
    const markdown = formatMarkdown(lintResult([{ ...seed, message: "a | b\nc" }]));
    expect(markdown).toContain("| a \\| b c |");
  });
});
