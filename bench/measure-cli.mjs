// Runs the built mldebt CLI once in this process and prints, on the last line of stderr,
// `BENCH {"seconds":…,"cpuSeconds":…,"maxRssMb":…,"exitCode":…}` (peak RSS covers worker threads).
// Usage: node bench/measure-cli.mjs <mldebt arguments…>
import { runCli } from "../dist/src/cli/main.js";

const start = performance.now();
const cpuStart = process.cpuUsage();
const exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: false,
});
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
const maxRssMb = process.resourceUsage().maxRSS / 1024;
process.stderr.write(`BENCH ${JSON.stringify({ seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssMb, exitCode })}\n`);
