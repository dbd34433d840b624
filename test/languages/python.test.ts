import { describe, expect, it } from "vitest";
import { Linter } from "eslint";
import plugin from "../../src/index.js";
import { parsePython } from "../../src/languages/python/parse.js";
import { field, fieldAll, type PyNode } from "../../src/languages/python/nodes.js";

function parseOk(text: string) {
  const result = parsePython(text);
  if (!result.ok) throw new Error(`expected to parse: ${JSON.stringify(result.errors)}`);
  return result.ast;
}

function find(node: PyNode, type: string): PyNode | undefined {
  if (node.type === type) return node;
  for (const child of node.children) {
    const found = find(child, type);
    if (found) return found;
  }
  return undefined;
}

describe("parsing Python", () => {
  it.each([
    ["match statement (3.10)", "match command:\n    case [x, *rest]:\n        pass\n    case {'k': v}:\n        pass\n    case _:\n        pass\n"],
    ["PEP 695 generics and type aliases (3.12)", "type Pair[T] = tuple[T, T]\ndef first[T](xs: list[T]) -> T:\n    return xs[0]\nclass Box[T]:\n    pass\n"],
    ["PEP 701 f-strings with nested quotes (3.12)", 'name = "x"\nprint(f"{"nested"} {name!r:>{10}} {f"{1 + 1}"}")\n'],
    ["walrus, async, decorators", "import asyncio\n@dataclass\nclass A:\n    x: int = 0\nasync def f():\n    if (n := len([])) > 0:\n        await asyncio.sleep(n)\n"],
    ["except groups (3.11)", "try:\n    pass\nexcept* ValueError as e:\n    pass\n"],
  ])("%s parses", (_, source) => {
    expect(parseOk(source).type).toBe("module");
  });

  it("the module spans the whole text, leading comments and trailing blank lines included", () => {
    const text = "# header\n\nx = 1\n\n\n";
    const ast = parseOk(text);
    expect(ast.range).toEqual([0, text.length]);
    expect(ast.comments.map((comment) => comment.value)).toEqual([" header"]);
  });

  it("nodes carry type, range, loc (UTF-16 columns), parent and grammar fields", () => {
    const text = 'label = "é😀"; y = np.mean(x, axis=0)\n';
    const ast = parseOk(text);
    const call = find(ast, "call")!;
    // "é" is one UTF-16 unit, "😀" two: the call starts at 19 as ESLint counts columns.
    expect(call.range).toEqual([19, 37]);
    expect(call.loc).toEqual({ start: { line: 1, column: 19 }, end: { line: 1, column: 37 } });
    expect(field(call, "function")!.type).toBe("attribute");
    expect(field(call, "arguments")!.parent).toBe(call);
    expect(text.slice(...call.range)).toBe("np.mean(x, axis=0)");
  });

  it("repeated fields are arrays and operators are strings", () => {
    const ast = parseOk("import a, b as c\nok = 1 < x <= 3 and not y\n");
    expect(fieldAll(find(ast, "import_statement")!, "name").map((node) => node.type)).toEqual(["dotted_name", "aliased_import"]);
    expect(find(ast, "comparison_operator")!.operators).toEqual(["<", "<="]);
    expect(find(ast, "boolean_operator")!.operator).toBe("and");
  });

  it("a string's children are its parts, without its delimiters (prefix and quotes)", () => {
    const strings = (text: string) => {
      const found: PyNode[] = [];
      const walk = (node: PyNode) => {
        if (node.type === "string") found.push(node);
        node.children.forEach(walk);
      };
      walk(parseOk(text));
      return found.map((node) => [text.slice(...node.range), node.children.map((child) => child.type)]);
    };
    expect(strings('x = f"a{b}c"\ny = ""\nz = rb\'\\d\'\n')).toEqual([
      ['f"a{b}c"', ["string_content", "interpolation", "string_content"]],
      ['""', []],
      ["rb'\\d'", ["string_content"]],
    ]);
  });

  it("the grammar field `type` does not clobber the node type", () => {
    const ast = parseOk("def f(x: int = 1) -> str:\n    pass\n");
    const parameter = find(ast, "typed_default_parameter")!;
    expect(parameter.type).toBe("typed_default_parameter");
    expect((parameter.typeNode as PyNode).type).toBe("type");
  });

  it("a syntax error is a result, with a 1-based line and 0-based column", () => {
    const result = parsePython("x = 1\ndef f(:\n    pass\n");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ line: 2, column: 6 });
  });

  it("deeply nested expressions neither crash nor overflow the stack", () => {
    const depth = 5000;
    const result = parsePython(`x = ${"(".repeat(depth)}1${")".repeat(depth)}\n`);
    expect(typeof result.ok).toBe("boolean");
  });
});

describe("as an ESLint language", () => {
  const linter = new Linter({ configType: "flat" });
  const seen: string[] = [];
  const probe = {
    meta: { messages: { hit: "hit {{text}}" } },
    create(context: { sourceCode: { getText(node: unknown): string; getAncestors(node: unknown): unknown[] }; report(d: unknown): void }) {
      return {
        "call > attribute.function"(node: PyNode) {
          seen.push(`${context.sourceCode.getText(node)}:${context.sourceCode.getAncestors(node).length}`);
        },
        'identifier[text="flag"]'(node: PyNode) {
          context.report({ node, messageId: "hit", data: { text: "flag" } });
        },
      };
    },
  };
  const config = [
    {
      files: ["**/*.py"],
      plugins: { mldebt: plugin as never, probe: { rules: { probe } } as never },
      language: "mldebt/python",
      rules: { "probe/probe": "warn" as const },
    },
  ];

  it("selectors with fields and attributes match; getAncestors works", () => {
    seen.length = 0;
    const messages = linter.verify("import numpy as np\nnp.mean(flag)\n", config, "a.py");
    expect(seen).toEqual(["np.mean:3"]);
    expect(messages).toMatchObject([{ ruleId: "probe/probe", line: 2, column: 9 }]);
  });

  it.each([
    ["# eslint-disable-next-line probe/probe", "# eslint-disable-next-line probe/probe\nflag\nflag\n", [3]],
    ["# eslint-disable / # eslint-enable range", "flag\n# eslint-disable probe/probe\nflag\n# eslint-enable probe/probe\nflag\n", [1, 5]],
    ["# eslint-disable-line", "flag  # eslint-disable-line\nflag\n", [2]],
    ["the short Python form, all rules", "flag  # mldebt: ignore\nflag\n", [2]],
    ["the short Python form, one rule", "flag  # mldebt: ignore[probe/probe]\nflag  # mldebt: ignore[unseeded-randomness]\n", [2]],
  ])("directive: %s", (_, code, lines) => {
    const messages = linter.verify(code, config, "a.py").filter((message) => message.ruleId === "probe/probe");
    expect(messages.map((message) => message.line)).toEqual(lines);
  });

  it("a syntax error is one fatal message and rules do not run", () => {
    const messages = linter.verify("flag\ndef f(:\n", config, "a.py");
    expect(messages).toMatchObject([{ fatal: true, ruleId: null, line: 2, column: 7 }]);
  });
});
