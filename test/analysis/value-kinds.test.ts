import { describe, expect, it } from "vitest";
import { parsePython } from "../../src/languages/python/parse.js";
import type { PyNode } from "../../src/languages/python/nodes.js";
import { valueKindsOf } from "../../src/analysis/types/value-kinds.js";

/** The kind of the expression `probe(<expr>)` on the last line holds. */
function kindOf(code: string): string | null {
  const parsed = parsePython(code);
  if (!parsed.ok) throw new Error("syntax error in test code");
  const root = parsed.ast;
  const last = root.children[root.children.length - 1]!;
  const call = last.children[0] as PyNode;
  const argument = (call.arguments as PyNode).children[0]!;
  return valueKindsOf(root).of(argument);
}

describe("value kinds by provenance", () => {
  it("pandas readers and constructors give frames; columns give series", () => {
    expect(kindOf("import pandas as pd\ndf = pd.read_csv('x.csv')\nprobe(df)")).toBe("pandas.DataFrame");
    expect(kindOf("import pandas as pd\ndf = pd.read_csv('x.csv')\nprobe(df['age'])")).toBe("pandas.Series");
    expect(kindOf("import pandas as pd\ndf = pd.read_csv('x.csv')\nprobe(df[['a', 'b']])")).toBe("pandas.DataFrame");
    expect(kindOf("import pandas as pd\ndf = pd.read_csv('x.csv')\nprobe(df.age)")).toBe("pandas.Series");
    expect(kindOf("from pandas import read_parquet as rp\nframe = rp('x')\nprobe(frame)")).toBe("pandas.DataFrame");
  });

  it("method chains and reassignments keep the kind", () => {
    expect(kindOf("import pandas as pd\ndf = pd.read_csv('x')\nclean = df.dropna().reset_index(drop=True)\nX = clean\nprobe(X)")).toBe("pandas.DataFrame");
    expect(kindOf("import pandas as pd\ndf = pd.read_csv('x')\ndf['a'] = 1\nprobe(df)")).toBe("pandas.DataFrame");
    expect(kindOf("import pandas as pd\ndf = pd.read_csv('x')\nprobe(df.values)")).toBe("numpy.ndarray");
    expect(kindOf("import pandas as pd\ndf = pd.read_csv('x')\nprobe(df.to_numpy())")).toBe("numpy.ndarray");
  });

  it("an in-place call returns None, not a frame", () => {
    expect(kindOf("import pandas as pd\ndf = pd.read_csv('x')\nprobe(df.dropna(inplace=True))")).toBeNull();
  });

  it("definitions that disagree give no kind", () => {
    expect(kindOf("import pandas as pd\nimport numpy as np\nif c:\n    x = pd.read_csv('x')\nelse:\n    x = np.zeros(3)\nprobe(x)")).toBeNull();
    expect(kindOf("import pandas as pd\nif c:\n    x = pd.read_csv('x')\nelse:\n    x = load()\nprobe(x)")).toBeNull();
  });

  it("train_test_split parts keep their array's kind", () => {
    expect(kindOf("import pandas as pd\nfrom sklearn.model_selection import train_test_split\ndf = pd.read_csv('x')\na, b = train_test_split(df)\nprobe(b)")).toBe("pandas.DataFrame");
  });

  it("annotated parameters", () => {
    expect(kindOf("import pandas as pd\ndef f(df: pd.DataFrame):\n    return df\nprobe(f)")).toBeNull();
    const code = "import pandas as pd\ndef f(df: pd.DataFrame):\n    probe(df)";
    const parsed = parsePython(code);
    if (!parsed.ok) throw new Error();
    const call = parsed.ast.children[1]!.children.at(-1)!.children[0]!.children[0]!;
    expect(valueKindsOf(parsed.ast).of((call.arguments as PyNode).children[0])).toBe("pandas.DataFrame");
  });

  it("torch modules: library layers and local subclasses of nn.Module", () => {
    expect(kindOf("import torch.nn as nn\nm = nn.Linear(3, 4)\nprobe(m)")).toBe("torch.nn.Module");
    expect(kindOf("from torch import nn\nclass Net(nn.Module):\n    pass\nclass Deeper(Net):\n    pass\nm = Deeper().to('cuda')\nprobe(m)")).toBe("torch.nn.Module");
    expect(kindOf("import torch\nopt = torch.optim.Adam(params)\nprobe(opt)")).toBe("torch.optim.Optimizer");
    expect(kindOf("class Net:\n    pass\nprobe(Net())")).toBeNull();
  });

  it("look-alikes are not pandas", () => {
    expect(kindOf("import polars as pl\ndf = pl.read_csv('x')\nprobe(df)")).toBe("polars.DataFrame");
    expect(kindOf("import polars as pl\ndf = pl.read_csv('x')\nprobe(df.filter(x))")).toBe("polars.DataFrame");
    expect(kindOf("d = {'a': 1}\nprobe(d)")).toBeNull();
    expect(kindOf("df = read_csv('x')\nprobe(df)")).toBeNull();
    expect(kindOf("def read_csv(p):\n    return p\ndf = read_csv('x')\nprobe(df)")).toBeNull();
  });
});
