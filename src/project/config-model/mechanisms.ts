/**
 * The mechanisms a project reads its settings through: command-line options (argparse, click,
 * typer), environment variables, config files loaded by code (YAML/JSON/TOML), Hydra/OmegaConf,
 * a module of constants other modules import (`from config import LR`), and config scripts run
 * with `exec` or `runpy`. Typed config classes are a schema over these, not a mechanism of their
 * own. Environment variables of the runtime (CUDA, ranks, cloud credentials, trackers) are not
 * settings of the project and do not count.
 */
import { posix } from "node:path";
import type { ModuleFacts, ProjectModel } from "../types.js";
import { CONFIG_MODULE_NAME, moduleLocation } from "./config-index.js";
import type { SettingLocation } from "./types.js";

export type SettingsMechanism = "command-line" | "environment" | "config-files" | "hydra-omegaconf" | "constants-module" | "exec-config";

/** The first use of a mechanism in a module. */
export interface MechanismUse {
  mechanism: SettingsMechanism;
  /** How, in a few words: `argparse`, `os.environ "DATA_DIR"`, `config.yaml`, `constants of settings.py`. */
  detail: string;
  location: SettingLocation;
}

/** Environment variables set by the runtime, launchers, clouds and trackers rather than by the project. */
const RUNTIME_ENV =
  /^(?:CUDA_|NVIDIA_|LOCAL_RANK$|RANK$|WORLD_SIZE$|LOCAL_WORLD_SIZE$|NODE_RANK$|GROUP_RANK$|MASTER_(?:ADDR|PORT)$|SLURM_|PMI_|OMPI_|NCCL_|TORCH_|HOME$|PATH$|USER$|USERNAME$|PWD$|TMPDIR$|TEMP$|HOSTNAME$|SHELL$|TERM$|LANG$|LC_|DISPLAY$|PYTHON|OMP_NUM_THREADS$|MKL_|TF_|XLA_|JAX_|TOKENIZERS_PARALLELISM$|HF_|HUGGING|TRANSFORMERS_|WANDB_|MLFLOW_|COMET_|NEPTUNE_|AWS_|GOOGLE_|GCP_|AZURE_|CI$|GITHUB_|GITLAB_|KAGGLE_|COLAB_|JUPYTER|CONDA_|VIRTUAL_ENV$|XDG_|OPENAI_|ANTHROPIC_)/u;

const SCRIPT_RUNNERS = new Set(["exec", "runpy.run_path", "execfile"]);
/** Scripts exec'd for their settings, by name or folder. */
const CONFIG_SCRIPT = /(?:conf|config|setting|param|option|hparam|hyper)[^/]*\.py$|(?:^|\/)(?:configs?|conf|settings)\//iu;

/** Project modules that are modules of constants: named like a config module, with at least two constants. */
function constantsModules(model: ProjectModel): Set<string> {
  const found = new Set<string>();
  for (const [file, facts] of model.modules) {
    if (CONFIG_MODULE_NAME.test(posix.basename(file)) && facts.definitions.constants.filter((constant) => constant.value !== undefined).length >= 2) found.add(file);
  }
  return found;
}

function usesOf(file: string, facts: ModuleFacts, model: ProjectModel, constants: Set<string>): MechanismUse[] {
  const uses: MechanismUse[] = [];
  const locate = (line: number, column: number) => moduleLocation(facts, file, line, column);
  const add = (mechanism: SettingsMechanism, detail: string, location: SettingLocation) => {
    if (!uses.some((use) => use.mechanism === mechanism)) uses.push({ mechanism, detail, location });
  };
  const omegaconf = facts.imports.some((module) => module === "omegaconf" || module.startsWith("omegaconf.") || module === "hydra" || module.startsWith("hydra."));
  for (const option of facts.cliOptions) add("command-line", option.mechanism, locate(option.line, option.column));
  for (const read of facts.configReads) {
    switch (read.mechanism) {
      case "argparse":
      case "click":
      case "typer":
        add("command-line", read.mechanism, locate(read.line, read.column));
        break;
      case "env":
        if (!read.dynamic && !RUNTIME_ENV.test(read.key)) add("environment", `environment variable ${read.key}`, locate(read.line, read.column));
        break;
      case "hydra":
        add("hydra-omegaconf", "Hydra", locate(read.line, read.column));
        break;
      case "mapping":
      case "get":
      case "attribute":
        if (omegaconf) add("hydra-omegaconf", "OmegaConf", locate(read.line, read.column));
        else add("config-files", read.source ?? "a config file chosen at run time", locate(read.line, read.column));
        break;
      default:
        break;
    }
  }
  for (const imported of facts.imports) {
    const target = model.moduleForImport(file, imported);
    const first = target && constants.has(target) ? model.modules.get(target)?.definitions.constants[0] : undefined;
    if (target && first && target !== file) add("constants-module", `constants of ${target}`, moduleLocation(model.modules.get(target), target, first.line, first.column));
  }
  for (const invocation of facts.invocations) {
    if (SCRIPT_RUNNERS.has(invocation.via) && CONFIG_SCRIPT.test(invocation.target)) {
      add("exec-config", `${invocation.via} of ${invocation.target}`, locate(invocation.line, invocation.column));
    }
  }
  return uses.sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column);
}

/** The mechanisms each module reads settings through (first use of each), by file, sorted. */
export function mechanismUsesOf(model: ProjectModel): Map<string, MechanismUse[]> {
  const constants = constantsModules(model);
  const result = new Map<string, MechanismUse[]>();
  for (const [file, facts] of [...model.modules].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const uses = usesOf(file, facts, model, constants);
    if (uses.length > 0) result.set(file, uses);
  }
  return result;
}
