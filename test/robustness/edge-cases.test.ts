/**
 * Hostile project shapes: each gives a clear message (or is left out, as documented) and the
 * rest of the report is still there.
 */
import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { computeFactsOf, indexDeclarations, readDeclarations } from "../../src/project/model.js";
import { readSource } from "../../src/project/source-input.js";
import { jsonReport, runMldebt, tempProject } from "../helpers/cli.js";

const FINDING = "import numpy as np\nx = np.random.rand(3)\n";
const isRoot = process.getuid?.() === 0;

describe("hostile project shapes", () => {
  it("a symlink loop and links out of the root are not followed; the rest is linted", () => {
    const outside = tempProject({ "secret.py": FINDING });
    const root = tempProject({ "a.py": FINDING, "pkg/b.py": FINDING });
    symlinkSync(root, join(root, "pkg", "loop"));
    symlinkSync(outside, join(root, "outside"));
    symlinkSync(join(outside, "secret.py"), join(root, "linked.py"));
    const { run, report } = jsonReport([root]);
    expect(run.code).toBe(1);
    expect([...new Set(report.findings.map((finding) => finding.file))]).toEqual(["a.py", "pkg/b.py"]);
  });

  it.skipIf(isRoot)("an unreadable file is a finding saying so; the others are reported", () => {
    const root = tempProject({ "a.py": FINDING, "locked.py": FINDING });
    chmodSync(join(root, "locked.py"), 0);
    const { report } = jsonReport([root]);
    expect(report.findings.find((finding) => finding.file === "locked.py")?.message).toMatch(/cannot be read: permission denied/u);
    expect(report.findings.some((finding) => finding.file === "a.py")).toBe(true);
  });

  it("a file that cannot be read (or vanished) is a reason, never an exception, for the CLI and the model", () => {
    const root = tempProject({ "a.py": FINDING, "dir.py/x.txt": "" });
    expect(readSource(join(root, "gone.py"), "python")).toEqual({ ok: false, reason: "File cannot be read: it disappeared during the run." });
    expect(readSource(join(root, "dir.py"), "python")).toMatchObject({ ok: false, reason: expect.stringMatching(/directory/u) });
    const declarations = indexDeclarations(readDeclarations(root));
    const facts = computeFactsOf(declarations, ["a.py", "gone.py"]);
    expect(facts.records.map((record) => record.file)).toEqual(["a.py"]);
    expect(facts.skipped).toEqual([{ file: "gone.py", reason: "File cannot be read: it disappeared during the run." }]);
  });

  it("PEP 263 encodings are decoded (latin-1, cp1252, shift_jis) and linted like UTF-8", () => {
    const root = tempProject({
      "latin.py": Buffer.concat([Buffer.from("# -*- coding: latin-1 -*-\nimport numpy as np\nname = '"), Buffer.from([0xe9]), Buffer.from("'\nx = np.random.rand(3)\n")]),
      "cp.py": Buffer.concat([Buffer.from("# coding=cp1252\nimport numpy as np\nq = '"), Buffer.from([0x93, 0x94]), Buffer.from("'\nx = np.random.rand(3)\n")]),
      "sjis.py": Buffer.concat([Buffer.from("# vim: set fileencoding=shift_jis :\nimport numpy as np\ns = '"), Buffer.from([0x82, 0xa0]), Buffer.from("'\nx = np.random.rand(3)\n")]),
      "unknown.py": Buffer.from("# coding: klingon-8\nx = 1\n"),
    });
    const { report } = jsonReport([root]);
    const rules = (file: string) => report.findings.filter((finding) => finding.file === file).map((finding) => `${finding.ruleId}:${finding.line}`);
    expect(rules("latin.py")).toEqual(["mldebt/unseeded-randomness:4"]);
    expect(rules("cp.py")).toEqual(["mldebt/unseeded-randomness:4"]);
    expect(rules("sjis.py")).toEqual(["mldebt/unseeded-randomness:4"]);
    expect(report.findings.find((finding) => finding.file === "unknown.py")?.message).toMatch(/declares the encoding "klingon-8"/u);
  });

  it("a 50 MB notebook with outputs is linted, with its finding in the right cell", () => {
    const image = "iVBORw0KGgo".repeat(Math.ceil((50 * 1024 * 1024) / 11));
    const notebook = {
      cells: [
        { cell_type: "markdown", metadata: {}, source: ["# Big outputs\n"] },
        { cell_type: "code", execution_count: 1, metadata: {}, outputs: [{ output_type: "display_data", data: { "image/png": image }, metadata: {} }], source: ["import numpy as np\n", "x = np.random.rand(3)\n"] },
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    };
    const root = tempProject({ "big.ipynb": JSON.stringify(notebook), "a.py": FINDING });
    const { report } = jsonReport([root]);
    expect(report.findings.map((finding) => `${finding.file} ${finding.cell ?? "-"}:${finding.line}`)).toEqual(["a.py -:2", "big.ipynb 2:2"]);
  }, 60_000);

  it("a 10 MB single line and a deeply nested expression are reported or linted, never fatal", () => {
    const root = tempProject({ "long.py": `x = "${"a".repeat(10 * 1024 * 1024)}"\n`, "deep.py": `x = ${"(".repeat(5000)}1${")".repeat(5000)}\n`, "a.py": FINDING });
    const { run, report } = jsonReport([root]);
    expect(run.code).toBe(1);
    expect(report.summary.files).toBe(3);
    expect(report.findings.find((finding) => finding.file === "long.py")?.message).toMatch(/over the 5 MB limit/u);
    expect(report.findings.some((finding) => finding.file === "a.py")).toBe(true);
  }, 60_000);

  it("a config file with a wrong type in every key names every key at once", () => {
    const root = tempProject({ "a.py": FINDING, ".mldebtrc.json": JSON.stringify({ rules: 5, ignores: "data/", failOn: 3, format: true }) });
    const run = runMldebt([root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/4 problems/u);
    for (const key of ["rules", "ignores", "failOn", "format"]) expect(run.stderr).toContain(`"${key}" must`);
    expect(run.stdout).toBe("");
  });
});

it("the cache survives a corrupt cache file (the run is then cold) and rewrites it", () => {
  const root = tempProject({ "a.py": FINDING });
  mkdirSync(join(root, ".mldebt-cache"));
  writeFileSync(join(root, ".mldebt-cache", "results.json"), "{not json");
  writeFileSync(join(root, ".mldebt-cache", "facts.json"), '{"format": 1, "files": 7}');
  const first = jsonReport([root, "--cache"]);
  expect(first.report.findings).toHaveLength(1);
  const second = jsonReport([root, "--cache"]);
  expect(second.run.stdout).toBe(first.run.stdout);
  rmSync(root, { recursive: true, force: true });
});
