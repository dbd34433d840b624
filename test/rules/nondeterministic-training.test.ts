import rule from "../../rules/nondeterministic-training.js";
import { notebook, notebookTester, pythonTester } from "../helpers/rule-tester.js";

const LOOP = "for X, y in loader:\n    opt.zero_grad()\n    loss = loss_fn(model(X), y)\n    loss.backward()\n    opt.step()\n";

pythonTester.run("nondeterministic-training", rule as never, {
  valid: [
    // seeded and deterministic
    `import torch\ntorch.manual_seed(0)\ntorch.use_deterministic_algorithms(True)\ndevice = torch.device("cuda")\n${LOOP}`,
    `import torch\ntorch.manual_seed(0)\ntorch.backends.cudnn.deterministic = True\nmodel.cuda()\n${LOOP}`,
    // no seed: the author did not ask for repeatable runs (unseeded-randomness's concern)
    `import torch\ndevice = torch.device("cuda")\n${LOOP}`,
    // CPU only: no GPU kernels involved
    `import torch\ntorch.manual_seed(0)\n${LOOP}`,
    // seeded but no training here
    `import torch\ntorch.manual_seed(0)\nx = torch.randn(3, device="cuda")`,
    // determinism set by a project helper whose body is elsewhere
    `import torch\nfrom utils import make_deterministic\ntorch.manual_seed(0)\nmake_deterministic()\nmodel.to("cuda")\n${LOOP}`,
    // seeded through a project helper the rule cannot see into
    `from utils import seed_everything\nseed_everything(0)\nmodel.to("cuda")\n${LOOP}`,
    // lightning with deterministic=True
    `import lightning as L\nL.seed_everything(0, workers=True)\ntrainer = L.Trainer(accelerator="gpu", deterministic=True)`,
    // TensorFlow with op determinism
    `import tensorflow as tf\ntf.keras.utils.set_random_seed(1)\ntf.config.experimental.enable_op_determinism()\ngpus = tf.config.list_physical_devices("GPU")`,
    // a look-alike torch
    `import mytorch as torch\ntorch.manual_seed(0)\nmodel.to("cuda")\n${LOOP}`,
  ],
  invalid: [
    {
      code: `import torch\ntorch.manual_seed(42)\ndevice = torch.device("cuda" if torch.cuda.is_available() else "cpu")\nmodel.to(device)\n${LOOP}`,
      errors: [{ messageId: "torchNotDeterministic", line: 2, column: 1, endLine: 2, endColumn: 22 }],
    },
    {
      // a local seeding helper: its body is here, and it sets no determinism
      code: `import random\nimport numpy as np\nimport torch\ndef set_seed(s):\n    random.seed(s)\n    np.random.seed(s)\n    torch.manual_seed(s)\nset_seed(1)\nmodel.cuda()\n${LOOP}`,
      errors: [{ messageId: "torchNotDeterministic", line: 7, column: 5 }],
    },
    {
      code: `import torch\ntorch.manual_seed(0)\ntorch.backends.cudnn.benchmark = True\nmodel.cuda()\n${LOOP}`,
      errors: [{ messageId: "cudnnBenchmark", line: 3, column: 1 }],
    },
    {
      code: `import pytorch_lightning as pl\npl.seed_everything(7)\ntrainer = pl.Trainer(accelerator="gpu", max_epochs=10)`,
      errors: [{ messageId: "trainerNotDeterministic", line: 3, column: 11 }],
    },
    {
      code: `import tensorflow as tf\ntf.random.set_seed(3)\nwith tf.device("/GPU:0"):\n    model.fit(X, y)`,
      errors: [{ messageId: "tensorflowNotDeterministic", line: 2, column: 1 }],
    },
  ],
});

notebookTester.run("nondeterministic-training", rule as never, {
  valid: [{ code: notebook("import torch\ntorch.manual_seed(0)", "torch.use_deterministic_algorithms(True)", `model.cuda()\n${LOOP}`), filename: "train.ipynb" }],
  invalid: [
    {
      code: notebook("import torch", { markdown: "## Seed" }, "torch.manual_seed(0)", `model.cuda()\n${LOOP}`),
      filename: "train.ipynb",
      errors: [{ messageId: "torchNotDeterministic", line: 2, column: 1 }],
    },
  ],
});
