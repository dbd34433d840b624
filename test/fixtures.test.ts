/** Every fixture project reports exactly the findings written beside it. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { actualFindings, actualGraph, EXPECTED_FILE, EXPECTED_GRAPH_FILE, FIXTURES_DIR, fixtureNames } from "../scripts/expected-findings.js";
import { rules } from "../rules/index.js";

describe.each(fixtureNames())("fixtures/projects/%s", (name) => {
  it(`reports exactly ${EXPECTED_FILE}`, async () => {
    const expected = readFileSync(join(FIXTURES_DIR, name, EXPECTED_FILE), "utf8");
    expect(await actualFindings(name)).toBe(expected);
  });
  it.runIf(existsSync(join(FIXTURES_DIR, name, EXPECTED_GRAPH_FILE)))(`draws exactly ${EXPECTED_GRAPH_FILE}`, async () => {
    expect(await actualGraph(name)).toBe(readFileSync(join(FIXTURES_DIR, name, EXPECTED_GRAPH_FILE), "utf8"));
  });
});

it("every fixture project has its expected findings", () => {
  expect(fixtureNames()).toEqual(fixtureNames(true));
});

describe("the dead-experiments pair (littered project and its cleaned-up twin)", () => {
  const lines = (name: string) => readFileSync(join(FIXTURES_DIR, name, EXPECTED_FILE), "utf8").split("\n").filter(Boolean);

  it("the littered project plants every dead-experimental-code rule, and nothing else", () => {
    const found = lines("dead-experiments");
    const ruleIds = new Set(found.map((line) => line.split(" ")[0]));
    expect([...ruleIds].sort()).toEqual(Object.entries(rules).filter(([, rule]) => rule.meta.docs.category === "dead-experimental-code").map(([name]) => `mldebt/${name}`).sort());
    expect(new Set(found).size).toBe(found.length);
  });

  it("the cleaned-up twin reports nothing", () => {
    expect(lines("dead-experiments-cleaned")).toEqual([]);
  });
});
