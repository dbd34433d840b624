/**
 * A pool of worker threads, each with its own LintEngine (ESLint, the plugin, the grammar).
 * Work is handed out in small batches to whichever worker is free, so big and small files even
 * out. The lint phase gives each worker the files it computed facts for first (their parses
 * wait in that worker), then helps itself to any other worker's files.
 *
 * A worker that stops (out of memory, a crash) does not end the run: a new one takes its place
 * (with the declarations and the model the old one had), the batch it was working on is tried
 * again file by file, and a file that stops a worker on its own is reported with an
 * internal-error message while every other file is analysed as usual.
 */
import { setFlagsFromString } from "node:v8";
import { Worker } from "node:worker_threads";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DeclarationsData } from "../project/model.js";
import { packFacts, shareFacts, type SharedFacts } from "./facts-transfer.js";
import { PACKAGE_ROOT } from "../package-info.js";
import { internalErrorLint, type EngineSetup, type FileLint } from "./lint-engine.js";

export type PoolRequest =
  | { type: "declarations"; declarations: DeclarationsData }
  | { type: "facts"; id: number; files: { file: string; text: string }[] }
  | { type: "model"; facts: SharedFacts }
  | { type: "lint"; id: number; files: { absolute: string; text: string }[] };

export type PoolReply =
  | { type: "ready" }
  /** The facts, packed (src/cli/facts-transfer.ts). */
  | { type: "facts"; id: number; packed: Uint8Array }
  | { type: "lint"; id: number; results: FileLint[] }
  | { type: "error"; id: number; message: string };

/** Characters of source per batch: large enough to amortise a message, small enough to balance. */
const BATCH_CHARS = 200_000;
const BATCH_FILES = 32;

function workerFile(): string {
  const beside = fileURLToPath(new URL("./lint-worker.js", import.meta.url));
  return existsSync(beside) ? beside : join(PACKAGE_ROOT, "dist", "src", "cli", "lint-worker.js");
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  pending: Map<number, { resolve: (reply: PoolReply) => void; reject: (error: Error) => void }>;
  /** Why the worker stopped, once it has (it may stop between requests, installing the model). */
  stopped: string | null;
}

/** A worker stopped while it held a request: the request can be tried again elsewhere. */
class WorkerStopped extends Error {}

/**
 * Workers replaced in one run, at most: past this the stops are not one file's doing (the
 * machine is out of memory, say) and the run ends with the last reason.
 */
const MAX_REPLACEMENTS = 8;

function startWorker(setup: EngineSetup, file: string): Slot {
  const worker = new Worker(file, { workerData: setup });
  const pending: Slot["pending"] = new Map();
  let markReady: () => void = () => {};
  let failReady: (error: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    failReady = reject;
  });
  // Nobody may be waiting for `ready` when the worker stops later on.
  ready.catch(() => {});
  worker.on("message", (reply: PoolReply) => {
    if (reply.type === "ready") return markReady();
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (reply.type === "error") waiter.reject(new Error(`a lint worker failed: ${reply.message}`));
    else waiter.resolve(reply);
  });
  const slot: Slot = { worker, ready, pending, stopped: null };
  const stop = (reason: string) => {
    if (slot.stopped !== null) return;
    slot.stopped = reason;
    const error = new WorkerStopped(reason);
    failReady(error);
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  worker.on("error", (error: Error & { code?: string }) => stop(error.code === "ERR_WORKER_OUT_OF_MEMORY" ? "it ran out of memory" : `it stopped: ${error.message}`));
  worker.on("exit", (code) => stop(`it exited with code ${code}`));
  return slot;
}

