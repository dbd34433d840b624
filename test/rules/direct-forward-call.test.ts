import rule from "../../rules/direct-forward-call.js";
import { notebook, notebookTester, pythonTester } from "../helpers/rule-tester.js";

const NET = "import torch\nfrom torch import nn\nclass Net(nn.Module):\n    def forward(self, x):\n        return x\n";

pythonTester.run("direct-forward-call", rule as never, {
  valid: [
    `${NET}model = Net()\nout = model(x)`,
    // super().forward and self.forward inside a module: the module's own plumbing
    `${NET}class Wrapped(Net):\n    def forward(self, x):\n        return super().forward(x) + self.forward(x)`,
    // a parameter of unknown kind
    "def run(m, x):\n    return m.forward(x)",
    // a non-torch object with a forward method
    "class Agent:\n    def forward(self, steps):\n        return steps\nAgent().forward(3)",
  ],
  invalid: [
    { code: `${NET}model = Net().to('cuda')\nout = model.forward(batch)`, errors: [{ messageId: "directForward", line: 7, column: 7, endLine: 7, endColumn: 27 }] },
    { code: "import torch.nn as nn\nlayer = nn.Linear(4, 2)\ny = layer.forward(x)", errors: [{ messageId: "directForward", line: 3, column: 5 }] },
  ],
});

notebookTester.run("direct-forward-call", rule as never, {
  valid: [],
  invalid: [{ code: notebook("from torch import nn\nenc = nn.LSTM(8, 16)", "h = enc.forward(seq)"), filename: "a.ipynb", errors: [{ messageId: "directForward", line: 3, column: 5 }] }],
});
