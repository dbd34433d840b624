/** The data-flow graph: built from the project model, declared vs undeclared, orchestrators, cycles, cells. */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dataFlowGraph } from "../../src/project/graph/index.js";
import type { DataFlowGraph, GraphEdge } from "../../src/project/graph/types.js";
import { getProjectModel } from "../../src/project/model.js";
import { REPO_ROOT, tempProject } from "../helpers/cli.js";

const FIXTURES = join(REPO_ROOT, "fixtures", "projects");

function graphOf(root: string): DataFlowGraph {
  return dataFlowGraph(getProjectModel(root));
}

function edge(graph: DataFlowGraph, from: string, to: string): GraphEdge | undefined {
  return graph.edges.find((candidate) => candidate.from === from && candidate.to === to);
}

function handoffs(graph: DataFlowGraph): string[] {
  return graph.handoffs.flatMap((handoff) => handoff.writes.map((write) => `${write.site.file} → ${handoff.artifact} → ${handoff.read.file}${write.declared ? " (declared)" : ""}`));
}

describe("the pipeline-jungle fixture", () => {
  const graph = graphOf(join(FIXTURES, "pipeline-jungle"));

  it("finds every hand-off between the scripts and the notebook, none declared", () => {
    expect(handoffs(graph)).toEqual([
      "01_ingest.py → data/interim/merged.csv → 02_clean.py",
      "03_features.ipynb → data/interim/customer_stats.csv → 02_clean.py",
      "02_clean.py → data/interim/clean.parquet → 03_features.ipynb",
      "03_features.ipynb → data/features/train.parquet → 04_train.py",
      "03_features.ipynb → data/features/test.parquet → 05_evaluate.py",
      "04_train.py → models/model.pkl → 05_evaluate.py",
      "04_train.py → models/feature_columns.json → 05_evaluate.py",
      "03_features.ipynb → models/encoder.pkl → predict.py",
      "04_train.py → models/model.pkl → predict.py",
    ]);
  });

  it("reads run_all.sh as a sequence, and the loop between 02 and 03", () => {
    expect(graph.shellPipelines).toEqual([
      {
        file: "run_all.sh",
        steps: [
          { file: "01_ingest.py", line: 5 },
          { file: "02_clean.py", line: 6 },
          { file: "03_features.ipynb", line: 7 },
          { file: "04_train.py", line: 8 },
        ],
        undeclaredSteps: ["01_ingest.py", "02_clean.py", "03_features.ipynb", "04_train.py"],
      },
    ]);
    expect(graph.cycles.map((cycle) => cycle.files)).toEqual([["02_clean.py", "03_features.ipynb"]]);
    expect(graph.cycles[0]!.reads.map((step) => step.artifact)).toEqual(["data/interim/customer_stats.csv", "data/interim/clean.parquet"]);
  });

  it("marks code edges undeclared and shell order sequenced, with notebook cells", () => {
    expect(edge(graph, "stage:run_all.sh", "file:03_features.ipynb")).toMatchObject({ kind: "run", declaration: "sequenced", via: "3", file: "run_all.sh", line: 7 });
    expect(edge(graph, "file:03_features.ipynb", "artifact:data/features/train.parquet")).toEqual({
      from: "file:03_features.ipynb",
      to: "artifact:data/features/train.parquet",
      kind: "write",
      declaration: "undeclared",
      via: "DataFrame.to_parquet",
      file: "03_features.ipynb",
      line: 2,
      cell: 7,
    });
    expect(edge(graph, "file:04_train.py", "file:05_evaluate.py")).toMatchObject({ kind: "invoke", declaration: "undeclared", via: "subprocess.run", line: 59 });
    expect(graph.edges.filter((candidate) => candidate.declaration === "declared")).toEqual([]);
    expect(graph.locate("03_features.ipynb", 9, 1)).toEqual({ file: "03_features.ipynb", line: 2, column: 1, cell: 4 });
  });

  it("is built once per model", () => {
    const model = getProjectModel(join(FIXTURES, "pipeline-jungle"));
    expect(dataFlowGraph(model)).toBe(dataFlowGraph(model));
  });
});

describe("the pipeline-declared fixture", () => {
  const graph = graphOf(join(FIXTURES, "pipeline-declared"));

  it("has the same hand-offs, every one declared by dvc.yaml", () => {
    expect(graph.handoffs.length).toBe(9);
    expect(graph.handoffs.every((handoff) => handoff.writes.every((write) => write.declared))).toBe(true);
    expect(graph.cycles).toEqual([]);
    expect(graph.shellPipelines).toEqual([]);
  });

  it("draws stages with their scripts and declared files; only predict.py's output is undeclared", () => {
    expect(graph.stages.map((stage) => `${stage.name}: ${stage.runs.join(",")}`)).toEqual(["clean: 02_clean.py", "evaluate: 05_evaluate.py", "features: 03_features.py", "ingest: 01_ingest.py", "train: 04_train.py"]);
    expect(edge(graph, "stage:dvc.yaml#train", "artifact:models/model.pkl")).toMatchObject({ kind: "write", declaration: "declared", via: "outs", file: "dvc.yaml", line: 17 });
    expect(edge(graph, "artifact:models/model.pkl", "file:predict.py")).toMatchObject({ kind: "read", declaration: "declared" });
    // The script's own write of a declared output is drawn once, as the stage's.
    expect(edge(graph, "file:04_train.py", "artifact:models/model.pkl")).toBeUndefined();
    expect(graph.edges.filter((candidate) => candidate.declaration !== "declared").map((candidate) => `${candidate.from} → ${candidate.to}`)).toEqual(["file:predict.py → artifact:predictions.csv"]);
  });
});

