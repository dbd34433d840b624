/**
 * The library calls the leakage analysis knows: splits, learners that learn from the rows they
 * are fit on, fitting methods, cross-validation consumers and scoring calls. Qualified names
 * (imports resolved), so a local `train_test_split` or a look-alike class is never one of them.
 */

/** Functions returning `[a_train, a_test, b_train, b_test, …]`. */
export const HOLDOUT_SPLITTERS = new Set(["sklearn.model_selection.train_test_split", "sklearn.cross_validation.train_test_split"]);
/** Functions returning `[part0, part1, …]`, the first for training. */
export const PARTITION_SPLITTERS = new Set(["torch.utils.data.random_split", "torch.utils.data.dataset.random_split"]);
/** Cross-validation splitters whose `.split(X, y)` yields `(train_index, test_index)`. */
export const CV_SPLITTERS = /^sklearn\.model_selection\.(KFold|StratifiedKFold|GroupKFold|StratifiedGroupKFold|RepeatedKFold|RepeatedStratifiedKFold|ShuffleSplit|StratifiedShuffleSplit|GroupShuffleSplit|TimeSeriesSplit|LeaveOneOut|LeavePOut|LeaveOneGroupOut|LeavePGroupsOut|PredefinedSplit)$/u;
/** Functions that split their data into folds internally: data at positional index 1 (`X`) and 2 (`y`). */
export const CV_FUNCTIONS = /^sklearn\.model_selection\.(cross_val_score|cross_validate|cross_val_predict|learning_curve|validation_curve|permutation_test_score)$/u;
/** Hyperparameter searches: their `.fit(X, y)` cross-validates. */
export const SEARCHES = /^(sklearn\.model_selection\.(GridSearchCV|RandomizedSearchCV|HalvingGridSearchCV|HalvingRandomSearchCV)|skopt\.BayesSearchCV)$/u;

/**
 * Preprocessing that learns statistics of the rows it is fit on (means, variances, categories,
 * vocabularies, selected columns, neighbours for resampling). Stateless transformers
 * (`PolynomialFeatures`, `FunctionTransformer`, `Normalizer`, `Binarizer`) and target encoders
 * (`LabelEncoder`) are left out: fitting them early leaks nothing about the test rows' features.
 */
export const LEAKY_LEARNERS = new RegExp(
  [
    "^sklearn\\.preprocessing\\.(StandardScaler|MinMaxScaler|MaxAbsScaler|RobustScaler|QuantileTransformer|PowerTransformer|OneHotEncoder|OrdinalEncoder|TargetEncoder|KBinsDiscretizer|SplineTransformer)$",
    "^sklearn\\.impute\\.\\w*Imputer$",
    "^sklearn\\.decomposition\\.(PCA|IncrementalPCA|KernelPCA|SparsePCA|MiniBatchSparsePCA|TruncatedSVD|FastICA|NMF|MiniBatchNMF|FactorAnalysis|LatentDirichletAllocation|DictionaryLearning|MiniBatchDictionaryLearning)$",
    "^sklearn\\.feature_selection\\.(SelectKBest|SelectPercentile|SelectFpr|SelectFdr|SelectFwe|GenericUnivariateSelect|RFE|RFECV|SelectFromModel|VarianceThreshold|SequentialFeatureSelector)$",
    "^sklearn\\.feature_extraction\\.text\\.(TfidfVectorizer|CountVectorizer|TfidfTransformer)$",
    "^imblearn\\.(over_sampling|under_sampling|combine)\\.\\w+$",
    "^category_encoders\\.(\\w+\\.)?\\w+Encoder$",
    "^(tensorflow\\.)?keras\\.layers\\.(Normalization|TextVectorization|StringLookup|IntegerLookup|Discretization)$",
    "^(tensorflow\\.)?keras\\.layers\\.experimental\\.preprocessing\\.\\w+$",
  ].join("|"),
  "u",
);

/** Composite estimators: leaky when one of their steps is. */
export const COMPOSITES = /^(sklearn\.pipeline\.(Pipeline|make_pipeline|FeatureUnion|make_union)|sklearn\.compose\.(ColumnTransformer|make_column_transformer|TransformedTargetRegressor)|imblearn\.pipeline\.(Pipeline|make_pipeline))$/u;

/** Methods that fit their receiver on their data arguments. */
export const FIT_METHODS = new Set(["fit", "fit_transform", "fit_predict", "fit_resample", "fit_sample", "partial_fit", "adapt"]);
/** Library training functions and the positional index of their training data. */
export const TRAIN_FUNCTIONS = new Map<string, number>([
  ["xgboost.train", 1],
  ["lightgbm.train", 1],
  ["catboost.train", 1],
]);
/** Keyword names under which fitting methods receive training data. */
export const DATA_KEYWORDS = new Set(["X", "x", "y", "Y", "X_train", "y_train", "data", "dtrain", "train_set", "raw_documents"]);

/** Methods that score a model on the data they are given. */
export const SCORING_METHODS = new Set(["score", "evaluate"]);
/** Metric functions: any argument may carry the evaluation data. */
export const METRIC_FUNCTIONS = /^(sklearn\.metrics\.\w+|torchmetrics\.functional\.\w+)$/u;
/** Keywords through which a fit watches held-out data to stop early or pick a checkpoint. */
export const MONITORED_KEYWORDS = new Set(["validation_data", "eval_set", "valid_sets", "eval_sets"]);
/** Callbacks and options that choose a model by the monitored data. */
export const SELECTING_CALLBACKS = /^((tensorflow\.)?keras\.callbacks\.(EarlyStopping|ModelCheckpoint|ReduceLROnPlateau)|lightgbm\.early_stopping|xgboost\.callback\.EarlyStopping|pytorch_lightning\.callbacks\.(EarlyStopping|ModelCheckpoint)|lightning\.pytorch\.callbacks\.(EarlyStopping|ModelCheckpoint))$/u;
export const SELECTING_KEYWORDS = new Set(["early_stopping_rounds"]);
