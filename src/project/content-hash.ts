/** Content hashes: what the cache and the project model key files by. */
import { createHash } from "node:crypto";

/** A short hex digest of bytes or text (not for security: a cache key). */
export function contentHash(content: string | Uint8Array): string {
  return createHash("sha1").update(content).digest("hex");
}
