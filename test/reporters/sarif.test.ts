import type * as Sarif from "sarif";
import { describe, expect, it } from "vitest";
import { formatSarif } from "../../src/reporters/sarif.js";
import type { RuleDescriptor } from "../../src/results/model.js";
import { sarifValidator } from "../helpers/sarif-schema.js";
import { RULES, handoff, lintResult, notebook, parseError, seed } from "./fixture.js";

const validate = sarifValidator();
const parseErrorRule: RuleDescriptor = {
  id: "mldebt/parse-error",
  category: null,
  severity: "error",
  description: "A file mldebt could not parse.",
  docs: "docs/rules/parse-error.md",
  helpUri: "https://example.org/mldebt/docs/rules/parse-error.md",
  mitigation: null,
};
const result = lintResult([handoff, seed, notebook, parseError]);
const text = formatSarif(result);
const log = JSON.parse(text) as Sarif.Log;
const run = log.runs[0]!;
const results = run.results!;

describe("formatSarif", () => {
  it("is valid against the SARIF 2.1.0 schema", () => {
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const withParseRule = JSON.parse(formatSarif(lintResult([parseError], 1, [...RULES, parseErrorRule])));
    expect(validate(withParseRule), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(JSON.parse(formatSarif(lintResult([], 0, []))))).toBe(true);
  });

  it("the schema check rejects a broken log", () => {
    const broken = structuredClone(log) as unknown as { runs: { results: { level: string }[] }[] };
    broken.runs[0]!.results[0]!.level = "warn";
    expect(validate(broken)).toBe(false);
    const noVersion: Record<string, unknown> = { ...log };
    delete noVersion.version;
    expect(validate(noVersion)).toBe(false);
    const unencoded = structuredClone(log);
    unencoded.runs[0]!.results![3]!.locations![0]!.physicalLocation!.artifactLocation!.uri = "broken dir/bad.py";
    expect(validate(unencoded)).toBe(false);
  });

  it("names the schema and version and has one run", () => {
    expect(log.$schema).toBe("https://json.schemastore.org/sarif-2.1.0.json");
    expect(log.version).toBe("2.1.0");
    expect(log.runs).toHaveLength(1);
  });

  it("describes the driver and every rule, sorted by id", () => {
    const driver = run.tool.driver;
    expect(driver.name).toBe("mldebt");
    expect(driver.version).toBe("0.1.0");
    expect(driver.informationUri).toBe("https://example.org/mldebt/README.md");
    expect(driver.rules!.map((rule) => rule.id)).toEqual([
      "mldebt/absolute-data-path",
      "mldebt/implicit-file-handoff",
      "mldebt/unseeded-randomness",
    ]);
    const handoffRule = driver.rules![1]!;
    expect(handoffRule.name).toBe("implicit-file-handoff");
    expect(handoffRule.shortDescription).toEqual({ text: "Describes implicit-file-handoff." });
    expect(handoffRule.fullDescription!.text).toContain("Pipeline jungles");
    expect(handoffRule.helpUri).toBe("https://example.org/mldebt/docs/rules/implicit-file-handoff.md");
    expect(handoffRule.defaultConfiguration).toEqual({ level: "warning" });
    expect(handoffRule.properties).toEqual({
      category: "pipeline-jungle",
      mitigation: "declare-the-pipeline",
      tags: ["mldebt", "pipeline-jungle"],
    });
    expect(handoffRule.help!.text).toContain("Sculley et al. 2015, §5 Pipeline jungles");
    expect(handoffRule.help!.markdown).toContain(
      "[declare-the-pipeline](https://example.org/mldebt/docs/mitigations/declare-the-pipeline.md)",
    );
  });

  it("maps severities to levels and rule ids to rule indexes", () => {
    expect(results.map((r) => [r.ruleId, r.ruleIndex, r.level])).toEqual([
      ["mldebt/implicit-file-handoff", 1, "warning"],
      ["mldebt/unseeded-randomness", 2, "error"],
      ["mldebt/absolute-data-path", 0, "note"],
      ["mldebt/parse-error", undefined, "error"],
    ]);
    for (const r of results.slice(0, 3)) {
      expect(run.tool.driver.rules![r.ruleIndex!]!.id).toBe(r.ruleId);
    }
  });

  it("locates a finding relative to %SRCROOT% with its full region", () => {
    const [first] = results;
    expect(first!.message).toEqual({ text: handoff.message });
    expect(first!.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: "02_features.py", uriBaseId: "%SRCROOT%" },
          region: { startLine: 6, startColumn: 6, endLine: 6, endColumn: 51 },
        },
      },
    ]);
    expect(first!.partialFingerprints).toEqual({ "mldebt/v1": "0123456789abcdef" });
    expect(results[1]!.locations![0]!.physicalLocation!.region).toEqual({ startLine: 12, startColumn: 1 });
    expect(run.originalUriBaseIds!["%SRCROOT%"]).toBeDefined();
  });

  it("writes related locations with ids and messages", () => {
    expect(results[0]!.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: {
          artifactLocation: { uri: "01_load.py", uriBaseId: "%SRCROOT%" },
          region: { startLine: 9 },
        },
        message: { text: "written here" },
      },
    ]);
    expect(results[1]).not.toHaveProperty("relatedLocations");
  });

  it("names the notebook cell in the result's properties", () => {
    expect(results[2]!.properties).toEqual({ cell: 3 });
    expect(results[2]!.locations![0]!.physicalLocation!.region!.startLine).toBe(2);
    expect(results[0]).not.toHaveProperty("properties");
  });

  it("percent-encodes paths into URI references", () => {
    expect(results[3]!.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe("broken%20dir/bad.py");
  });

  it("indexes a category-less rule when it is described", () => {
    const sarif = JSON.parse(formatSarif(lintResult([parseError], 1, [...RULES, parseErrorRule]))) as Sarif.Log;
    const rules = sarif.runs[0]!.tool.driver.rules!;
    const index = sarif.runs[0]!.results![0]!.ruleIndex!;
    expect(rules[index]!.id).toBe("mldebt/parse-error");
    expect(rules[index]!.properties).toEqual({ tags: ["mldebt"] });
  });

  it("gives an absolute root a file URI ending in a slash", () => {
    const absolute = { ...result, root: "/home/ana/my project" };
    const sarif = JSON.parse(formatSarif(absolute));
    expect(sarif.runs[0].originalUriBaseIds["%SRCROOT%"].uri).toBe("file:///home/ana/my%20project/");
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    const windows = JSON.parse(formatSarif({ ...result, root: "C:\\work\\proj" }));
    expect(windows.runs[0].originalUriBaseIds["%SRCROOT%"].uri).toBe("file:///C:/work/proj/");
  });

  it("is deterministic, whatever the order of the rule descriptors", () => {
    const reversed = { ...result, rules: [...result.rules].reverse() };
    expect(formatSarif(reversed)).toBe(text);
    expect(text.endsWith("}\n")).toBe(true);
  });
});
