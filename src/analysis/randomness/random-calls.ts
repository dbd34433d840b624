/**
 * Where a program draws random numbers from a global generator, and where it seeds one: numpy's
 * legacy global RNG, Python's `random`, torch and TensorFlow, plus the helpers that seed them all
 * (`transformers.set_seed`, lightning's `seed_everything`, a project's own `set_seed`). Names are
 * resolved through imports first, so a local `rand` is no draw.
 */
import { PyNode, field } from "../../languages/python/nodes.js";
import { importsOf } from "../../project/python/imports.js";
import { enclosingFunction, keywordArgument, positionalArguments } from "../../rules-kit/python-syntax.js";

export type RandomFamily = "numpy" | "random" | "torch" | "tensorflow";

export interface FamilyInfo {
  family: RandomFamily;
  /** How messages name the generator. */
  library: string;
  draws: RegExp;
  seeds: RegExp;
  /** The fix, for messages. */
  fix: string;
}

export const FAMILIES: FamilyInfo[] = [
  {
    family: "numpy",
    library: "numpy's global random generator",
    draws: /^numpy\.random\.(rand|randn|randint|random|random_sample|random_integers|ranf|sample|choice|shuffle|permutation|normal|uniform|binomial|poisson|beta|gamma|exponential|lognormal|multinomial|multivariate_normal|standard_normal|laplace|logistic|geometric|dirichlet|bytes|triangular|weibull|zipf)$/u,
    seeds: /^numpy\.random\.seed$/u,
    fix: "create one `rng = np.random.default_rng(seed)` with the seed from config and draw from it",
  },
  {
    family: "random",
    library: "Python's `random` module",
    draws: /^random\.(random|randint|randrange|choice|choices|shuffle|sample|uniform|gauss|normalvariate|lognormvariate|betavariate|gammavariate|expovariate|triangular|getrandbits|randbytes|vonmisesvariate|paretovariate|weibullvariate|binomialvariate)$/u,
    seeds: /^random\.seed$/u,
    fix: "call `random.seed(seed)` once at the entry point, or use a `random.Random(seed)` instance",
  },
  {
    family: "torch",
    library: "PyTorch's global generator",
    draws: /^torch\.(rand|randn|randint|randperm|rand_like|randn_like|randint_like|normal|bernoulli|multinomial|poisson)$/u,
    seeds: /^torch\.(manual_seed|cuda\.manual_seed|cuda\.manual_seed_all|random\.manual_seed)$/u,
    fix: "call `torch.manual_seed(seed)` once at the entry point, or pass a seeded `torch.Generator`",
  },
  {
    family: "tensorflow",
    library: "TensorFlow's global generator",
    draws: /^tensorflow\.random\.(uniform|normal|truncated_normal|shuffle|categorical|gamma|poisson)$/u,
    seeds: /^(tensorflow\.random\.set_seed|tensorflow\.keras\.utils\.set_random_seed|keras\.utils\.set_random_seed)$/u,
    fix: "call `tf.keras.utils.set_random_seed(seed)` once at the entry point",
  },
];

/** `tf.keras.utils.set_random_seed` seeds Python, numpy and TensorFlow at once. */
const KERAS_SEEDS_ALL = /^(tensorflow\.keras\.utils\.set_random_seed|keras\.utils\.set_random_seed)$/u;
/** Library helpers that seed every generator at once. */
const SEED_EVERYTHING = /^(transformers\.set_seed|transformers\.trainer_utils\.set_seed|accelerate\.utils\.set_seed|lightning\.seed_everything|lightning\.pytorch\.seed_everything|pytorch_lightning\.seed_everything|lightning\.fabric\.seed_everything|lightning_fabric\.seed_everything)$/u;
/** A project's own seeding helper (`set_seed(42)`, `seed_everything(cfg.seed)`), by name. */
export const SEED_HELPER_NAME = /^(set_(global_|random_|all_)?seeds?|seed_(everything|all)|fix_(random_)?seeds?|set_random_seeds?|init_seeds?|setup_seeds?|make_deterministic)$/u;
/** Generator constructors that are reproducible only when given a seed. */
const GENERATORS = /^(numpy\.random\.default_rng|numpy\.random\.RandomState|numpy\.random\.Generator|random\.Random)$/u;

/** A call that seeds generators: which families, or all of them. */
export interface SeedCall {
  node: PyNode;
  families: RandomFamily[] | "all";
  /** True for a project helper recognised by its name only (`set_seed(…)`). */
  byName: boolean;
}

export interface DrawCall {
  node: PyNode;
  family: RandomFamily;
}

export interface RandomCalls {
  seeds: SeedCall[];
  draws: DrawCall[];
  /** `np.random.default_rng()` and friends called without a seed. */
  unseededGenerators: PyNode[];
}

/** Which families a resolved call name seeds, or null. */
export function seededFamilies(name: string): RandomFamily[] | "all" | null {
  if (SEED_EVERYTHING.test(name)) return "all";
  if (KERAS_SEEDS_ALL.test(name)) return ["numpy", "random", "tensorflow"];
  const families = FAMILIES.filter((info) => info.seeds.test(name)).map((info) => info.family);
  return families.length > 0 ? families : null;
}

/** The random family a resolved call name draws from, or null. */
export function drawnFamily(name: string): RandomFamily | null {
  return FAMILIES.find((info) => info.draws.test(name))?.family ?? null;
}

export function familyInfo(family: RandomFamily): FamilyInfo {
  return FAMILIES.find((info) => info.family === family)!;
}

/** True when `seed` covers family `family`. */
export function seedCovers(seed: { families: RandomFamily[] | "all" }, family: RandomFamily): boolean {
  return seed.families === "all" || seed.families.includes(family);
}

function lastName(callee: PyNode | undefined): string | undefined {
  if (callee?.type === "identifier") return callee.text;
  if (callee?.type === "attribute") return field(callee, "attribute")?.text;
  return undefined;
}

function collect(root: PyNode): RandomCalls {
  const imports = importsOf(root);
  const found: RandomCalls = { seeds: [], draws: [], unseededGenerators: [] };
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index]!);
    if (node.type !== "call") continue;
    const name = imports.calleeName(node);
    if (name) {
      const families = seededFamilies(name);
      if (families) {
        found.seeds.push({ node, families, byName: false });
        continue;
      }
      if (GENERATORS.test(name)) {
        if (positionalArguments(node).length === 0 && !keywordArgument(node, "seed") && !keywordArgument(node, "x")) found.unseededGenerators.push(node);
        continue;
      }
      const family = drawnFamily(name);
      if (family) {
        found.draws.push({ node, family });
        continue;
      }
    }
    const last = lastName(field(node, "function"));
    if (last && SEED_HELPER_NAME.test(last)) found.seeds.push({ node, families: "all", byName: true });
  }
  return found;
}

const cache = new WeakMap<PyNode, RandomCalls>();

/** The seeds and global draws of a module (or notebook program), found once per tree. */
export function randomCallsOf(root: PyNode): RandomCalls {
  let found = cache.get(root);
  if (!found) {
    found = collect(root);
    cache.set(root, found);
  }
  return found;
}

/**
 * True when a seed in this program covers `family` at `node`: a call at module level needs the
 * seed earlier in the program; a call inside a function runs after the module's top-level code,
 * so any seed counts.
 */
export function seededAt(calls: RandomCalls, family: RandomFamily, node: PyNode): boolean {
  const insideFunction = enclosingFunction(node) !== null;
  return calls.seeds.some((seed) => seedCovers(seed, family) && (insideFunction || seed.node.range[0] < node.range[0]));
}
