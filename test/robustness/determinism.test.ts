/**
 * Byte-identical JSON and SARIF across runs, file creation orders, worker counts and the cache.
 */
import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { runMldebt, tempProject } from "../helpers/cli.js";

function projectFiles(): [string, string][] {
  const files: [string, string][] = [];
  for (let index = 0; index < 30; index++) {
    files.push([
      `pkg/sub${index % 4}/m${index}.py`,
      `import random\nimport numpy as np\nimport pandas as pd\n\nDEBUG = False\n\ndef load():\n    df = pd.read_csv("/home/ana/data/part${index}.csv")\n    if DEBUG:\n        print(df)\n    return df.sample(frac=0.5)\n\nx = np.random.rand(${index + 1})\nrandom.shuffle([1, 2])\n`,
    ]);
  }
  files.push(["notebooks/explore.ipynb", JSON.stringify({ cells: [{ cell_type: "code", execution_count: 1, metadata: {}, outputs: [], source: ["import numpy as np\n", "np.random.rand(2)\n"] }], metadata: {}, nbformat: 4, nbformat_minor: 5 })]);
  files.push(["broken.py", "def f(:\n"]);
  files.push(["params.yaml", "train:\n  lr: 0.1\n"]);
  return files;
}

describe("reports are byte-identical", () => {
  const files = projectFiles();
  const forward = tempProject(Object.fromEntries(files));
  const backward = tempProject(Object.fromEntries([...files].reverse()));
  afterAll(() => {
    rmSync(forward, { recursive: true, force: true });
    rmSync(backward, { recursive: true, force: true });
  });

  for (const [format, counts] of [["json", ["off", "1", "2"]], ["sarif", ["off", "2"]]] as const) {
    it(`${format}: across runs, file orders and worker counts`, () => {
      const reference = runMldebt([".", "-f", format, "--workers", "off"], forward);
      expect(reference.code).toBe(1);
      expect(reference.stdout.length).toBeGreaterThan(1000);
      for (const workers of counts) {
        expect(runMldebt([".", "-f", format, "--workers", workers], forward).stdout, `--workers ${workers}`).toBe(reference.stdout);
        expect(runMldebt([".", "-f", format, "--workers", workers], backward).stdout, `reversed, --workers ${workers}`).toBe(reference.stdout);
      }
    }, 120_000);
  }

  it("warm runs from the cache give the cold run's report", () => {
    const cold = runMldebt([".", "-f", "json"], forward).stdout;
    expect(runMldebt([".", "-f", "json", "--cache", "--workers", "2"], forward).stdout).toBe(cold);
    expect(runMldebt([".", "-f", "json", "--cache"], forward).stdout).toBe(cold);
    rmSync(`${forward}/.mldebt-cache`, { recursive: true, force: true });
  }, 60_000);
});
