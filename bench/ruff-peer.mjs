// The peer: ruff's wasm build checking every file mldebt lints, in one Node process.
// Usage: node bench/ruff-peer.mjs <root> <all|default>
// Prints one JSON line: files, lines, seconds (check loop only), setupSeconds, cpuSeconds (setup and checks), maxRssMb, diagnostics.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PositionEncoding, Workspace } from "@astral-sh/ruff-wasm-nodejs";
import { discoverFiles } from "../dist/src/project/discover.js";
import { buildNotebookProgram } from "../dist/src/languages/notebook/program.js";

const [root, ruleSet = "all"] = process.argv.slice(2);
const setupStart = performance.now();
const cpuStart = process.cpuUsage();
const files = discoverFiles(root).filter((file) => /\.(py|pyi|ipynb)$/u.test(file));
const sources = [];
for (const file of files) {
  const text = readFileSync(join(root, file), "utf8");
  if (!file.endsWith(".ipynb")) {
    sources.push(text);
    continue;
  }
  // ruff-wasm checks Python text: give it the notebook's code cells, as mldebt sees them.
  const built = buildNotebookProgram(text);
  sources.push(built.ok ? built.program.text : "");
}
const settings = ruleSet === "all" ? { lint: { select: ["ALL"] } } : Workspace.defaultSettings();
const workspace = new Workspace(settings, PositionEncoding.Utf16);
const setupSeconds = (performance.now() - setupStart) / 1000;

let lines = 0;
let diagnostics = 0;
const start = performance.now();
for (const text of sources) {
  lines += text.split("\n").length;
  diagnostics += workspace.check(text).length;
}
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
process.stdout.write(`${JSON.stringify({ files: sources.length, lines, seconds, setupSeconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssMb: process.resourceUsage().maxRSS / 1024, diagnostics })}\n`);
