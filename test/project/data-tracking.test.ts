import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { dataTrackingOf } from "../../src/project/data-tracking.js";
import { lfsMatcher } from "../../src/project/gitattributes.js";
import { clearProjectModelCache, getProjectModel } from "../../src/project/model.js";
import { notebook } from "../helpers/rule-tester.js";
import { tempProject } from "../helpers/cli.js";

let root: string;

beforeAll(() => {
  root = tempProject({
    ".gitignore": "data/raw/\n",
    ".gitattributes": "*.h5 filter=lfs diff=lfs merge=lfs -text\nsmall.h5 -filter\n",
    "assets/.gitattributes": "*.png filter=lfs\n",
    "data/lookup.csv": "a\n1\n",
    "data/raw/events.csv": "ts\n",
    "data/raw.dvc": "outs:\n- md5: 1\n  path: raw\n",
    "data/big.csv": "x\n".repeat(1000),
    "dvc.yaml": "stages:\n  prep:\n    cmd: python prep.py\n    outs:\n    - data/clean\n",
    "prep.py": 'import pandas as pd\npd.read_csv("data/lookup.csv").to_csv("data/written.csv")\n',
    "explore.ipynb": notebook("import pandas as pd", 'df = pd.read_csv("data/lookup.csv")'),
  });
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  clearProjectModelCache();
});

describe("the project tree", () => {
  it("holds what discovery sees, whatever the user's lint ignores say", () => {
    const model = getProjectModel(root, { ignores: ["data/"] });
    expect(model.files).not.toContain("data/lookup.csv");
    expect(model.tree.has("data/lookup.csv")).toBe(true);
    expect(model.tree.has("data/raw/events.csv")).toBe(false); // gitignored
    expect(model.tree.hasFolder("data")).toBe(true);
    expect(model.tree.hasFolder("data/raw")).toBe(false);
    expect(model.tree.size("data/big.csv")).toBe(2000);
    expect(model.tree.size("data/raw/events.csv")).toBeNull();
  });

  it("maps a notebook's program lines back to its cells", () => {
    const model = getProjectModel(root);
    expect(model.modules.get("explore.ipynb")?.notebookPosition?.(2, 6)).toEqual({ cell: 2, line: 1, column: 6 });
    expect(model.modules.get("prep.py")?.notebookPosition).toBeUndefined();
  });
});

describe("Git LFS attributes", () => {
  it("applies each file to its folder, later lines and deeper files winning", () => {
    const lfs = lfsMatcher([
      { file: ".gitattributes", text: "*.h5 filter=lfs diff=lfs merge=lfs -text\nsmall.h5 -filter\ndata/ filter=lfs\n" },
      { file: "assets/.gitattributes", text: "# images\n*.png filter=lfs\n" },
    ]);
    expect(lfs("models/w.h5")).toBe(true);
    expect(lfs("models/small.h5")).toBe(false);
    expect(lfs("assets/logo.png")).toBe(true);
    expect(lfs("docs/logo.png")).toBe(false);
    // a folder pattern gives no attribute to the files inside it
    expect(lfs("data/x.csv")).toBe(false);
  });

  it("is read from the project's .gitattributes files", () => {
    const model = getProjectModel(root);
    expect(model.lfsTracked("weights/model.h5")).toBe(true);
    expect(model.lfsTracked("assets/a.png")).toBe(true);
    expect(model.lfsTracked("a.png")).toBe(false);
  });
});

describe("dataTrackingOf", () => {
  it("tells how the project keeps a file, strongest answer first", () => {
    const model = getProjectModel(root);
    const state = (path: string, ...candidates: string[]) => dataTrackingOf(model, path, candidates).state;
    expect(state("data/clean/part-0.csv")).toBe("declared-output");
    expect(state("data/raw/events.csv")).toBe("dvc");
    expect(state("models/w.h5")).toBe("lfs");
    expect(state("data/written.csv")).toBe("written-by-code");
    expect(state("data/lookup.csv")).toBe("committed");
    expect(state("data")).toBe("committed-folder");
    expect(state("data/missing.csv")).toBe("untracked");
    expect(state("lookup.csv", "data/lookup.csv")).toBe("committed");
  });
});
