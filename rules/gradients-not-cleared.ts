import { createRule } from "../src/rules-kit/create-rule.js";
import { PyNode, field } from "../src/languages/python/nodes.js";
import { importsOf } from "../src/project/python/imports.js";
import { callsIn, enclosingFunction } from "../src/rules-kit/python-syntax.js";

type MessageIds = "notCleared";

const LOOPS = new Set(["for_statement", "while_statement"]);

function method(call: PyNode): string | undefined {
  const callee = field(call, "function");
  return callee?.type === "attribute" ? field(callee, "attribute")?.text : undefined;
}

/** True when the subtree clears gradients: `zero_grad()` on anything, or `p.grad = None` / `p.grad.zero_()`. */
function clearsGradients(node: PyNode): boolean {
  if (callsIn(node).some((call) => method(call) === "zero_grad" || (method(call) === "zero_" && field(field(call, "function")!, "object")?.type === "attribute"))) return true;
  const stack = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.type === "assignment") {
      const left = field(current, "left");
      if (left?.type === "attribute" && field(left, "attribute")?.text === "grad") return true;
    }
    stack.push(...current.children);
  }
  return false;
}

/** The loops around a node, innermost first, up to its function. */
function loopsAround(node: PyNode): PyNode[] {
  const fn = enclosingFunction(node);
  const loops: PyNode[] = [];
  for (let current = node.parent; current && current !== fn; current = current.parent) if (LOOPS.has(current.type)) loops.push(current);
  return loops;
}

export default createRule<[], MessageIds>({
  name: "gradients-not-cleared",
  meta: {
    category: "ml-api-smell",
    severity: "error",
    description: "PyTorch training loops that call `backward()` and `step()` but never clear the gradients",
    recommended: true,
    scope: "file",
    messages: {
      notCleared:
        "`{{call}}` adds this batch's gradients to those already stored, and nothing in the loop clears them before `{{step}}`: every step applies the sum of all past batches' gradients, so training runs, but not the optimisation you wrote. To fix: call `optimizer.zero_grad()` at the start of each iteration (or after each `step()` when accumulating gradients on purpose).",
    },
  },
  create(context) {
    return {
      "module:exit"(root: PyNode) {
        if (!importsOf(root).importsModule("torch")) return;
        const reported = new Set<PyNode>();
        const imports = importsOf(root);
        for (const backward of callsIn(root)) {
          // `dist_autograd.backward(context_id, [loss])` keeps each iteration's gradients in its own context.
          if (method(backward) !== "backward" || imports.calleeName(backward) !== null) continue;
          // The innermost loop that holds both the backward pass and an optimizer step.
          const loop = loopsAround(backward).find((candidate) => callsIn(candidate).some((call) => method(call) === "step"));
          if (!loop || reported.has(loop) || clearsGradients(loop)) continue;
          reported.add(loop);
          const step = callsIn(loop).find((call) => method(call) === "step")!;
          context.report({ node: backward, messageId: "notCleared", data: { call: context.sourceCode.getText(backward), step: context.sourceCode.getText(step) } });
        }
      },
    };
  },
});
