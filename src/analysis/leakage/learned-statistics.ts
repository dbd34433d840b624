/** What a preprocessing learner takes from the rows it is fit on, for messages that teach. */

const FAMILIES: [RegExp, string][] = [
  [/Imputer$/u, "fill values (means, medians, neighbours)"],
  [/(Scaler|Transformer|Discretizer|Normalization|Discretization)$/u, "statistics (means, variances, ranges, quantiles)"],
  [/Encoder$|Lookup$/u, "categories and their encodings"],
  [/Vectorizer$|TextVectorization$/u, "vocabulary and term frequencies"],
  [/^(PCA|IncrementalPCA|KernelPCA|SparsePCA|MiniBatchSparsePCA|TruncatedSVD|FastICA|NMF|MiniBatchNMF|FactorAnalysis|LatentDirichletAllocation|DictionaryLearning|MiniBatchDictionaryLearning)$/u, "components"],
  [/^(Select\w+|GenericUnivariateSelect|RFE|RFECV|VarianceThreshold|SequentialFeatureSelector)$/u, "choice of features (made with the test rows, and their labels)"],
];

/** `sklearn.preprocessing.StandardScaler` → `StandardScaler`. */
export function shortName(qualified: string): string {
  return qualified.slice(qualified.lastIndexOf(".") + 1);
}

/** What the learner learns, in words: "statistics (means, variances, …)". */
export function learnedStatistics(qualified: string): string {
  if (/^imblearn\./u.test(qualified)) return "synthetic and removed rows (built from neighbours among the test rows)";
  const name = shortName(qualified);
  for (const [pattern, words] of FAMILIES) if (pattern.test(name)) return words;
  return "fitted parameters";
}
