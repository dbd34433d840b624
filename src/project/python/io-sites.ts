/**
 * Data I/O sites of a Python module: every call that reads or writes an artifact (a data file, a
 * model, a figure, a remote dataset), with the path it touches, resolved statically.
 *
 * Functions are recognised through the import table only (`import pandas as pd` makes
 * `pd.read_csv` mean `pandas.read_csv`; a local `def read_csv` is nothing), except the builtin
 * `open`. Methods called on objects of unknown type (`df.to_csv(p)`) are recognised by name when
 * the name is distinctive; shared names (`save`) also need the library imported. Serialisers that
 * take a file handle (`pickle.dump(m, f)`) get the path of the `open()` the handle comes from,
 * and that `open()` is then not reported a second time.
 */
import { PyNode, field } from "../../languages/python/nodes.js";
import { keywordArgument, positionalArguments } from "../../rules-kit/python-syntax.js";
import type { ConfigLookup, IoDirection, IoSite, ResolvedPath } from "../types.js";
import { runsOnImport, topLevelOwner } from "./placement.js";
import { descendants, type ModuleScope } from "./scope.js";
import { constantString } from "./literals.js";
import { fileSourceOf, isPathlibValue } from "./file-handles.js";
import { resolvePath } from "./paths.js";
import { appendTo } from "../../collections.js";

/** Where a path (or file handle) argument is: its position and keyword. */
interface PathArgument {
  position: number;
  keyword: string;
  direction: IoDirection;
}

interface IoApi {
  /** The path arguments, in order (`shutil.copy` reads its first and writes its second). */
  paths: PathArgument[];
  /** An argument whose value decides the direction (`open(p, "w")`): position, keyword, default. */
  mode?: [number, string, string];
  /** Matched by method name on any receiver (the key's first part names the usual receiver). */
  method?: boolean;
  /** The path is the receiver (`Path(p).read_text()`); `pathlib` also requires the receiver to be a pathlib path. */
  receiver?: "any" | "pathlib";
  /** Only when the module imports one of these (for method names other libraries share). */
  requires?: string[];
  /** The path names something remote: a URL, or a Hugging Face / OpenML dataset identifier. */
  remote?: "url" | "hf" | "openml";
  /** Keyword arguments that pin a remote dataset's version (or check a download's hash). */
  pins?: string[];
  /** Positions of arguments that pin it when passed positionally (`pooch.retrieve(url, known_hash)`). */
  pinPositions?: number[];
  /** A suffix the API adds to a written path that lacks it (`np.save("x")` writes `x.npy`). */
  suffix?: string;
}

const read = (position: number, keyword: string): PathArgument => ({ position, keyword, direction: "read" });
const write = (position: number, keyword: string): PathArgument => ({ position, keyword, direction: "write" });
const reads = (position: number, keyword: string, extra: Partial<IoApi> = {}): IoApi => ({ paths: [read(position, keyword)], ...extra });
const writes = (position: number, keyword: string, extra: Partial<IoApi> = {}): IoApi => ({ paths: [write(position, keyword)], ...extra });
const copies: IoApi = { paths: [read(0, "src"), write(1, "dst")] };
const KERAS = ["tensorflow", "keras", "tf_keras"];

