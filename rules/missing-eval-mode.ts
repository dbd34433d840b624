import { createRule } from "../src/rules-kit/create-rule.js";
import { PyNode, field } from "../src/languages/python/nodes.js";
import { importsOf, type ImportTable } from "../src/project/python/imports.js";
import { callsIn, enclosingFunction, keywordArgument, positionalArguments } from "../src/rules-kit/python-syntax.js";
import { accessPath } from "../src/analysis/dataflow/access-path.js";
import { valueKindsOf } from "../src/analysis/types/value-kinds.js";
import { constructorsOf } from "../src/analysis/types/constructors.js";

type MessageIds = "neverEval" | "stillTraining";

/** Context managers that turn gradients off: the code under them evaluates. */
const NO_GRAD = new Set(["torch.no_grad", "torch.inference_mode", "torch.autograd.no_grad", "torch.autograd.grad_mode.no_grad"]);

/** True when a `with` statement turns gradients off. */
function isNoGrad(statement: PyNode, imports: ImportTable): boolean {
  const clause = statement.children.find((child) => child.type === "with_clause");
  return (clause?.children ?? []).some((item) => {
    let value = field(item, "value");
    if (value?.type === "as_pattern") value = value.children[0];
    if (value?.type !== "call") return false;
    const name = imports.calleeName(value);
    if (name && NO_GRAD.has(name)) return true;
    return name === "torch.set_grad_enabled" && positionalArguments(value)[0]?.type === "false";
  });
}

/** Layers that behave differently in training and evaluation mode. */
const MODE_DEPENDENT = /^torch\.nn\.(Dropout\w*|AlphaDropout|FeatureAlphaDropout|(Lazy)?BatchNorm\dd|SyncBatchNorm|(Lazy)?InstanceNorm\dd|RNN|LSTM|GRU|Transformer\w*|MultiheadAttention)$|^torch\.nn\.functional\.(dropout\w*|alpha_dropout|feature_alpha_dropout|batch_norm|instance_norm)$/u;
/** Containers whose behaviour is their children's. */
const CONTAINERS = /^torch\.nn\.(Sequential|ModuleList|ModuleDict)$/u;

/**
 * Whether a model has layers that behave differently in evaluation mode, as far as its
 * construction shows: a loss or a stack of linear layers does not; a dropout, a batch norm, a
 * pretrained network or a class the rule cannot see into may.
 */
function mayDependOnMode(callee: PyNode, root: PyNode): boolean {
  const constructors = constructorsOf(root);
  const imports = importsOf(root);
  const constructions = constructors.of(callee);
  const seen = new Set<PyNode>();
  const callsDepend = (node: PyNode | undefined): boolean =>
    callsIn(node).some((call) => {
      const name = imports.calleeName(call);
      if (name) return MODE_DEPENDENT.test(name);
      const inner = field(call, "function");
      const local = inner?.type === "identifier" ? localClass(inner) : null;
      return local ? classDepends(local) : false;
    });
  const localClass = (name: PyNode): PyNode | null => {
    const definitions = valueKindsOf(root).flow.reachingAt(name);
    const value = definitions.length === 1 ? definitions[0]!.value : null;
    return value?.type === "class_definition" ? value : null;
  };
  const classDepends = (classNode: PyNode): boolean => {
    if (seen.has(classNode)) return false;
    seen.add(classNode);
    const usesTrainingFlag = (node: PyNode): boolean => (node.type === "attribute" && field(node, "attribute")?.text === "training") || node.children.some(usesTrainingFlag);
    if (callsDepend(field(classNode, "body")) || usesTrainingFlag(classNode)) return true;
    // A base class from a library may hold anything; a local one is read too.
    return (field(classNode, "superclasses")?.children ?? []).some((base) => {
      const name = imports.qualifiedName(base);
      if (name) return !/^(torch\.nn\.Module|torch\.nn\.modules\.module\.Module)$/u.test(name);
      const local = base.type === "identifier" ? localClass(base) : null;
      return local ? classDepends(local) : true;
    });
  };
  if (constructions.length === 0) {
    // An instance of a local class: `model = Net()`.
    const definitions = callee.type === "identifier" || callee.type === "attribute" ? valueKindsOf(root).flow.reachingAt(callee) : [];
    const classes = definitions.map((definition) => (definition.value?.type === "call" ? field(definition.value, "function") : undefined)).map((name) => (name?.type === "identifier" ? localClass(name) : null));
    if (classes.length === 0 || classes.some((found) => found === null)) return true;
    return classes.some((found) => classDepends(found!));
  }
  return constructions.some((construction) => {
    if (/^torch\.nn\.\w*Loss$/u.test(construction.name)) return false;
    if (CONTAINERS.test(construction.name)) return callsDepend(field(construction.call, "arguments"));
    if (construction.name.startsWith("torch.nn.")) return MODE_DEPENDENT.test(construction.name);
    return true;
  });
}

