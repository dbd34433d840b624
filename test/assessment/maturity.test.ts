import { describe, expect, it } from "vitest";
import { assessMaturity, type AssessmentInput } from "../../src/assessment/maturity.js";

function input(files: Record<string, string>, underGit = true): AssessmentInput {
  const names = Object.keys(files).sort();
  return { files: names, underGit, readText: (file) => files[file] ?? null };
}

const present = (assessment: ReturnType<typeof assessMaturity>) =>
  assessment.practices.filter((practice) => practice.present).map((practice) => practice.id);

describe("MLOps maturity assessment", () => {
  it("a notebook and two scripts: level 0, with quick wins", () => {
    const assessment = assessMaturity(input({ "train.py": "import pandas as pd\n", "explore.ipynb": '{"cells": []}', "requirements.txt": "pandas\nscikit-learn>=1.0\n" }, false));
    expect(assessment.level).toBe(0);
    expect(present(assessment)).toEqual([]);
    const pinned = assessment.practices.find((practice) => practice.id === "pinned-dependencies")!;
    expect(pinned.evidence).toBe("requirements.txt has unpinned versions and no lock file is beside it");
    expect(pinned.quickWin).toMatch(/lock/u);
  });

  it("a DVC pipeline, MLflow tracking, pinned requirements and git: level 1", () => {
    const assessment = assessMaturity(
      input({
        "dvc.yaml": "stages: {}\n",
        "data/raw.csv.dvc": "outs:\n- path: raw.csv\n",
        "src/train.py": "import mlflow\nmlflow.autolog()\n",
        "requirements.txt": "pandas==2.2.0\nscikit-learn==1.5.0  # pinned\n",
      }),
    );
    expect(assessment.level).toBe(1);
    expect(present(assessment)).toEqual(["version-control", "data-versioning", "declared-pipeline", "experiment-tracking", "pinned-dependencies"]);
  });

  it("every practice, through notebooks and CI files too: level 2", () => {
    const assessment = assessMaturity(
      input({
        "dags/train_dag.py": "from airflow import DAG\n",
        ".gitattributes": "*.parquet filter=lfs diff=lfs merge=lfs -text\n",
        "monitor.ipynb": '{"cells": [{"source": ["import evidently\\n"]}]}',
        "track.ipynb": '{"cells": [{"source": ["import wandb\\n"]}]}',
        "register.py": 'mlflow.sklearn.log_model(m, "model", registered_model_name="churn")\n',
        "uv.lock": "",
        "tests/test_features.py": "def test_x(): pass\n",
        ".github/workflows/ci.yml": "on: push\n",
        "Dockerfile": "FROM python:3.12-slim\n",
      }),
    );
    expect(assessment.level).toBe(2);
    expect(present(assessment)).toHaveLength(10);
  });

  it("a word in a comment or string is not an import", () => {
    const assessment = assessMaturity(input({ "a.py": "# we should import mlflow one day\nx = 'import wandb'\n" }));
    expect(present(assessment)).toEqual(["version-control"]);
  });
});
