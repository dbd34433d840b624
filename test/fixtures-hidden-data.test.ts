/**
 * The hidden-data-dependency fixtures beyond their expected positions: config-borne findings sit
 * on the config line and relate the code that reads them, each dependency is reported once, and the versioned twin is quiet even
 * though its DVC-tracked inputs are absent from disk.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { lint } from "../src/cli/lint.js";
import type { Finding } from "../src/results/model.js";
import { FIXTURES_DIR } from "../scripts/expected-findings.js";
import { PACKAGE_ROOT } from "../src/package-info.js";

async function findingsOf(name: string): Promise<Finding[]> {
  const { result } = await lint({ paths: [join(FIXTURES_DIR, name)], cwd: PACKAGE_ROOT, concurrency: "off" });
  return result.findings;
}

describe("fixtures/projects/hidden-data-dependencies", () => {
  let findings: Finding[];
  beforeAll(async () => {
    findings = await findingsOf("hidden-data-dependencies");
  });

  it("reports values from configs/base.yaml on their config line, with the Python read as related location", () => {
    const inConfig = findings.filter((finding) => finding.file === "configs/base.yaml");
    expect(inConfig.map((finding) => [finding.ruleId, finding.line, finding.column, finding.related])).toEqual([
      ["mldebt/unversioned-remote-data", 3, 11, [{ file: "01_prepare.py", line: 22, column: 30, message: "read here" }]],
      ["mldebt/absolute-data-path", 4, 12, [{ file: "01_prepare.py", line: 23, column: 27, message: "read here" }]],
    ]);
    // and nowhere else: the reads in 01_prepare.py carry no second finding about the same values
    expect(findings.filter((finding) => finding.file === "01_prepare.py" && (finding.line === 22 || finding.line === 23))).toEqual([]);
  });

  it("reports the untracked input once, relating the notebook's read of it", () => {
    const untracked = findings.filter((finding) => finding.ruleId === "mldebt/untracked-data-file");
    expect(untracked).toHaveLength(1);
    expect(untracked[0]!.related).toEqual([{ file: "explore.ipynb", cell: 2, line: 2, column: 25, message: "also read here" }]);
  });

  it("reports no source line twice for the same rule", () => {
    const keys = findings.map((finding) => `${finding.ruleId} ${finding.file} ${finding.cell ?? ""}:${finding.line}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("fixtures/projects/hidden-data-dependencies-versioned", () => {
  it("has its DVC-tracked inputs absent from disk, as after a fresh clone", () => {
    const root = join(FIXTURES_DIR, "hidden-data-dependencies-versioned");
    for (const file of ["data/customers.csv", "data/plans.csv", "data/raw"]) expect(existsSync(join(root, file)), file).toBe(false);
    for (const file of ["data/customers.csv.dvc", "data/plans.csv.dvc", "data/raw.dvc", "dvc.yaml", ".env.example"]) expect(existsSync(join(root, file)), file).toBe(true);
  });

  it("reports nothing: versioned, declared and pinned data is no hidden dependency", async () => {
    expect(await findingsOf("hidden-data-dependencies-versioned")).toEqual([]);
  });
});