/** `m.eval()`, `m.train(False)`: "eval"; `m.train()`: "train"; anything else: null. */
function modeSet(call: PyNode, path: string): "eval" | "train" | null {
  const callee = field(call, "function");
  if (callee?.type !== "attribute" || accessPath(field(callee, "object")) !== path) return null;
  const method = field(callee, "attribute")?.text;
  if (method === "eval") return "eval";
  if (method !== "train") return null;
  const mode = positionalArguments(call)[0] ?? keywordArgument(call, "mode");
  return mode?.type === "false" ? "eval" : "train";
}

export default createRule<[], MessageIds>({
  name: "missing-eval-mode",
  meta: {
    category: "ml-api-smell",
    severity: "warning",
    description: "A PyTorch model evaluated under `no_grad()` while still in training mode",
    recommended: true,
    scope: "file",
    messages: {
      neverEval:
        "`{{model}}` is evaluated here, under `{{context}}`, but never switched to evaluation mode: dropout still drops units and batch norm still uses (and updates) the batch's statistics, so predictions are noisy and the reported metrics are worse, or better, than the model really is. `no_grad()` only turns off gradients. To fix: call `{{model}}.eval()` before evaluating (and `{{model}}.train()` before training again).",
      stillTraining:
        "`{{model}}` is evaluated here, under `{{context}}`, but the last mode set before it is `{{model}}.train()` ({{where}}): dropout and batch norm still behave as in training, so the metrics are noisy and biased. To fix: call `{{model}}.eval()` before this evaluation, and `{{model}}.train()` again when training resumes.",
    },
  },
  create(context) {
    return {
      "module:exit"(root: PyNode) {
        const imports = importsOf(root);
        if (!imports.importsModule("torch")) return;
        const kinds = valueKindsOf(root);
        const constructors = constructorsOf(root);
        const allCalls = callsIn(root);
        const reported = new Set<string>();
        const stack = [root];
        while (stack.length > 0) {
          const node = stack.pop()!;
          stack.push(...node.children);
          if (node.type !== "with_statement" || !isNoGrad(node, imports)) continue;
          const body = field(node, "body");
          for (const call of callsIn(body)) {
            let callee = field(call, "function");
            // `model.forward(x)` evaluates `model` too (direct-forward-call reports the call itself).
            if (callee?.type === "attribute" && field(callee, "attribute")?.text === "forward") callee = field(callee, "object");
            const path = accessPath(callee);
            if (!callee || !path || reported.has(path) || kinds.of(callee) !== "torch.nn.Module") continue;
            // Hugging Face models come out of from_pretrained in evaluation mode.
            if (constructors.of(callee).some((construction) => construction.name.startsWith("transformers."))) continue;
            // A loss, or layers that compute the same in both modes: evaluation mode changes nothing.
            if (!mayDependOnMode(callee, root)) continue;
            const scope = enclosingFunction(node);
            const before = allCalls.filter((candidate) => candidate.range[1] <= node.range[0] && enclosingFunction(candidate) === scope && modeSet(candidate, path) !== null);
            const last = before.at(-1);
            const evalAnywhere = allCalls.some((candidate) => modeSet(candidate, path) === "eval");
            const withText = context.sourceCode.getText(node.children.find((child) => child.type === "with_clause")!);
            if (last && modeSet(last, path) === "train") {
              reported.add(path);
              context.report({ node: call, messageId: "stillTraining", data: { model: path, context: withText, where: context.sourceCode.describeLine(last.loc.start.line) } });
            } else if (!last && !evalAnywhere) {
              reported.add(path);
              context.report({ node: call, messageId: "neverEval", data: { model: path, context: withText } });
            }
          }
        }
      },
    };
  },
});