/** Splits items into batches of about BATCH_CHARS characters. */
function batches<T extends { text: string }>(items: T[]): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const item of items) {
    current.push(item);
    size += item.text.length;
    if (size >= BATCH_CHARS || current.length >= BATCH_FILES) {
      out.push(current);
      current = [];
      size = 0;
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

export class WorkerPool {
  readonly #setup: EngineSetup;
  readonly #file: string;
  readonly #slots: Slot[];
  #nextId = 1;
  #declarations: DeclarationsData | null = null;
  #facts: SharedFacts | null = null;
  #replacements = 0;
  #closing = false;
  /** Modules whose facts stopped a worker (root-relative), with the reason. */
  readonly #stoppedOn = new Map<string, string>();

  private constructor(setup: EngineSetup, file: string, slots: Slot[]) {
    this.#setup = setup;
    this.#file = file;
    this.#slots = slots;
  }

  /**
   * Starts `count` workers and waits until each has loaded ESLint and the plugin. `file` is the
   * worker's module (tests start one that stops on cue).
   */
  static async start(count: number, setup: EngineSetup, file = workerFile()): Promise<WorkerPool> {
    // Heaps that each grow by half their live data between collections (src/cli/main.ts) add up
    // across isolates: with two workers or more each grows by 40% at most. At 1M lines with two
    // workers the peak is 1.2–1.35 GB instead of 1.25–1.47 GB, for about 7% more time
    // (docs/performance.md). The flag is process-wide; workers started from here on read it.
    if (count >= 2) setFlagsFromString("--heap-growing-percent=40");
    const slots = Array.from({ length: count }, () => startWorker(setup, file));
    const pool = new WorkerPool(setup, file, slots);
    try {
      await Promise.all(slots.map((slot) => slot.ready));
    } catch (error) {
      await pool.close();
      throw new Error(`a lint worker could not start: ${(error as Error).message}`);
    }
    return pool;
  }

  get size(): number {
    return this.#slots.length;
  }

  #request(own: number, request: PoolRequest & { id: number }): Promise<PoolReply> {
    const slot = this.#slots[own]!;
    return new Promise((resolve, reject) => {
      if (slot.stopped !== null) return reject(new WorkerStopped(slot.stopped));
      slot.pending.set(request.id, { resolve, reject });
      slot.worker.postMessage(request);
    });
  }

  /** Puts a new worker in a stopped one's place, with what the old one had been sent. */
  async #replace(own: number, reason: string): Promise<void> {
    if (++this.#replacements > MAX_REPLACEMENTS) throw new Error(`lint workers kept stopping (the last time ${reason}); try --workers off or fewer workers`);
    const slot = startWorker(this.#setup, this.#file);
    this.#slots[own] = slot;
    if (this.#declarations) slot.worker.postMessage({ type: "declarations", declarations: this.#declarations } satisfies PoolRequest);
    if (this.#facts) slot.worker.postMessage({ type: "model", facts: this.#facts } satisfies PoolRequest);
    try {
      await slot.ready;
    } catch (error) {
      throw new Error(`a lint worker could not be restarted after ${reason}: ${(error as Error).message}`);
    }
  }

  /**
   * Sends a batch to worker `own`. When the worker stops, a new one takes its place and the
   * batch is tried again one item at a time; an item that stops a worker alone goes to `failed`.
   */
  async #send<T>(own: number, batch: T[], request: (items: T[]) => PoolRequest & { id: number }, done: (items: T[], reply: PoolReply) => void, failed: (item: T, reason: string) => void, alone = false): Promise<void> {
    try {
      done(batch, await this.#request(own, request(batch)));
    } catch (error) {
      if (!(error instanceof WorkerStopped) || this.#closing) throw error;
      await this.#replace(own, error.message);
      if (alone) return failed(batch[0]!, error.message);
      for (const item of batch) await this.#send(own, [item], request, done, failed, true);
    }
  }

  /** Sends the project's declarations to every worker. */
  setDeclarations(declarations: DeclarationsData): void {
    this.#declarations = declarations;
    for (const slot of this.#slots) slot.worker.postMessage({ type: "declarations", declarations } satisfies PoolRequest);
  }

  /**
   * Computes module facts across the pool, packed (one part a batch); `owner` says which worker
   * holds each file's parse. A module that stops a worker is listed as skipped, with the reason.
   */
  async computeFacts(files: { file: string; text: string }[]): Promise<{ parts: Uint8Array[]; owner: Map<string, number> }> {
    const queue = batches(files);
    const owner = new Map<string, number>();
    const parts: Uint8Array[] = [];
    const skipped: { file: string; reason: string }[] = [];
    await Promise.all(
      this.#slots.map(async (_, index) => {
        for (let batch = queue.shift(); batch; batch = queue.shift()) {
          for (const { file } of batch) owner.set(file, index);
          await this.#send(
            index,
            batch,
            (items) => ({ type: "facts", id: this.#nextId++, files: items }),
            (_items, reply) => {
              if (reply.type === "facts") parts.push(reply.packed);
            },
            ({ file }, reason) => {
              this.#stoppedOn.set(file, reason);
              skipped.push({ file, reason: `Internal error: the analysis of this module stopped (${reason}).` });
            },
          );
        }
      }),
    );
    if (skipped.length > 0) parts.push(packFacts({ records: [], skipped }));
    return { parts, owner };
  }

  /** Installs the project model in every worker, from packed facts (one shared copy for all). */
  installModel(parts: readonly Uint8Array[]): void {
    const facts = shareFacts(parts);
    this.#facts = facts;
    for (const slot of this.#slots) slot.worker.postMessage({ type: "model", facts } satisfies PoolRequest);
  }

  /**
   * Lints files across the pool, each preferably in the worker named by `owner` (where its parse
   * waits). Results come back in the order of `files`. A file that stopped a worker (here or while
   * its facts were computed) gets one fatal message saying so.
   */
  async lint(files: { absolute: string; relative: string; text: string; owner?: number }[]): Promise<FileLint[]> {
    const results: FileLint[] = new Array(files.length);
    const queues: { index: number; absolute: string; text: string }[][] = this.#slots.map(() => []);
    files.forEach((file, index) => {
      const stopped = this.#stoppedOn.get(file.relative);
      if (stopped !== undefined) return void (results[index] = internalErrorLint(`a worker stopped on it: ${stopped}`));
      const slot = file.owner !== undefined && file.owner < queues.length ? file.owner : index % queues.length;
      queues[slot]!.push({ index, absolute: file.absolute, text: file.text });
    });
    const perSlot = queues.map((queue) => batches(queue));
    const take = (own: number) => {
      const mine = perSlot[own]!.shift();
      if (mine) return mine;
      // Help the worker with the most batches left (from the end of its queue).
      let busiest = -1;
      for (let other = 0; other < perSlot.length; other++) if (perSlot[other]!.length > 0 && (busiest < 0 || perSlot[other]!.length > perSlot[busiest]!.length)) busiest = other;
      return busiest >= 0 ? perSlot[busiest]!.pop() : undefined;
    };
    await Promise.all(
      this.#slots.map(async (_, own) => {
        for (let batch = take(own); batch; batch = take(own)) {
          await this.#send(
            own,
            batch,
            (items) => ({ type: "lint", id: this.#nextId++, files: items.map(({ absolute, text }) => ({ absolute, text })) }),
            (items, reply) => {
              if (reply.type !== "lint") return;
              reply.results.forEach((result, position) => {
                results[items[position]!.index] = result;
              });
            },
            ({ index }, reason) => {
              results[index] = internalErrorLint(`a worker stopped on it: ${reason}`);
            },
          );
        }
      }),
    );
    return results;
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    this.#closing = true;
    await Promise.all(this.#slots.map((slot) => slot.worker.terminate()));
  }
}
