/**
 * A pool of worker threads, each with its own LintEngine (ESLint, the plugin, the grammar).
 * Work is handed out in small batches to whichever worker is free, so big and small files even
 * out. The lint phase gives each worker the files it computed facts for first (their parses
 * wait in that worker), then helps itself to any other worker's files.
 */
import { setFlagsFromString } from "node:v8";
import { Worker } from "node:worker_threads";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DeclarationsData } from "../project/model.js";
import { shareFacts, type SharedFacts } from "./facts-transfer.js";
import { PACKAGE_ROOT } from "../package-info.js";
import type { EngineSetup, FileLint } from "./lint-engine.js";

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
  readonly #slots: Slot[];
  #nextId = 1;

  private constructor(slots: Slot[]) {
    this.#slots = slots;
  }

  /** Starts `count` workers and waits until each has loaded ESLint and the plugin. */
  static async start(count: number, setup: EngineSetup): Promise<WorkerPool> {
    // Heaps that each grow by half their live data between collections (src/cli/main.ts) add up
    // across isolates: with two workers or more each grows by 40% at most. At 1M lines with two
    // workers the peak is 1.2–1.35 GB instead of 1.25–1.47 GB, for about 7% more time
    // (docs/performance.md). The flag is process-wide; workers started from here on read it.
    if (count >= 2) setFlagsFromString("--heap-growing-percent=40");
    const slots: Slot[] = [];
    for (let index = 0; index < count; index++) {
      const worker = new Worker(workerFile(), { workerData: setup });
      const pending: Slot["pending"] = new Map();
      let markReady: () => void = () => {};
      let failReady: (error: Error) => void = () => {};
      const ready = new Promise<void>((resolve, reject) => {
        markReady = resolve;
        failReady = reject;
      });
      worker.on("message", (reply: PoolReply) => {
        if (reply.type === "ready") return markReady();
        const waiter = pending.get(reply.id);
        if (!waiter) return;
        pending.delete(reply.id);
        if (reply.type === "error") waiter.reject(new Error(`a lint worker failed: ${reply.message}`));
        else waiter.resolve(reply);
      });
      const fail = (error: Error) => {
        failReady(error);
        for (const waiter of pending.values()) waiter.reject(error);
        pending.clear();
      };
      worker.on("error", (error) => fail(new Error(`a lint worker stopped: ${error.message}`)));
      worker.on("exit", (code) => {
        if (code !== 0) fail(new Error(`a lint worker exited with code ${code}`));
      });
      slots.push({ worker, ready, pending });
    }
    await Promise.all(slots.map((slot) => slot.ready));
    return new WorkerPool(slots);
  }

  get size(): number {
    return this.#slots.length;
  }

  #request(slot: Slot, request: PoolRequest & { id: number }): Promise<PoolReply> {
    return new Promise((resolve, reject) => {
      slot.pending.set(request.id, { resolve, reject });
      slot.worker.postMessage(request);
    });
  }

  /** Sends the project's declarations to every worker. */
  setDeclarations(declarations: DeclarationsData): void {
    for (const slot of this.#slots) slot.worker.postMessage({ type: "declarations", declarations } satisfies PoolRequest);
  }

  /**
   * Computes module facts across the pool, packed (one part a batch); `owner` says which worker
   * holds each file's parse.
   */
  async computeFacts(files: { file: string; text: string }[]): Promise<{ parts: Uint8Array[]; owner: Map<string, number> }> {
    const queue = batches(files);
    const owner = new Map<string, number>();
    const parts: Uint8Array[] = [];
    await Promise.all(
      this.#slots.map(async (slot, index) => {
        for (let batch = queue.shift(); batch; batch = queue.shift()) {
          for (const { file } of batch) owner.set(file, index);
          const reply = await this.#request(slot, { type: "facts", id: this.#nextId++, files: batch });
          if (reply.type === "facts") parts.push(reply.packed);
        }
      }),
    );
    return { parts, owner };
  }

  /** Installs the project model in every worker, from packed facts (one shared copy for all). */
  installModel(parts: readonly Uint8Array[]): void {
    const facts = shareFacts(parts);
    for (const slot of this.#slots) slot.worker.postMessage({ type: "model", facts } satisfies PoolRequest);
  }

  /**
   * Lints files across the pool, each preferably in the worker named by `owner` (where its parse
   * waits). Results come back in the order of `files`.
   */
  async lint(files: { absolute: string; text: string; owner?: number }[]): Promise<FileLint[]> {
    const results: FileLint[] = new Array(files.length);
    const queues: { index: number; absolute: string; text: string }[][] = this.#slots.map(() => []);
    files.forEach((file, index) => {
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
      this.#slots.map(async (slot, own) => {
        for (let batch = take(own); batch; batch = take(own)) {
          const reply = await this.#request(slot, { type: "lint", id: this.#nextId++, files: batch.map(({ absolute, text }) => ({ absolute, text })) });
          if (reply.type !== "lint") continue;
          reply.results.forEach((result, position) => {
            results[batch[position]!.index] = result;
          });
        }
      }),
    );
    return results;
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.#slots.map((slot) => slot.worker.terminate()));
  }
}
