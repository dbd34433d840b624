import { createRule } from "../src/rules-kit/create-rule.js";
import { PyNode, field } from "../src/languages/python/nodes.js";
import { importsOf } from "../src/project/python/imports.js";
import { hasSplatArguments, keywordArgument, positionalArguments } from "../src/rules-kit/python-syntax.js";
import { randomCallsOf, seededAt } from "../src/analysis/randomness/random-calls.js";

type MessageIds = "missingRandomState" | "missingGenerator";

interface RandomApi {
  /** What the randomness decides, for the message. */
  decides: string;
  /** The seed keyword. */
  keyword: string;
  /** Positional index where the seed may be passed instead, if any. */
  position?: number;
  /** Only random when this keyword is true (`KFold(shuffle=True)`). */
  when?: string;
  /** Random unless this keyword is false (`train_test_split(shuffle=False)`). */
  unless?: string;
  /** The global generator that seeds it when no seed is passed. */
  global: "numpy" | "torch";
}

const SPLIT = { decides: "which rows land in train and test", keyword: "random_state", global: "numpy" } as const;
const SHUFFLED_FOLDS = { decides: "which rows land in each fold", keyword: "random_state", when: "shuffle", global: "numpy" } as const;
const RANDOM_FOLDS = { decides: "which rows land in each fold", keyword: "random_state", global: "numpy" } as const;
const ESTIMATOR = { decides: "the fitted model (bootstraps, feature subsets, initialisation)", keyword: "random_state", global: "numpy" } as const;

/** Library calls whose result depends on a random seed, by qualified name. */
const RANDOM_APIS = new Map<string, RandomApi>([
  ["sklearn.model_selection.train_test_split", { ...SPLIT, unless: "shuffle" }],
  ["sklearn.model_selection.KFold", SHUFFLED_FOLDS],
  ["sklearn.model_selection.StratifiedKFold", SHUFFLED_FOLDS],
  ["sklearn.model_selection.StratifiedGroupKFold", SHUFFLED_FOLDS],
  ["sklearn.model_selection.RepeatedKFold", RANDOM_FOLDS],
  ["sklearn.model_selection.RepeatedStratifiedKFold", RANDOM_FOLDS],
  ["sklearn.model_selection.ShuffleSplit", RANDOM_FOLDS],
  ["sklearn.model_selection.StratifiedShuffleSplit", RANDOM_FOLDS],
  ["sklearn.model_selection.GroupShuffleSplit", RANDOM_FOLDS],
  ["sklearn.model_selection.RandomizedSearchCV", { decides: "which hyperparameters are tried", keyword: "random_state", global: "numpy" }],
  ["sklearn.utils.shuffle", { decides: "the order of the rows", keyword: "random_state", global: "numpy" }],
  ["sklearn.utils.resample", { decides: "which rows are drawn", keyword: "random_state", global: "numpy" }],
  ["torch.utils.data.DataLoader", { decides: "the order of the batches", keyword: "generator", when: "shuffle", global: "torch" }],
  ["torch.utils.data.random_split", { decides: "which items land in each part", keyword: "generator", position: 2, global: "torch" }],
]);

/** scikit-learn and imbalanced-learn estimators whose fit depends on `random_state`. */
const RANDOM_ESTIMATORS = new RegExp(
  [
    "^sklearn\\.ensemble\\.(RandomForest|ExtraTrees|GradientBoosting|HistGradientBoosting)(Classifier|Regressor)$",
    "^sklearn\\.ensemble\\.(Bagging|AdaBoost)(Classifier|Regressor)$",
    "^sklearn\\.ensemble\\.(IsolationForest|RandomTreesEmbedding)$",
    "^sklearn\\.tree\\.(DecisionTree|ExtraTree)(Classifier|Regressor)$",
    "^sklearn\\.cluster\\.(KMeans|MiniBatchKMeans|BisectingKMeans|SpectralClustering)$",
    "^sklearn\\.mixture\\.(GaussianMixture|BayesianGaussianMixture)$",
    "^sklearn\\.linear_model\\.(SGDClassifier|SGDRegressor|SGDOneClassSVM|Perceptron|PassiveAggressiveClassifier|PassiveAggressiveRegressor|RANSACRegressor)$",
    "^sklearn\\.neural_network\\.(MLPClassifier|MLPRegressor|BernoulliRBM)$",
    "^sklearn\\.manifold\\.(TSNE|MDS|SpectralEmbedding)$",
    "^sklearn\\.decomposition\\.(TruncatedSVD|FastICA|MiniBatchDictionaryLearning|LatentDirichletAllocation)$",
    "^imblearn\\.(over_sampling|under_sampling)\\.(SMOTE|SMOTENC|SMOTEN|ADASYN|BorderlineSMOTE|SVMSMOTE|KMeansSMOTE|RandomOverSampler|RandomUnderSampler)$",
  ].join("|"),
  "u",
);

function apiOf(name: string): RandomApi | null {
  return RANDOM_APIS.get(name) ?? (RANDOM_ESTIMATORS.test(name) ? ESTIMATOR : null);
}

function isLiteral(node: PyNode | undefined, type: "true" | "false" | "none"): boolean {
  return node?.type === type;
}

export default createRule<[], MessageIds>({
  name: "missing-random-state",
  meta: {
    category: "reproducibility",
    severity: "warning",
    description: "Splits, shuffling folds, random estimators and shuffling data loaders without a seed",
    recommended: true,
    scope: "file",
    messages: {
      missingRandomState:
        "`{{call}}` decides {{decides}} at random, and no `random_state` fixes it, nor is numpy's global generator seeded before it: two runs of the same code give different results, so scores move for reasons that have nothing to do with your change. To fix: pass `random_state=seed`, with the seed read from config.",
      missingGenerator:
        "`{{call}}` decides {{decides}} at random, and no seeded `generator` fixes it, nor is torch seeded before it: every run trains on a different order and scores move between identical runs. To fix: pass `generator=torch.Generator().manual_seed(seed)`, with the seed read from config (or call `torch.manual_seed(seed)` once at the entry point).",
    },
  },
  create(context) {
    return {
      call(node: PyNode) {
        const root = context.sourceCode.ast;
        const name = importsOf(root).calleeName(node);
        const api = name ? apiOf(name) : null;
        if (!api || hasSplatArguments(node)) return;
        if (api.when && !isLiteral(keywordArgument(node, api.when), "true")) return;
        if (api.unless && isLiteral(keywordArgument(node, api.unless), "false")) return;
        const seed = keywordArgument(node, api.keyword) ?? (api.position !== undefined ? positionalArguments(node)[api.position] : undefined);
        if (seed && !isLiteral(seed, "none")) return;
        // Without a seed the call draws from the global generator: seeded, it is reproducible.
        if (seededAt(randomCallsOf(root), api.global, node)) return;
        const callee = field(node, "function")!;
        context.report({
          node: callee,
          messageId: api.global === "torch" ? "missingGenerator" : "missingRandomState",
          data: { call: context.sourceCode.getText(callee), decides: api.decides },
        });
      },
    };
  },
});
