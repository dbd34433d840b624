import { createRule } from "../src/rules-kit/create-rule.js";
import { PyNode, field } from "../src/languages/python/nodes.js";
import { importsOf } from "../src/project/python/imports.js";
import { hasSplatArguments, keywordArgument } from "../src/rules-kit/python-syntax.js";

type MessageIds = "unsafeLoad";

export default createRule<[], MessageIds>({
  name: "torch-load-unsafe",
  meta: {
    category: "ml-api-smell",
    severity: "warning",
    description: "`torch.load` without `weights_only=True`, which unpickles (and can run) arbitrary code",
    recommended: true,
    scope: "file",
    messages: {
      unsafeLoad:
        "`{{call}}` {{how}}: the file is unpickled, and a checkpoint from a colleague, a model hub or a compromised bucket can run any code on this machine while it loads. To fix: pass `weights_only=True` and save plain state dicts (`torch.save(model.state_dict(), path)`); load full pickles only from files you produced yourself.",
    },
  },
  create(context) {
    return {
      call(node: PyNode) {
        const name = importsOf(context.sourceCode.ast).calleeName(node);
        if (name !== "torch.load" && name !== "torch.serialization.load") return;
        const weightsOnly = keywordArgument(node, "weights_only");
        if (weightsOnly?.type === "true" || (weightsOnly && weightsOnly.type !== "false") || (!weightsOnly && hasSplatArguments(node))) return;
        context.report({
          node,
          messageId: "unsafeLoad",
          data: {
            call: context.sourceCode.getText(field(node, "function")),
            how: weightsOnly ? "sets `weights_only=False`" : "does not pass `weights_only=True` (the default before PyTorch 2.6 is `False`)",
          },
        });
      },
    };
  },
});
