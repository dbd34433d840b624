import { describe, expect, it } from "vitest";
import rule from "../../rules/unseeded-randomness.js";
import { lint } from "../../src/cli/lint.js";
import { tempProject } from "../helpers/cli.js";
import { notebook, notebookTester, pythonTester } from "../helpers/rule-tester.js";

pythonTester.run("unseeded-randomness", rule as never, {
      valid: [
        // seeded before the draw
        "import numpy as np\nnp.random.seed(0)\nx = np.random.rand(3)",
        // a seeded Generator and its methods
        "import numpy as np\nrng = np.random.default_rng(42)\nx = rng.random(3)\nrng.shuffle(x)",
        "import random\nr = random.Random(7)\nr.shuffle([1, 2])",
        // a local function that happens to be called rand: not numpy
        "def rand(n):\n    return [0] * n\nx = rand(3)",
        // no import at all: `np` is not numpy
        "x = np.random.rand(3)",
        // a draw inside a function runs after a module-level seed, wherever the seed is written
        "import torch\ndef init():\n    return torch.randn(3)\ntorch.manual_seed(1)",
        // one helper seeds every library
        "import random\nfrom transformers import set_seed\nset_seed(42)\nrandom.shuffle([1, 2])",
        // a project's own seeding helper, by name
        "import random\nfrom utils import seed_everything\nseed_everything(1)\nrandom.choice([1, 2])",
        // aliased import, seeded
        "from numpy import random as npr\nnpr.seed(3)\nnpr.permutation(5)",
        // the seed call itself is not a draw
        "import numpy as np\nnp.random.seed(42)",
        // tf seeded through keras utils
        "import tensorflow as tf\ntf.keras.utils.set_random_seed(1)\ntf.random.uniform([2])",
      ],
      invalid: [
        {
          code: "import numpy as np\nx = np.random.rand(3)\nnp.random.shuffle(x)",
          errors: [{ messageId: "unseeded", line: 2, column: 5, endLine: 2, endColumn: 22 }],
        },
        {
          // seeding numpy does not seed Python's random module
          code: "import numpy as np\nimport random\nnp.random.seed(0)\nrandom.shuffle([1, 2])",
          errors: [{ messageId: "unseeded", line: 4, column: 1 }],
        },
        {
          // a seed after a module-level draw comes too late
          code: "import torch\nw = torch.randn(3, 3)\ntorch.manual_seed(0)",
          errors: [{ messageId: "unseeded", line: 2, column: 5 }],
        },
        {
          code: "from sklearn.model_selection import train_test_split as tts\nfrom numpy.random import choice as pick\npick([1, 2])",
          errors: [{ messageId: "unseeded", line: 3, column: 1 }],
        },
        {
          code: "import numpy as np\nrng = np.random.default_rng()",
          errors: [{ messageId: "unseededGenerator", line: 2, column: 7 }],
        },
        {
          code: "import tensorflow as tf\nnoise = tf.random.normal([4])",
          errors: [{ messageId: "unseeded", line: 2, column: 9 }],
        },
      ],
});

notebookTester.run("unseeded-randomness", rule as never, {
      valid: [
        { code: notebook("import numpy as np\nnp.random.seed(0)", { markdown: "# Data" }, "x = np.random.rand(3)"), filename: "explore.ipynb" },
        { code: notebook("%matplotlib inline\nimport random", "random.seed(1)\n!pip install -q pandas", "random.random()"), filename: "explore.ipynb" },
      ],
      invalid: [
        {
          code: notebook("import numpy as np", { markdown: "# Shuffle" }, "%matplotlib inline\nidx = np.random.permutation(10)"),
          filename: "explore.ipynb",
          // program line 3 = cell 3, line 2
          errors: [{ messageId: "unseeded", line: 3, column: 7 }],
        },
      ],
});

describe("seeds across the program (the entry point seeds the modules it runs)", () => {
  const findings = async (files: Record<string, string>) => {
    const root = tempProject(files);
    const { result } = await lint({ paths: [root], cwd: root, concurrency: "off" });
    return result.findings.filter((finding) => finding.ruleId === "mldebt/unseeded-randomness").map((finding) => `${finding.file}:${finding.line}`);
  };

  it("a seed at the entry point covers draws in the functions of the modules it imports", async () => {
    expect(await findings({
      "train.py": "import numpy as np\nfrom augment import jitter\nnp.random.seed(0)\nprint(jitter([1.0]))",
      "augment.py": "import numpy as np\ndef jitter(x):\n    return x + np.random.normal(size=len(x))",
    })).toEqual([]);
  });

  it("a draw at import time needs the seed before the import", async () => {
    expect(await findings({
      "train.py": "import numpy as np\nimport noise\nnp.random.seed(0)",
      "noise.py": "import numpy as np\nNOISE = np.random.rand(3)",
    })).toEqual(["noise.py:2"]);
    expect(await findings({
      "train.py": "import numpy as np\nnp.random.seed(0)\nimport noise",
      "noise.py": "import numpy as np\nNOISE = np.random.rand(3)",
    })).toEqual([]);
  });

  it("a project helper that seeds, called under any name, and a module that seeds when imported", async () => {
    expect(await findings({
      "seeding.py": "import random\nimport numpy as np\ndef prepare(seed):\n    random.seed(seed)\n    np.random.seed(seed)",
      "train.py": "import numpy as np\nfrom seeding import prepare\nprepare(1)\nidx = np.random.permutation(10)",
      "config.py": "import random\nrandom.seed(42)",
      "sample.py": "import random\nimport config\nrandom.shuffle(rows)",
    })).toEqual([]);
  });

  it("a notebook's %run shares its seed; a subprocess starts a fresh, unseeded interpreter", async () => {
    const notebookText = notebook("import numpy as np\nnp.random.seed(0)\n%run prepare.py", "import subprocess\nsubprocess.run(['python', 'augment.py'])");
    expect(await findings({
      "explore.ipynb": notebookText,
      "prepare.py": "import numpy as np\ndef split(n):\n    return np.random.permutation(n)",
      "augment.py": "import numpy as np\ndef main():\n    return np.random.rand(3)\nmain()",
    })).toEqual(["augment.py:3"]);
  });

  it("an importer that seeds another generator does not cover this one", async () => {
    expect(await findings({
      "train.py": "import torch\nimport augment\ntorch.manual_seed(0)",
      "augment.py": "import random\ndef flip():\n    return random.random() < 0.5",
    })).toEqual(["augment.py:3"]);
  });
});