/** Every I/O API mldebt knows, by qualified name (`Receiver.method` for method entries). */
const IO_APIS: Record<string, IoApi> = {
  "builtins.open": reads(0, "file", { mode: [1, "mode", "r"] }),
  "io.open": reads(0, "file", { mode: [1, "mode", "r"] }),
  // pandas
  "pandas.read_csv": reads(0, "filepath_or_buffer"),
  "pandas.read_table": reads(0, "filepath_or_buffer"),
  "pandas.read_fwf": reads(0, "filepath_or_buffer"),
  "pandas.read_parquet": reads(0, "path"),
  "pandas.read_json": reads(0, "path_or_buf"),
  "pandas.read_excel": reads(0, "io"),
  "pandas.read_pickle": reads(0, "filepath_or_buffer"),
  "pandas.read_feather": reads(0, "path"),
  "pandas.read_hdf": reads(0, "path_or_buf"),
  "pandas.read_orc": reads(0, "path"),
  "pandas.read_stata": reads(0, "filepath_or_buffer"),
  "pandas.read_sas": reads(0, "filepath_or_buffer"),
  "pandas.read_spss": reads(0, "path"),
  "pandas.read_xml": reads(0, "path_or_buffer"),
  "pandas.ExcelWriter": writes(0, "path"),
  "DataFrame.to_csv": writes(0, "path_or_buf", { method: true }),
  "DataFrame.to_parquet": writes(0, "path", { method: true }),
  "DataFrame.to_json": writes(0, "path_or_buf", { method: true }),
  "DataFrame.to_excel": writes(0, "excel_writer", { method: true }),
  "DataFrame.to_pickle": writes(0, "path", { method: true }),
  "DataFrame.to_feather": writes(0, "path", { method: true }),
  "DataFrame.to_hdf": writes(0, "path_or_buf", { method: true }),
  "DataFrame.to_orc": writes(0, "path", { method: true }),
  "DataFrame.to_stata": writes(0, "path", { method: true }),
  "DataFrame.to_xml": writes(0, "path_or_buffer", { method: true }),
  // polars
  "polars.read_csv": reads(0, "source"),
  "polars.read_parquet": reads(0, "source"),
  "polars.read_json": reads(0, "source"),
  "polars.read_ipc": reads(0, "source"),
  "polars.scan_csv": reads(0, "source"),
  "polars.scan_parquet": reads(0, "source"),
  "DataFrame.write_csv": writes(0, "file", { method: true }),
  "DataFrame.write_parquet": writes(0, "file", { method: true }),
  "DataFrame.write_ipc": writes(0, "file", { method: true }),
  "DataFrame.write_ndjson": writes(0, "file", { method: true }),
  // numpy
  "numpy.load": reads(0, "file"),
  "numpy.save": writes(0, "file", { suffix: ".npy" }),
  "numpy.savez": writes(0, "file", { suffix: ".npz" }),
  "numpy.savez_compressed": writes(0, "file", { suffix: ".npz" }),
  "numpy.loadtxt": reads(0, "fname"),
  "numpy.savetxt": writes(0, "fname"),
  "numpy.genfromtxt": reads(0, "fname"),
  "numpy.fromfile": reads(0, "file"),
  "numpy.memmap": reads(0, "filename", { mode: [2, "mode", "r+"] }),
  "ndarray.tofile": writes(0, "fid", { method: true }),
  // serialisers (a path or a file handle)
  "torch.load": reads(0, "f"),
  "torch.save": writes(1, "f"),
  "torch.jit.load": reads(0, "f"),
  "torch.jit.save": writes(1, "f"),
  "joblib.load": reads(0, "filename"),
  "joblib.dump": writes(1, "filename"),
  "pickle.load": reads(0, "file"),
  "pickle.dump": writes(1, "file"),
  "dill.load": reads(0, "file"),
  "dill.dump": writes(1, "file"),
  "cloudpickle.load": reads(0, "file"),
  "cloudpickle.dump": writes(1, "file"),
  "json.load": reads(0, "fp"),
  "json.dump": writes(1, "fp"),
  "yaml.safe_load": reads(0, "stream"),
  "yaml.load": reads(0, "stream"),
  "yaml.full_load": reads(0, "stream"),
  "yaml.unsafe_load": reads(0, "stream"),
  "yaml.dump": writes(1, "stream"),
  "yaml.safe_dump": writes(1, "stream"),
  "toml.load": reads(0, "f"),
  "toml.dump": writes(1, "f"),
  "tomllib.load": reads(0, "fp"),
  "omegaconf.OmegaConf.load": reads(0, "file_"),
  "omegaconf.OmegaConf.save": writes(1, "f"),
  // pathlib (the receiver is the path)
  "Path.read_text": reads(-1, "", { method: true, receiver: "any" }),
  "Path.read_bytes": reads(-1, "", { method: true, receiver: "any" }),
  "Path.write_text": writes(-1, "", { method: true, receiver: "any" }),
  "Path.write_bytes": writes(-1, "", { method: true, receiver: "any" }),
  "Path.open": reads(-1, "", { method: true, receiver: "pathlib", mode: [0, "mode", "r"] }),
  // files
  "shutil.copy": copies,
  "shutil.copy2": copies,
  "shutil.copyfile": copies,
  "shutil.copytree": copies,
  "shutil.move": copies,
  // images, arrays, figures
  "PIL.Image.open": reads(0, "fp"),
  "Image.save": writes(0, "fp", { method: true, requires: ["PIL"] }),
  "cv2.imread": reads(0, "filename"),
  "cv2.imwrite": writes(0, "filename"),
  "h5py.File": reads(0, "name", { mode: [1, "mode", "r"] }),
  "matplotlib.pyplot.savefig": writes(0, "fname"),
  "Figure.savefig": writes(0, "fname", { method: true }),
  // models
  "tensorflow.keras.models.load_model": reads(0, "filepath"),
  "tensorflow.keras.saving.load_model": reads(0, "filepath"),
  "keras.models.load_model": reads(0, "filepath"),
  "keras.saving.load_model": reads(0, "filepath"),
  "Model.save": writes(0, "filepath", { method: true, requires: KERAS }),
  "Model.save_weights": writes(0, "filepath", { method: true, requires: KERAS }),
  "Model.load_weights": reads(0, "filepath", { method: true, requires: KERAS }),
  // checkpoints written while a model trains
  "tensorflow.keras.callbacks.ModelCheckpoint": writes(0, "filepath"),
  "keras.callbacks.ModelCheckpoint": writes(0, "filepath"),
  "pytorch_lightning.callbacks.ModelCheckpoint": writes(0, "dirpath"),
  "lightning.pytorch.callbacks.ModelCheckpoint": writes(0, "dirpath"),
  // datasets
  "datasets.load_dataset": reads(0, "path", { remote: "hf", pins: ["revision"] }),
  "datasets.load_from_disk": reads(0, "dataset_path"),
  "Dataset.save_to_disk": writes(0, "dataset_path", { method: true }),
  "huggingface_hub.hf_hub_download": reads(0, "repo_id", { remote: "hf", pins: ["revision"] }),
  "huggingface_hub.snapshot_download": reads(0, "repo_id", { remote: "hf", pins: ["revision"] }),
  "sklearn.datasets.fetch_openml": reads(0, "name", { remote: "openml", pins: ["version", "data_id"] }),
  // the network
  "urllib.request.urlretrieve": { paths: [read(0, "url"), write(1, "filename")], remote: "url" },
  "urllib.request.urlopen": reads(0, "url", { remote: "url" }),
  "requests.get": reads(0, "url", { remote: "url" }),
  "torch.hub.load_state_dict_from_url": reads(0, "url", { remote: "url", pins: ["check_hash"], pinPositions: [4] }),
  // downloads (the URL is read; a known hash pins what is accepted)
  "torch.hub.download_url_to_file": { paths: [read(0, "url"), write(1, "dst")], remote: "url", pins: ["hash_prefix"], pinPositions: [2] },
  "torchvision.datasets.utils.download_url": reads(0, "url", { remote: "url", pins: ["md5"], pinPositions: [3] }),
  "torchvision.datasets.utils.download_and_extract_archive": reads(0, "url", { remote: "url", pins: ["md5"], pinPositions: [4] }),
  "tensorflow.keras.utils.get_file": reads(1, "origin", { remote: "url", pins: ["file_hash", "md5_hash"], pinPositions: [2] }),
  "keras.utils.get_file": reads(1, "origin", { remote: "url", pins: ["file_hash", "md5_hash"], pinPositions: [2] }),
  "pooch.retrieve": reads(0, "url", { remote: "url", pins: ["known_hash"], pinPositions: [1] }),
  "gdown.download": { paths: [read(0, "url"), write(1, "output")], remote: "url" },
  "gdown.cached_download": { paths: [read(0, "url"), write(1, "path")], remote: "url", pins: ["md5", "hash"], pinPositions: [2] },
  "wget.download": { paths: [read(0, "url"), write(1, "out")], remote: "url" },
};

