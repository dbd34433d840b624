/**
 * The project model (DESIGN.md, "Architecture"): every Python module and notebook with its
 * facts (src/project/module-facts.ts), the config
 * files, the pipeline manifests and what DVC tracks, built once per root and process and shared
 * by every cross-file rule. ESLint rules run synchronously, so the build is synchronous too.
 *
 * Files come from the same discovery as the CLI (src/project/discover.ts: every .gitignore,
 * the user's ignores, no symlinks followed, sorted), narrowed to the files the model reads and
 * without root-level `build/`, `dist/` and `env/` folders and `*.egg-info/` (copies of the
 * package and virtual environments would shadow the real modules). A file that cannot be read is
 * listed in `skipped`; a module that does not parse gets `parseError`; the build goes on.
 */
import { readFileSync, statSync } from "node:fs";
import { posix, resolve } from "node:path";
import ignore from "ignore";
import { offerParse } from "../languages/python/preparsed.js";
import { configFormatOf, parseConfigFile } from "./config-files.js";
import { dependencyFileKind, readDependencyManifest } from "./dependencies.js";
import { discoverFiles } from "./discover.js";
import { lfsMatcher } from "./gitattributes.js";
import { parseDvcFile, parseDvcLock, parseDvcYaml } from "./manifests/dvc.js";
import { parseMakefile } from "./manifests/makefile.js";
import { parseShellScript } from "./manifests/shell.js";
import { computeModuleFacts, reviveModuleFacts, type ModuleFactsRecord } from "./module-facts.js";
import { MAX_SOURCE_BYTES, readSource } from "./source-input.js";
import { projectTree } from "./tree.js";
import type { ConfigFileModel, DependencyManifest, LocatedConfigKey, ManifestModel, ModuleFacts, ProjectDeclarations, ProjectIoSite, ProjectModel } from "./types.js";
import { recordProjectUse } from "./usage.js";
import { versionedFilePairs } from "./version-names.js";
import { appendTo } from "../collections.js";

export interface ProjectModelOptions {
  /** Extra patterns in gitignore syntax, relative to the root (the user's `ignores`). */
  ignores?: string[];
}

/** Folders the model leaves out besides discovery's: build output, root virtualenvs, egg-info. */
const MODEL_IGNORES = ["/build/", "/dist/", "/env/", "*.egg-info/"];

/** Pipeline manifests by file name, with their readers. */
const MANIFEST_READERS: [test: (name: string) => boolean, read: (file: string, text: string) => ManifestModel][] = [
  [(name) => name === "dvc.yaml" || name === "dvc.yml", parseDvcYaml],
  [(name) => name === "dvc.lock", parseDvcLock],
  [(name) => name.endsWith(".dvc"), parseDvcFile],
  [(name) => name === "Makefile" || name === "makefile" || name === "GNUmakefile" || name.endsWith(".mk"), parseMakefile],
  [(name) => name.endsWith(".sh"), parseShellScript],
];

/** Other files rules look at, listed in `files` but not read here. */
const LISTED_FILES = [/^requirements.*\.txt$/u, /^\.gitattributes$/u, /^setup\.cfg$/u];

/** The kind of module a file is for the model (`.py` and `.ipynb`), or null. */
export function moduleKind(file: string): ModuleFacts["kind"] | null {
  return file.endsWith(".py") ? "python" : file.endsWith(".ipynb") ? "notebook" : null;
}

function manifestReader(file: string): ((file: string, text: string) => ManifestModel) | null {
  const name = posix.basename(file);
  return MANIFEST_READERS.find(([test]) => test(name))?.[1] ?? null;
}

function isModelFile(file: string): boolean {
  const name = posix.basename(file);
  return moduleKind(file) !== null || configFormatOf(file) !== null || manifestReader(file) !== null || dependencyFileKind(file) !== null || LISTED_FILES.some((pattern) => pattern.test(name));
}

type TextInput = { ok: true; text: string } | { ok: false; reason: string };

/** Reads a config or manifest file, refusing oversized and binary ones. */
function readText(path: string): TextInput {
  try {
    const size = statSync(path).size;
    if (size > MAX_SOURCE_BYTES) return { ok: false, reason: `File skipped: it is ${(size / 1024 / 1024).toFixed(1)} MB, over the ${MAX_SOURCE_BYTES / 1024 / 1024} MB limit.` };
    const bytes = readFileSync(path);
    if (bytes.includes(0)) return { ok: false, reason: "File skipped: it contains NUL bytes, so it is binary, not text." };
    return { ok: true, text: bytes.toString("utf8").replace(/^\uFEFF/u, "") };
  } catch (error) {
    return { ok: false, reason: `File cannot be read: ${(error as Error).message}.` };
  }
}

