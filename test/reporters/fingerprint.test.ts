import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/results/model.js";
import { computeFingerprint, normalizeLineText } from "../../src/results/fingerprint.js";
import { sortFindings } from "../../src/results/sort.js";
import { summarize } from "../../src/results/summary.js";
import { handoff, notebook, parseError, seed } from "./fixture.js";

const base = {
  ruleId: "mldebt/absolute-data-path",
  file: "src/train.py",
  message: "Absolute path /data/x.csv works only on one machine.",
  lineText: 'df = pd.read_csv("/data/x.csv")',
  occurrence: 0,
};

describe("computeFingerprint", () => {
  it("is 16 lowercase hex digits and deterministic", () => {
    const fingerprint = computeFingerprint(base);
    expect(fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(computeFingerprint({ ...base })).toBe(fingerprint);
  });

  it("does not depend on the line number: a moved or reindented line keeps it", () => {
    // The input has no line at all; a moved line has the same text, a reindented one differs only in whitespace.
    expect(computeFingerprint({ ...base, lineText: '    df  =  pd.read_csv("/data/x.csv")\t' })).toBe(
      computeFingerprint(base),
    );
  });

  it("normalizes a line by trimming and collapsing whitespace", () => {
    expect(normalizeLineText("\t x  =\t1 \r")).toBe("x = 1");
  });

  it("changes when the flagged line's text changes", () => {
    expect(computeFingerprint({ ...base, lineText: 'df = pd.read_csv("/data/y.csv")' })).not.toBe(
      computeFingerprint(base),
    );
  });

  it("changes with the rule, the file and the occurrence index", () => {
    const fingerprint = computeFingerprint(base);
    expect(computeFingerprint({ ...base, ruleId: "mldebt/other" })).not.toBe(fingerprint);
    expect(computeFingerprint({ ...base, file: "src/eval.py" })).not.toBe(fingerprint);
    expect(computeFingerprint({ ...base, occurrence: 1 })).not.toBe(fingerprint);
  });

  it("does not depend on the message wording when the line has text", () => {
    expect(computeFingerprint({ ...base, message: "Reworded." })).toBe(computeFingerprint(base));
  });

  it("falls back to the message on a blank line", () => {
    const blank = { ...base, lineText: "   " };
    expect(computeFingerprint({ ...blank, message: "a" })).not.toBe(computeFingerprint({ ...blank, message: "b" }));
  });

  it("cannot be forged by moving text between fields", () => {
    expect(computeFingerprint({ ...base, file: "ab", lineText: "c" })).not.toBe(
      computeFingerprint({ ...base, file: "a", lineText: "bc" }),
    );
  });
});

describe("sortFindings", () => {
  const at = (file: string, line: number, column: number, extra: Partial<Finding> = {}): Finding => ({
    ...seed,
    file,
    line,
    column,
    ...extra,
  });

  it("orders by file (code units), cell, line, column, rule id and message, without mutating", () => {
    const input = [
      at("b.py", 1, 1),
      at("a.py", 2, 1),
      at("a.py", 1, 5),
      at("a.py", 1, 5, { ruleId: "mldebt/a-rule" }),
      at("a.py", 1, 5, { ruleId: "mldebt/a-rule", message: "A earlier message" }),
      at("a.py", 1, 2),
      at("B.py", 9, 9),
      at("n.ipynb", 1, 1, { cell: 2 }),
      at("n.ipynb", 5, 1, { cell: 1 }),
      at("n.ipynb", 1, 1),
    ];
    const copy = [...input];
    const sorted = sortFindings(input);
    expect(input).toEqual(copy);
    expect(sorted.map((f) => `${f.file}:${f.cell ?? "-"}:${f.line}:${f.column}:${f.ruleId}:${f.message[0]}`)).toEqual([
      "B.py:-:9:9:mldebt/unseeded-randomness:n",
      "a.py:-:1:2:mldebt/unseeded-randomness:n",
      "a.py:-:1:5:mldebt/a-rule:A",
      "a.py:-:1:5:mldebt/a-rule:n",
      "a.py:-:1:5:mldebt/unseeded-randomness:n",
      "a.py:-:2:1:mldebt/unseeded-randomness:n",
      "b.py:-:1:1:mldebt/unseeded-randomness:n",
      "n.ipynb:-:1:1:mldebt/unseeded-randomness:n",
      "n.ipynb:1:5:1:mldebt/unseeded-randomness:n",
      "n.ipynb:2:1:1:mldebt/unseeded-randomness:n",
    ]);
  });
});

describe("summarize", () => {
  it("counts in CATEGORIES and severity order, omits zeros, and leaves parse errors out of byCategory", () => {
    const summary = summarize([notebook, parseError, seed, handoff, handoff], 7);
    expect(summary.files).toBe(7);
    expect(Object.entries(summary.byCategory)).toEqual([
      ["pipeline-jungle", 2],
      ["hidden-data-dependency", 1],
      ["reproducibility", 1],
    ]);
    expect(Object.entries(summary.bySeverity)).toEqual([
      ["error", 2],
      ["warning", 2],
      ["info", 1],
    ]);
  });
});
