/** Bad input gets a clear message and the run goes on: one file never loses the others' report. */
import { describe, expect, it } from "vitest";
import { jsonReport, runMldebt, tempProject } from "../helpers/cli.js";

const GOOD = "import numpy as np\nx = np.random.rand(3)\n";

function findingsByFile(report: ReturnType<typeof jsonReport>["report"]) {
  return Object.fromEntries(report.findings.map((finding) => [finding.file, finding]));
}

describe("files that cannot be linted are findings, and the others are still reported", () => {
  const root = tempProject({
    "good.py": GOOD,
    "syntax.py": "def train(:\n    pass\n",
    "broken.ipynb": '{"cells": [',
    "shape.ipynb": JSON.stringify({ nbformat: 4, cells: "not a list" }),
    "badcell.ipynb": JSON.stringify({ nbformat: 4, cells: [{ cell_type: "code", source: 42 }] }),
    "syntax_cell.ipynb": JSON.stringify({ nbformat: 4, metadata: {}, cells: [{ cell_type: "markdown", source: "# x" }, { cell_type: "code", source: ["x = 1\n", "def f(:\n"], outputs: [], execution_count: 1 }] }),
    "latin1.py": Buffer.concat([Buffer.from("name = '"), Buffer.from([0xe9]), Buffer.from("'\n")]),
    "declared.py": Buffer.concat([Buffer.from("# -*- coding: latin-1 -*-\nimport random\nname = '"), Buffer.from([0xe9]), Buffer.from("'\nrandom.shuffle([1])\n")]),
    "binary.py": Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02]),
    "huge.py": `x = 1\n${"# padding\n".repeat(600_000)}`,
    "py2.py": 'print "hello"\nexec "x = 1"\n',
    "tabs.py": "def f():\n\tif True:\n\t\treturn 1\n        return 2\n",
    "empty.py": "",
    "annotations.json": `[${'{"x": 1},'.repeat(600_000)}{"x": 2}]`,
    "weights.yaml": Buffer.from([0x00, 0x01, 0x02]),
  });
  const { run, report } = jsonReport([root]);
  const byFile = findingsByFile(report);

  it("still reports the good file's finding", () => {
    expect(byFile["good.py"]).toMatchObject({ ruleId: "mldebt/unseeded-randomness", line: 2, column: 5 });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
  });

  it("a syntax error is a parse-error finding at its position", () => {
    expect(byFile["syntax.py"]).toMatchObject({ ruleId: "mldebt/parse-error", category: null, severity: "error", line: 1, column: 11 });
    expect(byFile["syntax.py"]!.message).toMatch(/^Syntax error/u);
  });

  it("a notebook with invalid JSON or a wrong shape is a finding", () => {
    expect(byFile["broken.ipynb"]!.message).toMatch(/Notebook is not valid JSON/u);
    expect(byFile["shape.ipynb"]!.message).toMatch(/no "cells" list/u);
    expect(byFile["badcell.ipynb"]!.message).toMatch(/Cell 1 has a "source" that is neither a string nor a list of strings/u);
  });

  it("a syntax error in a notebook cell names the cell and the line in it", () => {
    expect(byFile["syntax_cell.ipynb"]).toMatchObject({ ruleId: "mldebt/parse-error", cell: 2, line: 2 });
  });

  it("invalid UTF-8 says where and how to fix it; a PEP 263 cookie is honoured", () => {
    expect(byFile["latin1.py"]).toMatchObject({ ruleId: "mldebt/parse-error", line: 1, column: 9 });
    expect(byFile["latin1.py"]!.message).toMatch(/not valid UTF-8.*PEP 263/u);
    expect(byFile["declared.py"]).toMatchObject({ ruleId: "mldebt/unseeded-randomness", line: 4 });
  });

  it("huge or binary config files are data, not findings", () => {
    expect(byFile["annotations.json"]).toBeUndefined();
    expect(byFile["weights.yaml"]).toBeUndefined();
  });

  it("binary and huge files are skipped with the reason", () => {
    expect(byFile["binary.py"]!.message).toMatch(/NUL bytes/u);
    expect(byFile["huge.py"]!.message).toMatch(/over the 5 MB limit/u);
  });

  it("Python 2 files, mixed tabs and empty files do not crash anything", () => {
    const files = new Set(report.findings.map((finding) => finding.file));
    expect(report.summary.files).toBe(15);
    // Each is either linted cleanly or reported; nothing is lost and the run completed.
    expect(files.has("empty.py")).toBe(false);
    // (`tabs.py` parses; its function `f` is never called, which unreachable-experiment reports.)
    for (const finding of report.findings.filter((item) => item.file === "py2.py" || item.file === "tabs.py")) {
      expect(["mldebt/parse-error", "mldebt/unreachable-experiment"]).toContain(finding.ruleId);
    }
  });
});

describe("bad configuration values name the file, the key and what is allowed", () => {
  it("an unknown rule id suggests the closest", () => {
    const root = tempProject({ "a.py": GOOD, ".mldebtrc.json": JSON.stringify({ rules: { "unseeded-randomnes": "warning" } }) });
    const run = runMldebt([root]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/\.mldebtrc\.json: "rules\.unseeded-randomnes" is not an mldebt rule\. Did you mean "unseeded-randomness"\?/u);
  });

  it("a wrong severity lists the allowed values", () => {
    const root = tempProject({ "a.py": GOOD, "mldebt.config.json": JSON.stringify({ rules: { "unseeded-randomness": "loud" } }) });
    const run = runMldebt([root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/mldebt\.config\.json: "rules\.unseeded-randomness" must be one of "off", "error", "warning", "info".*got "loud"/u);
  });

  it("a wrong type in pyproject.toml [tool.mldebt]", () => {
    const root = tempProject({ "a.py": GOOD, "pyproject.toml": '[tool.mldebt]\nignores = "data/"\n' });
    const run = runMldebt([root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/pyproject\.toml: "ignores" must be a list of glob strings.*got "data\/"/u);
  });

  it("an unknown setting is named", () => {
    const root = tempProject({ "a.py": GOOD, "package.json": JSON.stringify({ name: "x", mldebt: { rule: {} } }) });
    const run = runMldebt([root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/package\.json: "rule" is not a setting\. Allowed: rules, ignores, failOn, format\. Did you mean "rules"\?/u);
  });

  it("a config file that is not valid YAML", () => {
    const root = tempProject({ "a.py": GOOD, ".mldebtrc.yaml": "rules: [unclosed\n" });
    const run = runMldebt([root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\.mldebtrc\.yaml.*cannot be read/u);
  });
});
