/**
 * The worker pool when a worker stops (out of memory, a crash): a new worker takes its place, the
 * file that stopped it is reported with an internal-error message and every other file is
 * analysed as usual.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { WorkerPool } from "../../src/cli/worker-pool.js";
import type { EngineSetup } from "../../src/cli/lint-engine.js";
import { unpackFacts } from "../../src/cli/facts-transfer.js";
import { readDeclarations } from "../../src/project/model.js";
import { tempProject } from "../helpers/cli.js";

const STOPPING_WORKER = fileURLToPath(new URL("../helpers/stopping-worker.mjs", import.meta.url));

const UNSEEDED = "import numpy as np\n\nx = np.random.rand(3)\n";

function project(files: Record<string, string>): { root: string; setup: EngineSetup } {
  const root = tempProject(files);
  return { root, setup: { root, ignores: [], overrides: [{ files: ["**/*.py"], rules: { "mldebt/unseeded-randomness": "warn" } }] } };
}

/** Runs facts and lint through a pool of stopping workers; returns each file's messages and the skipped modules. */
async function run(files: Record<string, string>, workers: number) {
  const { root, setup } = project(files);
  const names = Object.keys(files).sort();
  const pool = await WorkerPool.start(workers, setup, STOPPING_WORKER);
  try {
    pool.setDeclarations(readDeclarations(root, { ignores: [] }));
    const facts = await pool.computeFacts(names.map((file) => ({ file, text: files[file]! })));
    pool.installModel(facts.parts);
    const results = await pool.lint(names.map((file) => ({ absolute: join(root, file), relative: file, text: files[file]! })));
    const messages = Object.fromEntries(names.map((file, index) => [file, results[index]!.messages.map((message) => `${message.ruleId ?? "fatal"} ${message.line}:${message.column} ${message.message}`)]));
    return { messages, failed: names.filter((_, index) => results[index]!.failed), skipped: unpackFacts(facts.parts).skipped };
  } finally {
    await pool.close();
  }
}

function project10(extra: Record<string, string>): Record<string, string> {
  const files: Record<string, string> = { ...extra };
  for (let index = 0; index < 10; index++) files[`m${index}.py`] = UNSEEDED;
  return files;
}

describe("a worker that stops", () => {
  it("changes nothing when no worker stops", async () => {
    const { messages, failed, skipped } = await run(project10({}), 2);
    expect(failed).toEqual([]);
    expect(skipped).toEqual([]);
    for (const list of Object.values(messages)) expect(list).toEqual([expect.stringMatching(/^mldebt\/unseeded-randomness 3:5 /u)]);
  });

  it("while linting: the file that stopped it gets an internal error, the others their findings", async () => {
    const { messages, failed } = await run(project10({ "bad.py": "# stop-worker: lint\nimport random\nrandom.random()\n" }), 2);
    expect(failed).toEqual(["bad.py"]);
    expect(messages["bad.py"]).toEqual([expect.stringMatching(/^fatal 1:1 mldebt could not analyse this file: internal error \(a worker stopped on it: it exited with code 3\)/u)]);
    for (const [file, list] of Object.entries(messages)) if (file !== "bad.py") expect(list, file).toEqual([expect.stringMatching(/^mldebt\/unseeded-randomness 3:5 /u)]);
  });

  it("while computing facts: the module is skipped with the reason and its lint is not tried again", async () => {
    const { messages, failed, skipped } = await run(project10({ "bad.py": "# stop-worker: facts\n" }), 1);
    expect(skipped).toEqual([{ file: "bad.py", reason: "Internal error: the analysis of this module stopped (it exited with code 3)." }]);
    expect(failed).toEqual(["bad.py"]);
    expect(messages["bad.py"]).toEqual([expect.stringMatching(/^fatal 1:1 .*a worker stopped on it: it exited with code 3/u)]);
    expect(Object.values(messages).filter((list) => list.some((line) => line.startsWith("mldebt/unseeded-randomness 3:5")))).toHaveLength(10);
  });

  it("between requests: the next request goes to a new worker, and every file is analysed", async () => {
    // Two batches: the big module keeps one worker busy while the other sends the small one's
    // facts and stops, holding no request; the lint that follows must not wait for it.
    const big = Array.from({ length: 12_000 }, (_, index) => `value_${index} = ${index}\n`).join("");
    const { messages, failed, skipped } = await run({ "a_big.py": big, "b_small.py": "# stop-worker: after-facts\nimport numpy as np\n\nnp.random.rand(2)\n" }, 2);
    expect(failed).toEqual([]);
    expect(skipped).toEqual([]);
    expect(messages).toEqual({ "a_big.py": [], "b_small.py": [expect.stringMatching(/^mldebt\/unseeded-randomness 4:1 /u)] });
  });

  it("ends the run with the reason when workers keep stopping", async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 12; index++) files[`bad${index}.py`] = "# stop-worker: lint\n";
    await expect(run(files, 1)).rejects.toThrow(/lint workers kept stopping \(the last time it exited with code 3\)/u);
  });
});
