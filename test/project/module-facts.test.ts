/** Module facts as data: node handles resolve to the tree ESLint lints, or to a fresh parse. */
import { describe, expect, it } from "vitest";
import { parseForLint } from "../../src/languages/python/parse.js";
import { computeModuleFacts, lookupsHold, reviveModuleFacts } from "../../src/project/module-facts.js";
import { codeSize, workerCount } from "../../src/cli/analysis.js";
import { tempProject } from "../helpers/cli.js";
import { join } from "node:path";

const SOURCE = 'import pandas as pd\nimport yaml\ncfg = yaml.safe_load(open("params.yaml"))\ndf = pd.read_csv(cfg["data"]["raw"])\n';

describe("module facts records", () => {
  const configs = (file: string, key: string) => (file === "params.yaml" && key === "data.raw" ? "data/raw.csv" : undefined);

  it("are plain data (JSON round trip) and record the config values they were resolved through", () => {
    const { record, parse } = computeModuleFacts("load.py", "python", SOURCE, configs);
    expect(JSON.parse(JSON.stringify(record))).toEqual(record);
    expect(parse?.text).toBe(SOURCE);
    expect(record.lookups).toContainEqual(["params.yaml", "data.raw", '"data/raw.csv"']);
    expect(lookupsHold(record, configs)).toBe(true);
    expect(lookupsHold(record, () => "elsewhere.csv")).toBe(false);
  });

  it("resolve a node to the very node of the tree being linted, else to an equal node of a fresh parse", () => {
    const root = tempProject({ "load.py": SOURCE, "params.yaml": "data:\n  raw: data/raw.csv\n" });
    const { record } = computeModuleFacts("load.py", "python", SOURCE, configs);
    const fresh = reviveModuleFacts(record, root);
    const site = fresh.ioSites.find((candidate) => candidate.api === "pandas.read_csv")!;
    expect(site.node.type).toBe("call");
    expect(SOURCE.slice(site.node.range[0], site.node.range[1])).toBe('pd.read_csv(cfg["data"]["raw"])');
    expect(site.node.loc.start).toEqual({ line: 4, column: 5 });
    expect(site.node.parent?.type).toBe("assignment");

    const linted = parseForLint(SOURCE, join(root, "load.py"));
    if (!linted.ok) throw new Error("parse failed");
    const again = reviveModuleFacts(record, root).ioSites.find((candidate) => candidate.api === "pandas.read_csv")!;
    let inTree = false;
    for (let node = again.node; node; node = node.parent!) if (node === linted.ast) inTree = true;
    expect(inTree).toBe(true);
  });

  it("a syntax error gives empty facts with the position, and no parse to reuse", () => {
    const computed = computeModuleFacts("bad.py", "python", "def f(:\n", configs);
    expect(computed.parse).toBeUndefined();
    expect((computed.record.facts as { parseError: string }).parseError).toMatch(/line 1/u);
  });
});

describe("--workers auto", () => {
  it("sizes a project by its code: each file once, a notebook by its code cells, not its outputs", () => {
    const output = { output_type: "display_data", data: { "image/png": "A".repeat(50_000) }, metadata: {} };
    const notebook = JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: "code", source: ["x = 1\n", "y = 2"], execution_count: 1, metadata: {}, outputs: [output] }, { cell_type: "markdown", source: "# Title", metadata: {} }] });
    expect(notebook.length).toBeGreaterThan(50_000);
    expect(codeSize([{ file: "explore.ipynb", text: notebook }, { file: "train.py", text: "import os\n" }, { file: "train.py", text: "import os\n" }])).toBe("x = 1\ny = 2".length + "import os\n".length);
    // A notebook that does not parse counts whole.
    expect(codeSize([{ file: "broken.ipynb", text: "{ not json" }])).toBe(10);
  });


  it("lints small projects in the main thread and large ones on every core", () => {
    expect(workerCount("auto", () => 100_000, 8)).toBe(0);
    expect(workerCount("auto", () => 40_000_000, 2)).toBe(2);
    expect(workerCount("auto", () => 40_000_000, 1)).toBe(0);
    expect(workerCount("auto", () => 5_000_000, 2)).toBe(0);
    expect(workerCount("auto", () => 10_000_000, 16)).toBe(10);
    expect(workerCount("off", () => 40_000_000, 8)).toBe(0);
    expect(workerCount(1, () => 100, 8)).toBe(1);
  });
});
