/**
 * `--shard i/n`: split a project's files over n CI machines. A file's shard is a hash of its
 * relative path, so every machine agrees without talking to the others and a file stays in its
 * shard as others are added. Each shard still builds the whole project model, so cross-file
 * rules see the whole project; `mldebt merge` joins the shards' JSON reports.
 */
import { createHash } from "node:crypto";
import { UsageError } from "./errors.js";

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/u.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard takes i/n with 1 ≤ i ≤ n (e.g. 2/4); got "${text}".`);
  }
  return { index, count };
}

/** Whether a root-relative file belongs to the shard. */
export function inShard(file: string, shard: Shard): boolean {
  const hash = createHash("sha1").update(file).digest().readUInt32BE(0);
  return hash % shard.count === shard.index - 1;
}
