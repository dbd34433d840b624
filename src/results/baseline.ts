/**
 * The baseline: the findings a legacy project has accepted for now, by fingerprint, so CI fails
 * only on new debt. Fingerprints ignore line numbers, so edits elsewhere in a file keep old
 * findings matched; a finding that appears twice on identical lines needs two baseline entries.
 */
import type { Finding } from "./model.js";

export interface BaselineEntry {
  ruleId: string;
  file: string;
  fingerprint: string;
}

export interface Baseline {
  version: 1;
  findings: BaselineEntry[];
}

export class BaselineError extends Error {}

/** The baseline file's text for these findings (sorted, so regenerating it gives a stable diff). */
export function formatBaseline(findings: readonly Finding[]): string {
  const entries = findings
    .map((finding) => ({ ruleId: finding.ruleId, file: finding.file, fingerprint: finding.fingerprint }))
    .sort((a, b) => (a.file === b.file ? (a.ruleId === b.ruleId ? (a.fingerprint < b.fingerprint ? -1 : 1) : a.ruleId < b.ruleId ? -1 : 1) : a.file < b.file ? -1 : 1));
  const baseline: Baseline = { version: 1, findings: entries };
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/** Reads a baseline file's text; `file` names it in errors. */
export function parseBaseline(text: string, file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`Baseline ${file} is not valid JSON (${(error as Error).message}). Recreate it with --update-baseline.`);
  }
  const baseline = data as Partial<Baseline>;
  if (baseline?.version !== 1 || !Array.isArray(baseline.findings) || !baseline.findings.every((entry) => typeof entry?.fingerprint === "string")) {
    throw new BaselineError(`Baseline ${file} is not an mldebt baseline (expected {"version": 1, "findings": [{"fingerprint": …}]}). Recreate it with --update-baseline.`);
  }
  return baseline as Baseline;
}

/** Findings not covered by the baseline, and how many were. Each entry covers one finding. */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline): { kept: Finding[]; suppressed: number } {
  const remaining = new Map<string, number>();
  for (const entry of baseline.findings) remaining.set(entry.fingerprint, (remaining.get(entry.fingerprint) ?? 0) + 1);
  const kept: Finding[] = [];
  let suppressed = 0;
  for (const finding of findings) {
    const left = remaining.get(finding.fingerprint) ?? 0;
    if (left > 0) {
      remaining.set(finding.fingerprint, left - 1);
      suppressed++;
    } else {
      kept.push(finding);
    }
  }
  return { kept, suppressed };
}
