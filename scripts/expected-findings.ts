/**
 * Fixture projects carry their expected findings beside them (`expected-findings.txt`), so a
 * fixture documents itself and a test checks it. One line per finding, sorted:
 *
 *   mldebt/absolute-data-path 01_load_data.py:25:25
 *   mldebt/unseeded-randomness explore.ipynb cell 6:1:15
 *
 *   npm run fixtures:update            # rewrite every expected-findings.txt from a real run
 *   npm run fixtures:update -- NAME    # one fixture (a folder under fixtures/projects/)
 */
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { lint } from "../src/cli/lint.js";
import type { Finding } from "../src/results/model.js";
import { PACKAGE_ROOT } from "../src/package-info.js";

export const FIXTURES_DIR = join(PACKAGE_ROOT, "fixtures", "projects");
export const EXPECTED_FILE = "expected-findings.txt";

/** Fixture folders (those with an expected-findings file, unless `all`). */
export function fixtureNames(all = false): string[] {
  return readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && (all || existsSync(join(FIXTURES_DIR, entry.name, EXPECTED_FILE))))
    .map((entry) => entry.name)
    .sort();
}

export function findingLine(finding: Finding): string {
  const where = finding.cell === undefined ? `${finding.file}:${finding.line}:${finding.column}` : `${finding.file} cell ${finding.cell}:${finding.line}:${finding.column}`;
  return `${finding.ruleId} ${where}`;
}

/** The findings of a real run over one fixture, as the lines of its expected-findings file. */
export async function actualFindings(name: string): Promise<string> {
  const { result } = await lint({ paths: [join(FIXTURES_DIR, name)], cwd: PACKAGE_ROOT, concurrency: "off" });
  const lines = result.findings.map(findingLine).sort();
  return `${lines.join("\n")}${lines.length ? "\n" : ""}`;
}

async function main(): Promise<void> {
  const only = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
  for (const name of only.length ? only : fixtureNames(true)) {
    const text = await actualFindings(name);
    writeFileSync(join(FIXTURES_DIR, name, EXPECTED_FILE), text);
    process.stderr.write(`${name}: ${text.split("\n").filter(Boolean).length} finding(s)\n`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
