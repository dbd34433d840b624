/**
 * Pieces of realistic ML Python the benchmark repository is built from: import blocks,
 * constants, data loading, feature engineering, scikit-learn and PyTorch training, evaluation,
 * plotting, argparse entry points, config access, subprocess glue. Each piece is a function of
 * the PRNG and a few names, so files differ in names, numbers and paths but read like real code.
 */
import type { Random } from "./random.js";

const NOUNS = ["customer", "session", "user", "item", "order", "event", "image", "token", "review", "claim", "sensor", "patient", "trip", "account", "ticket"];
const VERBS = ["load", "clean", "build", "compute", "encode", "normalize", "split", "merge", "aggregate", "filter", "score", "rank", "sample", "augment", "export"];
const METRICS = ["accuracy_score", "f1_score", "roc_auc_score", "precision_score", "recall_score", "mean_squared_error", "mean_absolute_error", "log_loss"];
const ESTIMATORS = [
  ["sklearn.ensemble", "RandomForestClassifier", "n_estimators={n}, max_depth={d}"],
  ["sklearn.ensemble", "GradientBoostingClassifier", "n_estimators={n}, learning_rate=0.{d}"],
  ["sklearn.linear_model", "LogisticRegression", "C=1.{d}, max_iter={n}"],
  ["sklearn.svm", "SVC", "C=0.{d}, probability=True"],
  ["sklearn.neighbors", "KNeighborsClassifier", "n_neighbors={d}"],
] as const;
const FORMATS = [
  ["read_csv", "to_csv", "csv"],
  ["read_parquet", "to_parquet", "parquet"],
  ["read_json", "to_json", "json"],
  ["read_pickle", "to_pickle", "pkl"],
] as const;

export interface SnippetContext {
  random: Random;
  /** Root-relative folder of the module, for data paths. */
  stage: string;
  /** Config files of the project (for config reads). */
  configs: string[];
  /** Project scripts (for subprocess glue). */
  scripts: string[];
}

function name(random: Random): string {
  return `${random.pick(VERBS)}_${random.pick(NOUNS)}${random.chance(0.3) ? `_${random.pick(NOUNS)}s` : ""}`;
}

function dataPath(context: SnippetContext, extension: string): string {
  const { random } = context;
  const roll = random.next();
  const file = `${random.pick(NOUNS)}_${random.pick(["raw", "clean", "features", "train", "test", "scores", "v2"])}.${extension}`;
  if (roll < 0.04) return `/home/${random.pick(["ana", "bo", "chen", "dev"])}/projects/data/${file}`;
  if (roll < 0.06) return `../../shared/${file}`;
  return `data/${random.pick(["raw", "interim", "processed", "external"])}/${file}`;
}

/** The module docstring and the imports the body uses (so the code has no undefined names). */
export function importBlock(context: SnippetContext, body: string): string {
  const { random } = context;
  const uses = (pattern: RegExp) => pattern.test(body);
  const lines = ['"""' + `${random.pick(VERBS)} ${random.pick(NOUNS)} data for the ${context.stage} stage.` + '"""', "import argparse", "import json", "import logging", "import os", "import random"];
  if (uses(/\bsubprocess\./u)) lines.push("import subprocess");
  if (uses(/\bsys\./u)) lines.push("import sys");
  lines.push("from pathlib import Path", "from typing import Dict, List, Optional, Tuple", "", "import numpy as np", "import pandas as pd");
  if (uses(/\byaml\./u)) lines.push("import yaml");
  if (uses(/\btorch\b|\bnn\.|\bF\.|DataLoader|Dataset/u)) lines.push("import torch", "import torch.nn as nn", "import torch.nn.functional as F", "from torch.utils.data import DataLoader, Dataset");
  if (uses(/train_test_split/u)) lines.push("from sklearn.model_selection import train_test_split");
  const metrics = METRICS.filter((metric) => body.includes(`${metric}(`));
  if (metrics.length > 0) lines.push(`from sklearn.metrics import ${metrics.join(", ")}`);
  for (const [module, name] of ESTIMATORS) if (body.includes(`${name}(`)) lines.push(`from ${module} import ${name}`);
  if (uses(/\bplt\./u)) lines.push("import matplotlib.pyplot as plt");
  lines.push("", "logger = logging.getLogger(__name__)", "");
  return lines.join("\n");
}

