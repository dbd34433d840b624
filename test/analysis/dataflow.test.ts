import { describe, expect, it } from "vitest";
import { parsePython } from "../../src/languages/python/parse.js";
import type { PyNode } from "../../src/languages/python/nodes.js";
import { flowOf, type Definition } from "../../src/analysis/dataflow/program-flow.js";

function parse(code: string) {
  const parsed = parsePython(code);
  if (!parsed.ok) throw new Error("syntax error in test code");
  return parsed.ast;
}

/** The outermost node on `line` whose source text is `text` (the read the test asks about). */
function nodeAt(root: PyNode, code: string, line: number, text: string): PyNode {
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.shift()!;
    if (node.loc.start.line === line && code.slice(node.range[0], node.range[1]) === text) return node;
    stack.push(...node.children);
  }
  throw new Error(`no node ${text} on line ${line}`);
}

const label = (definition: Definition) => `${definition.path}@${definition.target.loc.start.line}`;

/** `path@line` of every definition the expression's value comes from. */
/** `path@line` of every definition the value of `expression` (on the last line) comes from. */
function lineage(code: string, expression: string): string[] {
  const root = parse(code);
  const flow = flowOf(root);
  return [...flow.lineageOfExpression(nodeAt(root, code, code.split("\n").length, expression))].map(label).sort();
}

/** `path@line` of the definitions reaching the read `expression` on the last line. */
function reaching(code: string, expression: string): string[] {
  const root = parse(code);
  return flowOf(root).reachingAt(nodeAt(root, code, code.split("\n").length, expression)).map(label).sort();
}

describe("reaching definitions", () => {
  it("a reassignment kills the earlier definition", () => {
    expect(reaching("x = 1\nx = 2\ny = x", "x")).toEqual(["x@2"]);
  });

  it("both branches of an if reach the join; a branch-only assignment keeps the earlier one", () => {
    expect(reaching("x = 1\nif c:\n    x = 2\nelse:\n    x = 3\ny = x", "x")).toEqual(["x@3", "x@5"]);
    expect(reaching("x = 1\nif c:\n    x = 2\ny = x", "x")).toEqual(["x@1", "x@3"]);
    expect(reaching("x = 1\nif a:\n    x = 2\nelif b:\n    x = 3\nelse:\n    x = 4\ny = x", "x")).toEqual(["x@3", "x@5", "x@7"]);
  });

  it("a value carried from one iteration to the next reaches the loop's top", () => {
    const code = "acc = 0\nfor v in values:\n    y = acc\n    acc = acc + v\nz = acc";
    expect(reaching(code, "acc")).toEqual(["acc@1", "acc@4"]);
    const root = parse(code);
    expect(flowOf(root).reachingAt(nodeAt(root, code, 3, "acc")).map(label).sort()).toEqual(["acc@1", "acc@4"]);
  });

  it("try, except and finally join", () => {
    expect(reaching("x = 1\ntry:\n    x = 2\nexcept E:\n    x = 3\ny = x", "x")).toEqual(["x@3", "x@5"]);
  });

  it("functions see their parameters first, then the module's final definitions", () => {
    const code = "data = load()\ndef f(data):\n    return data\ndef g():\n    return data\ndata = other()";
    const root = parse(code);
    const flow = flowOf(root);
    expect(flow.reachingAt(nodeAt(root, code, 3, "data")).map(label)).toEqual(["data@2"]);
    expect(flow.reachingAt(nodeAt(root, code, 5, "data")).map(label)).toEqual(["data@6"]);
  });

  it("lambda parameters and match captures are bound", () => {
    const code = "k = 2\nf = lambda a, b=k: a + b\nmatch cmd:\n    case [x, Point(y=yy)]:\n        use(x, yy)";
    const root = parse(code);
    const flow = flowOf(root);
    expect(flow.reachingAt(nodeAt(root, code, 2, "k")).map(label)).toEqual(["k@1"]);
    const a = nodeAt(root, code, 2, "a + b").children[0]!;
    expect(flow.reachingAt(a).map(label)).toEqual(["a@2"]);
    expect(flow.reachingAt(nodeAt(root, code, 5, "x")).map(label)).toEqual(["x@4"]);
    expect(flow.reachingAt(nodeAt(root, code, 5, "yy")).map(label)).toEqual(["yy@4"]);
  });

  it("attribute paths are their own names", () => {
    expect(reaching("self.a = x\nself.b = y\nz = self.a", "self.a")).toEqual(["self.a@1"]);
  });
});

