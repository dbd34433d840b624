import { createRule } from "../src/rules-kit/create-rule.js";
import { PyNode, field } from "../src/languages/python/nodes.js";
import { valueKindsOf } from "../src/analysis/types/value-kinds.js";

type MessageIds = "directForward";

export default createRule<[], MessageIds>({
  name: "direct-forward-call",
  meta: {
    category: "ml-api-smell",
    severity: "warning",
    description: "`module.forward(x)` called directly instead of `module(x)`, which skips PyTorch's hooks",
    recommended: true,
    scope: "file",
    messages: {
      directForward:
        "`{{call}}` calls `forward` directly: PyTorch runs a module's forward and backward hooks, and the bookkeeping of wrappers such as DataParallel, DistributedDataParallel, AMP and torch.compile, only when the module itself is called. Code that works today stops working (or silently loses a hook) when one is added. To fix: call `{{module}}({{args}})`.",
    },
  },
  create(context) {
    return {
      call(node: PyNode) {
        const callee = field(node, "function");
        if (callee?.type !== "attribute" || field(callee, "attribute")?.text !== "forward") return;
        const module = field(callee, "object");
        if (!module || valueKindsOf(context.sourceCode.ast).of(module) !== "torch.nn.Module") return;
        const args = field(node, "arguments");
        const argsText = args ? context.sourceCode.getText(args).replace(/^\(|\)$/gu, "") : "";
        context.report({ node, messageId: "directForward", data: { call: context.sourceCode.getText(node), module: context.sourceCode.getText(module), args: argsText } });
      },
    };
  },
});