describe("declarations", () => {
  const PREPARE = 'import pandas as pd\npd.read_csv("raw.csv").to_csv("clean.csv")\n';
  const TRAIN = 'import pandas as pd\npd.read_csv("clean.csv")\n';

  it("Makefile phony prerequisites order the stages", () => {
    const graph = graphOf(tempProject({ "prepare.py": PREPARE, "train.py": TRAIN, Makefile: ".PHONY: prepare train\nprepare:\n\tpython prepare.py\ntrain: prepare\n\tpython train.py\n" }));
    expect(edge(graph, "stage:Makefile#prepare", "stage:Makefile#train")).toMatchObject({ kind: "order", declaration: "declared" });
    expect(handoffs(graph)).toEqual(["prepare.py → clean.csv → train.py (declared)"]);
  });

  it("Airflow operators, >> with lists, chain, set_downstream and TaskFlow values", () => {
    const dag = [
      "from airflow import DAG",
      "from airflow.decorators import task",
      "from airflow.models.baseoperator import chain",
      "from airflow.operators.bash import BashOperator",
      "from airflow.operators.python import PythonOperator",
      "from steps.report import build_report",
      "",
      "@task",
      "def extract():",
      "    return 1",
      "",
      "@task",
      "def load(value):",
      "    return value",
      "",
      'with DAG("pipeline") as dag:',
      '    prep = BashOperator(task_id="prepare", bash_command="cd /opt/airflow && python prepare.py")',
      '    fit_a = BashOperator(task_id="train_a", bash_command="python train.py --model a")',
      '    fit_b = BashOperator(task_id="train_b", bash_command="python train.py --model b")',
      '    report = PythonOperator(task_id="report", python_callable=build_report)',
      '    notify = BashOperator(task_id="notify", bash_command="echo done")',
      "    prep >> [fit_a, fit_b] >> report",
      "    chain(report, notify)",
      "    loaded = load(extract())",
      "    notify.set_downstream(loaded)",
    ].join("\n");
    const root = tempProject({ "prepare.py": PREPARE, "train.py": TRAIN, "steps/__init__.py": "", "steps/report.py": "def build_report():\n    pass\n", "dags/pipeline.py": dag });
    const tasks = getProjectModel(root).modules.get("dags/pipeline.py")!.pipeline!.tasks;
    expect(tasks.map((task) => [task.name, task.after])).toEqual([
      ["extract", []],
      ["load", ["extract", "notify"]],
      ["prepare", []],
      ["train_a", ["prepare"]],
      ["train_b", ["prepare"]],
      ["report", ["train_a", "train_b"]],
      ["notify", ["report"]],
    ]);
    const graph = graphOf(root);
    expect(graph.stages.find((stage) => stage.name === "prepare")?.runs).toEqual(["prepare.py"]);
    expect(graph.stages.find((stage) => stage.name === "report")?.runs).toEqual(["steps/report.py"]);
    expect(handoffs(graph)).toEqual(["prepare.py → clean.csv → train.py (declared)"]);
  });

  it("Prefect flows order the tasks they call", () => {
    const flow = 'from prefect import flow, task\nfrom steps import train\n\n@task(retries=2)\ndef prepare():\n    pass\n\n@flow\ndef pipeline():\n    data = prepare()\n    train.fit(data)\n';
    const root = tempProject({ "steps/__init__.py": "", "steps/train.py": "def fit(data):\n    return data\n", "flow.py": flow });
    const tasks = getProjectModel(root).modules.get("flow.py")!.pipeline!.tasks;
    expect(tasks.map((task) => [task.name, task.framework, task.after])).toEqual([
      ["prepare", "prefect", []],
      ["steps.train.fit", "prefect", ["prepare"]],
    ]);
    expect(graphOf(root).stages.find((stage) => stage.name === "steps.train.fit")?.runs).toEqual(["steps/train.py"]);
  });

  it("Kedro nodes read and write catalog datasets", () => {
    const pipeline = 'from kedro.pipeline import Pipeline, node\nfrom .nodes import clean, train\n\ndef create_pipeline():\n    return Pipeline([\n        node(clean, "raw", "clean_table", name="clean"),\n        node(train, ["clean_table", "params:model"], "model"),\n    ])\n';
    const root = tempProject({
      "conf/base/catalog.yml": "raw:\n  type: pandas.CSVDataset\n  filepath: data/01_raw/raw.csv\nclean_table:\n  type: pandas.ParquetDataset\n  filepath: data/02_intermediate/clean.parquet\n",
      "src/proj/__init__.py": "",
      "src/proj/nodes.py": "def clean(df):\n    return df\n\ndef train(df, params):\n    return df\n",
      "src/proj/pipeline.py": pipeline,
    });
    const graph = graphOf(root);
    expect(graph.stages.map((stage) => [stage.name, stage.inputs, stage.outputs])).toEqual([
      ["clean", ["data/01_raw/raw.csv"], ["data/02_intermediate/clean.parquet"]],
      ["train", ["data/02_intermediate/clean.parquet"], ["kedro:model"]],
    ]);
    expect(edge(graph, "stage:src/proj/pipeline.py#clean", "artifact:data/02_intermediate/clean.parquet")).toMatchObject({ declaration: "declared", via: "outputs" });
  });
});
