import { describe, expect, it } from "vitest";
import { buildNotebookProgram } from "../../src/languages/notebook/program.js";
import { parsePython } from "../../src/languages/python/parse.js";
import { extractDefinitions, extractInvocations } from "../../src/project/python/definitions.js";
import { moduleScopeOf } from "../../src/project/python/scope.js";
import type { Invocation, ModuleDefinitions } from "../../src/project/types.js";

function definitionsOf(source: string): ModuleDefinitions {
  const parsed = parsePython(source);
  if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
  return extractDefinitions(parsed.ast, moduleScopeOf(parsed.ast, source, "train.py"));
}

function invocationsOf(source: string, file = "run.py"): Invocation[] {
  const parsed = parsePython(source);
  if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
  return extractInvocations(parsed.ast, moduleScopeOf(parsed.ast, source, file));
}

/** `via target @line` per invocation. */
function summary(invocations: Invocation[]): string[] {
  return invocations.map((invocation) => `${invocation.via} ${invocation.target} @${invocation.line}`);
}

describe("extractDefinitions", () => {
  it("lists module-level functions, classes and constants, and finds the main guard", () => {
    const source = `import torch
SEED = 42
LAYERS = [64, 32]
MODEL_DIR = "models/" + "v1"
counter = 0
counter += 1
def train():
    def inner():
        pass
class Net(torch.nn.Module):
    def forward(self, x):
        return x
try:
    import apex
    def fused():
        pass
except ImportError:
    pass
@torch.no_grad()
def evaluate():
    pass
if __name__ == "__main__":
    train()
`;
    const definitions = definitionsOf(source);
    expect(definitions.functions).toEqual([
      { name: "train", line: 7, column: 5 },
      { name: "fused", line: 15, column: 9 },
      { name: "evaluate", line: 20, column: 5 },
    ]);
    expect(definitions.classes).toEqual([{ name: "Net", line: 10, column: 7 }]);
    expect(definitions.constants).toEqual([
      { name: "SEED", line: 2, column: 1, text: "42", value: 42 },
      { name: "LAYERS", line: 3, column: 1, text: "[64, 32]", value: [64, 32] },
      { name: "MODEL_DIR", line: 4, column: 1, text: `"models/" + "v1"` },
    ]);
    expect(definitions.hasMainGuard).toBe(true);
  });

  it("accepts the reversed main guard and rejects look-alikes", () => {
    expect(definitionsOf(`if "__main__" == __name__:\n    pass\n`).hasMainGuard).toBe(true);
    expect(definitionsOf(`if __name__ != "__main__":\n    pass\n`).hasMainGuard).toBe(false);
    expect(definitionsOf(`def f():\n    if __name__ == "__main__":\n        pass\n`).hasMainGuard).toBe(false);
  });
});

describe("extractInvocations", () => {
  it("finds scripts run through subprocess argv lists and command strings", () => {
    const source = `import subprocess, os, sys
SCRIPT = "src/train.py"
subprocess.run(["python", "src/prepare.py", "--in", "data/raw.csv"], check=True)
subprocess.check_call([sys.executable, SCRIPT])
os.system("python -m pkg.evaluate && python ./src/report.py")
subprocess.Popen("cd src && python features.py", shell=True)
subprocess.run(["ls", "-l"])
subprocess.call("python src/evaluate.py --fast".split())
`;
    const found = invocationsOf(source);
    expect(summary(found)).toEqual([
      "subprocess.run src/prepare.py @3",
      "subprocess.check_call src/train.py @4",
      "os.system pkg/evaluate.py @5",
      "os.system src/report.py @5",
      "subprocess.Popen src/features.py @6",
      "subprocess.call src/evaluate.py @8",
    ]);
    expect(found[0]).toMatchObject({ kind: "script", command: "python src/prepare.py --in data/raw.csv", column: 1 });
  });

  it("finds runpy, exec(open(...).read()) and papermill runs", () => {
    const source = `import runpy
import papermill as pm
from pathlib import Path
runpy.run_path("scripts/other.py")
runpy.run_module("pkg.mod")
exec(open("config_script.py").read())
exec(compile(Path("setup_env.py").read_text(), "setup_env.py", "exec"))
pm.execute_notebook("notebooks/explore.ipynb", "out.ipynb")
`;
    const found = invocationsOf(source);
    expect(summary(found)).toEqual([
      "runpy.run_path scripts/other.py @4",
      "runpy.run_module pkg/mod.py @5",
      "exec config_script.py @6",
      "exec setup_env.py @7",
      "papermill.execute_notebook notebooks/explore.ipynb @8",
    ]);
    expect(found[4]!.kind).toBe("notebook");
  });

  it("resolves __file__-relative script paths to the project root", () => {
    const source = `import os, subprocess\nhere = os.path.dirname(__file__)\nsubprocess.run(["python", os.path.join(here, "step2.py")])\nrunpy_target = os.path.join(here, "step3.py")\n`;
    expect(summary(invocationsOf(source, "pipeline/run_all.py"))).toEqual(["subprocess.run pipeline/step2.py @3"]);
  });

  it("ignores look-alikes: no import, a local run function, exec of a string", () => {
    const source = `def system(cmd):\n    pass\nsystem("python a.py")\nsubprocess.run(["python", "b.py"])\nexec("print(1)")\n`;
    expect(invocationsOf(source)).toEqual([]);
  });

  it("finds %run, !python and %%bash cells of notebooks at program lines", () => {
    const notebook = JSON.stringify({
      nbformat: 4,
      metadata: {},
      cells: [
        { cell_type: "markdown", source: "# Pipeline" },
        { cell_type: "code", source: ["import os\n", "%run ./src/prepare.py --fast\n", "!python src/train.py"], execution_count: 1 },
        { cell_type: "code", source: ["%%bash\n", "cd src\n", "python evaluate.py\n"], execution_count: 2 },
        { cell_type: "code", source: "%run -m pkg.report", execution_count: 3 },
      ],
    });
    const built = buildNotebookProgram(notebook);
    if (!built.ok) throw new Error(built.error.message);
    const parsed = parsePython(built.program.text);
    if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
    const found = extractInvocations(parsed.ast, moduleScopeOf(parsed.ast, built.program.text, "explore.ipynb"), built.program.cells);
    expect(found.map((invocation) => [invocation.via, invocation.target, invocation.line, invocation.column])).toEqual([
      ["%run", "src/prepare.py", 2, 1],
      ["!", "src/train.py", 3, 1],
      ["%%bash", "src/evaluate.py", 6, 1],
      ["%run", "pkg/report.py", 8, 1],
    ]);
  });
});