export function constants(context: SnippetContext): string {
  const { random } = context;
  const lines = [
    `SEED = ${random.int(0, 9999)}`,
    `BATCH_SIZE = ${random.pick([16, 32, 64, 128, 256])}`,
    `LEARNING_RATE = ${random.pick(["1e-3", "3e-4", "0.01", "5e-5"])}`,
    `N_EPOCHS = ${random.int(3, 200)}`,
    `DATA_DIR = Path("${random.pick(["data", "data/processed", "/mnt/datasets/project"])}")`,
    `USE_${random.pick(NOUNS).toUpperCase()}_FEATURES = ${random.pick(["True", "False"])}`,
    `FEATURE_COLUMNS = [${Array.from({ length: random.int(3, 9) }, () => `"${random.pick(NOUNS)}_${random.pick(["count", "mean", "max", "ratio", "days"])}"`).join(", ")}]`,
    "",
  ];
  return lines.join("\n");
}

export function loader(context: SnippetContext): string {
  const { random } = context;
  const [read, , extension] = random.pick(FORMATS);
  const fn = name(random);
  return `
def ${fn}(path: str = "${dataPath(context, extension)}") -> pd.DataFrame:
    """Read the ${random.pick(NOUNS)} table and drop rows without a label."""
    logger.info("reading %s", path)
    df = pd.${read}(path)
    df = df.dropna(subset=["${random.pick(NOUNS)}_id"])
    df["created_at"] = pd.to_datetime(df["created_at"], errors="coerce")
    df = df[df["created_at"] >= "${2015 + random.int(0, 8)}-01-01"]
    if len(df) == 0:
        raise ValueError(f"no rows left in {path}")
    return df.reset_index(drop=True)
`;
}

export function features(context: SnippetContext): string {
  const { random } = context;
  const fn = name(random);
  const columns = Array.from({ length: random.int(3, 8) }, () => `${random.pick(NOUNS)}_${random.pick(["count", "sum", "mean", "days"])}`);
  const body = columns
    .map((column, index) => {
      switch (index % 4) {
        case 0:
          return `    out["${column}"] = df.groupby("${random.pick(NOUNS)}_id")["amount"].transform("${random.pick(["sum", "mean", "max", "count"])}")`;
        case 1:
          return `    out["${column}"] = np.log1p(df["${random.pick(NOUNS)}_value"].clip(lower=0))`;
        case 2:
          return `    out["${column}"] = (df["end"] - df["start"]).dt.days.fillna(${random.int(0, 30)})`;
        default:
          return `    out["${column}"] = df["${random.pick(NOUNS)}"].map(lambda value: len(str(value)) if value else 0)`;
      }
    })
    .join("\n");
  return `
def ${fn}(df: pd.DataFrame, window: int = ${random.int(3, 60)}) -> pd.DataFrame:
    """Derive the model features; one row per ${random.pick(NOUNS)}."""
    out = pd.DataFrame(index=df.index)
${body}
    rolling = df.sort_values("created_at").groupby("${random.pick(NOUNS)}_id")["amount"].rolling(window).mean()
    out["rolling_mean"] = rolling.reset_index(level=0, drop=True)
    for column in out.columns:
        if out[column].dtype == object:
            out[column] = out[column].astype("category").cat.codes
    return out.fillna(0)
`;
}

