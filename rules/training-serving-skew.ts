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

interface TrainingIndex {
  /** Training modules, sorted by file. */
  training: ModuleFacts[];
  /** Where each sequence of `length` consecutive statement keys occurs: training file → indexes of its runs holding it. */
  runsByGram: Map<string, Map<string, Set<number>>>;
}

const trainingIndexes = new WeakMap<ProjectModel, Map<number, TrainingIndex>>();

/** Each sequence of `length` consecutive keys of a run, as one string. */
function gramsOf(run: TransformStatement[], length: number): string[] {
  const grams: string[] = [];
  for (let start = 0; start + length <= run.length; start++) grams.push(run.slice(start, start + length).map((statement) => statement.key).join("\u0000"));
  return grams;
}

/**
 * The project's training modules and where each sequence of `length` statements occurs in them
 * (once per model and length): a copy of at least `length` statements shares such a sequence.
 */
function trainingIndex(model: ProjectModel, length: number): TrainingIndex {
  let byLength = trainingIndexes.get(model);
  if (!byLength) trainingIndexes.set(model, (byLength = new Map()));
  let index = byLength.get(length);
  if (index) return index;
  const training = [...model.modules.values()].filter((facts) => facts.pipeline && isTraining(facts)).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const runsByGram = new Map<string, Map<string, Set<number>>>();
  for (const facts of training) {
    facts.pipeline!.transformRuns.forEach((run, runIndex) => {
      for (const gram of gramsOf(run, length)) {
        let files = runsByGram.get(gram);
        if (!files) runsByGram.set(gram, (files = new Map()));
        let runs = files.get(facts.file);
        if (!runs) files.set(facts.file, (runs = new Set()));
        runs.add(runIndex);
      }
    });
  }
  index = { training, runsByGram };
  byLength.set(length, index);
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
        const { training, runsByGram } = trainingIndex(model, minStatements);
        // Only runs sharing a sequence of `minStatements` statements with one of this module's can hold a copy.
        const candidates = new Map<string, Map<number, Set<number>>>();
        facts.pipeline.transformRuns.forEach((run, runIndex) => {
          for (const gram of gramsOf(run, minStatements)) {
            for (const [other, runs] of runsByGram.get(gram) ?? []) {
              let pairs = candidates.get(other);
              if (!pairs) candidates.set(other, (pairs = new Map()));
              let trainingRuns = pairs.get(runIndex);
              if (!trainingRuns) pairs.set(runIndex, (trainingRuns = new Set()));
              for (const trainingRun of runs) trainingRuns.add(trainingRun);
            }
          }
        });
        if (candidates.size === 0) return;
        const graph = projectGraph(context);
        const reported = new Set<number>();
        for (const other of training) {
          const file = other.file;
          const pairs = candidates.get(file);
          if (file === facts.file || !pairs || !other.pipeline) continue;
          let best: Match | null = null;
          for (const [runIndex, trainingRuns] of [...pairs].sort(([a], [b]) => a - b)) {
            for (const trainingRun of [...trainingRuns].sort((a, b) => a - b)) {
              const match = longestCommon(facts.pipeline.transformRuns[runIndex]!, other.pipeline.transformRuns[trainingRun]!);
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
