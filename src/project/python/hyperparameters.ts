/**
 * The catalog of hyperparameters: for the estimators, optimizers, schedulers, layers and training
 * calls of scikit-learn, PyTorch (and Lightning), TensorFlow/Keras, XGBoost, LightGBM and Hugging
 * Face, and of TensorFlow.js for JavaScript/TypeScript ML code, which arguments are
 * hyperparameters (values someone tunes), with their positional index where they are commonly
 * passed by position. Arguments that are not tuned (`n_jobs`, `verbose`, `random_state`, `device`,
 * input sizes that must match the data) are deliberately absent.
 *
 * This table is the one place that knows; `hyperparameterArgumentsOf` answers from it for Python
 * and script/hyperparameter-calls.ts for JavaScript/TypeScript.
 */
import { PyNode, field } from "../../languages/python/nodes.js";
import { keywordArgument, positionalArguments } from "../../rules-kit/python-syntax.js";
import type { ImportTable } from "./imports.js";
import { appendTo } from "../../collections.js";

export type HyperparameterFamily = "scikit-learn" | "pytorch" | "tensorflow" | "xgboost" | "lightgbm" | "huggingface";
export type HyperparameterKind = "estimator" | "optimizer" | "scheduler" | "layer" | "regularizer" | "callback" | "training";

/** Argument name → positional index (null: passed by keyword only). */
type Parameters = Record<string, number | null>;

export interface HyperparameterApi {
  family: HyperparameterFamily;
  /** The language the API is called from (default: Python). */
  language?: "python" | "script";
  kind: HyperparameterKind;
  /**
   * Qualified-name prefixes the callee starts with (`sklearn`, `torch.optim`); null for methods
   * (`fit`, `compile`) called on any object, which count only in modules importing `requires`.
   */
  packages: string[] | null;
  /** Class, function or method names (the last segment of the qualified name). */
  names: string[];
  parameters: Parameters;
  /** A dict of parameters passed at this position (`xgboost.train(params, ...)`), whose keys are looked up in `dictKeys`. */
  paramsArgument?: number;
  /** Methods only: the modules one of which must be imported. */
  requires?: string[];
  /** An options object passed at this position (`tf.layers.dropout({ rate: 0.5 })`), whose keys are looked up in `parameters`. */
  optionsArgument?: number;
}

const TFJS = ["@tensorflow/tfjs", "@tensorflow/tfjs-node", "@tensorflow/tfjs-node-gpu", "@tensorflow/tfjs-layers"];

const TREES: Parameters = { n_estimators: null, max_depth: null, min_samples_split: null, min_samples_leaf: null, max_features: null, max_samples: null, max_leaf_nodes: null, ccp_alpha: null };
const BOOSTING: Parameters = { n_estimators: null, learning_rate: null, max_depth: null, subsample: null, min_samples_split: null, min_samples_leaf: null, max_features: null, max_leaf_nodes: null };
const XGB: Parameters = {
  n_estimators: null,
  max_depth: null,
  learning_rate: null,
  eta: null,
  subsample: null,
  colsample_bytree: null,
  colsample_bylevel: null,
  min_child_weight: null,
  gamma: null,
  reg_alpha: null,
  reg_lambda: null,
  max_leaves: null,
  scale_pos_weight: null,
};
const LGBM: Parameters = { n_estimators: null, learning_rate: null, num_leaves: null, max_depth: null, min_child_samples: null, subsample: null, colsample_bytree: null, reg_alpha: null, reg_lambda: null, min_split_gain: null };
/** Keys of a booster's params dict that are hyperparameters (XGBoost and LightGBM names and aliases). */
const BOOSTER_PARAMS = [
  "max_depth",
  "eta",
  "learning_rate",
  "subsample",
  "colsample_bytree",
  "colsample_bylevel",
  "min_child_weight",
  "gamma",
  "lambda",
  "alpha",
  "reg_alpha",
  "reg_lambda",
  "num_leaves",
  "min_data_in_leaf",
  "min_child_samples",
  "feature_fraction",
  "bagging_fraction",
  "bagging_freq",
  "lambda_l1",
  "lambda_l2",
  "max_bin",
  "scale_pos_weight",
  "num_boost_round",
  "n_estimators",
];
const TORCH_OPTIMIZER: Parameters = { lr: 1, momentum: null, weight_decay: null, betas: null, alpha: null, dampening: null, lr_decay: null, rho: null };
const KERAS = ["keras", "tensorflow.keras", "tf_keras", "tensorflow.python.keras"];
const KERAS_OPTIMIZER: Parameters = { learning_rate: 0, lr: null, momentum: null, beta_1: null, beta_2: null, weight_decay: null, rho: null, initial_accumulator_value: null };
const RNN_KERAS: Parameters = { units: 0, dropout: null, recurrent_dropout: null };

