/**
 * DVC files as pipeline manifests: `dvc.yaml` stages, the outputs a `*.dvc` file tracks, and the
 * stages recorded in `dvc.lock`. Paths are resolved to the project root through the file's
 * directory and the stage's `wdir`.
 *
 * `foreach … do` and `matrix` stages are expanded with DVC's stage names (`build@uk`,
 * `train@cnn-0.1`) and their `${item}`, `${item.field}` and `${key}` references filled in; a
 * `foreach` over a `${var}` from params.yaml cannot be expanded without that file and stays one
 * stage, its references as written. Other `${var}` references (top-level `vars`, params) stay as
 * written too.
 */
import { isMap, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import type { ConfigParseError, ManifestModel, ManifestStage, Position } from "../types.js";
import { scriptRunsIn } from "./commands.js";
import { manifestDirectory, resolveManifestPath } from "./paths.js";

const FIRST_POSITION: Position = { line: 1, column: 1 };

/** The params file a bare params key refers to. */
const DEFAULT_PARAMS_FILE = "params.yaml";

type Data = Record<string, unknown>;

/** A YAML manifest read into plain data. */
interface ReadManifest {
  data: unknown;
  errors: ConfigParseError[];
  /** The positions of the keys of the mapping at `section` of the root ("" for the root itself). */
  keyPositions(section: string): Map<string, Position>;
}

/**
 * Reads a `dvc.yaml`: one stage per entry of `stages` (per generated stage for `foreach` and
 * `matrix`), with its commands, the scripts they run, deps (inputs), outs, metrics and plots
 * (outputs), and params as `file:key`, bare keys when the file is the root `params.yaml`, or
 * `file:*` for a whole params file.
 */
export function parseDvcYaml(file: string, text: string): ManifestModel {
  const { data, errors, keyPositions } = readManifest(text);
  const positions = keyPositions("stages");
  const stages: ManifestStage[] = [];
  const declared = isData(data) ? data.stages : undefined;
  if (declared !== undefined && declared !== null && !isData(declared)) {
    errors.push({ message: "`stages` must be a mapping of stage names to stages", ...(keyPositions("").get("stages") ?? FIRST_POSITION) });
  }
  for (const [name, definition] of Object.entries(isData(declared) ? declared : {})) {
    const position = positions.get(name) ?? FIRST_POSITION;
    const line = position.line;
    if (!isData(definition)) {
      errors.push({ message: `Stage "${name}" must be a mapping`, ...position });
      continue;
    }
    for (const [stageName, stage] of expandStage(name, definition)) {
      if (stage.cmd === undefined) errors.push({ message: `Stage "${stageName}" has no cmd`, ...position });
      const base = resolveManifestPath(manifestDirectory(file), typeof stage.wdir === "string" ? stage.wdir : ".");
      stages.push({
        ...stageCommands(file, stageName, line, stage.cmd, base),
        inputs: declaredPaths(stage.deps).map((path) => resolveManifestPath(base, path)),
        outputs: [stage.outs, stage.metrics, stage.plots].flatMap(declaredPaths).map((path) => resolveManifestPath(base, path)),
        params: declaredParams(stage.params, base),
        order: stages.length,
      });
    }
  }
  return { file, kind: "dvc", stages, errors };
}

/**
 * Reads a `*.dvc` file (what `dvc add` and `dvc import` write) as one stage named after the file:
 * its outputs are the tracked paths (`outs: - path: data.csv`), its inputs the import sources
 * (`deps`), and its commands the `cmd` of a legacy single-stage file.
 */
export function parseDvcFile(file: string, text: string): ManifestModel {
  const { data, errors } = readManifest(text);
  const definition = isData(data) ? data : {};
  const base = resolveManifestPath(manifestDirectory(file), typeof definition.wdir === "string" ? definition.wdir : ".");
  const stage: ManifestStage = {
    ...stageCommands(file, file, 1, definition.cmd, base),
    inputs: recordedPaths(definition.deps).map((path) => resolveManifestPath(base, path)),
    outputs: recordedPaths(definition.outs).map((path) => resolveManifestPath(base, path)),
    params: [],
    order: 0,
  };
  return { file, kind: "dvc", stages: [stage], errors };
}

/**
 * Reads a `dvc.lock`: one stage per recorded stage with its command, deps and outs paths and
 * params. The lock does not record `wdir`, so paths are resolved against the lock's directory.
 * Both the current (`schema: '2.0'`, `stages:`) and the first (stages at the top level) layouts
 * are read.
 */
export function parseDvcLock(file: string, text: string): ManifestModel {
  const { data, errors, keyPositions } = readManifest(text);
  const current = isData(data) && "stages" in data;
  const positions = keyPositions(current ? "stages" : "");
  const recorded = isData(data) ? (current ? data.stages : data) : undefined;
  const base = manifestDirectory(file);
  const stages = Object.entries(isData(recorded) ? recorded : {})
    .filter((entry): entry is [string, Data] => isData(entry[1]))
    .map(([name, stage], order): ManifestStage => ({
      ...stageCommands(file, name, positions.get(name)?.line ?? 1, stage.cmd, base),
      inputs: recordedPaths(stage.deps).map((path) => resolveManifestPath(base, path)),
      outputs: recordedPaths(stage.outs).map((path) => resolveManifestPath(base, path)),
      params: Object.entries(isData(stage.params) ? stage.params : {}).flatMap(([paramsFile, values]) =>
        Object.keys(isData(values) ? values : {}).map((key) => paramReference(resolveManifestPath(base, paramsFile), key)),
      ),
      order,
    }));
  return { file, kind: "dvc", stages, errors };
}

/** Parses YAML into plain data, keeping the document for the positions of its keys. */
function readManifest(text: string): ReadManifest {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, logLevel: "error" });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const errors = doc.errors.map((error) => ({ message: error.message, ...at(error.pos[0]) }));
  return { data: plainData(doc, errors), errors, keyPositions: (section) => keyPositions(doc, section, at) };
}

