import { describe, expect, it } from "vitest";
import { configFormatOf, parseConfigFile } from "../../src/project/config-files.js";
import type { ConfigFileModel, ConfigKey } from "../../src/project/types.js";

/** The key at `path`, failing the test when it is missing. */
function key(model: ConfigFileModel, path: string): ConfigKey {
  const found = model.keys.find((entry) => entry.path === path);
  if (!found) throw new Error(`no key ${path} in ${model.keys.map((entry) => entry.path).join(", ")}`);
  return found;
}

function where(entry: ConfigKey): [number, number, number, number] {
  return [entry.line, entry.column, entry.valueLine, entry.valueColumn];
}

describe("configFormatOf", () => {
  it("tells the format from the file name", () => {
    expect(configFormatOf("params.yaml")).toBe("yaml");
    expect(configFormatOf("conf/train.YML")).toBe("yaml");
    expect(configFormatOf("configs/model.json")).toBe("json");
    expect(configFormatOf("pyproject.toml")).toBe("toml");
    expect(configFormatOf("settings/hparams.toml")).toBe("toml");
    expect(configFormatOf(".env")).toBe("env");
    expect(configFormatOf("deploy/.env.production")).toBe("env");
    expect(configFormatOf("docker/app.env")).toBe("env");
    expect(configFormatOf("conf\\windows.yaml")).toBe("yaml");
  });

  it("leaves out package, tool, CI and pipeline files and other extensions", () => {
    for (const file of [
      "package.json",
      "web/package-lock.json",
      "tsconfig.json",
      "tsconfig.build.json",
      "pnpm-lock.yaml",
      "dvc.yaml",
      "environment.yml",
      ".pre-commit-config.yaml",
      ".github/workflows/ci.yml",
      ".vscode/settings.json",
      "notebooks/explore.ipynb",
      "poetry.lock",
      "dvc.lock",
      "train.py",
      ".envrc",
      "README.md",
    ]) {
      expect(configFormatOf(file), file).toBeNull();
    }
  });
});

