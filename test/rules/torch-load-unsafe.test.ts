import rule from "../../rules/torch-load-unsafe.js";
import { notebook, notebookTester, pythonTester } from "../helpers/rule-tester.js";

pythonTester.run("torch-load-unsafe", rule as never, {
  valid: [
    "import torch\nstate = torch.load('model.pt', weights_only=True)",
    "import torch\nstate = torch.load(path, map_location='cpu', weights_only=cfg.weights_only)",
    "import torch\nstate = torch.load(path, **load_kwargs)",
    // other loaders and look-alikes
    "import joblib\nmodel = joblib.load('m.joblib')",
    "def load(p):\n    return p\nload('x.pt')",
    "torch.load('model.pt')",
  ],
  invalid: [
    { code: "import torch\nmodel = torch.load('model.pt')", errors: [{ messageId: "unsafeLoad", line: 2, column: 9, endLine: 2, endColumn: 31 }] },
    { code: "from torch import load as tload\nckpt = tload(url_path, map_location='cpu', weights_only=False)", errors: [{ messageId: "unsafeLoad", line: 2, column: 8 }] },
  ],
});

notebookTester.run("torch-load-unsafe", rule as never, {
  valid: [],
  invalid: [{ code: notebook("import torch", "m = torch.load('ckpt.pth')"), filename: "a.ipynb", errors: [{ messageId: "unsafeLoad", line: 2, column: 5 }] }],
});
