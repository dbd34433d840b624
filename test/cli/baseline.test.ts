/** A legacy project adopts mldebt with a baseline: CI then fails only on new debt. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jsonReport, runMldebt, tempProject } from "../helpers/cli.js";

const LEGACY = "import numpy as np\nimport random\nx = np.random.rand(3)\nrandom.shuffle([1, 2])\n";

describe("--baseline", () => {
  it("records today's findings, then reports only new ones; edits above a finding keep it matched", () => {
    const root = tempProject({ "legacy.py": LEGACY });
    const update = runMldebt([root, "--baseline", join(root, "mldebt-baseline.json"), "--update-baseline"]);
    expect(update.code).toBe(0);
    expect(update.stderr).toMatch(/Wrote 2 findings to the baseline/u);
    const baseline = JSON.parse(readFileSync(join(root, "mldebt-baseline.json"), "utf8"));
    expect(baseline.version).toBe(1);
    expect(baseline.findings).toHaveLength(2);

    const clean = runMldebt([root, "--baseline", join(root, "mldebt-baseline.json")]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/No new technical debt found in 1 file\.\n2 known findings hidden by the baseline/u);

    // Unrelated edits move the old findings down; a new file brings new debt.
    writeFileSync(join(root, "legacy.py"), `# a comment\n\n${LEGACY}`);
    writeFileSync(join(root, "new.py"), "import torch\nw = torch.randn(3)\n");
    const { run, report } = jsonReport([root, "--baseline", join(root, "mldebt-baseline.json")]);
    expect(run.code).toBe(1);
    expect(report.findings.map((finding) => `${finding.file}:${finding.line}`)).toEqual(["new.py:2"]);
  });

  it("a missing or broken baseline is a clear usage error", () => {
    const root = tempProject({ "a.py": LEGACY, "bad.json": "{}" });
    const missing = runMldebt([root, "--baseline", join(root, "nope.json")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/does not exist\. Create it with --baseline .* --update-baseline/u);
    const broken = runMldebt([root, "--baseline", join(root, "bad.json")]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/is not an mldebt baseline/u);
    expect(runMldebt([root, "--update-baseline"]).stderr).toMatch(/--update-baseline needs --baseline <file>/u);
  });
});
