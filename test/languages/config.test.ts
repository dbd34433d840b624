/** `mldebt/config`: YAML, JSON, TOML and .env files as an ESLint language with key positions. */
import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../src/index.js";
import type { ConfigKeyNode } from "../../src/languages/config/nodes.js";
import { parentPath } from "../../src/languages/config/tree.js";

/** A probe rule that reports every key whose name is `flag`, and records what it saw. */
const seen: string[] = [];
const probe = {
  meta: { type: "problem", messages: { hit: "key {{path}}" }, schema: [], languages: ["mldebt/config"] },
  create(context: { sourceCode: { getText(node: unknown): string }; report(descriptor: unknown): void }) {
    return {
      ConfigDocument(node: { model: { format: string } }) {
        seen.push(`document:${node.model.format}`);
      },
      ConfigKey(node: ConfigKeyNode) {
        seen.push(`${node.key.path}=${context.sourceCode.getText(node)}`);
        if (node.key.name === "flag") context.report({ node, messageId: "hit", data: { path: node.key.path } });
      },
    };
  },
};
const linter = new Linter();
const config = [
  {
    files: ["**/*.yaml", "**/*.json", "**/*.toml", "**/.env"],
    plugins: { mldebt: plugin as never, probe: { rules: { probe } } as never },
    language: "mldebt/config",
    rules: { "probe/probe": "warn" as const },
  },
];
const lint = (code: string, file: string) => linter.verify(code, config, file).map((message) => `${message.line}:${message.column}-${message.endColumn}`);

describe("the config language", () => {
  it("reads YAML keys as a tree, each spanning the key as written", () => {
    seen.length = 0;
    expect(lint("# params\ntrain:\n  flag: true\n  'quoted key': 1\nlayers: [1, 2]\n", "params.yaml")).toEqual(["3:3-7"]);
    expect(seen).toEqual(["document:yaml", "train=train", "train.flag=flag", "train.quoted key='quoted key'", "layers=layers", "layers[0]=1", "layers[1]=2"]);
  });

  it("reads JSON keys with their quotes", () => {
    seen.length = 0;
    expect(lint('{\n  "model": {"flag": false}\n}\n', "config.json")).toEqual(["2:13-19"]);
    expect(seen).toEqual(["document:json", 'model="model"', 'model.flag="flag"']);
  });

  it("reads TOML tables and dotted keys", () => {
    seen.length = 0;
    expect(lint("[train]\nflag = true\nopt.flag = 1\n", "config.toml")).toEqual(["2:1-5", "3:5-9"]);
    expect(seen).toEqual(["document:toml", "train=train", "train.flag=flag", "train.opt=opt", "train.opt.flag=flag"]);
  });

  it("reads .env files", () => {
    expect(lint("flag=1\n", ".env")).toEqual(["1:1-5"]);
  });

  it.each([
    ["the short form on the key's line", "flag: 1  # mldebt: ignore[probe/probe]\nother:\n  flag: 2\n", [3]],
    ["eslint-disable-next-line", "# eslint-disable-next-line probe/probe\nflag: 1\nx:\n  flag: 2\n", [4]],
    ["a # inside a quoted value is no comment", "a: 'x # mldebt: ignore'\nflag: 1\n", [2]],
  ])("directives in # comments: %s", (_, code, lines) => {
    expect(linter.verify(code, config, "c.yaml").map((message) => message.line)).toEqual(lines);
  });

  it("a config file that does not parse is no fatal error: rules see the keys read before the error", () => {
    const messages = linter.verify("flag: 1\nbad: [\n", config, "broken.yaml");
    expect(messages.some((message) => message.fatal)).toBe(false);
    expect(messages.map((message) => message.line)).toEqual([1]);
    expect(linter.verify("{{ .Values.name }}: x\n", config, "template.yaml").some((message) => message.fatal)).toBe(false);
  });

  it.each([
    ["a.b.c", "a.b"],
    ["a[0]", "a"],
    ["a.b[2]", "a.b"],
    ["a", ""],
  ])("the parent of %s is %s", (path, parent) => {
    expect(parentPath(path)).toBe(parent);
  });
});
