/**
 * Module facts on their way between threads, as V8-serialised bytes. A worker packs the facts it
 * computed; the main thread keeps the bytes as they are (a fraction of the memory of the objects
 * they describe) and hands every worker one shared copy to build the project model from. The
 * main thread unpacks them only when it needs the model itself (the graph, the cache), after the
 * workers are gone.
 */
import { deserialize, serialize } from "node:v8";
import type { ModuleFactsData } from "../project/model.js";

/** Facts packed into bytes (an own, exactly sized buffer: it can be transferred). */
export function packFacts(data: ModuleFactsData): Uint8Array {
  const bytes = serialize(data);
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
}

/** The facts of every part, records and skipped modules in the order of the parts. */
export function unpackFacts(parts: readonly Uint8Array[]): ModuleFactsData {
  const data: ModuleFactsData = { records: [], skipped: [] };
  for (const part of parts) {
    const { records, skipped } = deserialize(part) as ModuleFactsData;
    for (const record of records) data.records.push(record);
    for (const entry of skipped) data.skipped.push(entry);
  }
  return data;
}

/** Packed parts in one shared buffer: every worker reads the same memory, nothing is copied. */
export interface SharedFacts {
  buffer: SharedArrayBuffer;
  /** Each part's end offset in the buffer. */
  ends: number[];
}

export function shareFacts(parts: readonly Uint8Array[]): SharedFacts {
  const buffer = new SharedArrayBuffer(parts.reduce((sum, part) => sum + part.byteLength, 0));
  const view = new Uint8Array(buffer);
  const ends: number[] = [];
  let offset = 0;
  for (const part of parts) {
    view.set(part, offset);
    offset += part.byteLength;
    ends.push(offset);
  }
  return { buffer, ends };
}

export function partsOf(shared: SharedFacts): Uint8Array[] {
  return shared.ends.map((end, index) => {
    const start = shared.ends[index - 1] ?? 0;
    return new Uint8Array(shared.buffer, start, end - start);
  });
}
