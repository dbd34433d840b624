import { describe, expect, it } from "vitest";
import { formatHtml } from "../../src/reporters/html.js";
import { handoff, lintResult, notebook, parseError } from "./fixture.js";

describe("formatHtml", () => {
  it("is one self-contained page with each file's findings and rule links", () => {
    const page = formatHtml(lintResult([handoff, notebook, parseError]));
    expect(page.startsWith("<!doctype html>")).toBe(true);
    expect(page).not.toMatch(/<script|<link /u);
    expect(page).toContain(`<h2>${handoff.file}</h2>`);
    expect(page).toContain(`cell ${notebook.cell}:${notebook.line}`);
    expect(page).toMatch(/<a href="https?:[^"]+">mldebt\/implicit-file-handoff<\/a>/u);
    expect(page).toContain("↳ 01_load.py:9 written here");
  });

  it("escapes every text taken from the project", () => {
    const page = formatHtml(lintResult([{ ...parseError, file: "<img src=x>.py", message: 'a "quoted" <b>tag</b> & more' }]));
    expect(page).not.toContain("<img src=x>");
    expect(page).toContain("&lt;img src=x&gt;.py");
    expect(page).toContain("a &quot;quoted&quot; &lt;b&gt;tag&lt;/b&gt; &amp; more");
  });
});
