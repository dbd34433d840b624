/**
 * Fixture projects carry their expected findings beside them (`expected-findings.txt`), so a
 * fixture documents itself and a test checks it. One line per finding, sorted:
 *
 *   mldebt/absolute-data-path 01_load_data.py:25:25
 *   mldebt/unseeded-randomness explore.ipynb cell 6:1:15
 *
 *   npm run fixtures:update            # rewrite every expected-findings.txt from a real run
 *   npm run fixtures:update -- NAME    # one fixture (a folder under fixtures/projects/)
 *
 * A fixture may also carry `expected-graph.mmd`, its pipeline as `mldebt graph` draws it
 * (Mermaid); the update rewrites it when it exists.
 */
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { renderProjectGraph } from "../src/cli/graph.js";
import { lint } from "../src/cli/lint.js";
import type { Finding } from "../src/results/model.js";
import { PACKAGE_ROOT } from "../src/package-info.js";

export const FIXTURES_DIR = join(PACKAGE_ROOT, "fixtures", "projects");
export const EXPECTED_FILE = "expected-findings.txt";
export const EXPECTED_GRAPH_FILE = "expected-graph.mmd";

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

/** The Mermaid graph of one fixture, as `mldebt graph` prints it. */
export async function actualGraph(name: string): Promise<string> {
  return renderProjectGraph({ path: join(FIXTURES_DIR, name), cwd: PACKAGE_ROOT, format: "mermaid" });
}

async function main(): Promise<void> {
  const only = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
  for (const name of only.length ? only : fixtureNames(true)) {
    const text = await actualFindings(name);
    writeFileSync(join(FIXTURES_DIR, name, EXPECTED_FILE), text);
    process.stderr.write(`${name}: ${text.split("\n").filter(Boolean).length} finding(s)\n`);
    const graphFile = join(FIXTURES_DIR, name, EXPECTED_GRAPH_FILE);
    if (existsSync(graphFile)) writeFileSync(graphFile, await actualGraph(name));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