/** The catalog. */
export const HYPERPARAMETER_APIS: HyperparameterApi[] = [
  // scikit-learn
  { family: "scikit-learn", kind: "estimator", packages: ["sklearn"], names: ["RandomForestClassifier", "RandomForestRegressor", "ExtraTreesClassifier", "ExtraTreesRegressor", "DecisionTreeClassifier", "DecisionTreeRegressor", "ExtraTreeClassifier", "ExtraTreeRegressor"], parameters: TREES },
  { family: "scikit-learn", kind: "estimator", packages: ["sklearn"], names: ["GradientBoostingClassifier", "GradientBoostingRegressor"], parameters: BOOSTING },
  { family: "scikit-learn", kind: "estimator", packages: ["sklearn"], names: ["HistGradientBoostingClassifier", "HistGradientBoostingRegressor"], parameters: { learning_rate: null, max_iter: null, max_depth: null, max_leaf_nodes: null, min_samples_leaf: null, l2_regularization: null } },
  { family: "scikit-learn", kind: "estimator", packages: ["sklearn"], names: ["AdaBoostClassifier", "AdaBoostRegressor"], parameters: { n_estimators: null, learning_rate: null } },
  { family: "scikit-learn", kind: "estimator", packages: ["sklearn"], names: ["BaggingClassifier", "BaggingRegressor"], parameters: { n_estimators: null, max_samples: null, max_features: null } },
  { family: "scikit-learn", kind: "estimator", packages: ["sklearn"], names: ["IsolationForest"], parameters: { n_estimators: null, max_samples: null, contamination: null, max_features: null } },
  { family: "scikit-learn", kind: "estimator", packages: ["sklearn"], names: ["LogisticRegression", "LogisticRegressionCV"], parameters: { C: null, l1_ratio: null } },
  { family: "scikit-learn", kind: "estimator", packages: ["sklearn"], names: ["SVC", "SVR", "NuSVC", "NuSVR", "LinearSVC", "LinearSVR", "OneClassSVM"], parameters: { C: null, gamma: null, degree: null, epsilon: null, nu: null, coef0: null } },
  { family: "scikit-learn", kind: "estimator", packages: ["sklearn"], names: ["Ridge", "RidgeClassifier", "Lasso", "ElasticNet", "LassoLars"], parameters: { alpha: 0, l1_ratio: null } },
  { family: "scikit-learn", kind: "estimator", packages: ["sklearn"], names: ["SGDClassifier", "SGDRegressor"], parameters: { alpha: null, l1_ratio: null, eta0: null } },
  { family: "scikit-learn", kind: "estimator", packages: ["sklearn"], names: ["KNeighborsClassifier", "KNeighborsRegressor"], parameters: { n_neighbors: 0 } },
  { family: "scikit-learn", kind: "estimator", packages: ["sklearn"], names: ["KMeans", "MiniBatchKMeans", "AgglomerativeClustering", "SpectralClustering", "Birch"], parameters: { n_clusters: 0 } },
  { family: "scikit-learn", kind: "estimator", packages: ["sklearn"], names: ["GaussianMixture"], parameters: { n_components: 0 } },
  { family: "scikit-learn", kind: "estimator", packages: ["sklearn"], names: ["DBSCAN"], parameters: { eps: 0, min_samples: null } },
  { family: "scikit-learn", kind: "estimator", packages: ["sklearn"], names: ["PCA", "TruncatedSVD", "NMF", "FastICA", "KernelPCA"], parameters: { n_components: 0 } },
  { family: "scikit-learn", kind: "estimator", packages: ["sklearn"], names: ["TSNE"], parameters: { perplexity: null, early_exaggeration: null } },
  { family: "scikit-learn", kind: "estimator", packages: ["sklearn"], names: ["MLPClassifier", "MLPRegressor"], parameters: { hidden_layer_sizes: 0, alpha: null, learning_rate_init: null, batch_size: null, max_iter: null } },
  { family: "scikit-learn", kind: "estimator", packages: ["sklearn"], names: ["MultinomialNB", "BernoulliNB", "ComplementNB"], parameters: { alpha: 0 } },
  { family: "scikit-learn", kind: "estimator", packages: ["sklearn"], names: ["SelectKBest"], parameters: { k: 1 } },
  { family: "scikit-learn", kind: "estimator", packages: ["sklearn"], names: ["TfidfVectorizer", "CountVectorizer"], parameters: { max_features: null, min_df: null, max_df: null, ngram_range: null } },
  // XGBoost and LightGBM
  { family: "xgboost", kind: "estimator", packages: ["xgboost"], names: ["XGBClassifier", "XGBRegressor", "XGBRanker", "XGBRFClassifier", "XGBRFRegressor"], parameters: XGB },
  { family: "xgboost", kind: "training", packages: ["xgboost"], names: ["train", "cv"], parameters: { num_boost_round: 2, early_stopping_rounds: null }, paramsArgument: 0 },
  { family: "lightgbm", kind: "estimator", packages: ["lightgbm"], names: ["LGBMClassifier", "LGBMRegressor", "LGBMRanker"], parameters: LGBM },
  { family: "lightgbm", kind: "training", packages: ["lightgbm"], names: ["train", "cv"], parameters: { num_boost_round: 2 }, paramsArgument: 0 },
  // PyTorch
  { family: "pytorch", kind: "optimizer", packages: ["torch.optim"], names: ["SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta", "Adamax", "NAdam", "RAdam", "SparseAdam", "ASGD", "LBFGS"], parameters: TORCH_OPTIMIZER },
  { family: "pytorch", kind: "scheduler", packages: ["torch.optim.lr_scheduler"], names: ["StepLR"], parameters: { step_size: 1, gamma: 2 } },
  { family: "pytorch", kind: "scheduler", packages: ["torch.optim.lr_scheduler"], names: ["MultiStepLR"], parameters: { milestones: 1, gamma: 2 } },
  { family: "pytorch", kind: "scheduler", packages: ["torch.optim.lr_scheduler"], names: ["ExponentialLR"], parameters: { gamma: 1 } },
  { family: "pytorch", kind: "scheduler", packages: ["torch.optim.lr_scheduler"], names: ["CosineAnnealingLR"], parameters: { T_max: 1, eta_min: 2 } },
  { family: "pytorch", kind: "scheduler", packages: ["torch.optim.lr_scheduler"], names: ["CosineAnnealingWarmRestarts"], parameters: { T_0: 1, T_mult: 2, eta_min: 3 } },
  { family: "pytorch", kind: "scheduler", packages: ["torch.optim.lr_scheduler"], names: ["ReduceLROnPlateau"], parameters: { factor: null, patience: null, min_lr: null } },
  { family: "pytorch", kind: "scheduler", packages: ["torch.optim.lr_scheduler"], names: ["OneCycleLR"], parameters: { max_lr: 1, pct_start: null, div_factor: null, final_div_factor: null } },
  { family: "pytorch", kind: "scheduler", packages: ["torch.optim.lr_scheduler"], names: ["CyclicLR"], parameters: { base_lr: 1, max_lr: 2, step_size_up: null } },
  { family: "pytorch", kind: "scheduler", packages: ["torch.optim.lr_scheduler"], names: ["LinearLR"], parameters: { start_factor: 1, end_factor: 2, total_iters: 3 } },
  { family: "pytorch", kind: "scheduler", packages: ["torch.optim.lr_scheduler"], names: ["PolynomialLR"], parameters: { total_iters: 1, power: 2 } },
  { family: "pytorch", kind: "layer", packages: ["torch.nn"], names: ["Dropout", "Dropout1d", "Dropout2d", "Dropout3d", "AlphaDropout", "FeatureAlphaDropout"], parameters: { p: 0 } },
  { family: "pytorch", kind: "layer", packages: ["torch.nn"], names: ["LSTM", "GRU", "RNN"], parameters: { hidden_size: 1, num_layers: 2, dropout: null } },
  { family: "pytorch", kind: "layer", packages: ["torch.nn"], names: ["TransformerEncoderLayer", "TransformerDecoderLayer"], parameters: { nhead: 1, dim_feedforward: 2, dropout: 3 } },
  { family: "pytorch", kind: "layer", packages: ["torch.nn"], names: ["Transformer"], parameters: { nhead: 1, num_encoder_layers: 2, num_decoder_layers: 3, dim_feedforward: 4, dropout: 5 } },
  { family: "pytorch", kind: "layer", packages: ["torch.nn"], names: ["MultiheadAttention"], parameters: { num_heads: 1, dropout: 2 } },
  { family: "pytorch", kind: "training", packages: ["torch.utils.data"], names: ["DataLoader"], parameters: { batch_size: 1 } },
  { family: "pytorch", kind: "training", packages: ["torch.nn.utils"], names: ["clip_grad_norm_", "clip_grad_value_"], parameters: { max_norm: 1, clip_value: 1 } },
  { family: "pytorch", kind: "training", packages: ["lightning", "pytorch_lightning", "lightning.pytorch"], names: ["Trainer"], parameters: { max_epochs: null, max_steps: null, gradient_clip_val: null, accumulate_grad_batches: null } },
  // TensorFlow / Keras
  { family: "tensorflow", kind: "optimizer", packages: KERAS.map((root) => `${root}.optimizers`).concat(["tensorflow.optimizers"]), names: ["Adam", "AdamW", "SGD", "RMSprop", "Adagrad", "Adadelta", "Adamax", "Nadam", "Ftrl", "Lion", "Adafactor"], parameters: KERAS_OPTIMIZER },
  { family: "tensorflow", kind: "scheduler", packages: KERAS.map((root) => `${root}.optimizers.schedules`), names: ["ExponentialDecay", "InverseTimeDecay", "PolynomialDecay"], parameters: { initial_learning_rate: 0, decay_steps: 1, decay_rate: 2, end_learning_rate: 2, power: 3 } },
  { family: "tensorflow", kind: "scheduler", packages: KERAS.map((root) => `${root}.optimizers.schedules`), names: ["CosineDecay", "CosineDecayRestarts"], parameters: { initial_learning_rate: 0, decay_steps: 1, first_decay_steps: 1, alpha: 2 } },
  { family: "tensorflow", kind: "layer", packages: KERAS.map((root) => `${root}.layers`), names: ["Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "GaussianDropout", "AlphaDropout"], parameters: { rate: 0 } },
  { family: "tensorflow", kind: "layer", packages: KERAS.map((root) => `${root}.layers`), names: ["LSTM", "GRU", "SimpleRNN"], parameters: RNN_KERAS },
  { family: "tensorflow", kind: "layer", packages: KERAS.map((root) => `${root}.layers`), names: ["MultiHeadAttention"], parameters: { num_heads: 0, key_dim: 1, dropout: null } },
  { family: "tensorflow", kind: "regularizer", packages: KERAS.map((root) => `${root}.regularizers`), names: ["l1", "l2", "L1", "L2", "l1_l2", "L1L2"], parameters: { l1: 0, l2: 0 } },
  { family: "tensorflow", kind: "callback", packages: KERAS.map((root) => `${root}.callbacks`), names: ["EarlyStopping"], parameters: { patience: null, min_delta: null } },
  { family: "tensorflow", kind: "callback", packages: KERAS.map((root) => `${root}.callbacks`), names: ["ReduceLROnPlateau"], parameters: { factor: null, patience: null, min_lr: null } },
  { family: "tensorflow", kind: "training", packages: null, names: ["fit"], parameters: { epochs: null, batch_size: null, early_stopping_rounds: null }, requires: ["tensorflow", "keras", "tf_keras", "xgboost", "lightgbm"] },
  { family: "tensorflow", kind: "training", packages: null, names: ["compile"], parameters: { loss_weights: null }, requires: ["tensorflow", "keras", "tf_keras"] },
  // TensorFlow.js (JavaScript/TypeScript)
  { family: "tensorflow", language: "script", kind: "optimizer", packages: TFJS.map((root) => `${root}.train`), names: ["sgd", "adam", "adamax", "adagrad", "adadelta", "rmsprop"], parameters: { learningRate: 0 } },
  { family: "tensorflow", language: "script", kind: "optimizer", packages: TFJS.map((root) => `${root}.train`), names: ["momentum"], parameters: { learningRate: 0, momentum: 1 } },
  { family: "tensorflow", language: "script", kind: "layer", packages: TFJS.map((root) => `${root}.layers`), names: ["dropout", "spatialDropout1d", "gaussianDropout", "alphaDropout"], parameters: { rate: null }, optionsArgument: 0 },
  { family: "tensorflow", language: "script", kind: "layer", packages: TFJS.map((root) => `${root}.layers`), names: ["lstm", "gru", "simpleRNN"], parameters: { units: null, dropout: null, recurrentDropout: null }, optionsArgument: 0 },
  { family: "tensorflow", language: "script", kind: "regularizer", packages: TFJS.map((root) => `${root}.regularizers`), names: ["l1", "l2", "l1l2"], parameters: { l1: null, l2: null }, optionsArgument: 0 },
  { family: "tensorflow", language: "script", kind: "callback", packages: TFJS.map((root) => `${root}.callbacks`), names: ["earlyStopping"], parameters: { patience: null, minDelta: null }, optionsArgument: 0 },
  { family: "tensorflow", language: "script", kind: "training", packages: null, names: ["fit"], parameters: { epochs: null, batchSize: null }, optionsArgument: 2, requires: TFJS },
  { family: "tensorflow", language: "script", kind: "training", packages: null, names: ["fitDataset"], parameters: { epochs: null, batchesPerEpoch: null }, optionsArgument: 1, requires: TFJS },
  // Hugging Face
  { family: "huggingface", kind: "training", packages: ["transformers"], names: ["TrainingArguments", "Seq2SeqTrainingArguments"], parameters: { learning_rate: null, num_train_epochs: null, per_device_train_batch_size: null, weight_decay: null, warmup_steps: null, warmup_ratio: null, gradient_accumulation_steps: null } },
];

/** Other names a project's config may give a hyperparameter (`lr` for `learning_rate`). */
export const HYPERPARAMETER_ALIASES: Record<string, string[]> = {
  learning_rate: ["lr", "eta", "learning_rate_init", "initial_learning_rate", "base_lr"],
  learningRate: ["learning_rate", "lr"],
  batchSize: ["batch_size", "bs"],
  lr: ["learning_rate"],
  eta: ["learning_rate", "lr"],
  n_estimators: ["num_boost_round", "num_trees", "n_trees", "num_iterations"],
  num_boost_round: ["n_estimators", "num_trees", "num_iterations"],
  epochs: ["num_epochs", "n_epochs", "max_epochs", "num_train_epochs"],
  max_epochs: ["epochs", "num_epochs", "n_epochs"],
  num_train_epochs: ["epochs", "num_epochs", "n_epochs", "max_epochs"],
  batch_size: ["bs", "train_batch_size", "per_device_train_batch_size"],
  per_device_train_batch_size: ["batch_size", "train_batch_size"],
  weight_decay: ["wd", "l2"],
  p: ["dropout", "dropout_rate", "drop_rate"],
  rate: ["dropout", "dropout_rate", "drop_rate"],
  dropout: ["dropout_rate", "drop_rate"],
  hidden_size: ["hidden_dim", "hidden_units"],
  units: ["hidden_size", "hidden_dim", "hidden_units"],
  num_layers: ["n_layers"],
  nhead: ["num_heads", "n_heads"],
  num_heads: ["nhead", "n_heads"],
  C: ["c", "inverse_regularization"],
};

/** One hyperparameter argument of a call. */
export interface HyperparameterArgument {
  /** The parameter (`n_estimators`), or the params-dict key (`max_depth`). */
  name: string;
  /** The argument's value expression. */
  value: PyNode;
}

/** The catalog entry for a call, resolved through the module's imports, or null. */
export function hyperparameterApiOf(call: PyNode, imports: ImportTable): HyperparameterApi | null {
  const callee = field(call, "function");
  const qualified = imports.calleeName(call);
  // Only APIs named like the method or the callee's last segment can match; tried in table order.
  const method = callee?.type === "attribute" ? field(callee, "attribute")?.text : undefined;
  const last = qualified ? qualified.slice(qualified.lastIndexOf(".") + 1) : undefined;
  const named = [...(method !== undefined ? (PYTHON_APIS_BY_NAME.get(method) ?? []) : []), ...(last !== undefined && last !== method ? (PYTHON_APIS_BY_NAME.get(last) ?? []) : [])];
  if (named.length === 0) return null;
  for (const api of named.length > 1 ? HYPERPARAMETER_APIS.filter((candidate) => named.includes(candidate)) : named) {
    if (api.packages === null) {
      if (method && api.names.includes(method) && qualified === null && api.requires!.some((module) => imports.importsModule(module))) return api;
      continue;
    }
    if (qualified && api.names.includes(last!) && api.packages.some((prefix) => qualified.startsWith(`${prefix}.`))) return api;
  }
  return null;
}

/** The Python APIs of the table by each of their names, in table order. */
const PYTHON_APIS_BY_NAME = new Map<string, HyperparameterApi[]>();
for (const api of HYPERPARAMETER_APIS) {
  if (api.language === "script") continue;
  for (const name of new Set(api.names)) appendTo(PYTHON_APIS_BY_NAME, name, api);
}

/** The dict literal a params argument holds: the literal itself, or what a name assigned once holds. */
function dictionaryOf(node: PyNode | undefined, resolve: (identifier: PyNode) => PyNode | null): PyNode | null {
  if (node?.type === "dictionary") return node;
  if (node?.type === "identifier") {
    const value = resolve(node);
    return value?.type === "dictionary" ? value : null;
  }
  return null;
}

/**
 * The hyperparameter arguments of a call to a catalog API: keyword arguments and positional ones
 * at their index, and the keys of a params dict literal. `resolve` gives the single assigned
 * value of a name (for `params = {...}; xgb.train(params, ...)`).
 */
export function hyperparameterArgumentsOf(call: PyNode, api: HyperparameterApi, resolve: (identifier: PyNode) => PyNode | null, keyText: (node: PyNode) => string | null): HyperparameterArgument[] {
  const found: HyperparameterArgument[] = [];
  const positional = positionalArguments(call);
  for (const [name, index] of Object.entries(api.parameters)) {
    const value = keywordArgument(call, name) ?? (index === null ? undefined : positional[index]);
    if (value) found.push({ name, value });
  }
  if (api.paramsArgument !== undefined) {
    const dictionary = dictionaryOf(positional[api.paramsArgument] ?? keywordArgument(call, "params"), resolve);
    for (const pair of dictionary?.children ?? []) {
      if (pair.type !== "pair") continue;
      const keyNode = field(pair, "key");
      const value = field(pair, "value");
      const key = keyNode ? keyText(keyNode) : null;
      if (key && value && BOOSTER_PARAMS.includes(key)) found.push({ name: key, value });
    }
  }
  return found.sort((a, b) => a.value.range[0] - b.value.range[0]);
}
