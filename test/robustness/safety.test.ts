/**
 * Safety: mldebt never executes analysed code, never follows symlinks out of the root, and
 * writes nothing but --output, the cache folder and the baseline.
 */
import { createHash } from "node:crypto";
import { existsSync, lstatSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jsonReport, runMldebt, tempProject } from "../helpers/cli.js";

/** Every path under root with its kind, size, mtime and content hash. */
function snapshot(root: string, skip: string[] = []): Map<string, string> {
  const entries = new Map<string, string>();
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = prefix ? `${prefix}/${name}` : name;
      if (skip.includes(path)) continue;
      const stat = lstatSync(join(dir, name));
      if (stat.isDirectory()) {
        entries.set(path, "dir");
        walk(join(dir, name), path);
      } else {
        const hash = stat.isFile() ? createHash("sha1").update(readFileSync(join(dir, name))).digest("hex") : "link";
        entries.set(path, `${stat.size}:${stat.mtimeMs}:${hash}`);
      }
    }
  };
  walk(root, "");
  return entries;
}

const HOSTILE = {
  "run_me.py": 'import os\nopen("PWNED_PY", "w").write("x")\nos.system("touch PWNED_SHELL")\nimport numpy as np\nx = np.random.rand(3)\n',
  "setup.py": 'open("PWNED_SETUP", "w").write("x")\n',
  "conftest.py": 'open("PWNED_CONFTEST", "w").write("x")\n',
  "nb.ipynb": JSON.stringify({ cells: [{ cell_type: "code", execution_count: 1, metadata: {}, outputs: [], source: ["!touch PWNED_NB\n", "%run run_me.py\n", "import numpy as np\n", "np.random.rand(2)\n"] }], metadata: {}, nbformat: 4, nbformat_minor: 5 }),
  "params.yaml": "data: !!python/object/apply:os.system ['touch PWNED_YAML']\n",
  "mldebt.config.json": "{}",
};

describe("a run changes nothing it was not asked to", () => {
  it("executes no analysed code and writes only --output, the cache and the baseline", () => {
    const root = tempProject(HOSTILE);
    const before = snapshot(root);
    const run = runMldebt([".", "--cache", "-f", "json", "-o", "reports/out.json", "--workers", "2"], root);
    expect(run.code).toBe(1);
    const baseline = runMldebt([".", "--baseline", "mldebt-baseline.json", "--update-baseline"], root);
    expect(baseline.code).toBe(0);
    const after = snapshot(root, [".mldebt-cache", "reports", "mldebt-baseline.json"]);
    expect(after).toEqual(before);
    expect(readdirSync(join(root, ".mldebt-cache")).sort()).toEqual(["facts.json", "results.json"]);
    expect(readdirSync(join(root, "reports"))).toEqual(["out.json"]);
    expect(readdirSync(root).filter((name) => name.startsWith("PWNED"))).toEqual([]);
    expect(existsSync(join(root, "mldebt-baseline.json"))).toBe(true);
    rmSync(root, { recursive: true, force: true });
  }, 60_000);

  it("a custom --cache-location is the only place the cache goes; without --cache nothing is written", () => {
    const root = tempProject(HOSTILE);
    const cacheHome = tempProject({});
    const before = snapshot(root);
    runMldebt([".", "-f", "json"], root);
    expect(snapshot(root)).toEqual(before);
    runMldebt([".", "--cache-location", join(cacheHome, "c")], root);
    expect(snapshot(root)).toEqual(before);
    expect(readdirSync(join(cacheHome, "c")).sort()).toEqual(["facts.json", "results.json"]);
  }, 60_000);

  it("links out of the root are neither linted nor read for the model", () => {
    const outside = tempProject({ "elsewhere.py": 'import pandas as pd\npd.read_csv("/home/eve/secret.csv")\n', "params.yaml": "x: 1\n" });
    const root = tempProject({ "a.py": "x = 1\n" });
    symlinkSync(outside, join(root, "linked-dir"));
    symlinkSync(join(outside, "params.yaml"), join(root, "params.yaml"));
    const { report } = jsonReport([root]);
    expect(report.summary.files).toBe(1);
    expect(report.findings).toEqual([]);
  });
});
