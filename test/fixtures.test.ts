/** Every fixture project reports exactly the findings written beside it. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { actualFindings, actualGraph, EXPECTED_FILE, EXPECTED_GRAPH_FILE, FIXTURES_DIR, fixtureNames } from "../scripts/expected-findings.js";

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
