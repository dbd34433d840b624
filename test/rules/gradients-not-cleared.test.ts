import rule from "../../rules/gradients-not-cleared.js";
import { notebook, notebookTester, pythonTester } from "../helpers/rule-tester.js";

pythonTester.run("gradients-not-cleared", rule as never, {
  valid: [
    "import torch\nfor X, y in loader:\n    optimizer.zero_grad()\n    loss = loss_fn(model(X), y)\n    loss.backward()\n    optimizer.step()",
    // cleared after the step, and by the model
    "import torch\nfor X, y in loader:\n    loss_fn(model(X), y).backward()\n    optimizer.step()\n    model.zero_grad(set_to_none=True)",
    // gradient accumulation: cleared every k steps
    "import torch\nfor i, (X, y) in enumerate(loader):\n    (loss_fn(model(X), y) / k).backward()\n    if (i + 1) % k == 0:\n        optimizer.step()\n        optimizer.zero_grad()",
    // cleared by hand
    "import torch\nfor X, y in loader:\n    for p in model.parameters():\n        p.grad = None\n    loss_fn(model(X), y).backward()\n    optimizer.step()",
    // no step in the loop: gradients collected for analysis
    "import torch\nfor X, y in loader:\n    loss_fn(model(X), y).backward()\nsaliency = X.grad",
    // distributed autograd keeps each iteration's gradients in its own context
    "import torch.distributed.autograd as dist_autograd\nfor batch in data:\n    with dist_autograd.context() as cid:\n        dist_autograd.backward(cid, [loss_fn(model(batch))])\n        opt.step(cid)",
    // no torch: some other backward/step API
    "for batch in data:\n    net.backward(batch)\n    net.step()",
  ],
  invalid: [
    {
      code: "import torch\nfor epoch in range(10):\n    for X, y in loader:\n        loss = loss_fn(model(X), y)\n        loss.backward()\n        optimizer.step()",
      errors: [{ messageId: "notCleared", line: 5, column: 9, endLine: 5, endColumn: 24 }],
    },
    {
      // cleared once before the loop only
      code: "import torch\noptimizer.zero_grad()\nwhile step < max_steps:\n    loss = model(next(batches)).mean()\n    loss.backward()\n    optimizer.step()\n    step += 1",
      errors: [{ messageId: "notCleared", line: 5, column: 5 }],
    },
    {
      // cleared in the outer loop, but the inner loop steps every batch
      code: "import torch\nfor epoch in range(3):\n    optimizer.zero_grad()\n    for X, y in loader:\n        loss_fn(model(X), y).backward()\n        optimizer.step()",
      errors: [{ messageId: "notCleared", line: 5, column: 9 }],
    },
  ],
});

notebookTester.run("gradients-not-cleared", rule as never, {
  valid: [],
  invalid: [{ code: notebook("import torch", "for X, y in dl:\n    crit(net(X), y).backward()\n    opt.step()"), filename: "a.ipynb", errors: [{ messageId: "notCleared", line: 3, column: 5 }] }],
});
