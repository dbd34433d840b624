import { createRule } from "../src/rules-kit/create-rule.js";
import { PyNode, field } from "../src/languages/python/nodes.js";
import { importsOf, type ImportTable } from "../src/project/python/imports.js";
import { callsIn, enclosingFunction, keywordArgument, positionalArguments } from "../src/rules-kit/python-syntax.js";
import { randomCallsOf, seedCovers, type SeedCall } from "../src/analysis/randomness/random-calls.js";
import { moduleScopeOf, type ModuleScope } from "../src/project/python/scope.js";
import { projectFile } from "../src/rules-kit/project-context.js";

type MessageIds = "torchNotDeterministic" | "cudnnBenchmark" | "trainerNotDeterministic" | "tensorflowNotDeterministic";

const LIGHTNING_TRAINER = /^(pytorch_lightning|lightning|lightning\.pytorch)\.Trainer$/u;
const LIGHTNING_SEED = /^(pytorch_lightning|lightning|lightning\.pytorch|lightning\.fabric|lightning_fabric)\.seed_everything$/u;
const TF_SEED = /^(tensorflow\.random\.set_seed|tensorflow\.keras\.utils\.set_random_seed|keras\.utils\.set_random_seed)$/u;

/** The file's own words about determinism: settings that make GPU kernels repeatable. */
interface DeterminismSettings {
  torch: boolean;
  tensorflow: boolean;
  /** `torch.backends.cudnn.benchmark = True` statements. */
  benchmarkOn: PyNode[];
  /** Calls of helpers whose body is elsewhere and whose name says they set determinism. */
  unknownHelper: boolean;
}

function settingsOf(root: PyNode, imports: ImportTable): DeterminismSettings {
  const settings: DeterminismSettings = { torch: false, tensorflow: false, benchmarkOn: [], unknownHelper: false };
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    stack.push(...node.children);
    if (node.type === "assignment") {
      const target = imports.qualifiedName(field(node, "left"));
      const value = field(node, "right");
      if (target === "torch.backends.cudnn.deterministic" && value?.type === "true") settings.torch = true;
      if (target === "torch.backends.cudnn.benchmark" && value?.type === "true") settings.benchmarkOn.push(node);
    }
    if (node.type !== "call") continue;
    const name = imports.calleeName(node);
    if (name === "torch.use_deterministic_algorithms" && positionalArguments(node)[0]?.type !== "false") settings.torch = true;
    if (name === "tensorflow.config.experimental.enable_op_determinism" || name === "tensorflow.config.enable_op_determinism") settings.tensorflow = true;
    const callee = field(node, "function");
    const last = callee?.type === "identifier" ? callee.text : callee?.type === "attribute" ? field(callee, "attribute")?.text : undefined;
    if (last && /determinis|reproducib/iu.test(last) && !name?.startsWith("torch.") && !name?.startsWith("tensorflow.")) settings.unknownHelper = true;
  }
  return settings;
}

/** Evidence that the code runs on a GPU: `"cuda"` or `"gpu"` strings in calls, `.cuda()`, `torch.cuda.is_available()`. */
function usesGpu(root: PyNode, imports: ImportTable): boolean {
  for (const call of callsIn(root)) {
    const name = imports.calleeName(call);
    if (name === "torch.cuda.is_available" || name === "tensorflow.config.list_physical_devices" || name === "tensorflow.test.is_gpu_available") return true;
    const callee = field(call, "function");
    if (callee?.type === "attribute" && field(callee, "attribute")?.text === "cuda") return true;
    const args = field(call, "arguments");
    for (const argument of args?.children ?? []) {
      const value = argument.type === "keyword_argument" ? field(argument, "value") : argument;
      if (value?.type === "string" && /\b(cuda|gpu)\b/iu.test(value.children.map((part) => part.text ?? "").join(""))) return true;
    }
  }
  return false;
}

/** True when the program trains a torch model: a `backward()` call. */
function trainsTorch(root: PyNode): boolean {
  return callsIn(root).some((call) => {
    const callee = field(call, "function");
    return callee?.type === "attribute" && field(callee, "attribute")?.text === "backward";
  });
}

/** Seeds whose whole effect is visible here: library seeds, or local helpers (their bodies are in this file). */
function visibleSeed(seed: SeedCall, root: PyNode): boolean {
  if (!seed.byName) return true;
  const callee = field(seed.node, "function");
  const name = callee?.type === "identifier" ? callee.text : undefined;
  return name !== undefined && root.children.some((statement) => statement.type === "function_definition" && field(statement, "name")?.text === name);
}

/**
 * The functions a seed runs before: every function when the seed is at module level, else the
 * function it is in and those of the file it calls by name (transitively). A seed in one pytest
 * test, or in a helper of some tests, does not seed the file's other tests.
 */
