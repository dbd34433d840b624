import { describe, expect, it } from "vitest";
import { FORMATS, formatReport, isReportFormat } from "../../src/reporters/index.js";
import { formatGithub } from "../../src/reporters/github.js";
import { formatMarkdown } from "../../src/reporters/markdown.js";
import { formatStylish } from "../../src/reporters/stylish.js";
import { handoff, lintResult, notebook, parseError } from "./fixture.js";

const result = lintResult([handoff, notebook, parseError]);
const plain = formatStylish(result, { color: false });

describe("formatReport", () => {
  it("dispatches every format", () => {
    expect(FORMATS).toEqual(["stylish", "json", "sarif", "markdown", "html", "github"]);
    expect(formatReport("stylish", result, { color: false })).toBe(plain);
    expect(JSON.parse(formatReport("json", result, { color: true }))).toHaveProperty("summary");
    expect(JSON.parse(formatReport("sarif", result, { color: false })).version).toBe("2.1.0");
    expect(formatReport("markdown", result, { color: false })).toBe(formatMarkdown(result));
    expect(formatReport("github", result, { color: false })).toBe(formatGithub(result));
  });

  it("recognises format names", () => {
    expect(isReportFormat("sarif")).toBe(true);
    expect(isReportFormat("xml")).toBe(false);
  });
});
