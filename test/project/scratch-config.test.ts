import { test } from "vitest";
import { parseConfigFile } from "../../src/project/config-files.js";
const show = (f: string, t: string) => { const m = parseConfigFile(f, t); console.log(f, JSON.stringify(m.errors), "\n" + m.keys.map(k => `${k.path} = ${JSON.stringify(k.value)} @${k.line}:${k.column} v${k.valueLine}:${k.valueColumn}${k.isContainer ? " C" : ""}`).join("\n")); };
test("scratch", () => {
  show("a.yaml", `base: &base\n  lr: 0.1\n  opt: {name: adam}\ntrain:\n  <<: *base\n  bs: 64\n  lr: 0.2\nx: *base\nl:\n  - a\n  - {b: 1}\n---\nsecond: 2\n`);
  show("b.yaml", `a: 1\nb: [1, 2\nc: 3\n`);
  show("c.json", `{\n  "a": {"b": [1, {"c": null}]},\n  "__proto__": 5,\n  "d": 1 // x\n}`);
  show("d.toml", `title = "x"\n[train]\nlr = 0.1 # c\nopt = { name = "adam", betas = [0.9, 0.99] }\n"quoted.key" = 1\na.b.c = 2\n[[runs]]\nseed = 1\n[runs.extra]\nk = 1\n[[runs]]\nseed = 2\ns = """\nfoo = 1\n"""\nd = 1979-05-27\nt = 07:32:00\n`);
  show("e.toml", `a = 1\n[b]\nc = 2\nd = [1,\n`);
  show(".env", `# c\nA=1\nexport B="x y" # c\nC='lit'\nD=\nE=val # comment\nF="multi\nline"\nbad line\n`);
});
