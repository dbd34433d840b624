import { posix } from "node:path";
import type { ModuleFacts, ProjectModel, TransformStatement } from "../src/project/types.js";
import { createRule } from "../src/rules-kit/create-rule.js";
import { describeLocation, relatedAt } from "../src/rules-kit/graph-locations.js";
import { projectFile, projectGraph, projectModel } from "../src/rules-kit/project-context.js";
import { relatedSuffix } from "../src/results/related.js";

type MessageIds = "copiedTransforms";
type Options = [{ minStatements: number }];

/** File names of code that uses a trained model: serving, prediction, inference, evaluation, apps. */
const SERVING_NAME = /(?:^|[^a-z])(?:predict|predictor|prediction|serve|serving|server|inference|infer|api|app|score|scoring|deploy|batch_predict|evaluate|eval)(?:[^a-z]|$)/u;
const TRAINING_NAME = /(?:^|[^a-z])(?:train|training|fit)(?:[^a-z]|$)/u;

function stem(file: string): string {
  return posix.basename(file).replace(/\.(?:py|ipynb)$/u, "").toLowerCase();
}

/** Code that uses a trained model: named so, or predicting without fitting. */
function isServing(facts: ModuleFacts): boolean {
  const name = stem(facts.file);
  if (TRAINING_NAME.test(name)) return false;
  return SERVING_NAME.test(name) || (!!facts.pipeline?.predicts && !facts.pipeline.fitsModel);
}

/** Code that trains: named so, or fitting a model. */
function isTraining(facts: ModuleFacts): boolean {
  const name = stem(facts.file);
  if (SERVING_NAME.test(name) && !TRAINING_NAME.test(name)) return false;
  return TRAINING_NAME.test(name) || !!facts.pipeline?.fitsModel;
}

interface Match {
  serving: TransformStatement[];
  training: TransformStatement[];
}

/** The longest run of consecutive statements with equal keys in two runs. */
function longestCommon(a: TransformStatement[], b: TransformStatement[]): Match | null {
  let best: Match | null = null;
  const lengths = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    for (let j = b.length; j >= 1; j--) {
      lengths[j] = a[i - 1]!.key === b[j - 1]!.key ? lengths[j - 1]! + 1 : 0;
      const length = lengths[j]!;
      if (length > (best?.serving.length ?? 0)) best = { serving: a.slice(i - length, i), training: b.slice(j - length, j) };
    }
  }
  return best;
}

const runKeys = new WeakMap<TransformStatement[], Set<string>>();

/** The keys of a run's statements (once per run). */
function keysOf(run: TransformStatement[]): Set<string> {
  let keys = runKeys.get(run);
  if (!keys) runKeys.set(run, (keys = new Set(run.map((statement) => statement.key))));
  return keys;
}

interface TrainingIndex {
  /** Training modules, sorted by file. */
  training: ModuleFacts[];
  /** The training modules each statement key occurs in. */
  filesByKey: Map<string, Set<string>>;
}

const trainingIndexes = new WeakMap<ProjectModel, TrainingIndex>();

/** The project's training modules and where each transform key occurs in them (once per model). */
function trainingIndex(model: ProjectModel): TrainingIndex {
  let index = trainingIndexes.get(model);
  if (index) return index;
  const training = [...model.modules.values()].filter((facts) => facts.pipeline && isTraining(facts)).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const filesByKey = new Map<string, Set<string>>();
  for (const facts of training) {
    for (const run of facts.pipeline!.transformRuns) {
      for (const statement of run) {
        let files = filesByKey.get(statement.key);
        if (!files) filesByKey.set(statement.key, (files = new Set()));
        files.add(facts.file);
      }
    }
  }
  index = { training, filesByKey };
  trainingIndexes.set(model, index);
  return index;
}

export default createRule<Options, MessageIds>({
  name: "training-serving-skew",
  meta: {
    category: "pipeline-jungle",
    severity: "warning",
    description: "The same sequence of feature transformations copied into training code and into serving or prediction code instead of shared",
    recommended: true,
    scope: "project",
    messages: {
      copiedTransforms:
        "These {{count}} feature transformations repeat {{training}} statement for statement: the features are computed twice, in training and here. When one copy changes and the other does not, the model receives different features in production than it was trained on (training-serving skew), and no test notices. To fix: move the transformations into one function (or a scikit-learn `Pipeline` fitted and saved with the model) and call it from both places.{{related}}",
    },
    schema: [
      {
        type: "object",
        additionalProperties: false,
        properties: {
          minStatements: { type: "integer", minimum: 2, description: "How many consecutive identical transform statements count as a copy." },
        },
      },
    ],
    defaultOptions: [{ minStatements: 3 }],
  },
  create(context) {
    const [{ minStatements }] = context.options;
    return {
      "module:exit"() {
        const model = projectModel(context);
        const facts = model.modules.get(projectFile(context));
        if (!facts?.pipeline || !isServing(facts)) return;
        const { training, filesByKey } = trainingIndex(model);
        // Only training modules sharing a statement with this one can hold a copy.
        const sharing = new Set<string>();
        for (const run of facts.pipeline.transformRuns) for (const statement of run) for (const other of filesByKey.get(statement.key) ?? []) sharing.add(other);
        if (sharing.size === 0) return;
        const graph = projectGraph(context);
        const reported = new Set<number>();
        for (const other of training) {
          const file = other.file;
          if (file === facts.file || !sharing.has(file) || !other.pipeline) continue;
          let best: Match | null = null;
          for (const run of facts.pipeline.transformRuns) {
            for (const trainingRun of other.pipeline.transformRuns) {
              // A common run is at most as long as the statements of `run` whose key `trainingRun` has.
              const keys = keysOf(trainingRun);
              let shared = 0;
              for (const statement of run) if (keys.has(statement.key)) shared++;
              if (shared < minStatements || shared <= (best?.serving.length ?? 0)) continue;
              const match = longestCommon(run, trainingRun);
              if (match && match.serving.length > (best?.serving.length ?? 0)) best = match;
            }
          }
          if (!best || best.serving.length < minStatements || reported.has(best.serving[0]!.line)) continue;
          reported.add(best.serving[0]!.line);
          const first = best.serving[0]!;
          const last = best.serving[best.serving.length - 1]!;
          const trainingFirst = graph.locate(file, best.training[0]!.line, best.training[0]!.column);
          const trainingLast = graph.locate(file, best.training[best.training.length - 1]!.line, 1);
          context.report({
            loc: { start: { line: first.line, column: first.column - 1 }, end: { line: last.endLine, column: last.endColumn - 1 } },
            messageId: "copiedTransforms",
            data: {
              count: String(best.serving.length),
              training: `${describeLocation(trainingFirst)}–${trainingLast.line}`,
              related: relatedSuffix([relatedAt(trainingFirst, `the training copy (${best.training.length} statements)`)]),
            },
          });
        }
      },
    };
  },
});
