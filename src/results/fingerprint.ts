import { createHash } from "node:crypto";

/** What identifies a finding across runs: everything but its position. */
export interface FingerprintInput {
  ruleId: string;
  /** Relative to the report root, POSIX separators. */
  file: string;
  message: string;
  /** The full text of the source line the finding starts on. */
  lineText: string;
  /**
   * 0-based index of this finding among the findings with the same rule, file and
   * `normalizeLineText(lineText)`, in sorted order (see `sortFindings`).
   */
  occurrence: number;
}

/**
 * A source line as the fingerprint sees it: trimmed, every run of whitespace collapsed to one space,
 * so reindenting keeps the fingerprint. Key occurrence counts on this too.
 */
export function normalizeLineText(text: string): string {
  return text.trim().replace(/\s+/g, " ");
}

/**
 * The stable identity of a finding, used by the baseline and by SARIF `partialFingerprints`:
 * the first 16 hex digits of the SHA-256 of the rule id, the file, the normalized text of the
 * finding's line and its occurrence index. The line number is left out, so edits above a finding
 * do not change it; editing the flagged line itself does.
 *
 * The message stands in for the line text only when the line is blank (a finding about a whole
 * file reported on an empty first line), so such findings still differ by what they say.
 */
export function computeFingerprint(input: FingerprintInput): string {
  const text = normalizeLineText(input.lineText) || normalizeLineText(input.message);
  return createHash("sha256")
    .update([input.ruleId, input.file, text, String(input.occurrence)].join("\0"))
    .digest("hex")
    .slice(0, 16);
}