/** Method entries by method name, in table order. */
const METHODS = new Map<string, [string, IoApi][]>();
for (const [name, api] of Object.entries(IO_APIS)) {
  if (!api.method) continue;
  const method = name.slice(name.lastIndexOf(".") + 1);
  appendTo(METHODS, method, [name, api]);
}

/** `load_dataset` builders that read local files given by `data_files` / `data_dir`. */
const LOCAL_DATASET_BUILDERS = new Set(["csv", "json", "parquet", "text", "arrow", "pandas", "imagefolder", "audiofolder", "webdataset", "xml", "sql"]);
/** Revisions that name a moving branch, not a version. */
const MOVING_REVISIONS = new Set(["main", "master", "latest", "active"]);

/** The table entry a call matches, with its API name. */
function apiOf(call: PyNode, scope: ModuleScope): [string, IoApi] | null {
  const qualified = scope.imports.calleeName(call);
  if (qualified) {
    const api = IO_APIS[qualified];
    return api && !api.method ? [qualified, api] : null;
  }
  const callee = field(call, "function");
  if (callee?.type !== "attribute") return null;
  const receiver = field(callee, "object");
  const candidates = METHODS.get(field(callee, "attribute")?.text ?? "") ?? [];
  for (const [name, api] of candidates) {
    if (api.requires && !api.requires.some((module) => scope.imports.importsModule(module))) continue;
    if (api.receiver === "pathlib" && !(receiver && isPathlibValue(receiver, scope))) continue;
    return [name, api];
  }
  return null;
}

function argumentOf(call: PyNode, position: number, keyword: string): PyNode | undefined {
  return (position >= 0 ? positionalArguments(call)[position] : undefined) ?? (keyword ? keywordArgument(call, keyword) : undefined);
}

