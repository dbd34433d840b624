/**
 * A worker thread of the lint pool (src/cli/worker-pool.ts): one LintEngine, driven by messages
 * it handles one at a time, in order.
 */
import { parentPort, workerData } from "node:worker_threads";
import { LintEngine, type EngineSetup } from "./lint-engine.js";
import { packFacts, partsOf, unpackFacts } from "./facts-transfer.js";
import type { PoolReply, PoolRequest } from "./worker-pool.js";

const engine = new LintEngine(workerData as EngineSetup);
const port = parentPort!;
let queue: Promise<void> = Promise.resolve();

async function handle(request: PoolRequest): Promise<PoolReply | null> {
  switch (request.type) {
    case "declarations":
      engine.setDeclarations(request.declarations);
      return null;
    case "facts":
      return { type: "facts", id: request.id, packed: packFacts(engine.computeFacts(request.files)) };
    case "model":
      engine.installModel(unpackFacts(partsOf(request.facts)));
      return null;
    case "lint": {
      const results = [];
      for (const file of request.files) results.push(await engine.lintFile(file.absolute, file.text));
      return { type: "lint", id: request.id, results };
    }
  }
}

port.on("message", (request: PoolRequest) => {
  queue = queue.then(async () => {
    try {
      const reply = await handle(request);
      if (reply) port.postMessage(reply, reply.type === "facts" ? [reply.packed.buffer as ArrayBuffer] : []);
    } catch (error) {
      port.postMessage({ type: "error", id: "id" in request ? request.id : -1, message: (error as Error).stack ?? String(error) } satisfies PoolReply);
    }
  });
});
port.postMessage({ type: "ready" } satisfies PoolReply);