export function sklearnTraining(context: SnippetContext): string {
  const { random } = context;
  const estimator = random.pick(ESTIMATORS);
  const args = estimator[2].replace("{n}", String(random.int(10, 800))).replace("{d}", String(random.int(2, 12)));
  const seeded = random.chance(0.6) ? ", random_state=SEED" : "";
  return `
def train_${random.pick(NOUNS)}_model(features: pd.DataFrame, labels: pd.Series) -> Tuple[object, Dict[str, float]]:
    x_train, x_test, y_train, y_test = train_test_split(features, labels, test_size=0.${random.int(1, 3)}${seeded})
    model = ${estimator[1]}(${args})
    model.fit(x_train, y_train)
    predictions = model.predict(x_test)
    scores = {
        "accuracy": float((predictions == y_test).mean()),
        "n_train": len(x_train),
        "n_test": len(x_test),
    }
    if hasattr(model, "feature_importances_"):
        ranked = sorted(zip(features.columns, model.feature_importances_), key=lambda pair: -pair[1])
        for column, weight in ranked[:${random.int(5, 20)}]:
            logger.info("%-30s %.4f", column, weight)
    return model, scores
`;
}

export function torchModel(context: SnippetContext): string {
  const { random } = context;
  const hidden = random.pick([64, 128, 256, 512]);
  const cls = `${random.pick(NOUNS)[0]!.toUpperCase()}${random.pick(NOUNS).slice(1)}${random.pick(["Net", "Encoder", "Classifier", "Model"])}`;
  return `
class ${cls}(nn.Module):
    def __init__(self, n_features: int, n_classes: int = ${random.int(2, 20)}, dropout: float = 0.${random.int(1, 5)}):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Linear(n_features, ${hidden}),
            nn.ReLU(),
            nn.Dropout(dropout),
            nn.Linear(${hidden}, ${hidden / 2}),
            nn.BatchNorm1d(${hidden / 2}),
            nn.ReLU(),
        )
        self.head = nn.Linear(${hidden / 2}, n_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(x)
        if self.training and ${random.pick(["True", "False"])}:
            hidden = hidden + torch.randn_like(hidden) * 0.01
        return self.head(hidden)


def fit_${cls.toLowerCase()}(model: nn.Module, loader: DataLoader, epochs: int = N_EPOCHS) -> List[float]:
    optimizer = torch.optim.${random.pick(["Adam", "AdamW", "SGD"])}(model.parameters(), lr=LEARNING_RATE)
    losses = []
    for epoch in range(epochs):
        model.train()
        total = 0.0
        for batch, (x, y) in enumerate(loader):
            optimizer.zero_grad()
            loss = F.cross_entropy(model(x), y)
            loss.backward()
            optimizer.step()
            total += loss.item()
            if batch % ${random.pick([10, 50, 100])} == 0:
                logger.debug("epoch %d batch %d loss %.4f", epoch, batch, loss.item())
        losses.append(total / max(1, len(loader)))
        logger.info("epoch %d: %.4f", epoch, losses[-1])
    return losses
`;
}

export function dataset(context: SnippetContext): string {
  const { random } = context;
  const cls = `${random.pick(NOUNS)[0]!.toUpperCase()}${random.pick(NOUNS).slice(1)}Dataset`;
  return `
class ${cls}(Dataset):
    def __init__(self, frame: pd.DataFrame, label: str = "${random.pick(NOUNS)}_label", augment: bool = False):
        self.x = torch.tensor(frame.drop(columns=[label]).values, dtype=torch.float32)
        self.y = torch.tensor(frame[label].values, dtype=torch.long)
        self.augment = augment

    def __len__(self) -> int:
        return len(self.y)

    def __getitem__(self, index: int):
        x = self.x[index]
        if self.augment:
            x = x + np.random.normal(0, 0.${random.int(1, 9)}, size=x.shape).astype("float32")
        return x, self.y[index]
`;
}

export function evaluation(context: SnippetContext): string {
  const { random } = context;
  const metric = random.pick(METRICS);
  const [, write, extension] = random.pick(FORMATS);
  return `
def evaluate_${random.pick(NOUNS)}(model, frame: pd.DataFrame, label: str, out_dir: str = "reports") -> Dict[str, float]:
    predictions = model.predict(frame.drop(columns=[label]))
    result = {"${metric}": float(${metric}(frame[label], predictions))}
    by_segment = {}
    for segment, rows in frame.groupby("${random.pick(NOUNS)}_segment"):
        if len(rows) < ${random.int(10, 100)}:
            continue
        by_segment[str(segment)] = float(${metric}(rows[label], model.predict(rows.drop(columns=[label]))))
    result["segments"] = len(by_segment)
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    pd.DataFrame([by_segment]).${write}(os.path.join(out_dir, "segments.${extension}"))
    with open(os.path.join(out_dir, "metrics.json"), "w") as handle:
        json.dump(result, handle, indent=2)
    return result
`;
}

