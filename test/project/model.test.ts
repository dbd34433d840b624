import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clearProjectModelCache, getProjectModel } from "../../src/project/model.js";
import type { ModuleFacts, ProjectModel } from "../../src/project/types.js";

const notebook = (cells: string[][]) =>
  JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: cells.map((source, index) => ({ cell_type: "code", source, execution_count: index + 1, metadata: {}, outputs: [] })) });

/** A small ML project: two scripts handing a file over, a notebook, a package, configs, DVC, and files to leave out. */
const PROJECT: Record<string, string> = {
  ".gitignore": "data/\n*.log\n",
  "params.yaml": "paths:\n  clean: data/clean.csv\ntrain:\n  lr: 0.01\n",
  "dvc.yaml": "stages:\n  prepare:\n    cmd: python 01_load.py\n    deps:\n      - raw.csv\n    outs:\n      - data/clean.csv\n",
  "raw.csv.dvc": "outs:\n  - md5: 0123\n    path: raw.csv\n",
  "requirements.txt": "pandas\n",
  "README.md": "# demo\n",
  "01_load.py": `import pandas as pd
from pkg.features import build
from pkg.sub import helpers
df = pd.read_csv("raw.csv")
build(df).to_csv("data/clean.csv", index=False)
`,
  "02_train.py": `import pickle
import uuid
import yaml
import pandas as pd
import mylib
with open("params.yaml") as f:
    params = yaml.safe_load(f)
df = pd.read_csv(params["paths"]["clean"])
lr = params["train"].get("lr", 0.1)
run_id = uuid.uuid4().hex
with open(f"models/model_{lr}_{run_id}.pkl", "wb") as out:
    pickle.dump(df, out)
`,
  "explore.ipynb": notebook([["import pandas as pd\n", "df = pd.read_csv('data/clean.csv')"], ["%run 01_load.py"]]),
  "broken.py": "def broken(:\n    pass\n",
  "binary.py": "x = 1\u0000\n",
  "pkg/__init__.py": "",
  "pkg/features.py": "from .sub.helpers import scale\nfrom . import sub\nfrom .. import outside\n\ndef build(df):\n    return scale(df)\n",
  "pkg/sub/__init__.py": "",
  "pkg/sub/helpers.py": "def scale(df):\n    return df\n",
  "src/mylib/__init__.py": "",
  "scripts/run.py": "import utils\n",
  "scripts/utils.py": "",
  "sub/.gitignore": "scratch.py\n",
  "sub/scratch.py": "x = 1\n",
  "sub/keep.py": "import os\nDATA = os.environ.get('DATA', '/mnt/shared/data')\n",
  "data/generated.py": "x = 1\n",
  "node_modules/dep/index.py": "x = 1\n",
  ".venv/lib/site.py": "x = 1\n",
  "build/lib/pkg/features.py": "x = 1\n",
  "notes.log": "",
};

