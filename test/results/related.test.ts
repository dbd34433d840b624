import { describe, expect, it } from "vitest";
import { relatedSuffix, splitRelated } from "../../src/results/related.js";

describe("related locations in message text", () => {
  it("round-trips files, cells, lines, columns and labels", () => {
    const related = [
      { file: "01_load data.py", line: 54, column: 5, message: "written here" },
      { file: "explore.ipynb", cell: 3, line: 2, message: "also written here" },
    ];
    const text = `Read without a declared pipeline.${relatedSuffix(related)}`;
    expect(text).toBe("Read without a declared pipeline. ⟨related: 01_load data.py:54:5 written here | explore.ipynb cell 3:2 also written here⟩");
    expect(splitRelated(text)).toEqual({ message: "Read without a declared pipeline.", related });
  });

  it("leaves messages without a suffix alone", () => {
    expect(splitRelated("plain ⟨not related⟩")).toEqual({ message: "plain ⟨not related⟩", related: [] });
    expect(relatedSuffix([])).toBe("");
  });
});
