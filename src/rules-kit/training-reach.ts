/**
 * Whether data a module reads ends up in training: the module fits a model itself, or it writes
 * files that a training module reads (following such hand-offs a few steps through the project).
 *
 * In the linted module, training is a fit call (`.fit(…)`, `.partial_fit`, `xgboost.train`, a
 * transformers `Trainer`'s `.train()`) with an ML library imported. Other modules
 * are judged by their imports only (the project model keeps no calls): importing a library that
 * trains models counts.
 */
import { field, type PyNode } from "../languages/python/nodes.js";
import { descendants, type ModuleScope } from "../project/python/scope.js";
import type { ModuleFacts, ProjectModel } from "../project/types.js";

/** Libraries that train models. */
const TRAINING_LIBRARIES = ["sklearn", "torch", "tensorflow", "keras", "xgboost", "lightgbm", "catboost", "transformers", "pytorch_lightning", "lightning", "statsmodels", "prophet", "jax", "flax", "optax", "fastai", "skorch", "tpot", "autosklearn", "autogluon", "pycaret", "sentence_transformers", "gensim", "surprise", "implicit"];
/** Methods and functions that train. */
const FIT_METHODS = new Set(["fit", "partial_fit", "fit_generator", "train", "train_model", "fit_predict"]);
const TRAINING_FUNCTIONS = new Set(["xgboost.train", "lightgbm.train", "catboost.train", "xgboost.cv", "lightgbm.cv"]);
const MAX_HOPS = 5;

function importsTrainingLibrary(imports: readonly string[]): boolean {
  return imports.some((module) => TRAINING_LIBRARIES.some((library) => module === library || module.startsWith(`${library}.`)));
}

/** True when the module calls a training API (with an ML library imported). */
export function trainsHere(root: PyNode, scope: ModuleScope): boolean {
  if (!TRAINING_LIBRARIES.some((library) => scope.imports.importsModule(library))) return false;
  for (const call of descendants(root, "call")) {
    const qualified = scope.imports.calleeName(call);
    if (qualified && TRAINING_FUNCTIONS.has(qualified)) return true;
    const callee = field(call, "function");
    if (callee?.type === "attribute" && FIT_METHODS.has(field(callee, "attribute")?.text ?? "")) return true;
  }
  return false;
}

/** True when some module downstream of `file` (it reads what `file` writes, directly or a few hand-offs on) imports a training library. */
export function feedsTrainingDownstream(model: ProjectModel, file: string): boolean {
  const seen = new Set([file]);
  let frontier: ModuleFacts[] = [model.modules.get(file)].filter((facts): facts is ModuleFacts => !!facts);
  for (let hop = 0; hop < MAX_HOPS && frontier.length > 0; hop++) {
    const next: ModuleFacts[] = [];
    for (const facts of frontier) {
      for (const site of facts.ioSites) {
        if (site.direction !== "write" || !site.path?.exact || site.path.kind !== "relative") continue;
        for (const reader of model.readersOf(site.path.text)) {
          if (seen.has(reader.file)) continue;
          seen.add(reader.file);
          const readerFacts = model.modules.get(reader.file);
          if (!readerFacts) continue;
          if (importsTrainingLibrary(readerFacts.imports)) return true;
          next.push(readerFacts);
        }
      }
    }
    frontier = next;
  }
  return false;
}
