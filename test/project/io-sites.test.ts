import { describe, expect, it } from "vitest";
import { parsePython } from "../../src/languages/python/parse.js";
import { extractIoSites } from "../../src/project/python/io-sites.js";
import { moduleScopeOf } from "../../src/project/python/scope.js";
import type { ConfigLookup, IoSite } from "../../src/project/types.js";

function sitesOf(source: string, configs?: ConfigLookup): IoSite[] {
  const parsed = parsePython(source);
  if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
  return extractIoSites(parsed.ast, moduleScopeOf(parsed.ast, source, "train.py"), configs);
}

/** `api direction path line` per site, for compact assertions. */
function summary(source: string, configs?: ConfigLookup): string[] {
  return sitesOf(source, configs).map((site) => `${site.api} ${site.direction} ${site.path?.text ?? "?"} @${site.node.loc.start.line}`);
}

describe("extractIoSites: recognised APIs", () => {
  it("finds pandas reads and DataFrame writes through an aliased import", () => {
    const source = `import pandas as pd
df = pd.read_csv("data/raw.csv")
df.to_csv("data/clean.csv", index=False)
other = pd.read_parquet(path="data/x.parquet")
`;
    expect(summary(source)).toEqual(["pandas.read_csv read data/raw.csv @2", "DataFrame.to_csv write data/clean.csv @3", "pandas.read_parquet read data/x.parquet @4"]);
  });

  it("resolves from-imports and keyword path arguments", () => {
    const source = `from numpy import save, load as np_load\nsave(file="data/x.npy", arr=a)\nb = np_load("data/x.npy")\n`;
    expect(summary(source)).toEqual(["numpy.save write data/x.npy @2", "numpy.load read data/x.npy @3"]);
  });

  it("reports the file of a handle passed to a serialiser once, at the serialiser", () => {
    const source = `import pickle, json
with open("models/m.pkl", "wb") as f:
    pickle.dump(model, f)
m = pickle.load(open("models/m.pkl", "rb"))
with open("metrics.json", "w") as out:
    json.dump(scores, out)
`;
    expect(summary(source)).toEqual(["pickle.dump write models/m.pkl @3", "pickle.load read models/m.pkl @4", "json.dump write metrics.json @6"]);
    const dump = sitesOf(source)[0]!;
    expect(dump.pathNode?.type).toBe("string");
  });

  it("decides open()'s direction from its mode", () => {
    const source = `open("a.txt")\nopen("b.txt", "a")\nopen("c.txt", mode="rb")\nopen("d.txt", "r+")\nwith open("e.txt", "w") as f:\n    f.write("x")\n`;
    expect(summary(source)).toEqual(["builtins.open read a.txt @1", "builtins.open write b.txt @2", "builtins.open read c.txt @3", "builtins.open read d.txt @4", "builtins.open write e.txt @5"]);
  });

  it("reads pathlib paths from the receiver and follows read_text into loaders", () => {
    const source = `import yaml
from pathlib import Path
cfg = yaml.safe_load(Path("conf/a.yaml").read_text())
Path("out/report.md").write_text(text)
with (Path("out") / "x.csv").open("w") as f:
    f.write(",")
`;
    expect(summary(source)).toEqual(["yaml.safe_load read conf/a.yaml @3", "Path.write_text write out/report.md @4", "Path.open write out/x.csv @5"]);
  });

  it("reports both paths of shutil.copy and of urlretrieve", () => {
    const source = `import shutil\nimport urllib.request\nshutil.copy("a.csv", "backup/a.csv")\nurllib.request.urlretrieve("https://x.org/d.csv", "data/d.csv")\n`;
    expect(summary(source)).toEqual(["shutil.copy read a.csv @3", "shutil.copy write backup/a.csv @3", "urllib.request.urlretrieve read https://x.org/d.csv @4", "urllib.request.urlretrieve write data/d.csv @4"]);
  });

  it("covers torch, joblib, images, figures and h5py", () => {
    const source = `import torch, joblib, cv2, h5py
import matplotlib.pyplot as plt
from PIL import Image
torch.save(model.state_dict(), "models/model.pt")
state = torch.load("models/model.pt")
joblib.dump(clf, "models/clf.joblib")
img = Image.open("img/a.png")
img.save("img/b.png")
cv2.imwrite("img/c.png", frame)
plt.savefig("figures/loss.png")
fig.savefig("figures/acc.png")
h = h5py.File("data/x.h5", "w")
`;
    expect(summary(source)).toEqual([
      "torch.save write models/model.pt @4",
      "torch.load read models/model.pt @5",
      "joblib.dump write models/clf.joblib @6",
      "PIL.Image.open read img/a.png @7",
      "Image.save write img/b.png @8",
      "cv2.imwrite write img/c.png @9",
      "matplotlib.pyplot.savefig write figures/loss.png @10",
      "Figure.savefig write figures/acc.png @11",
      "h5py.File write data/x.h5 @12",
    ]);
  });

  it("recognises Keras model.save only when Keras or TensorFlow is imported", () => {
    expect(summary(`import tensorflow as tf\nmodel = tf.keras.models.load_model("m.keras")\nmodel.save("m2.keras")\n`)).toEqual([
      "tensorflow.keras.models.load_model read m.keras @2",
      "Model.save write m2.keras @3",
    ]);
    expect(summary(`model.save("m2.keras")\n`)).toEqual([]);
  });

  it("resolves paths through config values", () => {
    const source = `import pandas as pd, yaml\nparams = yaml.safe_load(open("params.yaml"))\ndf = pd.read_csv(params["data"]["train"])\n`;
    const sites = sitesOf(source, (file, key) => (file === "params.yaml" && key === "data.train" ? "data/train.csv" : undefined));
    expect(sites.map((site) => [site.api, site.path?.text, site.path?.via, site.path?.configKey])).toEqual([
      ["yaml.safe_load", "params.yaml", "literal", undefined],
      ["pandas.read_csv", "data/train.csv", "config", "data.train"],
    ]);
  });
});

