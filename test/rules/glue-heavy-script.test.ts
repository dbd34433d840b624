import rule from "../../rules/glue-heavy-script.js";
import { inProject } from "../helpers/project-case.js";
import { notebook, notebookTester, pythonTester } from "../helpers/rule-tester.js";

/** Top-level statements of a script that does everything: load, transform, train, evaluate, write. */
const PHASES = {
  load: 'df = pd.read_csv("data/train.csv")',
  transform: 'df["log_income"] = np.log1p(df["income"])',
  train: 'model = RandomForestClassifier(random_state=0)\nmodel.fit(df[["log_income"]], df["label"])',
  evaluate: 'score = accuracy_score(df["label"], model.predict(df[["log_income"]]))',
  write: 'joblib.dump(model, "models/model.joblib")',
};
const IMPORTS = "import joblib\nimport numpy as np\nimport pandas as pd\nfrom sklearn.ensemble import RandomForestClassifier\nfrom sklearn.metrics import accuracy_score\n";
/** `count` print statements pad a script to a size. */
const padding = (count: number) => Array.from({ length: count }, (_, index) => `print("step ${index}")`).join("\n");

function script(phases: (keyof typeof PHASES)[], pad: number): string {
  return `${IMPORTS}${phases.map((phase) => PHASES[phase]).join("\n")}\n${padding(pad)}\n`;
}

/** The same code inside functions called from the entry point. */
const FUNCTIONS = `${IMPORTS}\ndef main():\n${Object.values(PHASES).join("\n").replace(/^/gmu, "    ")}\n${padding(30).replace(/^/gmu, "    ")}\n\n\nif __name__ == "__main__":\n    main()\n`;

pythonTester.run("glue-heavy-script", rule as never, {
  valid: [
    inProject("the same work in functions", { "train.py": FUNCTIONS }, "train.py"),
    inProject("short top-level scripts are fine", { "train.py": script(["load", "transform", "train", "evaluate", "write"], 5) }, "train.py"),
    inProject("long, but only three phases", { "train.py": script(["load", "transform", "train"], 30) }, "train.py"),
    inProject("no data is loaded (config loading does not count)", { "train.py": `import yaml\nparams = yaml.safe_load(open("params.yaml"))\n${script(["transform", "train", "evaluate", "write"], 30).replace(PHASES.load, "")}` }, "train.py"),
    { ...inProject("a higher threshold in options", { "train.py": script(["load", "transform", "train", "evaluate", "write"], 30) }, "train.py"), options: [{ minStatements: 100, minPhases: 4 }] },
  ],
  invalid: [
    {
      ...inProject("load, transform, train, evaluate and write at top level", { "train.py": script(["load", "transform", "train", "evaluate", "write"], 25) }, "train.py"),
      errors: [{ messageId: "glueHeavy", line: 6, column: 1, endLine: 6, endColumn: 35 }],
    },
    {
      ...inProject("inside the main guard is still top level", { "train.py": `${IMPORTS}if __name__ == "__main__":\n${script(["load", "transform", "train", "evaluate", "write"], 25).slice(IMPORTS.length).replace(/^(?=.)/gmu, "    ")}` }, "train.py"),
      errors: [{ messageId: "glueHeavy", line: 7, column: 5 }],
    },
    {
      ...inProject("lower thresholds in options", { "train.py": script(["load", "train", "write"], 0) }, "train.py"),
      options: [{ minStatements: 3, minPhases: 3 }],
      errors: [{ messageId: "glueHeavy", line: 6 }],
    },
  ],
});

const CELLS = [IMPORTS, ...Object.values(PHASES), padding(25)];

notebookTester.run("glue-heavy-script (notebooks)", rule as never, {
  valid: [
    inProject("an exploration notebook that writes nothing", { "explore.ipynb": notebook(...CELLS.filter((cell) => cell !== PHASES.write)) }, "explore.ipynb"),
    inProject("a teaching notebook whose model no other step reads", { "chapter_2.ipynb": notebook(...CELLS) }, "chapter_2.ipynb"),
  ],
  invalid: [
    {
      ...inProject("a notebook that does it all and writes the model another step serves", { "train.ipynb": notebook({ markdown: "# Train" }, ...CELLS), "serve.py": 'import joblib\nmodel = joblib.load("models/model.joblib")\n' }, "train.ipynb"),
      errors: [{ messageId: "glueHeavy", line: 7, column: 1 }],
    },
  ],
});