function plainData(doc: Document.Parsed, errors: ConfigParseError[]): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    errors.push({ message: error instanceof Error ? error.message : String(error), ...FIRST_POSITION });
    return undefined;
  }
}

function keyPositions(doc: Document.Parsed, section: string, at: (offset: number) => Position): Map<string, Position> {
  const positions = new Map<string, Position>();
  const mapping = section === "" ? doc.contents : doc.get(section, true);
  if (!isMap(mapping)) return positions;
  for (const pair of mapping.items) {
    if (isScalar(pair.key) && pair.key.range) positions.set(String(pair.key.value), at(pair.key.range[0]));
  }
  return positions;
}

function isData(value: unknown): value is Data {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A stage's name, place, commands and the scripts they run; each `cmd` entry is its own shell. */
function stageCommands(file: string, name: string, line: number, cmd: unknown, base: string): Omit<ManifestStage, "inputs" | "outputs" | "params" | "order"> {
  const commands = (Array.isArray(cmd) ? cmd : [cmd]).filter((command): command is string => typeof command === "string");
  const scripts = [...new Set(commands.flatMap((command) => scriptRunsIn(command, base).map((run) => run.script)))];
  return { kind: "dvc", file, name, line, commands, scripts };
}

/** Paths of a dvc.yaml list: `- path` or `- path: {cache: false}`; a lone string is a list of one. */
function declaredPaths(list: unknown): string[] {
  return (Array.isArray(list) ? list : [list]).flatMap((entry: unknown) => (typeof entry === "string" ? [entry] : isData(entry) ? Object.keys(entry) : []));
}

/** Paths of a `.dvc` or dvc.lock list: `- path: data.csv` with its hash. */
function recordedPaths(list: unknown): string[] {
  return (Array.isArray(list) ? list : []).flatMap((entry: unknown) => (isData(entry) && typeof entry.path === "string" ? [entry.path] : []));
}

/** `params:` entries: bare keys of the stage's params.yaml, or `{file: [keys]}` (`{file: }` for all of it). */
function declaredParams(list: unknown, base: string): string[] {
  return (Array.isArray(list) ? list : []).flatMap((entry: unknown) => {
    if (typeof entry === "string") return [paramReference(resolveManifestPath(base, DEFAULT_PARAMS_FILE), entry)];
    if (!isData(entry)) return [];
    return Object.entries(entry).flatMap(([paramsFile, keys]) => {
      const resolved = resolveManifestPath(base, paramsFile);
      return Array.isArray(keys) && keys.length > 0 ? keys.map((key) => paramReference(resolved, String(key))) : [paramReference(resolved, "*")];
    });
  });
}

/** `file:key`, or the bare key when the file is the root params.yaml. */
function paramReference(paramsFile: string, key: string): string {
  return paramsFile === DEFAULT_PARAMS_FILE ? key : `${paramsFile}:${key}`;
}

// ---------------------------------------------------------------------------------------------
// foreach and matrix

/** The stages a definition stands for: itself, or one per `foreach` item or `matrix` combination. */
function expandStage(name: string, definition: Data): Array<[string, Data]> {
  if ("foreach" in definition) {
    const body = isData(definition.do) ? definition.do : {};
    const items = definition.foreach;
    if (isData(items)) return Object.entries(items).map(([key, item]) => [`${name}@${key}`, interpolate(body, { key, item })]);
    if (!Array.isArray(items)) return [[name, body]];
    const byIndex = items.some((item) => typeof item === "object" && item !== null);
    return items.map((item: unknown, index) => {
      const key = byIndex ? String(index) : String(item);
      return [`${name}@${key}`, interpolate(body, { key, item })];
    });
  }
  if (isData(definition.matrix)) {
    const { matrix, ...body } = definition;
    return combinations(matrix as Data).map(({ label, item }) => [`${name}@${label}`, interpolate(body, { item })]);
  }
  return [[name, definition]];
}

/** Every combination of a matrix's values, named as DVC names them: scalar values as text, others as variable name and index. */
function combinations(matrix: Data): Array<{ label: string; item: Data }> {
  let result: Array<{ labels: string[]; item: Data }> = [{ labels: [], item: {} }];
  for (const [variable, values] of Object.entries(matrix)) {
    const choices = Array.isArray(values) ? values : [values];
    result = result.flatMap(({ labels, item }) =>
      choices.map((value: unknown, index) => ({
        labels: [...labels, typeof value === "object" && value !== null ? `${variable}${index}` : String(value)],
        item: { ...item, [variable]: value },
      })),
    );
  }
  return result.map(({ labels, item }) => ({ label: labels.join("-"), item }));
}

/** Fills `${item}`, `${item.a.b}` (list indexes as `.0`) and `${key}` in every string of `value`; unknown references stay. */
function interpolate<T>(value: T, scope: Data): T {
  if (typeof value === "string") {
    return value.replace(/\$\{\s*([A-Za-z_][\w.-]*)\s*\}/g, (reference, path: string) => {
      const found = path.split(".").reduce<unknown>((inner, segment) => (typeof inner === "object" && inner !== null ? (inner as Data)[segment] : undefined), scope);
      return typeof found === "string" || typeof found === "number" || typeof found === "boolean" ? String(found) : reference;
    }) as T;
  }
  if (Array.isArray(value)) return value.map((item: unknown) => interpolate(item, scope)) as T;
  if (isData(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [interpolate(key, scope), interpolate(item, scope)])) as T;
  return value;
}
