import { describe, expect, it } from "vitest";
import { formatGithub } from "../../src/reporters/github.js";
import { handoff, lintResult, notebook, parseError } from "./fixture.js";

describe("formatGithub", () => {
  it("prints one escaped workflow command per finding", () => {
    const lines = formatGithub(lintResult([handoff, notebook, parseError])).trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) file=[^:]+,/u);
    expect(lines[0]).toContain(`file=${handoff.file},line=${handoff.line},col=${handoff.column}`);
    expect(lines[0]).toContain("title=mldebt/implicit-file-handoff::");
  });

  it("places notebook findings by cell in the message, not by a file line", () => {
    const line = formatGithub(lintResult([notebook])).trimEnd();
    expect(line).not.toMatch(/,line=/u);
    expect(line).toContain(`::cell ${notebook.cell}, line ${notebook.line}: `);
  });

  it("escapes newlines and percent signs so one finding stays one command", () => {
    const text = formatGithub(lintResult([{ ...parseError, message: "100% broken\nsecond line" }]));
    expect(text.trimEnd().split("\n")).toHaveLength(1);
    expect(text).toContain("100%25 broken%0Asecond line");
  });
});
