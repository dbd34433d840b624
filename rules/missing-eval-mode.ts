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
