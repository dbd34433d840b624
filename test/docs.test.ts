/**
 * Metadata is written once, in the rule file; everything derived from it must agree, and no rule
 * lands without its doc, its test and its mitigation page.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import plugin from "../src/index.js";
import { rules } from "../rules/index.js";
import { generatedFiles, ruleFileNames } from "../scripts/generate.js";
import { PACKAGE_ROOT } from "../src/package-info.js";
import { CATEGORIES, CATEGORY_INFO } from "../src/categories.js";
import { CONFIG_FILES, JAVASCRIPT_FILES, TYPESCRIPT_FILES } from "../src/plugin-configs.js";

const REQUIRED_SECTIONS = ["## Why is this debt?", "## Examples", "## Options", "## Mitigation", "## When not to use it", "## References"];

describe("generated files are up to date (npm run generate)", () => {
  for (const file of generatedFiles(rules)) {
    it(file.path, () => {
      expect(file.actual, `${file.path} lacks its generated markers`).not.toBeNull();
      expect(file.actual).toBe(file.expected);
    });
  }
});

describe("every rule file is a registered rule", () => {
  it("rules/index.ts lists every file in rules/", () => {
    expect(Object.keys(rules).sort()).toEqual(ruleFileNames());
  });
  it("the plugin exposes the same rules", () => {
    expect(Object.keys(plugin.rules).sort()).toEqual(ruleFileNames());
  });
});

describe.each(Object.keys(rules).sort())("rule %s", (name) => {
  const rule = rules[name]!;
  const docPath = join(PACKAGE_ROOT, "docs", "rules", `${name}.md`);

  it("has a doc with every section, ❌ and ✅ examples in Python", () => {
    expect(existsSync(docPath), `docs/rules/${name}.md is missing`).toBe(true);
    const doc = readFileSync(docPath, "utf8");
    expect(doc.startsWith(`# mldebt/${name}\n`)).toBe(true);
    for (const section of REQUIRED_SECTIONS) expect(doc, `missing "${section}"`).toContain(`\n${section}\n`);
    const examples = doc.slice(doc.indexOf("## Examples"), doc.indexOf("## Options"));
    expect(examples).toContain("❌");
    expect(examples).toContain("✅");
    expect(examples).toContain("```python");
  });

  it("documents every option", () => {
    const doc = readFileSync(docPath, "utf8");
    const options = doc.slice(doc.indexOf("## Options"), doc.indexOf("## Mitigation"));
    for (const schema of (rule.meta.schema as { properties?: Record<string, unknown> }[] | undefined) ?? []) {
      for (const property of Object.keys(schema.properties ?? {})) expect(options, `option "${property}" undocumented`).toContain(`\`${property}\``);
    }
  });

  it("links its mitigation page, which exists", () => {
    const { mitigation } = rule.meta.docs;
    expect(existsSync(join(PACKAGE_ROOT, "docs", "mitigations", `${mitigation}.md`)), `docs/mitigations/${mitigation}.md`).toBe(true);
    expect(readFileSync(docPath, "utf8")).toContain(`../mitigations/${mitigation}.md`);
  });

  it("has a test file", () => {
    expect(existsSync(join(PACKAGE_ROOT, "test", "rules", `${name}.test.ts`))).toBe(true);
  });

  it("has messages that say what to do", () => {
    for (const message of Object.values(rule.meta.messages)) expect(message).toMatch(/To fix:|Instead|instead/u);
  });
});

describe("recommended config", () => {
  const expectedFor = (language: "python" | "config") =>
    Object.fromEntries(
      Object.entries(rules)
        .filter(([, rule]) => rule.meta.docs.recommended && rule.meta.docs.languages.includes(language))
        .map(([name, rule]) => [`mldebt/${name}`, rule.meta.docs.severity === "error" ? "error" : "warn"]),
    );

  it("enables exactly the recommended rules, at their default severity, on each language's files", () => {
    expect(plugin.configs.recommended.map((config) => config.files)).toEqual([["**/*.py", "**/*.pyi"], ["**/*.ipynb"], JAVASCRIPT_FILES, TYPESCRIPT_FILES, CONFIG_FILES]);
    const scripts = Object.fromEntries(Object.entries(expectedFor("python")).filter(([id]) => rules[id.slice("mldebt/".length)]!.meta.docs.languages.includes("javascript")));
    expect(plugin.configs.recommended.map((config) => config.rules)).toEqual([expectedFor("python"), expectedFor("python"), scripts, scripts, expectedFor("config")]);
  });

  it("declares each rule's ESLint languages, so a rule set on the wrong files is a configuration error", () => {
    for (const rule of Object.values(rules)) {
      const { languages } = rule.meta.docs;
      const expected = [
        ...(languages.includes("python") ? ["mldebt/python", "mldebt/notebook"] : []),
        ...(languages.includes("javascript") ? ["js/js"] : []),
        ...(languages.includes("config") ? ["mldebt/config"] : []),
      ];
      expect(rule.meta.languages).toEqual(expected);
    }
  });

  it("turns a rule that checks both Python and config files on for both", () => {
    const both = Object.entries(rules).filter(([, rule]) => rule.meta.docs.recommended && rule.meta.docs.languages.includes("python") && rule.meta.docs.languages.includes("config"));
    expect(both.map(([name]) => name)).toContain("absolute-data-path");
    const [python, , , , configFiles] = plugin.configs.recommended;
    for (const [name] of both) {
      expect(python!.rules).toHaveProperty(`mldebt/${name}`);
      expect(configFiles!.rules).toHaveProperty(`mldebt/${name}`);
    }
  });
});

describe("mitigation pages", () => {
  it.each(CATEGORIES)("%s has its mitigation page", (category) => {
    expect(existsSync(join(PACKAGE_ROOT, "docs", "mitigations", `${CATEGORY_INFO[category].mitigation}.md`))).toBe(true);
  });
});
