import type { Assessment } from "../assessment/maturity.js";
import type { Category, Severity } from "../categories.js";
import type { GraphJson } from "../project/graph/types.js";

/** A secondary location of a finding (JSON `related`, SARIF `relatedLocations`). */
export interface RelatedLocation {
  /** Relative to the report root, POSIX separators. */
  file: string;
  line: number;
  column?: number;
  /** Notebooks only: 1-based index among all cells. */
  cell?: number;
  message: string;
}

/** One finding: the unit of every report. Field order here is the JSON field order. */
export interface Finding {
  ruleId: string;
  /** `null` only for `mldebt/parse-error`. */
  category: Category | null;
  severity: Severity;
  message: string;
  /** Relative to root, POSIX separators. */
  file: string;
  /** 1-based; for notebooks: within the cell. */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** Notebooks only: 1-based index among all cells. */
  cell?: number;
  related?: RelatedLocation[];
  /** Relative path of the rule's doc page, e.g. `docs/rules/absolute-data-path.md`. */
  docs?: string;
  /** Mitigation id: a page in docs/mitigations/. */
  mitigation?: string;
  /** Stable across runs and unrelated edits; used by the baseline. */
  fingerprint: string;
}

export interface Summary {
  files: number;
  byCategory: Partial<Record<Category, number>>;
  bySeverity: Partial<Record<Severity, number>>;
}

/** Everything a reporter needs. Reporters are pure functions of this. */
export interface LintResult {
  tool: { name: "mldebt"; version: string };
  /** The report root as the user named it (`.` for the current directory). */
  root: string;
  findings: Finding[];
  summary: Summary;
  /** Rule metadata for every rule that was enabled (for SARIF `rules[]`, explain links). */
  rules: RuleDescriptor[];
  /** When a baseline was applied: its file and how many findings it covered (not in `findings`). */
  baseline?: { file: string; suppressed: number };
  /** The project's MLOps maturity, when a whole project folder was linted. */
  assessment?: Assessment;
  /** The project's data-flow graph, when the run was asked for it (JSON `graph`, the stylish pipeline text). */
  graph?: GraphJson;
}

/** The public metadata of one rule, as reporters see it. */
export interface RuleDescriptor {
  id: string; // "mldebt/<id>"
  category: Category | null;
  severity: Severity;
  description: string;
  docs: string; // relative docs path
  helpUri: string; // absolute URL of the docs page
  mitigation: string | null;
}