function directionOf(call: PyNode, api: IoApi, fallback: IoDirection, scope: ModuleScope): IoDirection {
  if (!api.mode) return fallback;
  const [position, keyword, defaultMode] = api.mode;
  const written = argumentOf(call, position, keyword);
  const mode = written ? constantString(written, scope) : defaultMode;
  return mode !== null && /[wax]/u.test(mode) ? "write" : "read";
}

function isPinned(call: PyNode, api: IoApi, scope: ModuleScope): boolean {
  const positional = positionalArguments(call);
  const values = [...(api.pins ?? []).map((name) => keywordArgument(call, name)), ...(api.pinPositions ?? []).map((position) => positional[position])];
  return values.some((value) => {
    if (!value || value.type === "none" || value.type === "false") return false;
    const text = constantString(value, scope);
    return text === null || !MOVING_REVISIONS.has(text.toLowerCase());
  });
}

/** `load_dataset("csv", data_files="x.csv")` reads local files; the name is a builder, not a dataset. */
function localDatasetFiles(call: PyNode, scope: ModuleScope): PyNode | null {
  const name = constantString(argumentOf(call, 0, "path"), scope);
  if (name === null || !LOCAL_DATASET_BUILDERS.has(name)) return null;
  let files = keywordArgument(call, "data_files") ?? keywordArgument(call, "data_dir");
  while (files && (files.type === "list" || files.type === "dictionary" || files.type === "pair")) {
    files = files.type === "pair" ? field(files, "value") : files.children[0];
  }
  return files ?? null;
}

/** A written path with the suffix its API adds when it is missing (`x` → `x.npy`). */
function withSuffix(path: ResolvedPath | null, suffix: string | undefined): ResolvedPath | null {
  if (!path || !suffix || !path.exact || path.kind === "remote" || path.text.endsWith(suffix)) return path;
  return { ...path, text: `${path.text}${suffix}` };
}

function remotePath(path: ResolvedPath | null, remote: IoApi["remote"]): ResolvedPath | null {
  if (!path || !remote || path.kind === "remote") return path;
  if (remote === "url") {
    const { scheme: _unknown, ...rest } = path;
    return { ...rest, kind: "remote" };
  }
  return { ...path, kind: "remote", scheme: remote };
}

/**
 * Every read and write of an artifact in a module, in source order. `configs` supplies the values
 * of config keys, so paths read from a loaded config file resolve.
 */
export function extractIoSites(root: PyNode, scope: ModuleScope, configs?: ConfigLookup): IoSite[] {
  const sites: IoSite[] = [];
  /** `open()` / `read_text()` calls whose handle or content another site consumed: that site reports the file. */
  const consumed = new Set<PyNode>();
  for (const call of descendants(root, "call")) {
    const match = apiOf(call, scope);
    if (!match) continue;
    const [api, entry] = match;
    const localFiles = api === "datasets.load_dataset" ? localDatasetFiles(call, scope) : null;
    for (const argument of entry.paths) {
      const callee = field(call, "function");
      const written = entry.receiver ? (callee ? field(callee, "object") : undefined) : localFiles ?? argumentOf(call, argument.position, argument.keyword);
      if (!written) continue;
      const source = fileSourceOf(written, scope);
      if (source && source.call !== call) consumed.add(source.call);
      const pathNode = source?.path ?? written;
      const resolved = resolvePath(pathNode, scope, configs);
      const site: IoSite = {
        api,
        direction: directionOf(call, entry, argument.direction, scope),
        node: call,
        placement: { owner: topLevelOwner(call), onImport: runsOnImport(call) },
        pathNode,
        path: localFiles || argument.direction === "write" ? withSuffix(resolved, entry.suffix) : remotePath(resolved, entry.remote),
      };
      if (entry.pins && !localFiles && argument.direction === "read") site.pinned = isPinned(call, entry, scope);
      sites.push(site);
    }
  }
  return sites.filter((site) => !consumed.has(site.node));
}

const sitesByTree = new WeakMap<PyNode, { configs: ConfigLookup | undefined; sites: readonly IoSite[] }>();

/**
 * The io sites of a module, extracted once per tree and config lookup: every rule that asks about
 * the same file's reads and writes shares one extraction (treat the result as read-only).
 */
export function ioSitesOf(root: PyNode, scope: ModuleScope, configs?: ConfigLookup): readonly IoSite[] {
  const cached = sitesByTree.get(root);
  if (cached && cached.configs === configs) return cached.sites;
  const sites = extractIoSites(root, scope, configs);
  sitesByTree.set(root, { configs, sites });
  return sites;
}

