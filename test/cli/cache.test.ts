/** `--cache`: unchanged files come from the cache; a change re-lints exactly what depends on it. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jsonReport, tempProject } from "../helpers/cli.js";

const LOADER = 'import yaml\nimport pandas as pd\n\ncfg = yaml.safe_load(open("params.yaml"))\ndf = pd.read_csv(cfg["data"]["raw"])\n';

function lines(report: ReturnType<typeof jsonReport>["report"]): string[] {
  return report.findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line} ${finding.message.slice(0, 40)}`);
}

function cachedFiles(root: string): Record<string, { hash: string; use: number }> {
  return (JSON.parse(readFileSync(join(root, ".mldebt-cache", "results.json"), "utf8")) as { files: Record<string, { hash: string; use: number }> }).files;
}

describe("the content-hash cache", () => {
  it("serves unchanged files, re-lints an edited file and follows a config value change", () => {
    const root = tempProject({
      "load.py": LOADER,
      "noise.py": "import numpy as np\nx = np.random.rand(3)\n",
      "params.yaml": "data:\n  raw: /home/ana/raw.csv\n",
    });
    const cold = jsonReport([root, "--cache"]);
    expect(lines(cold.report)).toEqual([expect.stringMatching(/^mldebt\/unseeded-randomness noise\.py:2 /u), expect.stringMatching(/^mldebt\/absolute-data-path params\.yaml:2 /u)]);
    // absolute-data-path read the declarations (the config value), so load.py depends on them;
    // the config line's finding depends on the code that reads it: the whole model.
    expect(cachedFiles(root)["load.py"]!.use).toBeGreaterThanOrEqual(1);
    expect(cachedFiles(root)["params.yaml"]!.use).toBe(2);
    expect(jsonReport([root, "--cache"]).run.stdout).toBe(cold.run.stdout);

    writeFileSync(join(root, "noise.py"), "import numpy as np\n\nx = np.random.rand(3)\n");
    expect(lines(jsonReport([root, "--cache"]).report)).toContainEqual(expect.stringMatching(/^mldebt\/unseeded-randomness noise\.py:3 /u));

    // The config file is unchanged, but no code reads the key any more: its finding goes.
    writeFileSync(join(root, "load.py"), "import pandas as pd\n\ndf = pd.read_csv('/home/ana/raw.csv')\n");
    expect(lines(jsonReport([root, "--cache"]).report)).toEqual([expect.stringMatching(/^mldebt\/absolute-data-path load\.py:3 /u), expect.stringMatching(/^mldebt\/unseeded-randomness noise\.py:3 /u)]);

    writeFileSync(join(root, "load.py"), LOADER);
    writeFileSync(join(root, "params.yaml"), "data:\n  raw: data/raw.csv\n");
    // The path is relative now: no absolute path, but a data file the repository does not hold.
    expect(lines(jsonReport([root, "--cache"]).report)).toEqual([expect.stringMatching(/^mldebt\/untracked-data-file load\.py:5 /u), expect.stringMatching(/^mldebt\/unseeded-randomness noise\.py:3 /u)]);
  }, 60_000);

  it("a cache folder inside the project is not read as part of it", () => {
    const root = tempProject({ "load.py": LOADER, "params.yaml": "data:\n  raw: /home/ana/raw.csv\n" });
    const first = jsonReport([root, "--cache-location", join(root, "build-cache")]);
    const second = jsonReport([root, "--cache-location", join(root, "build-cache")]);
    expect(second.run.stdout).toBe(first.run.stdout);
    // Served from the cache: had the cache's JSON been read as project config, the declarations
    // (which load.py depends on) would differ and the entry would have been replaced.
    const entries = (path: string) => JSON.parse(readFileSync(join(root, "build-cache", path), "utf8")) as { files: Record<string, { scopeHash: string }> };
    const before = entries("results.json").files["load.py"]!.scopeHash;
    jsonReport([root, "--cache-location", join(root, "build-cache")]);
    expect(entries("results.json").files["load.py"]!.scopeHash).toBe(before);
  }, 60_000);

  it("a different rule configuration does not reuse results", () => {
    const root = tempProject({ "noise.py": "import numpy as np\nx = np.random.rand(3)\n" });
    expect(jsonReport([root, "--cache"]).report.findings).toHaveLength(1);
    writeFileSync(join(root, ".mldebtrc.json"), JSON.stringify({ rules: { "unseeded-randomness": "off" } }));
    expect(jsonReport([root, "--cache"]).report.findings).toEqual([]);
  }, 60_000);
});