function seededFunctions(seed: SeedCall, scope: ModuleScope): Set<PyNode> | "all" {
  const start = enclosingFunction(seed.node);
  if (!start) return "all";
  const seeded = new Set<PyNode>([start]);
  const work = [start];
  while (work.length > 0) {
    for (const call of callsIn(field(work.pop()!, "body"))) {
      const callee = field(call, "function");
      const definition = callee?.type === "identifier" ? scope.functionNamed(callee) : null;
      if (!definition || seeded.has(definition)) continue;
      seeded.add(definition);
      work.push(definition);
    }
  }
  return seeded;
}

/** True when one of the seeds runs before `call` (see {@link seededFunctions}). */
function seedReaches(seeded: (Set<PyNode> | "all")[], call: PyNode): boolean {
  if (seeded.includes("all")) return true;
  for (let current = enclosingFunction(call); current; current = enclosingFunction(current)) if (seeded.some((functions) => functions !== "all" && functions.has(current!))) return true;
  return false;
}

export default createRule<[], MessageIds>({
  name: "nondeterministic-training",
  meta: {
    category: "reproducibility",
    severity: "warning",
    description: "GPU training that sets a seed but leaves nondeterministic kernels on, so identical runs still differ",
    recommended: true,
    scope: "file",
    messages: {
      torchNotDeterministic:
        "`{{seed}}` fixes the random numbers, but this GPU training still lets cuDNN and CUDA pick nondeterministic kernels (atomic adds, autotuned convolutions): two runs with the same seed give different weights and scores, which the seed suggests they would not. To fix: next to the seed, call `torch.use_deterministic_algorithms(True)`, set `torch.backends.cudnn.benchmark = False`, and export `CUBLAS_WORKSPACE_CONFIG=:4096:8`.",
      cudnnBenchmark:
        "`torch.backends.cudnn.benchmark = True` lets cuDNN choose convolution kernels by timing them on each run, so runs with the same seed use different kernels and give different results. To fix: set it to `False` (and call `torch.use_deterministic_algorithms(True)`) in runs that must be reproducible; keep benchmark mode for speed-only runs.",
      trainerNotDeterministic:
        "`{{trainer}}` trains on the GPU after `seed_everything`, but without `deterministic=True`: cuDNN still picks nondeterministic kernels, so two runs with the same seed differ. To fix: pass `deterministic=True` to the Trainer (and `workers=True` to `seed_everything`).",
      tensorflowNotDeterministic:
        "`{{seed}}` fixes the random numbers, but TensorFlow's GPU ops stay nondeterministic, so two runs with the same seed give different weights and scores. To fix: call `tf.config.experimental.enable_op_determinism()` next to the seed.",
    },
  },
  create(context) {
    return {
      "module:exit"(root: PyNode) {
        const imports = importsOf(root);
        const seeds = randomCallsOf(root).seeds.filter((seed) => visibleSeed(seed, root));
        if (seeds.length === 0) return;
        const settings = settingsOf(root, imports);
        if (settings.unknownHelper || !usesGpu(root, imports)) return;
        const { sourceCode } = context;
        const lightningSeeds = seeds.filter((seed) => LIGHTNING_SEED.test(imports.calleeName(seed.node) ?? ""));
        if (lightningSeeds.length > 0) {
          const scope = moduleScopeOf(root, sourceCode.text, projectFile(context));
          const seeded = lightningSeeds.map((seed) => seededFunctions(seed, scope));
          for (const call of callsIn(root)) {
            if (!LIGHTNING_TRAINER.test(imports.calleeName(call) ?? "") || keywordArgument(call, "deterministic") || field(call, "arguments")?.children.some((child) => child.type === "dictionary_splat")) continue;
            if (!seedReaches(seeded, call)) continue;
            context.report({ node: call, messageId: "trainerNotDeterministic", data: { trainer: sourceCode.getText(field(call, "function")) } });
          }
          return;
        }
        const torchSeed = seeds.find((seed) => seedCovers(seed, "torch"));
        if (torchSeed && trainsTorch(root)) {
          for (const statement of settings.benchmarkOn) context.report({ node: statement, messageId: "cudnnBenchmark" });
          if (!settings.torch && settings.benchmarkOn.length === 0) {
            context.report({ node: torchSeed.node, messageId: "torchNotDeterministic", data: { seed: sourceCode.getText(field(torchSeed.node, "function")) } });
          }
          return;
        }
        const tfSeed = seeds.find((seed) => TF_SEED.test(imports.calleeName(seed.node) ?? ""));
        if (tfSeed && !settings.tensorflow) {
          context.report({ node: tfSeed.node, messageId: "tensorflowNotDeterministic", data: { seed: sourceCode.getText(field(tfSeed.node, "function")) } });
        }
      },
    };
  },
});