export function plotting(context: SnippetContext): string {
  const { random } = context;
  return `
def plot_${random.pick(NOUNS)}_distribution(frame: pd.DataFrame, column: str, path: str = "reports/figures/${random.pick(NOUNS)}.png") -> None:
    fig, axes = plt.subplots(1, 2, figsize=(${random.int(8, 14)}, ${random.int(4, 6)}))
    frame[column].hist(ax=axes[0], bins=${random.int(10, 100)})
    axes[0].set_title(f"{column} distribution")
    frame.boxplot(column=column, by="${random.pick(NOUNS)}_segment", ax=axes[1])
    fig.tight_layout()
    fig.savefig(path, dpi=${random.pick([100, 150, 200])})
    plt.close(fig)
`;
}

export function configAccess(context: SnippetContext): string {
  const { random } = context;
  const config = context.configs.length > 0 ? random.pick(context.configs) : "params.yaml";
  return `
def load_config(path: str = "${config}") -> dict:
    with open(path) as handle:
        config = yaml.safe_load(handle)
    config.setdefault("train", {})
    lr = config["train"].get("lr", ${random.pick(["0.001", "0.01", "3e-4"])})
    epochs = config["train"].get("epochs", ${random.int(5, 50)})
    if config.get("debug", False):
        epochs = 1
    logger.info("lr=%s epochs=%s", lr, epochs)
    return config
`;
}

export function glue(context: SnippetContext): string {
  const { random } = context;
  const script = context.scripts.length > 0 ? random.pick(context.scripts) : "scripts/train.py";
  return `
def run_${random.pick(VERBS)}_step(extra: Optional[List[str]] = None) -> int:
    command = [sys.executable, "${script}", "--seed", str(SEED)] + (extra or [])
    logger.info("running %s", " ".join(command))
    completed = subprocess.run(command, check=False)
    if completed.returncode != 0:
        logger.error("step failed with %d", completed.returncode)
    return completed.returncode
`;
}

export function helpers(context: SnippetContext): string {
  const { random } = context;
  const fn = name(random);
  const branches = Array.from({ length: random.int(2, 6) }, (_, index) => `    ${index === 0 ? "if" : "elif"} kind == "${random.pick(NOUNS)}${index}":\n        values = [value * ${random.int(2, 9)} for value in values if value is not None]`).join("\n");
  return `
def ${fn}(values: List[float], kind: str = "default", *, strict: bool = False) -> List[float]:
    """Normalise raw values; the kinds mirror the upstream export formats."""
    if not values:
        return []
${branches}
    else:
        if strict:
            raise KeyError(kind)
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    result = [(value - low) / span for value in values]
    # result = [round(value, 4) for value in result]
    return result
`;
}

export function mainBlock(context: SnippetContext): string {
  const { random } = context;
  const [, write, extension] = random.pick(FORMATS);
  return `
def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--input", default="${dataPath(context, "csv")}")
    parser.add_argument("--output", default="${dataPath(context, extension)}")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--epochs", type=int, default=${random.int(1, 100)})
    parser.add_argument("--${random.pick(NOUNS)}-threshold", type=float, default=0.${random.int(1, 9)})
    parser.add_argument("--dry-run", action="store_true")
    return parser.parse_args(argv)


def main(argv: Optional[List[str]] = None) -> None:
    args = parse_args(argv)
    ${random.chance(0.5) ? "np.random.seed(args.seed)" : "random.shuffle(FEATURE_COLUMNS)"}
    frame = pd.read_csv(args.input)
    logger.info("read %d rows", len(frame))
    if args.dry_run:
        return
    frame.${write}(args.output)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    main()
`;
}

export const BODY_SNIPPETS = [loader, features, sklearnTraining, torchModel, dataset, evaluation, plotting, configAccess, glue, helpers, helpers, features];
