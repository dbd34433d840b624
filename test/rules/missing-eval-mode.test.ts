import rule from "../../rules/missing-eval-mode.js";
import { notebook, notebookTester, pythonTester } from "../helpers/rule-tester.js";

const NET = "import torch\nfrom torch import nn\nmodel = nn.Sequential(nn.Linear(8, 8), nn.Dropout(0.2), nn.Linear(8, 1))\n";

pythonTester.run("missing-eval-mode", rule as never, {
  valid: [
    `${NET}model.eval()\nwith torch.no_grad():\n    pred = model(X)`,
    `${NET}model.train(False)\nwith torch.inference_mode():\n    pred = model(X)`,
    // train, then eval, then evaluate
    `${NET}model.train()\nfit(model)\nmodel.eval()\nwith torch.no_grad():\n    pred = model(X)`,
    // eval set in a helper somewhere in the file: the rule gives it the benefit of the doubt
    `${NET}def to_eval():\n    model.eval()\nto_eval()\nwith torch.no_grad():\n    pred = model(X)`,
    // a model passed in as a parameter: its kind is unknown
    "import torch\ndef evaluate(m, X):\n    with torch.no_grad():\n        return m(X)",
    // Hugging Face models load in evaluation mode
    "import torch\nfrom transformers import AutoModel\nmodel = AutoModel.from_pretrained('bert-base-uncased')\nwith torch.no_grad():\n    out = model(**batch)",
    // losses and stacks without dropout or batch norm compute the same in both modes
    "import torch\nfrom torch import nn\nloss_fn = nn.MSELoss()\nmlp = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))\nwith torch.no_grad():\n    print(loss_fn(mlp(X), y))",
    "import torch\nfrom torch import nn\nclass Cells(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.cell = nn.LSTMCell(1, 51)\n    def forward(self, x):\n        return self.cell(x)\nseq = Cells()\nwith torch.no_grad():\n    seq(X)",
    // no torch import
    "with no_grad():\n    model(X)",
  ],
  invalid: [
    {
      // a local module whose layers include batch norm
      code: "import torch\nfrom torch import nn\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.bn = nn.BatchNorm1d(8)\nnet = Net()\nwith torch.no_grad():\n    net(X)",
      errors: [{ messageId: "neverEval", line: 9, column: 5 }],
    },
    { code: `${NET}with torch.no_grad():\n    pred = model.forward(X)`, errors: [{ messageId: "neverEval", line: 5, column: 12 }] },
    { code: `${NET}with torch.no_grad():\n    pred = model(X)\n    other = model(Y)`, errors: [{ messageId: "neverEval", line: 5, column: 12, endLine: 5, endColumn: 20 }] },
    {
      code: `${NET}model.eval()\nwith torch.no_grad():\n    base = model(X)\nmodel.train()\nfit(model)\nwith torch.no_grad():\n    after = model(X)`,
      errors: [{ messageId: "stillTraining", line: 10, column: 13 }],
    },
  ],
});

notebookTester.run("missing-eval-mode", rule as never, {
  valid: [],
  invalid: [{ code: notebook(NET, { markdown: "## Evaluate" }, "with torch.no_grad():\n    val = model(X_val)"), filename: "a.ipynb", errors: [{ messageId: "neverEval", line: 6, column: 11 }] }],
});