describe("lineage", () => {
  it("follows reassignments, method chains and subscripts", () => {
    const code = "import pandas as pd\ndf = pd.read_csv('x')\nX = df.drop('y', axis=1)\nX2 = X.fillna(0)\nX3 = X2[cols].values\nuse(X3)";
    expect(lineage(code, "X3")).toEqual(["X2@4", "X3@5", "X@3", "df@2", "pd@1"]);
  });

  it("unpacks tuples pairwise when both sides are lists, else as a whole", () => {
    expect(lineage("x = 1\ny = 2\na, b = x, y\nuse(b)", "b")).toEqual(["b@3", "y@2"]);
    const root = parse("x = 1\ny = 2\na, b = f(x, y)\nuse(b)");
    const flow = flowOf(root);
    const b = flow.definitions.find((definition) => definition.path === "b")!;
    expect(b.kind).toBe("unpack");
    expect(b.position).toEqual([1]);
    expect(b.width).toEqual([2]);
    expect([...b.sources].map(label).sort()).toEqual(["x@1", "y@2"]);
  });

  it("augmented assignment reads the old value", () => {
    expect(lineage("x = a\nx += b\nuse(x)", "x")).toEqual(["x@1", "x@2"]);
  });

  it("writes through subscripts, in-place methods and fits change the receiver", () => {
    expect(lineage("df = load()\ndf['a'] = extra\nuse(df)", "df")).toEqual(["df@1", "df@2"]);
    expect(lineage("other = 0\ndf = load()\ndf.fillna(other, inplace=True)\nuse(df)", "df")).toEqual(["df@2", "df@3", "other@1"]);
    expect(lineage("X = load()\ns = Scaler()\ns.fit(X)\nZ = s.transform(W)\nuse(Z)", "Z")).toEqual(["X@1", "Z@4", "s@2", "s@3"]);
    expect(lineage("rows = []\nrows.append(r)\nr = 1\nuse(rows)", "rows")).toEqual(["rows@1", "rows@2"]);
  });

  it("a non-mutating method called for its value does not change the receiver", () => {
    expect(lineage("df = load()\nclean = df.dropna()\nuse(df)", "df")).toEqual(["df@1"]);
  });

  it("descriptive reads carry no rows", () => {
    expect(lineage("t = load()\nn = len(t)\nm = t.shape[0]\nz = f(n, m)\nuse(z)", "z")).toEqual(["m@3", "n@2", "z@4"]);
  });

  it("comprehensions and loops read their iterables", () => {
    expect(lineage("src = load()\nout = [g(v) for v in src]\nuse(out)", "out")).toEqual(["out@2", "src@1", "v@2"]);
    expect(lineage("src = load()\nfor tr, te in src:\n    z = te\nuse(z)", "z")).toEqual(["src@1", "te@2", "z@3"]);
  });

  it("derivedFrom follows the flow forward", () => {
    const code = "a = load()\nb = a + 1\nc = other()\nd = [b, c]";
    const root = parse(code);
    const flow = flowOf(root);
    const a = flow.definitions.find((definition) => definition.path === "a")!;
    expect([...flow.derivedFrom([a])].map(label).sort()).toEqual(["a@1", "b@2", "d@4"]);
  });

  it("a stop predicate keeps a definition but not its history", () => {
    const code = "a = load()\nb = a\nc = b";
    const root = parse(code);
    const flow = flowOf(root);
    const names = [...flow.lineageOfExpression(nodeAt(root, code, 3, "b"), (definition) => definition.path === "b")].map(label);
    expect(names).toEqual(["b@2"]);
  });

  it("notebook-sized programs with nested loops stay fast", () => {
    const body = Array.from({ length: 400 }, (_, index) => `for i in r:\n    for j in r:\n        for k in r:\n            for l in r:\n                x${index % 7} = x${(index + 1) % 7} + i`).join("\n");
    const start = performance.now();
    flowOf(parse(body));
    expect(performance.now() - start).toBeLessThan(2000);
  });
});
