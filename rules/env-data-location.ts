import { createRule } from "../src/rules-kit/create-rule.js";
import type { PyNode } from "../src/languages/python/nodes.js";
import { declaredEnvironment } from "../src/project/environment-docs.js";
import { extractEnvironmentReads } from "../src/project/python/config-reads.js";
import { moduleScopeOf } from "../src/project/python/scope.js";
import type { ConfigRead, ProjectModel } from "../src/project/types.js";
import { comparePlaces, relatedPlace, samePlace, type Place } from "../src/rules-kit/project-places.js";
import { projectFile, projectModel } from "../src/rules-kit/project-context.js";
import { relatedSuffix } from "../src/results/related.js";
import { nodePlace } from "../src/project/module-facts.js";
import { appendTo } from "../src/collections.js";

type MessageIds = "undeclaredLocation" | "undeclaredRequired";
type Options = [{ ignoreVariables: string[] }];

/** Variables that the operating system, a scheduler, a cloud or a library defines and documents. */
const WELL_KNOWN = new Set([
  "HOME", "USER", "USERNAME", "LOGNAME", "PATH", "PWD", "SHELL", "TMPDIR", "TEMP", "TMP", "LANG", "TERM", "HOSTNAME", "DISPLAY", "TZ",
  "PYTHONPATH", "PYTHONHASHSEED", "VIRTUAL_ENV", "JAVA_HOME", "LD_LIBRARY_PATH", "CUDA_VISIBLE_DEVICES", "CUDA_HOME", "CUDA_PATH",
  "OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "TOKENIZERS_PARALLELISM", "LOCAL_RANK", "RANK", "WORLD_SIZE",
  "LOCAL_WORLD_SIZE", "MASTER_ADDR", "MASTER_PORT", "NODE_RANK", "GROUP_RANK", "CI", "DEBUG", "LOG_LEVEL", "APPDATA", "LOCALAPPDATA", "USERPROFILE",
]);
/** Prefixes of variables set by platforms and libraries (schedulers, CI, clouds, trackers, frameworks). */
const WELL_KNOWN_PREFIXES = /^(?:SLURM|PBS|LSB|SGE|OMPI|PMI|KUBERNETES|GITHUB|GITLAB|RUNNER|BUILDKITE|JENKINS|CIRCLE|TRAVIS|HF|HUGGING_FACE|TRANSFORMERS|TORCH|PYTORCH|TF|KERAS|XDG|AWS|AZURE|AZUREML|GOOGLE|GCP|GCLOUD|CLOUDSDK|WANDB|MLFLOW|NEPTUNE|COMET|CLEARML|KAGGLE|SM|AIP|COLAB|JPY|JUPYTER|NCCL|ACCELERATE|DEEPSPEED|RAY|DASK|SPARK|HADOOP|CONDA|PIP|NUMBA|CUBLAS|CUDNN|XLA|JAX|OPENAI|ANTHROPIC|DATABRICKS|SNOWFLAKE|DVC|PYTEST|COVERAGE)_/u;
/** Names that say the variable holds a location. */
const LOCATION_NAME = /(?:^|_)(?:DIR|DIRECTORY|PATH|ROOT|FOLDER|FILE|FILENAME|URI|URL|BUCKET|PREFIX|LOCATION|DATA|DATASET|DATASETS|DB|DATABASE|TABLE|STORE|STORAGE|CACHE|OUTPUT|INPUT|CKPT|CHECKPOINT|MODEL|MODELS)(?:_|$)/u;

/** True when a read has a usable fallback (`os.getenv("X", "data")`); `None` and `""` are none. */
function hasDefault(read: ConfigRead): boolean {
  const fallback = read.default;
  if (!fallback) return false;
  return !(fallback.known && (fallback.value === null || fallback.value === ""));
}

/** True when the read raises when the variable is unset (`os.environ["X"]`). */
function isRequired(read: ConfigRead): boolean {
  return nodePlace(read, "node")?.type === "subscript";
}

function envReads(reads: readonly ConfigRead[]): ConfigRead[] {
  return reads.filter((read) => read.mechanism === "env" && !read.dynamic && read.key !== "*");
}

