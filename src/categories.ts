/**
 * The eight debt categories of DESIGN.md. Their names are part of the public output
 * (JSON `category`, SARIF `properties.category`, stylish summary), so they never change.
 */
export const CATEGORIES = [
  "pipeline-jungle",
  "dead-experimental-code",
  "hidden-data-dependency",
  "configuration-sprawl",
  "reproducibility",
  "data-leakage",
  "model-complexity",
  "ml-api-smell",
] as const;

export type Category = (typeof CATEGORIES)[number];

export interface CategoryInfo {
  /** A short title for headings. */
  title: string;
  /** The section of Sculley et al. / the course this category comes from. */
  source: string;
  /** The mitigation page in docs/mitigations/ that pays the debt down. */
  mitigation: string;
}

export const CATEGORY_INFO: Record<Category, CategoryInfo> = {
  "pipeline-jungle": {
    title: "Pipeline jungles",
    source: "Sculley et al. 2015, §5 Pipeline jungles / glue code",
    mitigation: "declare-the-pipeline",
  },
  "dead-experimental-code": {
    title: "Dead experimental code paths",
    source: "Sculley et al. 2015, §5 Dead experimental codepaths",
    mitigation: "remove-dead-experiments",
  },
  "hidden-data-dependency": {
    title: "Hidden data dependencies",
    source: "Sculley et al. 2015, §3 Data dependencies cost more than code dependencies",
    mitigation: "version-and-declare-data",
  },
  "configuration-sprawl": {
    title: "Configuration sprawl",
    source: "Sculley et al. 2015, §6 Configuration debt",
    mitigation: "single-source-of-config",
  },
  reproducibility: {
    title: "Reproducibility",
    source: "Course Module 01: reproducibility and dev-prod parity",
    mitigation: "make-runs-reproducible",
  },
  "data-leakage": {
    title: "Data leakage",
    source: "Course Module 01: evaluation and validation",
    mitigation: "split-before-fit",
  },
  "model-complexity": {
    title: "Model complexity",
    source: "Sculley et al. 2015, §2 Complex models erode boundaries; §4 Feedback loops",
    mitigation: "untangle-models",
  },
  "ml-api-smell": {
    title: "ML API smells",
    source: "Zhang, Cruz & van Deursen 2022, Code smells for ML applications",
    mitigation: "use-ml-apis-correctly",
  },
};

export type Severity = "error" | "warning" | "info";
export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

/** Higher is more severe. */
export const SEVERITY_RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };
