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
    // A seed inside one pytest test (or a helper some tests call) seeds that test alone, not the Trainer of another test in the file.
    `import pytorch_lightning as pl\n\ndef test_seeded():\n    pl.seed_everything(1)\n    assert True\n\ndef test_fit():\n    trainer = pl.Trainer(accelerator="gpu")\n    trainer.fit(model)`,
    `import pytorch_lightning as pl\n\ndef run_seeded(tmp_path):\n    pl.seed_everything(42)\n    return tmp_path\n\ndef test_fit(tmp_path):\n    trainer = pl.Trainer(accelerator="gpu", default_root_dir=run_seeded(tmp_path))`,
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
      // A seed in the same test, or in a script's main() that calls the function making the Trainer, reaches it.
      code: `import pytorch_lightning as pl\n\ndef test_fit():\n    pl.seed_everything(1)\n    trainer = pl.Trainer(accelerator="gpu")\n\ndef main():\n    pl.seed_everything(2)\n    build()\n\ndef build():\n    return pl.Trainer(devices=1, accelerator="cuda")`,
      errors: [
        { messageId: "trainerNotDeterministic", line: 5, column: 15 },
        { messageId: "trainerNotDeterministic", line: 12, column: 12 },
      ],
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