interface UnguardedRead {
  place: Place;
  required: boolean;
}

/** Every read without a default of each variable in the project, and the variables some io site's path comes from. */
function projectEnvironment(model: ProjectModel): { unguarded: Map<string, UnguardedRead[]>; feedsPaths: Set<string>; setInCode: Set<string> } {
  const unguarded = new Map<string, UnguardedRead[]>();
  const feedsPaths = new Set<string>();
  const setInCode = new Set<string>();
  for (const [file, facts] of model.modules) {
    for (const read of envReads(facts.configReads)) {
      if (hasDefault(read)) {
        // `os.environ.setdefault("X", "v")` gives every later read its value.
        if (read.setsDefault) setInCode.add(read.key);
        continue;
      }
      appendTo(unguarded, read.key, { place: { file, line: read.line, column: read.column }, required: isRequired(read) });
    }
    for (const site of facts.ioSites) if (site.path?.envVar) feedsPaths.add(site.path.envVar);
  }
  return { unguarded, feedsPaths, setInCode };
}

const environments = new WeakMap<ProjectModel, ReturnType<typeof projectEnvironment>>();

export default createRule<Options, MessageIds>({
  name: "env-data-location",
  meta: {
    category: "hidden-data-dependency",
    severity: "warning",
    description: "Data locations and required settings read from environment variables that nothing in the repository declares",
    recommended: true,
    scope: "project",
    messages: {
      undeclaredLocation:
        "Environment variable `{{name}}` holds a data location, is read with no default, and no `.env.example`, README, docs, Dockerfile, CI or config file in the repository mentions it: a teammate, CI or a scheduled job does not know it must be set, or to what, so the run fails or reads whatever data that machine points it at. To fix: list it with an example value in `.env.example` (and the README), or move the location into the project's config with a default relative to the project.{{related}}",
      undeclaredRequired:
        "Environment variable `{{name}}` is required (`os.environ[...]` raises KeyError when it is unset), and no `.env.example`, README, docs, Dockerfile, CI or config file in the repository mentions it: nobody can run this code without reading it first. To fix: list it with an example value in `.env.example` and the README, or give it a default.{{related}}",
    },
    schema: [
      {
        type: "object",
        additionalProperties: false,
        properties: {
          ignoreVariables: {
            type: "array",
            items: { type: "string" },
            description: "Variables your platform sets and documents elsewhere (a scheduler's, a cloud's), which the rule should not ask you to declare.",
          },
        },
      },
    ],
    defaultOptions: [{ ignoreVariables: [] }],
  },
  create(context) {
    const [{ ignoreVariables }] = context.options;
    return {
      "module:exit"(root: PyNode) {
        const file = projectFile(context);
        const scope = moduleScopeOf(root, context.sourceCode.text, file);
        const reads = envReads(extractEnvironmentReads(root, scope)).filter((read) => !hasDefault(read));
        if (reads.length === 0) return;
        const model = projectModel(context);
        let environment = environments.get(model);
        if (!environment) {
          environment = projectEnvironment(model);
          environments.set(model, environment);
        }
        const declared = declaredEnvironment(model);
        const done = new Set<string>();
        for (const read of reads) {
          const name = read.key;
          if (done.has(name) || WELL_KNOWN.has(name) || WELL_KNOWN_PREFIXES.test(name) || ignoreVariables.includes(name)) continue;
          if (declared.has(name) || environment.setInCode.has(name)) continue;
          const location = LOCATION_NAME.test(name) || environment.feedsPaths.has(name);
          const required = isRequired(read);
          if (!location && !required) continue;
          // One variable, one finding: at its first unguarded read in the project.
          const here: Place = { file, line: read.line, column: read.column };
          const others = (environment.unguarded.get(name) ?? []).filter((other) => (location || other.required) && !samePlace(other.place, here)).map((other) => other.place);
          if (others.some((place) => comparePlaces(place, here) < 0)) continue;
          done.add(name);
          const related = relatedSuffix(others.sort(comparePlaces).map((place) => relatedPlace(model, place, "also read here")));
          context.report({ node: read.node, messageId: location ? "undeclaredLocation" : "undeclaredRequired", data: { name, related } });
        }
      },
    };
  },
});