describe("parseConfigFile: YAML", () => {
  const yaml = [
    "seed: 42", //                          1
    "train:", //                            2
    "  optimizer:", //                      3
    "    name: adam", //                    4
    "    lr: 0.001", //                     5
    "  layers: [64, 32]", //                6
    "  callbacks:", //                      7
    "    - name: early_stop", //            8
    "      patience: 3", //                 9
    "  note:", //                           10
  ].join("\n");

  it("lists every nested key with its dotted path, value and positions", () => {
    const model = parseConfigFile("params.yaml", yaml);
    expect(model.format).toBe("yaml");
    expect(model.errors).toEqual([]);
    expect(model.keys.map((entry) => entry.path)).toEqual([
      "seed",
      "train",
      "train.optimizer",
      "train.optimizer.name",
      "train.optimizer.lr",
      "train.layers",
      "train.layers[0]",
      "train.layers[1]",
      "train.callbacks",
      "train.callbacks[0]",
      "train.callbacks[0].name",
      "train.callbacks[0].patience",
      "train.note",
    ]);
    const lr = key(model, "train.optimizer.lr");
    expect(lr).toMatchObject({ name: "lr", value: 0.001, isContainer: false });
    expect(where(lr)).toEqual([5, 5, 5, 9]);
    expect(key(model, "train.optimizer")).toMatchObject({ isContainer: true, value: { name: "adam", lr: 0.001 } });
    expect(where(key(model, "train.optimizer"))).toEqual([3, 3, 4, 5]);
    expect(key(model, "train.layers[1]")).toMatchObject({ name: "[1]", value: 32 });
    expect(where(key(model, "train.layers[1]"))).toEqual([6, 16, 6, 16]);
    expect(key(model, "train.callbacks[0]").isContainer).toBe(true);
    expect(where(key(model, "train.callbacks[0].patience"))).toEqual([9, 7, 9, 17]);
    expect(key(model, "train.note").value).toBeNull();
    expect(key(model, "seed").value).toBe(42);
  });

  it("resolves anchors and merge keys, reporting merged keys at the merge line", () => {
    const text = [
      "base: &base", //                  1
      "  lr: 0.1", //                    2
      "  batch: 32", //                  3
      "  opt: {name: sgd}", //           4
      "small: &small", //                5
      "  batch: 8", //                   6
      "  depth: 2", //                   7
      "train:", //                       8
      "  <<: [*small, *base]", //        9
      "  lr: 0.2", //                    10
      "copy: *base", //                  11
    ].join("\n");
    const model = parseConfigFile("conf.yaml", text);
    expect(model.errors).toEqual([]);
    expect(model.keys.filter((entry) => entry.path.startsWith("train.")).map((entry) => entry.path)).toEqual([
      "train.batch",
      "train.depth",
      "train.opt",
      "train.opt.name",
      "train.lr",
    ]);
    // The earlier merge source wins over the later, the explicit key over both.
    expect(key(model, "train.batch").value).toBe(8);
    expect(key(model, "train.lr").value).toBe(0.2);
    expect(where(key(model, "train.lr"))).toEqual([10, 3, 10, 7]);
    expect(where(key(model, "train.batch"))).toEqual([9, 3, 9, 7]);
    expect(where(key(model, "train.opt.name"))).toEqual([9, 3, 9, 7]);
    expect(key(model, "train").value).toEqual({ batch: 8, depth: 2, lr: 0.2, opt: { name: "sgd" } });
    // Keys under an alias are reported at the alias.
    expect(key(model, "copy.lr").value).toBe(0.1);
    expect(where(key(model, "copy.lr"))).toEqual([11, 7, 11, 7]);
  });

  it("reads every document of a multi-document file from the root path", () => {
    const model = parseConfigFile("multi.yml", "a: 1\n---\nb:\n  c: 2\n");
    expect(model.keys.map((entry) => [entry.path, entry.line])).toEqual([
      ["a", 1],
      ["b", 3],
      ["b.c", 4],
    ]);
  });

  it("reports broken YAML with its line and keeps the keys it could read", () => {
    const model = parseConfigFile("bad.yaml", "epochs: 10\nlayers: [1, 2\nlr: 0.1\n");
    expect(model.errors.length).toBeGreaterThan(0);
    expect(model.errors[0]).toMatchObject({ line: 3, column: 1 });
    expect(key(model, "epochs").value).toBe(10);
  });

  it("reports duplicate keys and bad indentation without throwing", () => {
    expect(parseConfigFile("dup.yaml", "a: 1\na: 2\n").errors[0]).toMatchObject({ line: 2, column: 1 });
    const bad = parseConfigFile("indent.yaml", "a:\n  b: 1\n c: 2\n");
    expect(bad.errors.length).toBeGreaterThan(0);
    expect(bad.errors[0]?.line).toBe(3);
  });

  it("reports an alias bomb instead of expanding it", () => {
    const lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
    for (const [index, name] of ["b", "c", "d", "e", "f", "g", "h"].entries()) {
      const previous = index === 0 ? "a" : ["b", "c", "d", "e", "f", "g"][index - 1];
      lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(", ")}]`);
    }
    const model = parseConfigFile("bomb.yaml", lines.join("\n"));
    expect(model.errors.map((error) => error.message).join(" ")).toMatch(/alias/i);
    expect(model.keys.length).toBeLessThan(1000);
  });

  it("has no keys and no errors for an empty file or a lone scalar", () => {
    expect(parseConfigFile("empty.yaml", "")).toMatchObject({ keys: [], errors: [] });
    expect(parseConfigFile("scalar.yaml", "just text\n")).toMatchObject({ keys: [], errors: [] });
  });

  it("lists the items of a top-level list", () => {
    const model = parseConfigFile("list.yaml", "- name: a\n- name: b\n");
    expect(model.keys.map((entry) => entry.path)).toEqual(["[0]", "[0].name", "[1]", "[1].name"]);
    expect(key(model, "[1].name").line).toBe(2);
  });

  it("turns YAML 1.1 timestamps into text", () => {
    const model = parseConfigFile("old.yaml", "%YAML 1.1\n---\nwhen: 2024-01-02\n");
    expect(key(model, "when").value).toBe("2024-01-02T00:00:00.000Z");
  });
});

describe("parseConfigFile: JSON", () => {
  it("lists nested keys with positions", () => {
    const text = ['{', '  "model": {', '    "layers": [64, {"units": 32}],', '\t"dropout": 0.5', "  },", '  "name": "cnn"', "}"].join("\n");
    const model = parseConfigFile("config.json", text);
    expect(model.format).toBe("json");
    expect(model.errors).toEqual([]);
    expect(model.keys.map((entry) => entry.path)).toEqual([
      "model",
      "model.layers",
      "model.layers[0]",
      "model.layers[1]",
      "model.layers[1].units",
      "model.dropout",
      "name",
    ]);
    expect(where(key(model, "model.layers"))).toEqual([3, 5, 3, 15]);
    expect(where(key(model, "model.layers[1].units"))).toEqual([3, 21, 3, 30]);
    expect(where(key(model, "model.dropout"))).toEqual([4, 2, 4, 13]);
    expect(key(model, "model").value).toEqual({ layers: [64, { units: 32 }], dropout: 0.5 });
    expect(key(model, "model").isContainer).toBe(true);
    expect(key(model, "name").value).toBe("cnn");
  });

  it("reads values as JSON.parse does, __proto__ keys included", () => {
    const text = '{"a": "x\\u00e9\\n", "b": -1.5e3, "c": [true, false, null], "__proto__": {"d": 1}}';
    const model = parseConfigFile("v.json", text);
    expect(model.errors).toEqual([]);
    expect(key(model, "a").value).toBe("xé\n");
    expect(key(model, "b").value).toBe(-1500);
    expect(key(model, "c").value).toEqual([true, false, null]);
    expect(key(model, "__proto__.d").value).toBe(1);
  });

  it("rejects comments, with the line and column, keeping the keys before them", () => {
    const model = parseConfigFile("c.json", '{\n  "lr": 0.1, // learning rate\n  "epochs": 3\n}');
    expect(model.errors).toHaveLength(1);
    expect(model.errors[0]).toMatchObject({ line: 2, column: 14 });
    expect(key(model, "lr").value).toBe(0.1);
    expect(model.keys.some((entry) => entry.path === "epochs")).toBe(false);
  });

  it("rejects trailing commas, single quotes, bare words and trailing text", () => {
    expect(parseConfigFile("a.json", '{"a": [1, 2,]}').errors[0]).toMatchObject({ line: 1, column: 13 });
    expect(parseConfigFile("b.json", "{'a': 1}").errors[0]).toMatchObject({ line: 1, column: 2 });
    expect(parseConfigFile("c.json", '{"a": yes}').errors[0]).toMatchObject({ line: 1, column: 7 });
    expect(parseConfigFile("d.json", '{"a": 1}\n{"b": 2}').errors[0]).toMatchObject({ line: 2, column: 1 });
  });

  it("reports an empty file and an unclosed object", () => {
    expect(parseConfigFile("e.json", "").errors[0]).toMatchObject({ line: 1, column: 1 });
    const open = parseConfigFile("o.json", '{\n  "a": {\n    "b": 1\n');
    expect(open.errors[0]).toMatchObject({ line: 4, column: 1 });
    expect(key(open, "a").value).toEqual({ b: 1 });
    expect(key(open, "a").isContainer).toBe(true);
  });

  it("reports nesting too deep to read instead of overflowing", () => {
    const model = parseConfigFile("deep.json", "[".repeat(100_000));
    expect(model.errors[0]?.message).toMatch(/nesting/);
  });
});

describe("parseConfigFile: TOML", () => {
  const toml = [
    'title = "exp"', //                                1
    "", //                                             2
    "[train]", //                                      3
    "lr = 0.01 # learning rate", //                    4
    'optimizer = { name = "adam", betas = [0.9, 0.99] }', // 5
    '"odd.key" = 1', //                                6
    "data.path = 'data/x.csv'", //                     7
    'notes = """', //                                  8
    "epochs = 999", //                                 9
    '"""', //                                          10
    "", //                                             11
    "[[runs]]", //                                     12
    "seed = 1", //                                     13
    "[runs.extra]", //                                 14
    "k = 1", //                                        15
    "[[runs]]", //                                     16
    "seed = 2", //                                     17
    "started = 1979-05-27", //                         18
    "[tool.mldebt.rules]", //                          19
    "x = true", //                                     20
  ].join("\n");

  it("lists keys from tables, dotted and quoted keys, inline tables and arrays of tables", () => {
    const model = parseConfigFile("pyproject.toml", toml);
    expect(model.format).toBe("toml");
    expect(model.errors).toEqual([]);
    expect(model.keys.map((entry) => entry.path)).toEqual([
      "title",
      "train",
      "train.lr",
      "train.optimizer",
      "train.optimizer.name",
      "train.optimizer.betas",
      "train.optimizer.betas[0]",
      "train.optimizer.betas[1]",
      "train.odd.key",
      "train.data",
      "train.data.path",
      "train.notes",
      "runs",
      "runs[0]",
      "runs[0].seed",
      "runs[0].extra",
      "runs[0].extra.k",
      "runs[1]",
      "runs[1].seed",
      "runs[1].started",
      "tool",
      "tool.mldebt",
      "tool.mldebt.rules",
      "tool.mldebt.rules.x",
    ]);
    expect(key(model, "train.lr").value).toBe(0.01);
    expect(where(key(model, "train.lr"))).toEqual([4, 1, 4, 6]);
    expect(where(key(model, "train.optimizer.name"))).toEqual([5, 15, 5, 22]);
    expect(where(key(model, "train.optimizer.betas[1]"))).toEqual([5, 44, 5, 44]);
    expect(where(key(model, "train.odd.key"))).toEqual([6, 1, 6, 13]);
    expect(where(key(model, "train.data.path"))).toEqual([7, 6, 7, 13]);
    expect(key(model, "train.notes").value).toBe("epochs = 999\n");
    expect(where(key(model, "runs[1].seed"))).toEqual([17, 1, 17, 8]);
    expect(key(model, "runs[0].extra.k").line).toBe(15);
    expect(where(key(model, "runs[1]"))).toEqual([16, 3, 16, 1]);
    expect(key(model, "runs[1].started").value).toBe("1979-05-27");
    expect(where(key(model, "tool.mldebt"))).toEqual([19, 7, 19, 1]);
    expect(key(model, "train").isContainer).toBe(true);
  });

  it("reports a syntax error with its line and keeps the statements before it", () => {
    const model = parseConfigFile("bad.toml", 'a = 1\n[b]\nc = 2\nd = [1,\ne = "x"\n');
    expect(model.errors).toHaveLength(1);
    expect(model.errors[0]?.line).toBeGreaterThanOrEqual(4);
    expect(model.keys.map((entry) => [entry.path, entry.value])).toEqual([
      ["a", 1],
      ["b", { c: 2 }],
      ["b.c", 2],
    ]);
  });

  it("reports a redefined key at its line", () => {
    const model = parseConfigFile("dup.toml", "a = 1\nb = 2\na = 3\n");
    expect(model.errors[0]).toMatchObject({ line: 3 });
    expect(model.keys.map((entry) => entry.path)).toEqual(["a", "b"]);
  });
});

describe("parseConfigFile: .env", () => {
  it("reads assignments, export, quotes, comments and blank values", () => {
    const text = [
      "# database", //                       1
      "DATA_DIR=/mnt/data", //               2
      "export MODEL_NAME = 'bert base' ", // 3
      'GREETING="hello\\nworld" # note', //  4
      "EMPTY=", //                           5
      "", //                                 6
      "THRESHOLD=0.5 # inline comment", //   7
      'MULTI="first', //                     8
      'second"', //                          9
      "URL=http://x/#anchor", //             10
    ].join("\n");
    const model = parseConfigFile(".env", text);
    expect(model.format).toBe("env");
    expect(model.errors).toEqual([]);
    expect(model.keys.map((entry) => [entry.path, entry.value])).toEqual([
      ["DATA_DIR", "/mnt/data"],
      ["MODEL_NAME", "bert base"],
      ["GREETING", "hello\nworld"],
      ["EMPTY", ""],
      ["THRESHOLD", "0.5"],
      ["MULTI", "first\nsecond"],
      ["URL", "http://x/#anchor"],
    ]);
    expect(where(key(model, "MODEL_NAME"))).toEqual([3, 8, 3, 21]);
    expect(where(key(model, "THRESHOLD"))).toEqual([7, 1, 7, 11]);
    expect(key(model, "URL").line).toBe(10);
  });

  it("reports lines that are not assignments and unterminated quotes", () => {
    const model = parseConfigFile(".env.local", "A=1\n  not an assignment\nB='open\n");
    expect(model.errors).toEqual([
      { message: "Expected KEY=value", line: 2, column: 3 },
      { message: "Unterminated ' quoted value", line: 3, column: 3 },
    ]);
    expect(model.keys.map((entry) => [entry.path, entry.value])).toEqual([
      ["A", "1"],
      ["B", "open"],
    ]);
  });
});

describe("parseConfigFile: format choice", () => {
  it("follows an explicit format over the name", () => {
    const model = parseConfigFile("settings.conf", '{"a": 1}', "json");
    expect(model.format).toBe("json");
    expect(key(model, "a").value).toBe(1);
  });

  it("reads a file the exclusions leave out when asked, by its extension", () => {
    expect(parseConfigFile("package.json", '{"name": "x"}').format).toBe("json");
  });

  it("reads a name that tells nothing as YAML", () => {
    const model = parseConfigFile(".mldebtrc", "rules:\n  x: off\n");
    expect(model.format).toBe("yaml");
    expect(key(model, "rules.x").value).toBe("off");
  });
});
