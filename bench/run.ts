/**
 * The benchmark (`npm run bench`): generates synthetic ML repositories (bench/generate-repo.ts)
 * of 250k, 500k and 1M lines, times mldebt on each (cold with 1 and 2 workers, then warm with
 * `--cache` and nothing changed), and times the peer — ruff's wasm build checking the same files
 * in one Node process, with every rule (`ALL`) and with its default rules — printing files/s,
 * lines/s and peak RSS, and the ratios the targets in docs/performance.md are stated in.
 *
 *   npm run bench                      # 250k, 500k, 1M lines, seed 42
 *   npm run bench -- --sizes 1000000 --seed 7 --repeat 3
 *   npm run bench -- --repo ../some-ml-project --repeat 1   # an existing repository instead
 *
 * Each timing is the best of `--repeat` runs (default 2): the machine may be shared.
 */
import { spawnSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { mkdirSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { generateRepo, type GeneratedRepo } from "./generate-repo.js";

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const WORK = join(BENCH_DIR, ".work");

interface Measure {
  seconds: number;
  cpuSeconds: number;
  maxRssMb: number;
}

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1]! : fallback;
}

function runMldebt(root: string, args: string[]): Measure {
  const run = spawnSync(process.execPath, [join(BENCH_DIR, "measure-cli.mjs"), root, "--format", "json", "--output", join(WORK, "report.json"), "--fail-on", "never", ...args], { encoding: "utf8", maxBuffer: 1 << 26 });
  const line = run.stderr.split("\n").find((text) => text.startsWith("BENCH "));
  if (!line) throw new Error(`mldebt failed: ${run.stderr}`);
  const measured = JSON.parse(line.slice(6)) as Measure & { exitCode: number };
  if (measured.exitCode === 2) throw new Error(`mldebt exited 2: ${run.stderr}`);
  return measured;
}

function runRuff(root: string, rules: "all" | "default"): Measure & { files: number; lines: number } {
  const run = spawnSync(process.execPath, [join(BENCH_DIR, "ruff-peer.mjs"), root, rules], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`ruff peer failed: ${run.stderr}`);
  const result = JSON.parse(run.stdout) as { files: number; lines: number; seconds: number; setupSeconds: number; cpuSeconds: number; maxRssMb: number };
  return { seconds: result.seconds + result.setupSeconds, cpuSeconds: result.cpuSeconds, maxRssMb: result.maxRssMb, files: result.files, lines: result.lines };
}

function best(repeat: number, measure: () => Measure): Measure {
  const runs = Array.from({ length: repeat }, measure);
  return runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
}

function row(label: string, measure: Measure, files: number, lines: number, reference?: number): string {
  const ratio = reference ? `${(measure.seconds / reference).toFixed(2)}×` : "";
  return `| ${label} | ${measure.seconds.toFixed(2)} | ${Number.isNaN(measure.cpuSeconds) ? "–" : measure.cpuSeconds.toFixed(1)} | ${Math.round(files / measure.seconds)} | ${Math.round(lines / measure.seconds).toLocaleString("en-US")} | ${Math.round(measure.maxRssMb)} | ${ratio} |`;
}

/** Times ruff and mldebt on one repository and prints its table; `title` heads it. */
function measureRepository(root: string, title: string, key: string, files: number, lines: number, repeat: number): void {
  print("");
  print(title);
  print("");
  print("| run | wall s | CPU s | files/s | lines/s | peak RSS MB | vs ruff ALL |");
  print("|---|---|---|---|---|---|---|");
  const ruffAll = best(repeat, () => runRuff(root, "all"));
  const ruffDefault = best(repeat, () => runRuff(root, "default"));
  const cacheDir = join(WORK, `cache-${key}`);
  const cold1 = best(repeat, () => runMldebt(root, ["--workers", "1"]));
  const cold2 = best(repeat, () => runMldebt(root, ["--workers", "2"]));
  const coldAuto = best(repeat, () => runMldebt(root, []));
  const warm = best(repeat, () => {
    rmSync(cacheDir, { recursive: true, force: true });
    runMldebt(root, ["--cache", "--cache-location", cacheDir]);
    return runMldebt(root, ["--cache", "--cache-location", cacheDir]);
  });
  print(row("ruff-wasm, `select: [\"ALL\"]`", ruffAll, files, lines, ruffAll.seconds));
  print(row("ruff-wasm, default rules", ruffDefault, files, lines, ruffAll.seconds));
  print(row("mldebt cold, 1 worker", cold1, files, lines, ruffAll.seconds));
  print(row("mldebt cold, 2 workers", cold2, files, lines, ruffAll.seconds));
  print(row("mldebt cold, `--workers auto`", coldAuto, files, lines, ruffAll.seconds));
  print(row("mldebt warm (`--cache`, nothing changed)", warm, files, lines, ruffAll.seconds));
  print("");
  print(`CPU seconds, mldebt cold (2 workers) / ruff ALL: ${(cold2.cpuSeconds / ruffAll.cpuSeconds).toFixed(2)} (less sensitive than wall time to a shared machine)`);
  print(`Cold (2 workers) / ruff ALL: ${(cold2.seconds / ruffAll.seconds).toFixed(2)}; / ruff default: ${(cold2.seconds / ruffDefault.seconds).toFixed(2)}; warm / cold: ${((100 * warm.seconds) / cold2.seconds).toFixed(1)}%; cold seconds per 100k lines: ${((cold2.seconds / lines) * 1e5).toFixed(2)}`);
}

const sizes = argument("sizes", "250000,500000,1000000").split(",").map(Number);
const seed = Number(argument("seed", "42"));
const repeat = Number(argument("repeat", "2"));
const existing = argument("repo", "");
mkdirSync(WORK, { recursive: true });
const out: string[] = [];
const print = (line: string) => {
  out.push(line);
  process.stdout.write(`${line}\n`);
};

if (existing) {
  // An existing repository: nothing is generated, and nothing is written inside it (the report and the cache go to bench/.work).
  // `npm run` starts in the package folder; a relative path is the caller's (npm gives its folder as INIT_CWD).
  const root = resolve(process.env.INIT_CWD ?? process.cwd(), existing);
  const counted = runRuff(root, "default");
  print(`mldebt benchmark — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? "unknown"}), load average ${loadavg()[0]!.toFixed(1)} at start, best of ${repeat}`);
  measureRepository(root, `### ${basename(root)}: ${counted.files} Python files and notebooks, ${counted.lines.toLocaleString("en-US")} lines (notebooks: their code cells)`, "repo", counted.files, counted.lines, repeat);
} else {
  print(`mldebt benchmark — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? "unknown"}), load average ${loadavg()[0]!.toFixed(1)} at start, seed ${seed}, best of ${repeat}`);
  for (const size of sizes) {
    const root = resolve(WORK, `repo-${size}`);
    const repo: GeneratedRepo = generateRepo(root, { seed, lines: size });
    const title = `### ${size.toLocaleString("en-US")} lines: ${repo.pythonFiles} Python files, ${repo.notebooks} notebooks, ${repo.otherFiles} configs/manifests, ${repo.pythonLines.toLocaleString("en-US")} lines of Python, ${(repo.bytes / 1e6).toFixed(1)} MB`;
    measureRepository(root, title, String(size), repo.pythonFiles + repo.notebooks, repo.pythonLines, repeat);
  }
}
print("");
print(`load average ${loadavg()[0]!.toFixed(1)} at the end`);