describe("extractIoSites: remote data", () => {
  it("marks dataset hub reads as remote and tells whether they pin a version", () => {
    const source = `from datasets import load_dataset
from sklearn.datasets import fetch_openml
a = load_dataset("imdb")
b = load_dataset("imdb", revision="3e1c0f2")
c = load_dataset("imdb", revision="main")
d = fetch_openml("mnist_784", version=1)
`;
    expect(sitesOf(source).map((site) => [site.path?.text, site.path?.kind, site.path?.scheme, site.pinned])).toEqual([
      ["imdb", "remote", "hf", false],
      ["imdb", "remote", "hf", true],
      ["imdb", "remote", "hf", false],
      ["mnist_784", "remote", "openml", true],
    ]);
  });

  it("reads local files for load_dataset's file builders", () => {
    const site = sitesOf(`from datasets import load_dataset\nds = load_dataset("csv", data_files={"train": "data/train.csv"})\n`)[0]!;
    expect([site.path?.text, site.path?.kind, site.pinned]).toEqual(["data/train.csv", "relative", undefined]);
  });

  it("keeps the scheme of URLs read over the network", () => {
    const site = sitesOf(`import requests\nr = requests.get("https://example.com/data.csv")\n`)[0]!;
    expect(site.path).toMatchObject({ kind: "remote", scheme: "https", text: "https://example.com/data.csv" });
  });
});

describe("extractIoSites: what the APIs add", () => {
  it("adds the suffix numpy gives a saved array, and records checkpoints written while training", () => {
    const source = `import numpy as np
import tensorflow as tf
np.save("my_array", a)
np.savez("arrays.npz", a=a)
cb = tf.keras.callbacks.ModelCheckpoint("best.keras", save_best_only=True)
`;
    expect(summary(source)).toEqual(["numpy.save write my_array.npy @3", "numpy.savez write arrays.npz @4", "tensorflow.keras.callbacks.ModelCheckpoint write best.keras @5"]);
  });

  it("tells whether a download is pinned by a known hash, given by keyword or position", () => {
    const source = `import pooch
import torch
a = pooch.retrieve("https://example.org/a.csv", known_hash=None)
b = pooch.retrieve("https://example.org/b.csv", "sha256:9f2a")
c = torch.hub.load_state_dict_from_url("https://example.org/w.pth", check_hash=False)
d = torch.hub.load_state_dict_from_url("https://example.org/w.pth", check_hash=True)
`;
    expect(sitesOf(source).map((site) => site.pinned)).toEqual([false, true, false, true]);
  });
});

describe("extractIoSites: near-misses", () => {
  it("ignores a local function named like an API and calls without imports", () => {
    const source = `def read_csv(path):\n    return path\nread_csv("data/x.csv")\nnp.save("x.npy", a)\npd.read_csv("y.csv")\n`;
    expect(sitesOf(source)).toEqual([]);
  });

  it("ignores writer methods called without a path (they return a string)", () => {
    expect(sitesOf(`import pandas as pd\ntext = df.to_csv()\ndoc = yaml.dump(cfg)\n`)).toEqual([]);
  });

  it("ignores a pathlib-looking .open() on something that is not a path", () => {
    expect(sitesOf(`import zipfile\narchive = zipfile.ZipFile("a.zip")\nmember = archive.open("x.csv")\n`)).toEqual([]);
  });

  it("keeps a site whose path is unknown, with a null path", () => {
    const [site] = sitesOf(`import pandas as pd\ndef load(path):\n    return pd.read_csv(path)\n`);
    expect(site).toMatchObject({ api: "pandas.read_csv", direction: "read", path: null });
    expect(site!.pathNode?.text).toBe("path");
  });
});
