/**
 * A lint worker that stops on cue, for the pool's recovery tests: a request whose files contain
 * `stop-worker: <request type>` ends the thread (exit code 3) before the real worker (the build,
 * imported below) sees it; a worker that computed the facts of a file containing
 * `stop-worker: after-facts` stops just after it has sent them (it then holds no request). The real worker's
 * message listener is wrapped as it is added, so no message reaches the thread before that
 * listener does (they wait in the port until then).
 */
import { parentPort } from "node:worker_threads";

let stopAfterReply = false;
const post = parentPort.postMessage.bind(parentPort);
parentPort.postMessage = (message, transfer) => {
  post(message, transfer);
  if (stopAfterReply && message.type === "facts") setTimeout(() => process.exit(3), 20);
};
const on = parentPort.on.bind(parentPort);
parentPort.on = (event, listener) =>
  on(event, event !== "message" ? listener : (request) => {
    if (request.files?.some((file) => file.text.includes(`stop-worker: ${request.type}`))) process.exit(3);
    if (request.type === "facts" && request.files.some((file) => file.text.includes("stop-worker: after-facts"))) stopAfterReply = true;
    listener(request);
  });
await import(new URL("../../dist/src/cli/lint-worker.js", import.meta.url).href);