let root: string;
let outside: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "mldebt-model-"));
  outside = mkdtempSync(join(tmpdir(), "mldebt-outside-"));
  for (const [file, text] of Object.entries(PROJECT)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  writeFileSync(join(outside, "foreign.py"), "import os\n");
  symlinkSync(join(outside, "foreign.py"), join(root, "linked.py"));
  symlinkSync(outside, join(root, "linked_dir"));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

beforeEach(() => {
  clearProjectModelCache();
});

function moduleOf(model: ProjectModel, file: string): ModuleFacts {
  const facts = model.modules.get(file);
  if (!facts) throw new Error(`no module ${file}`);
  return facts;
}

describe("getProjectModel: discovery", () => {
  it("lists the files mldebt reads, sorted, honouring nested .gitignore files and skipped folders", () => {
    const model = getProjectModel(root);
    expect(model.files).toEqual([
      "01_load.py",
      "02_train.py",
      "binary.py",
      "broken.py",
      "dvc.yaml",
      "explore.ipynb",
      "params.yaml",
      "pkg/__init__.py",
      "pkg/features.py",
      "pkg/sub/__init__.py",
      "pkg/sub/helpers.py",
      "raw.csv.dvc",
      "requirements.txt",
      "scripts/run.py",
      "scripts/utils.py",
      "src/mylib/__init__.py",
      "sub/keep.py",
    ]);
  });

  it("applies the user's ignores", () => {
    const model = getProjectModel(root, { ignores: ["scripts/", "*.ipynb"] });
    expect(model.files.filter((file) => file.startsWith("scripts/") || file.endsWith(".ipynb"))).toEqual([]);
    expect(model.files).toContain("01_load.py");
  });

  it("lists binary sources as skipped and keeps going past a file that does not parse", () => {
    const model = getProjectModel(root);
    expect(model.skipped).toEqual([{ file: "binary.py", reason: expect.stringContaining("NUL bytes") }]);
    expect(model.modules.has("binary.py")).toBe(false);
    expect(moduleOf(model, "broken.py").parseError).toMatch(/line 1/u);
    expect(moduleOf(model, "02_train.py").parseError).toBeUndefined();
  });
});

describe("getProjectModel: facts", () => {
  it("resolves io sites through config values and links readers to writers", () => {
    const model = getProjectModel(root);
    const train = moduleOf(model, "02_train.py");
    expect(train.ioSites.map((site) => [site.api, site.direction, site.path?.text, site.path?.via])).toEqual([
      ["yaml.safe_load", "read", "params.yaml", "literal"],
      ["pandas.read_csv", "read", "data/clean.csv", "config"],
      ["pickle.dump", "write", "models/model_0.01_*.pkl", "config"],
    ]);
    expect(model.writersOf("data/clean.csv").map((site) => [site.file, site.api])).toEqual([["01_load.py", "DataFrame.to_csv"]]);
    expect(model.readersOf("./data/clean.csv").map((site) => site.file)).toEqual(["02_train.py", "explore.ipynb"]);
    expect(model.writersOf("models/model_0.01_5f3a.pkl").map((site) => site.file)).toEqual(["02_train.py"]);
    expect(model.writersOf("models/model_0.02_5f3a.pkl")).toEqual([]);
    expect(model.readersOf("data/other.csv")).toEqual([]);
  });

  it("keeps imports, config reads, definitions and notebook invocations per module", () => {
    const model = getProjectModel(root);
    expect(moduleOf(model, "01_load.py").imports).toEqual(["pandas", "pkg.features", "pkg.sub"]);
    expect(moduleOf(model, "02_train.py").configReads.map((read) => [read.key, read.mechanism, read.source, read.default?.value])).toEqual([
      ["paths.clean", "mapping", "params.yaml", undefined],
      ["train.lr", "get", "params.yaml", 0.1],
    ]);
    const explore = moduleOf(model, "explore.ipynb");
    expect(explore.kind).toBe("notebook");
    expect(explore.invocations).toEqual([{ target: "01_load.py", kind: "script", via: "%run", line: 3, column: 1 }]);
    expect(moduleOf(model, "pkg/features.py").definitions.functions.map((definition) => definition.name)).toEqual(["build"]);
    expect(moduleOf(model, "sub/keep.py").definitions.constants.map((constant) => constant.name)).toEqual(["DATA"]);
  });

  it("reads config files, manifests and DVC-tracked paths", () => {
    const model = getProjectModel(root);
    expect(model.configFiles.map((config) => config.file)).toEqual(["params.yaml"]);
    expect(model.configKey("train.lr")).toEqual([expect.objectContaining({ file: "params.yaml", value: 0.01, line: 4 })]);
    expect(model.configKey("train.lr", "other.yaml")).toEqual([]);
    expect(model.configKey("train.missing")).toEqual([]);
    expect(model.manifests.map((manifest) => [manifest.file, manifest.kind])).toEqual([
      ["dvc.yaml", "dvc"],
      ["raw.csv.dvc", "dvc"],
    ]);
    expect([...model.dvcTracked].sort()).toEqual(["data/clean.csv", "raw.csv"]);
  });
});

describe("getProjectModel: data files named like configs", () => {
  it("leaves out a config file of more than 10,000 keys (data, not settings), keeps one of 10,000", () => {
    const project = mkdtempSync(join(tmpdir(), "mldebt-data-json-"));
    try {
      const keys = (count: number) => JSON.stringify(Object.fromEntries(Array.from({ length: count }, (_, index) => [`n${index}`, index])));
      writeFileSync(join(project, "labels.json"), keys(10_001));
      writeFileSync(join(project, "settings.json"), keys(10_000));
      writeFileSync(join(project, "params.yaml"), "lr: 0.1\n");
      const model = getProjectModel(project);
      expect(model.configFiles.map((config) => config.file)).toEqual(["params.yaml", "settings.json"]);
      expect(model.configKey("n10000")).toEqual([]);
      expect(model.configKey("n9999")).toEqual([expect.objectContaining({ file: "settings.json", value: 9999 })]);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});

describe("getProjectModel: io sites by path", () => {
  it("matches written patterns wherever their wildcard is, in the order the sites appear", () => {
    const project = mkdtempSync(join(tmpdir(), "mldebt-patterns-"));
    try {
      const files: Record<string, string> = {
        "a.py": `import pandas as pd\ndef run(name, day, step):\n    pd.read_csv(f"{name}/scores.csv")\n    pd.read_csv(f"data/{day}/scores.csv")\n    pd.read_csv("data/2024/scores.csv")\n    pd.read_csv(f"/mnt/{step}/scores.csv")\n`,
        "b.py": `import pandas as pd\ndef run(day):\n    pd.read_csv(f"data/{day}/scores.csv")\n    pd.read_csv(f"logs/{day}/scores.csv")\n`,
      };
      for (const [file, text] of Object.entries(files)) writeFileSync(join(project, file), text);
      const model = getProjectModel(project);
      const readers = (path: string) => model.readersOf(path).map((site) => `${site.file}:${site.path?.text}`);
      expect(readers("data/2024/scores.csv")).toEqual(["a.py:data/2024/scores.csv", "a.py:*/scores.csv", "a.py:data/*/scores.csv", "b.py:data/*/scores.csv"]);
      expect(readers("logs/x/scores.csv")).toEqual(["a.py:*/scores.csv", "b.py:logs/*/scores.csv"]);
      expect(readers("/mnt/7/scores.csv")).toEqual(["a.py:*/scores.csv", "a.py:/mnt/*/scores.csv"]);
      expect(readers("other/scores.txt")).toEqual([]);
      // Asked again, the same answer.
      expect(readers("data/2024/scores.csv")).toEqual(["a.py:data/2024/scores.csv", "a.py:*/scores.csv", "a.py:data/*/scores.csv", "b.py:data/*/scores.csv"]);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});

describe("getProjectModel: import resolution", () => {
  it("resolves absolute, package, relative, src-layout and script-folder imports", () => {
    const model = getProjectModel(root);
    expect(model.moduleForImport("01_load.py", "pkg.features")).toBe("pkg/features.py");
    expect(model.moduleForImport("01_load.py", "pkg.sub")).toBe("pkg/sub/__init__.py");
    expect(model.moduleForImport("pkg/features.py", ".sub.helpers")).toBe("pkg/sub/helpers.py");
    expect(model.moduleForImport("pkg/features.py", ".")).toBe("pkg/__init__.py");
    expect(model.moduleForImport("pkg/sub/helpers.py", "..features")).toBe("pkg/features.py");
    expect(model.moduleForImport("02_train.py", "mylib")).toBe("src/mylib/__init__.py");
    expect(model.moduleForImport("scripts/run.py", "utils")).toBe("scripts/utils.py");
  });

  it("returns null for third-party modules and relative imports above the root", () => {
    const model = getProjectModel(root);
    expect(model.moduleForImport("01_load.py", "pandas")).toBeNull();
    expect(model.moduleForImport("01_load.py", "utils")).toBeNull();
    expect(model.moduleForImport("pkg/features.py", "..outside")).toBeNull();
  });
});

describe("getProjectModel: caching", () => {
  it("builds once per root and ignore list, until the cache is cleared", () => {
    const first = getProjectModel(root);
    expect(getProjectModel(join(root, "pkg", ".."))).toBe(first);
    expect(getProjectModel(root, { ignores: ["scripts/"] })).not.toBe(first);
    clearProjectModelCache();
    expect(getProjectModel(root)).not.toBe(first);
  });
});
