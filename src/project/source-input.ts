/**
 * Reads a source file the way Python would, before anything parses it: refuses binary and
 * oversized files, honours PEP 263 encoding declarations, and says clearly why a file cannot be
 * linted. Never throws for a bad file: the reason comes back as a value.
 */
import { readFileSync, statSync } from "node:fs";
import { TextDecoder } from "node:util";

/** Python sources above this size are reported, not parsed (generated or vendored code). */
export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;
/** Notebooks carry outputs (images, tables), so they may be much larger. */
export const MAX_NOTEBOOK_BYTES = 200 * 1024 * 1024;

export type SourceInput =
  | { ok: true; text: string; encoding: string }
  | { ok: false; reason: string; line?: number; column?: number };

const CODING_COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/u;

/** The encoding a PEP 263 cookie declares on line 1 or 2, or null. */
function declaredEncoding(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 512)).toString("latin1").split(/\r\n|\n|\r/u, 2);
  for (const line of head) {
    const match = CODING_COOKIE.exec(line);
    if (match) return match[1]!.toLowerCase();
  }
  return null;
}

function decoderFor(encoding: string): TextDecoder | null {
  const aliases: Record<string, string> = { "latin-1": "latin1", "iso-8859-1": "latin1", cp1252: "windows-1252", "utf8": "utf-8", "utf-8-sig": "utf-8" };
  try {
    return new TextDecoder(aliases[encoding] ?? encoding, { fatal: true });
  } catch {
    return null;
  }
}

function lineAndColumnOf(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset; index++) {
    if (bytes[index] === 0x0a) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Offset of the first byte that is not valid UTF-8. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let low = 0;
  let high = bytes.length;
  // Binary search on the longest valid prefix (a cut inside a multi-byte sequence is allowed by `stream`).
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true });
      decoder.decode();
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  return low;
}

/** Reads and decodes one source file (`kind` decides the size limit and whether PEP 263 applies). */
export function readSource(path: string, kind: "python" | "notebook" | "script"): SourceInput {
  let bytes: Buffer;
  try {
    const limit = kind === "notebook" ? MAX_NOTEBOOK_BYTES : MAX_SOURCE_BYTES;
    const size = statSync(path).size;
    if (size > limit) {
      return { ok: false, reason: `File skipped: it is ${(size / 1024 / 1024).toFixed(1)} MB, over the ${limit / 1024 / 1024} MB limit for ${kind === "notebook" ? "notebooks" : "source files"} (generated or vendored files belong in \`ignores\`).` };
    }
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "it disappeared during the run" : code === "EACCES" || code === "EPERM" ? "permission denied" : code === "EISDIR" ? "it is a directory" : (error as Error).message;
    return { ok: false, reason: `File cannot be read: ${why}.` };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return { ok: false, reason: "File skipped: it contains NUL bytes, so it is binary, not source text.", ...lineAndColumnOf(bytes, nul) };
  }
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  const declared = kind === "python" && !hasBom ? declaredEncoding(body) : null;
  const encoding = declared ?? "utf-8";
  const decoder = decoderFor(encoding);
  if (!decoder) {
    return { ok: false, reason: `File declares the encoding "${declared}" (PEP 263), which mldebt cannot decode.`, line: 1, column: 1 };
  }
  try {
    return { ok: true, text: decoder.decode(body), encoding };
  } catch {
    const offset = encoding === "utf-8" ? firstInvalidUtf8(body) : 0;
    const where = lineAndColumnOf(body, offset);
    const hint = kind === "python" ? " Save it as UTF-8, or declare its encoding on line 1 or 2 (`# -*- coding: latin-1 -*-`, PEP 263)." : kind === "notebook" ? " Notebooks must be UTF-8 JSON." : " Save it as UTF-8.";
    return { ok: false, reason: `File is not valid ${encoding === "utf-8" ? "UTF-8" : encoding} (byte ${offset + (hasBom ? 3 : 0)}).${hint}`, ...where };
  }
}
