import { describe, expect, it } from "vitest";
import { buildNotebookProgram, cellPositionOf } from "../../src/languages/notebook/program.js";
import { neutralizeCell } from "../../src/languages/notebook/magics.js";
import { parsePython } from "../../src/languages/python/parse.js";
import { notebook } from "../helpers/rule-tester.js";

describe("IPython syntax", () => {
  it.each([
    ["%matplotlib inline", "line-magic", "matplotlib", "inline"],
    ["%run prepare.py --fast", "line-magic", "run", "prepare.py --fast"],
    ["!python train.py", "shell", "!", "python train.py"],
    ["files = !ls data", "shell", "!", "ls data"],
    ["    %time fit()", "line-magic", "time", "fit()"],
  ])("%s is recorded and neutralised to the same length", (source, kind, name, args) => {
    const cell = neutralizeCell(source);
    expect(cell.magics).toMatchObject([{ kind, name, args }]);
    expect(cell.source.length).toBe(source.length);
    expect(parsePython(cell.source.trimStart()).ok).toBe(true);
  });

  it("a cell magic with a non-Python body blanks the cell; %%time keeps its Python", () => {
    const bash = neutralizeCell("%%bash\nfor f in *.csv; do echo $f; done");
    expect(bash.magics[0]).toMatchObject({ kind: "cell-magic", name: "bash" });
    expect(parsePython(bash.source).ok).toBe(true);
    const timed = neutralizeCell("%%time\nmodel.fit(X, y)");
    expect(timed.source).toBe("0     \nmodel.fit(X, y)");
  });

  it("a `%` continuing an expression is the modulo operator, not a magic", () => {
    const cell = neutralizeCell("x = (a\n     % b)\ny = f'''\n%notmagic\n'''");
    expect(cell.magics).toEqual([]);
  });

  it("a shell escape continued with a backslash spans its next lines", () => {
    const cell = neutralizeCell("!saved_model_cli show --dir '{path}' \\\n    --signature_def serving_default\nx = 1");
    expect(cell.magics).toMatchObject([{ kind: "shell", args: "saved_model_cli show --dir '{path}' --signature_def serving_default" }]);
    expect(parsePython(cell.source).ok).toBe(true);
    expect(cell.source.split("\n")[2]).toBe("x = 1");
  });

  it("help syntax is understood", () => {
    expect(parsePython(neutralizeCell("df.head?").source).ok).toBe(true);
  });
});

describe("notebook programs", () => {
  const json = notebook({ markdown: "# Title" }, "import pandas as pd\n%matplotlib inline", { code: "df = pd.read_csv('x.csv')\ndf.head()", executionCount: 7 }, { code: "print(1)", executionCount: null });
  const built = buildNotebookProgram(json);

  it("joins code cells in order, skipping markdown and outputs", () => {
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.program.text).toBe("import pandas as pd\n0                 \ndf = pd.read_csv('x.csv')\ndf.head()\nprint(1)");
    expect(built.program.cells.map((cell) => [cell.index, cell.cellType, cell.executionCount, cell.programLine])).toEqual([
      [1, "markdown", null, 0],
      [2, "code", 2, 1],
      [3, "code", 7, 3],
      [4, "code", null, 5],
    ]);
  });

  it("maps program lines back to cell and line within the cell", () => {
    if (!built.ok) return;
    expect(cellPositionOf(built.program, 4, 1)).toEqual({ cell: 3, line: 2, column: 1 });
    expect(cellPositionOf(built.program, 5, 3)).toEqual({ cell: 4, line: 1, column: 3 });
  });

  it("rejects notebooks of the wrong shape with a clear message", () => {
    expect(buildNotebookProgram("[]")).toMatchObject({ ok: false, error: { message: expect.stringMatching(/JSON object/u) } });
    expect(buildNotebookProgram(JSON.stringify({ worksheets: [] }))).toMatchObject({ ok: false, error: { message: expect.stringMatching(/nbformat 3/u) } });
    expect(buildNotebookProgram(JSON.stringify({ cells: [{ cell_type: "widget" }] }))).toMatchObject({ ok: false, error: { message: expect.stringMatching(/cell_type "widget"/u) } });
  });

  it("a notebook of another kernel has no Python to lint", () => {
    const r = JSON.stringify({ metadata: { kernelspec: { language: "R" } }, cells: [{ cell_type: "code", source: "library(x)" }] });
    const result = buildNotebookProgram(r);
    expect(result.ok && result.program.language).toBe("r");
  });
});