/** `*` in a site's pattern matches anything, `/` included. */
function patternMatcher(pattern: string): RegExp {
  return new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/gu, "\\$&")).join(".*")}$`, "u");
}

/** The first segment of a path (`data` of `data/raw/x.csv`; `""` for an absolute path). */
function headOf(path: string): string {
  const slash = path.indexOf("/");
  return slash < 0 ? path : path.slice(0, slash);
}

/**
 * Io sites by the local path they touch: exact paths in a map; patterns (`data/*.csv`) by the
 * first segment of their literal start, or tried for every path when a `*` is in that segment.
 */
class IoIndex {
  readonly #exact = new Map<string, ProjectIoSite[]>();
  readonly #patternsByHead = new Map<string, [number, RegExp, ProjectIoSite][]>();
  readonly #patternsAnywhere: [number, RegExp, ProjectIoSite][] = [];
  #patterns = 0;
  /** Answers by path: rules ask the same paths from many files. */
  readonly #answers = new Map<string, readonly ProjectIoSite[]>();

  add(site: ProjectIoSite): void {
    const path = site.path;
    if (!path || path.kind === "remote") return;
    this.#answers.clear();
    if (path.exact) {
      const same = this.#exact.get(path.text);
      if (same) same.push(site);
      else this.#exact.set(path.text, [site]);
      return;
    }
    const entry: [number, RegExp, ProjectIoSite] = [this.#patterns++, patternMatcher(path.text), site];
    const literal = path.text.slice(0, path.text.indexOf("*") >>> 0);
    if (!literal.includes("/")) return void this.#patternsAnywhere.push(entry);
    const head = headOf(literal);
    const list = this.#patternsByHead.get(head);
    if (list) list.push(entry);
    else this.#patternsByHead.set(head, [entry]);
  }

  sitesOf(path: string): readonly ProjectIoSite[] {
    const normal = posix.normalize(path).replace(/\/$/u, "");
    let sites = this.#answers.get(normal);
    if (sites) return sites;
    // Patterns in the order they were added, as if each were tried.
    const patterns = [...(this.#patternsByHead.get(headOf(normal)) ?? []), ...this.#patternsAnywhere].sort((a, b) => a[0] - b[0]);
    sites = [...(this.#exact.get(normal) ?? []), ...patterns.filter(([, pattern]) => pattern.test(normal)).map(([, , site]) => site)];
    this.#answers.set(normal, sites);
    return sites;
  }
}

/** The project file `import moduleName` lands in, written in a module of the folder `importer`. */
function importTarget(importer: string, moduleName: string, pythonFiles: Set<string>): string | null {
  const relative = /^\.+/u.exec(moduleName)?.[0].length ?? 0;
  if (relative > 0) {
    let base = importer;
    for (let level = 1; level < relative; level++) {
      if (base === ".") return null;
      base = posix.dirname(base);
    }
    return moduleFile(base, moduleName.slice(relative), pythonFiles);
  }
  // A script's own folder comes first on sys.path, then the root and a `src/` layout.
  for (const base of new Set([importer, ".", "src"])) {
    const found = moduleFile(base, moduleName, pythonFiles);
    if (found) return found;
  }
  return null;
}

/** Where an import may land: `pkg.sub` → `pkg/sub.py` or `pkg/sub/__init__.py` under `base`. */
function moduleFile(base: string, dotted: string, pythonFiles: Set<string>): string | null {
  const stem = posix.join(base, ...dotted.split(".").filter(Boolean));
  const candidates = dotted === "" ? [posix.join(base, "__init__.py")] : [`${stem}.py`, posix.join(stem, "__init__.py")];
  return candidates.find((candidate) => pythonFiles.has(candidate)) ?? null;
}

/**
 * The declarations as plain data (what crosses threads and sits in the cache): everything but the
 * lookups, the tree (made from `discovered`) and the LFS matcher (made from `attributeFiles`).
 */
export type DeclarationsData = Omit<ProjectDeclarations, "configs" | "configKey" | "tree" | "lfsTracked"> & {
  /** Every file discovery sees, ignoring the user's lint ignores (the project tree). */
  discovered: string[];
  /** The `.gitattributes` files and their texts. */
  attributeFiles: { file: string; text: string }[];
};

/** The modules' facts as plain data, and the modules that could not be read. */
export interface ModuleFactsData {
  records: ModuleFactsRecord[];
  skipped: { file: string; reason: string }[];
}

/**
 * Config files with more keys than this are data files (a JSON of 100k labels, say), not
 * settings: the project model leaves them out, so no thread indexes or copies them.
 */
export const MAX_CONFIG_KEYS = 10_000;

/**
 * Reads the declarative half of the project: its files, config files and manifests. Cheap (no
 * Python is parsed), so per-file rules that need config values use it without building the
 * whole model.
 */
export function readDeclarations(root: string, options: ProjectModelOptions = {}): DeclarationsData {
  // One walk: the whole tree (for "is this file committed?"), then the model's files within it.
  const discovered = discoverFiles(root);
  const modelIgnores = ignore().add([...MODEL_IGNORES, ...(options.ignores ?? [])]);
  const files = discovered.filter((file) => isModelFile(file) && !modelIgnores.ignores(file));
  const attributeFiles: { file: string; text: string }[] = [];
  const skipped: { file: string; reason: string }[] = [];
  const configFiles: ConfigFileModel[] = [];
  const manifests: ManifestModel[] = [];
  for (const file of files) {
    if (moduleKind(file)) continue;
    const format = configFormatOf(file);
    const reader = manifestReader(file);
    if (!format && !reader) continue;
    const input = readText(resolve(root, file));
    if (!input.ok) {
      skipped.push({ file, reason: input.reason });
      continue;
    }
    if (format) {
      const config = parseConfigFile(file, input.text, format);
      // Settings are written by people; a file of more keys is data (a label list, a results table).
      if (config.keys.length <= MAX_CONFIG_KEYS) configFiles.push(config);
    }
    if (reader) manifests.push(reader(file, input.text));
  }
  for (const file of files) {
    if (posix.basename(file) !== ".gitattributes") continue;
    const input = readText(resolve(root, file));
    if (input.ok) attributeFiles.push({ file, text: input.text });
  }
  const dependencies = { manifests: [] as DependencyManifest[], lockFiles: files.filter((file) => dependencyFileKind(file) === "lock") };
  for (const file of files) {
    if (!dependencyFileKind(file) || dependencyFileKind(file) === "lock") continue;
    const input = readText(resolve(root, file));
    const manifest = input.ok ? readDependencyManifest(file, input.text) : null;
    if (manifest) dependencies.manifests.push(manifest);
  }
  const dvcTracked = new Set(manifests.filter((manifest) => manifest.kind === "dvc").flatMap((manifest) => manifest.stages.flatMap((stage) => stage.outputs)));
  return { root, files, configFiles, manifests, dvcTracked, discovered, attributeFiles, skipped, dependencies };
}

/** The declarations with their lookups indexed. */
export function indexDeclarations(data: DeclarationsData): ProjectDeclarations {
  const { configFiles } = data;
  const keysByFile = new Map(configFiles.map((config) => [config.file, new Map(config.keys.map((key) => [key.path, key]))]));
  const keysByPath = new Map<string, LocatedConfigKey[]>();
  for (const config of configFiles) {
    for (const key of config.keys) appendTo(keysByPath, key.path, { ...key, file: config.file });
  }
  return {
    root: data.root,
    files: data.files,
    configFiles: data.configFiles,
    manifests: data.manifests,
    dvcTracked: data.dvcTracked,
    tree: projectTree(data.root, data.discovered),
    lfsTracked: lfsMatcher(data.attributeFiles),
    skipped: data.skipped,
    ...(data.dependencies ? { dependencies: data.dependencies } : {}),
    configs: (file, key) => keysByFile.get(file)?.get(key)?.value,
    configKey(path, file) {
      const found = keysByPath.get(path) ?? [];
      return file === undefined ? found : found.filter((key) => key.file === file);
    },
  };
}

/** Modules whose name is a version of another's, or whose name another versions: their facts carry token shingles. */
export function copyCandidatesOf(files: readonly string[]): Set<string> {
  return new Set(versionedFilePairs([...files]).flatMap((pair) => [pair.copy, pair.twin]));
}

export interface ComputeFactsOptions {
  /** Offer each parse to ESLint (src/languages/python/preparsed.ts): the CLI lints these files next. */
  offerParses?: boolean;
  /** Texts already read (root-relative file → decoded text), so files are read once per run. */
  texts?: Map<string, string>;
}

/** Reads and computes the facts of the given module files (root-relative) of a project. */
export function computeFactsOf(declarations: ProjectDeclarations, files: string[], options: ComputeFactsOptions = {}): ModuleFactsData {
  const records: ModuleFactsRecord[] = [];
  const skipped: { file: string; reason: string }[] = [];
  const copyCandidates = copyCandidatesOf(declarations.files);
  for (const file of files) {
    const kind = moduleKind(file);
    if (!kind) continue;
    let text = options.texts?.get(file);
    if (text === undefined) {
      const input = readSource(resolve(declarations.root, file), kind);
      if (!input.ok) {
        skipped.push({ file, reason: input.reason });
        continue;
      }
      text = input.text;
    }
    try {
      const computed = computeModuleFacts(file, kind, text, declarations.configs, { shingles: copyCandidates.has(file) });
      records.push(computed.record);
      if (options.offerParses && computed.parse) offerParse(computed.parse.text, computed.parse.tree);
    } catch (error) {
      skipped.push({ file, reason: `Internal error while reading the module: ${(error as Error).message}` });
    }
  }
  return { records, skipped };
}

/** The project model of declarations and module facts (nodes resolve lazily: no tree is kept). */
function assembleModel(declarations: ProjectDeclarations, data: ModuleFactsData): ProjectModel {
  const { root, files } = declarations;
  const byFile = (a: { file: string }, b: { file: string }) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  const skipped = [...declarations.skipped, ...data.skipped].sort(byFile);
  const modules = new Map<string, ModuleFacts>();
  const readers = new IoIndex();
  const writers = new IoIndex();
  for (const record of [...data.records].sort(byFile)) {
    const facts = reviveModuleFacts(record, root);
    modules.set(record.file, facts);
    for (const site of facts.ioSites) {
      // The site gains its file in place: a copy by spread would resolve its lazy nodes.
      const located = site as ProjectIoSite;
      located.file = record.file;
      (site.direction === "read" ? readers : writers).add(located);
    }
  }
  const pythonFiles = new Set(files.filter((file) => file.endsWith(".py")));
  const importTargets = new Map<string, string | null>();

  return {
    ...declarations,
    modules,
    skipped,
    moduleForImport(fromFile, moduleName) {
      // The answer depends on the importer's folder only; project-wide passes ask it often.
      const importer = posix.dirname(fromFile);
      const key = `${importer}\0${moduleName}`;
      let found = importTargets.get(key);
      if (found === undefined) importTargets.set(key, (found = importTarget(importer, moduleName, pythonFiles)));
      return found;
    },
    readersOf: (path) => readers.sitesOf(path),
    writersOf: (path) => writers.sitesOf(path),
  };
}

function cacheKey(root: string, options: ProjectModelOptions): string {
  return JSON.stringify([resolve(root), options.ignores ?? []]);
}

const declarationsCache = new Map<string, ProjectDeclarations>();

/** The files, config files and manifests of `root`, read once per process. */
export function getProjectDeclarations(root: string, options: ProjectModelOptions = {}): ProjectDeclarations {
  const key = cacheKey(root, options);
  let declarations = declarationsCache.get(key);
  if (!declarations) {
    declarations = indexDeclarations(readDeclarations(resolve(root), options));
    declarationsCache.set(key, declarations);
  }
  recordProjectUse("declarations");
  return declarations;
}

const models = new Map<string, ProjectModel>();

/**
 * The project model of `root`, built on first use and then shared for the rest of the process
 * (one per absolute root and ignore list).
 */
export function getProjectModel(root: string, options: ProjectModelOptions = {}): ProjectModel {
  const key = cacheKey(root, options);
  let model = models.get(key);
  if (!model) {
    const declarations = getProjectDeclarations(root, options);
    model = assembleModel(declarations, computeFactsOf(declarations, declarations.files));
    models.set(key, model);
  }
  recordProjectUse("model");
  return model;
}

/**
 * Makes `getProjectModel(root, options)` (and its declarations) answer with what a caller built
 * already: the CLI computes module facts once, in parallel, and installs them in every thread.
 */
export function installProjectModel(root: string, options: ProjectModelOptions, declarations: DeclarationsData, facts: ModuleFactsData): ProjectModel {
  const key = cacheKey(root, options);
  const indexed = indexDeclarations(declarations);
  declarationsCache.set(key, indexed);
  const model = assembleModel(indexed, facts);
  models.set(key, model);
  return model;
}

/** Makes `getProjectDeclarations(root, options)` answer with declarations a caller read already. */
export function installProjectDeclarations(root: string, options: ProjectModelOptions, declarations: DeclarationsData): ProjectDeclarations {
  const indexed = indexDeclarations(declarations);
  declarationsCache.set(cacheKey(root, options), indexed);
  return indexed;
}

/** Forgets every built model (tests; watch modes after files change). */
export function clearProjectModelCache(): void {
  models.clear();
  declarationsCache.clear();
}
