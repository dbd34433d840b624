/**
 * The MLOps maturity assessment of a whole project (Google's levels 0/1/2, as the course teaches
 * them): which practices the project shows evidence of, and for each missing one the quick win
 * that adds it. Not findings: a picture of where the project stands, printed with the summary.
 *
 * Evidence is read from the project's file list and a few small text probes (requirements files,
 * import lines); nothing is run and nothing is parsed.
 */

export type PracticeId =
  | "version-control"
  | "data-versioning"
  | "declared-pipeline"
  | "experiment-tracking"
  | "model-registry"
  | "tests"
  | "ci"
  | "container"
  | "pinned-dependencies"
  | "monitoring";

export interface Practice {
  id: PracticeId;
  title: string;
  present: boolean;
  /** What showed it (a file, an import), or why it is missing. */
  evidence: string;
  /** The smallest step that adds the practice. */
  quickWin: string;
  /** The course page that explains it. */
  docs: string;
  /** The maturity level the practice belongs to. */
  level: 1 | 2;
}

export interface Assessment {
  /** 0: manual process; 1: automated, reproducible pipeline; 2: CI/CD for the pipeline itself. */
  level: 0 | 1 | 2;
  practices: Practice[];
}

export interface AssessmentInput {
  /** Every file of the project (root-relative, POSIX, sorted), ignored files excluded. */
  files: readonly string[];
  /** Whether the project root is inside a git work tree. */
  underGit: boolean;
  /** Reads a project file's text (small files only); null when it cannot. */
  readText(file: string): string | null;
}

const base = (path: string) => path.slice(path.lastIndexOf("/") + 1);

function firstFile(files: readonly string[], test: (file: string) => boolean): string | undefined {
  return files.find(test);
}

/**
 * The first Python file or notebook importing one of `modules`, by a plain look at import lines
 * (in a notebook's JSON a source line starts after a quote).
 */
function importing(input: AssessmentInput, modules: string[]): { file: string; module: string } | undefined {
  const pattern = new RegExp(`(?:^|")[ \\t]*(?:import|from)[ \\t]+(${modules.map((module) => module.replace(/\./gu, "\\.")).join("|")})\\b`, "mu");
  for (const file of input.files) {
    if (!file.endsWith(".py") && !file.endsWith(".ipynb")) continue;
    const match = pattern.exec(input.readText(file) ?? "");
    if (match) return { file, module: match[1]! };
  }
  return undefined;
}

