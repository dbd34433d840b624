import { createRule } from "../src/rules-kit/create-rule.js";
import { PyNode, field } from "../src/languages/python/nodes.js";
import { importsOf } from "../src/project/python/imports.js";
import { enclosingFunction, positionalArguments, keywordArgument } from "../src/rules-kit/python-syntax.js";

type MessageIds = "unseeded" | "unseededGenerator";

/** Random-number families: the calls that draw from a global generator, and the calls that seed it. */
const FAMILIES: { library: string; draws: RegExp; seeds: RegExp; fix: string }[] = [
  {
    library: "numpy's global random generator",
    draws: /^numpy\.random\.(rand|randn|randint|random|random_sample|random_integers|ranf|sample|choice|shuffle|permutation|normal|uniform|binomial|poisson|beta|gamma|exponential|lognormal|multinomial|multivariate_normal|standard_normal|laplace|logistic|geometric|dirichlet|bytes|triangular|weibull|zipf)$/u,
    seeds: /^numpy\.random\.seed$/u,
    fix: "create one `rng = np.random.default_rng(seed)` with the seed from config and draw from it",
  },
  {
    library: "Python's `random` module",
    draws: /^random\.(random|randint|randrange|choice|choices|shuffle|sample|uniform|gauss|normalvariate|lognormvariate|betavariate|gammavariate|expovariate|triangular|getrandbits|randbytes|vonmisesvariate|paretovariate|weibullvariate|binomialvariate)$/u,
    seeds: /^random\.seed$/u,
    fix: "call `random.seed(seed)` once at the entry point, or use a `random.Random(seed)` instance",
  },
  {
    library: "PyTorch's global generator",
    draws: /^torch\.(rand|randn|randint|randperm|rand_like|randn_like|randint_like|normal|bernoulli|multinomial|poisson)$/u,
    seeds: /^torch\.(manual_seed|cuda\.manual_seed|cuda\.manual_seed_all|random\.manual_seed)$/u,
    fix: "call `torch.manual_seed(seed)` once at the entry point, or pass a seeded `torch.Generator`",
  },
  {
    library: "TensorFlow's global generator",
    draws: /^tensorflow\.random\.(uniform|normal|truncated_normal|shuffle|categorical|gamma|poisson)$/u,
    seeds: /^(tensorflow\.random\.set_seed|tensorflow\.keras\.utils\.set_random_seed|keras\.utils\.set_random_seed)$/u,
    fix: "call `tf.keras.utils.set_random_seed(seed)` once at the entry point",
  },
];

/** Library helpers that seed every generator at once. */
const SEED_EVERYTHING = /^(transformers\.set_seed|transformers\.trainer_utils\.set_seed|accelerate\.utils\.set_seed|lightning\.seed_everything|lightning\.pytorch\.seed_everything|pytorch_lightning\.seed_everything|lightning\.fabric\.seed_everything)$/u;
/** A project's own seeding helper (`set_seed(42)`, `seed_everything(cfg.seed)`), by name. */
const SEED_HELPER_NAME = /^(set_(global_|random_|all_)?seeds?|seed_(everything|all)|fix_(random_)?seeds?|set_random_seeds?|init_seeds?)$/u;

/** Generator constructors that are reproducible only when given a seed. */
const GENERATORS = /^(numpy\.random\.default_rng|numpy\.random\.RandomState|numpy\.random\.Generator|random\.Random)$/u;

export default createRule<[], MessageIds>({
  name: "unseeded-randomness",
  meta: {
    category: "reproducibility",
    severity: "warning",
    description: "Random numbers drawn from a global generator that this file never seeds",
    recommended: true,
    scope: "file",
    messages: {
      unseeded:
        "`{{call}}` draws from {{library}}, which is never seeded before this call{{more}}. Every run then gets different splits, initial weights or samples, so results cannot be reproduced or compared across runs. To fix: {{fix}}.",
      unseededGenerator:
        "`{{call}}()` creates a random generator without a seed, so every run draws different numbers and results cannot be reproduced. To fix: pass a seed, ideally from config (`{{call}}(cfg.seed)`).",
    },
  },
  create(context) {
    const draws: { node: PyNode; call: string; family: number }[] = [];
    const seeds: { node: PyNode; families: "all" | number }[] = [];
    return {
      call(node: PyNode) {
        const imports = importsOf(context.sourceCode.ast);
        const callee = field(node, "function");
        const name = imports.calleeName(node);
        if (name) {
          if (SEED_EVERYTHING.test(name)) {
            seeds.push({ node, families: "all" });
            return;
          }
          if (GENERATORS.test(name)) {
            if (positionalArguments(node).length === 0 && !keywordArgument(node, "seed") && !keywordArgument(node, "x")) {
              context.report({ node, messageId: "unseededGenerator", data: { call: context.sourceCode.getText(callee) } });
            }
            return;
          }
          const family = FAMILIES.findIndex((candidate) => candidate.seeds.test(name));
          if (family >= 0) {
            seeds.push({ node, families: family });
            return;
          }
          const drawing = FAMILIES.findIndex((candidate) => candidate.draws.test(name));
          if (drawing >= 0) {
            draws.push({ node, call: context.sourceCode.getText(callee), family: drawing });
            return;
          }
        }
        const last = callee?.type === "identifier" ? callee.text : callee?.type === "attribute" ? field(callee, "attribute")?.text : undefined;
        if (last && SEED_HELPER_NAME.test(last)) seeds.push({ node, families: "all" });
      },
      "module:exit"() {
        const reported = new Set<number>();
        for (const draw of draws) {
          if (reported.has(draw.family) || isSeeded(draw)) continue;
          reported.add(draw.family);
          const others = draws.filter((other) => other !== draw && other.family === draw.family && !isSeeded(other)).length;
          const { library, fix } = FAMILIES[draw.family]!;
          context.report({
            node: draw.node,
            messageId: "unseeded",
            data: { call: draw.call, library, fix, more: others > 0 ? ` (nor before ${others} more call${others === 1 ? "" : "s"} to it here)` : "" },
          });
        }
      },
    };

    /**
     * A draw at module level needs a seed earlier in the program; a draw inside a function runs
     * when the function is called, after the module's top-level code, so any seed counts.
     */
    function isSeeded(draw: { node: PyNode; family: number }): boolean {
      const insideFunction = enclosingFunction(draw.node) !== null;
      return seeds.some(
        (seed) =>
          (seed.families === "all" || seed.families === draw.family) &&
          (insideFunction || seed.node.range[0] < draw.node.range[0]),
      );
    }
  },
});
