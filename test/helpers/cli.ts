/** Runs the built `mldebt` binary as a user would, and temp projects to run it on. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BIN = join(REPO_ROOT, "bin", "mldebt.js");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runMldebt(args: string[], cwd = REPO_ROOT): CliRun {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0" } });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/** Writes files (path → text or bytes) into a new temporary folder and returns its path. */
/** Projects made by {@link tempProject}, removed after each test file (test/setup.ts). */
const madeProjects: string[] = [];

/** Removes every project {@link tempProject} made so far. */
export function removeTempProjects(): void {
  for (const root of madeProjects.splice(0)) rmSync(root, { recursive: true, force: true });
}

export function tempProject(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(join(tmpdir(), "mldebt-test-"));
  madeProjects.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

export interface JsonFinding {
  ruleId: string;
  category: string | null;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  cell?: number;
  fingerprint: string;
}

export interface JsonReport {
  tool: { name: string; version: string };
  root: string;
  findings: JsonFinding[];
  summary: { files: number; byCategory: Record<string, number>; bySeverity: Record<string, number> };
}

export function jsonReport(args: string[], cwd?: string): { run: CliRun; report: JsonReport } {
  const run = runMldebt([...args, "--format", "json"], cwd);
  return { run, report: JSON.parse(run.stdout) as JsonReport };
}