function pinnedDependencies(input: AssessmentInput): { present: boolean; evidence: string } {
  const lock = firstFile(input.files, (file) => ["poetry.lock", "uv.lock", "Pipfile.lock", "pdm.lock", "conda-lock.yml", "requirements.lock"].includes(base(file)));
  if (lock) return { present: true, evidence: `lock file ${lock}` };
  const requirements = input.files.filter((file) => /^requirements[\w.-]*\.txt$/u.test(base(file)));
  for (const file of requirements) {
    const lines = (input.readText(file) ?? "")
      .split(/\r?\n/u)
      .map((line) => line.replace(/#.*$/u, "").trim())
      .filter((line) => line && !line.startsWith("-"));
    if (lines.length > 0 && lines.every((line) => /==|@ /u.test(line))) return { present: true, evidence: `${file} pins every package with ==` };
  }
  return { present: false, evidence: requirements.length ? `${requirements[0]} has unpinned versions and no lock file is beside it` : "no lock file and no fully pinned requirements file" };
}

/** Assesses a project; pure over its input. */
export function assessMaturity(input: AssessmentInput): Assessment {
  const { files } = input;
  const found = (file: string | undefined, what: string) => (file ? `${what} ${file}` : "");

  const dvc = firstFile(files, (file) => base(file) === "dvc.yaml" || file.endsWith(".dvc") || base(file) === "dvc.lock");
  const lfs = files.includes(".gitattributes") && /filter=lfs/u.test(input.readText(".gitattributes") ?? "") ? ".gitattributes (git-lfs)" : undefined;
  const pipelineFile = firstFile(files, (file) => ["dvc.yaml", "Snakefile", "MLproject", "kedro.yml", "pipeline.yaml"].includes(base(file)) || /(^|\/)dags\/.+\.py$/u.test(file));
  const orchestrator = pipelineFile ? undefined : importing(input, ["airflow", "prefect", "kedro", "dagster", "kfp", "zenml", "metaflow", "flytekit"]);
  const tracking = importing(input, ["mlflow", "wandb", "neptune", "comet_ml", "clearml", "dvclive", "aim"]);
  const registryText = files.filter((file) => file.endsWith(".py")).find((file) => /register_model|registered_model_name|ModelRegistry|bentoml\.\w+\.save_model|log_artifact\([^)]*type\s*=\s*["']model/u.test(input.readText(file) ?? ""));
  const tests = firstFile(files, (file) => /(^|\/)(tests?\/.+\.py|test_[^/]+\.py|[^/]+_test\.py|conftest\.py)$/u.test(file));
  const ci = firstFile(files, (file) => /^\.github\/workflows\/.+\.ya?ml$/u.test(file) || [".gitlab-ci.yml", "Jenkinsfile", "azure-pipelines.yml", ".travis.yml", "bitbucket-pipelines.yml"].includes(file) || file.startsWith(".circleci/"));
  const container = firstFile(files, (file) => /^(Dockerfile|Containerfile)(\..+)?$/u.test(base(file)) || /^docker-compose.*\.ya?ml$/u.test(base(file)) || file.startsWith(".devcontainer/"));
  const monitoring = importing(input, ["evidently", "whylogs", "nannyml", "alibi_detect", "prometheus_client", "deepchecks"]);
  const pinned = pinnedDependencies(input);

  const practices: Practice[] = [
    { id: "version-control", title: "Code under version control", level: 1, present: input.underGit, evidence: input.underGit ? "a git work tree" : "no git repository around the project", quickWin: "`git init`, commit the code and configs (not the data), and push to a shared remote.", docs: "docs/mitigations/make-runs-reproducible.md" },
    { id: "data-versioning", title: "Data versioned", level: 1, present: Boolean(dvc ?? lfs), evidence: found(dvc, "DVC:") || lfs || "no .dvc files, dvc.yaml or git-lfs patterns", quickWin: "`dvc init && dvc add data/raw` and commit the .dvc file: the data's version now travels with the code.", docs: "docs/mitigations/version-and-declare-data.md" },
    { id: "declared-pipeline", title: "Pipeline declared and automated", level: 1, present: Boolean(pipelineFile ?? orchestrator), evidence: found(pipelineFile, "pipeline file") || (orchestrator ? `${orchestrator.module} in ${orchestrator.file}` : "steps are run by hand or by a script's side effects"), quickWin: "write a dvc.yaml with one stage per script (deps, outs, params) and run it with `dvc repro`.", docs: "docs/mitigations/declare-the-pipeline.md" },
    { id: "experiment-tracking", title: "Experiments tracked", level: 1, present: Boolean(tracking), evidence: tracking ? `${tracking.module} in ${tracking.file}` : "no MLflow, W&B, Neptune, Comet, ClearML or DVCLive import", quickWin: "`mlflow.autolog()` at the top of the training script records parameters, metrics and the model of every run.", docs: "docs/mitigations/remove-dead-experiments.md" },
    { id: "pinned-dependencies", title: "Dependencies pinned", level: 1, present: pinned.present, evidence: pinned.evidence, quickWin: "`pip freeze > requirements.lock` (or `uv lock` / `poetry lock`) and install from the lock everywhere.", docs: "docs/mitigations/make-runs-reproducible.md" },
    { id: "tests", title: "Tests", level: 2, present: Boolean(tests), evidence: found(tests, "test file") || "no test files", quickWin: "add tests/test_features.py with one test of a feature function on a five-row DataFrame; run `pytest`.", docs: "docs/mitigations/untangle-models.md" },
    { id: "ci", title: "Continuous integration", level: 2, present: Boolean(ci), evidence: found(ci, "CI config") || "no CI configuration", quickWin: "a .github/workflows/ci.yml that installs the lock file, runs the tests and `npx mldebt --fail-on error`.", docs: "docs/mitigations/declare-the-pipeline.md" },
    { id: "container", title: "Containerised environment", level: 2, present: Boolean(container), evidence: found(container, "container definition") || "no Dockerfile or devcontainer", quickWin: "a Dockerfile FROM a pinned python image that installs the lock file: dev and prod then run the same environment.", docs: "docs/mitigations/make-runs-reproducible.md" },
    { id: "model-registry", title: "Model registry", level: 2, present: Boolean(registryText), evidence: found(registryText, "registration in") || "models are files, not registered versions", quickWin: "`mlflow.sklearn.log_model(model, \"model\", registered_model_name=\"churn\")`: every model gets a version and a stage.", docs: "docs/mitigations/version-and-declare-data.md" },
    { id: "monitoring", title: "Monitoring", level: 2, present: Boolean(monitoring), evidence: monitoring ? `${monitoring.module} in ${monitoring.file}` : "no drift or quality monitoring", quickWin: "an Evidently data-drift report comparing training data with a week of production inputs, run on a schedule.", docs: "docs/mitigations/untangle-models.md" },
  ];
  const levelOne = practices.filter((practice) => practice.level === 1).every((practice) => practice.present);
  const levelTwo = levelOne && practices.every((practice) => practice.present);
  return { level: levelTwo ? 2 : levelOne ? 1 : 0, practices };
}
