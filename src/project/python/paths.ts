/**
 * Static path resolution: what a path expression in a Python module evaluates to, without
 * running it. Paths are followed through string literals (f-strings keep their constant parts),
 * names assigned once, `os.path` and `pathlib` operations, `__file__`, environment variables'
 * defaults, command-line options' defaults and values in project config files.
 *
 * Config objects live here too — a config file loaded into the code
 * (`yaml.safe_load(open("params.yaml"))`, `OmegaConf.load`, a Hydra `cfg`) and the accesses into
 * it — because paths and configs resolve through each other: a config file's path is a path, and
 * a path may be a config value. config-reads.ts enumerates the reads they recognise. Resolution
 * happens in a ModuleScope (./scope.ts).
 */
import { PyNode, field, fieldAll } from "../../languages/python/nodes.js";
import { hasSplatArguments, keywordArgument, positionalArguments } from "../../rules-kit/python-syntax.js";
import type { ConfigLookup, PathKind, PathProvenance, ResolvedPath } from "../types.js";
import { argparseArgumentRead, clickOptionOf } from "./cli-options.js";
import { PATHLIB_CLASSES, fileSourceOf } from "./file-handles.js";
import { constantString, stringParts } from "./literals.js";
import { parameterFlow, returnedBy, type ModuleScope, type NameBinding } from "./scope.js";

// ── Config objects ────────────────────────────────────────────────────────────────────────

/** A value holding (part of) a loaded configuration. */
export interface ConfigObject {
  /** Root-relative file it was loaded from, when known. */
  source: string | null;
  /** Key path of this part from the document root (`["train"]` for `cfg["train"]`); `*` for computed keys. */
  prefix: string[];
  /** `hydra` for a `@hydra.main` parameter or `compose()`; `file` for loaders. */
  loader: "file" | "hydra";
  dynamic: boolean;
}

/** One access into a config object: `cfg["a"]`, `cfg.a`, `cfg.get("a", d)`. */
export interface ConfigAccess {
  object: ConfigObject;
  /** Key path from the document root, including the accessed key. */
  key: string[];
  form: "mapping" | "attribute" | "get";
  /** The `.get` fallback. */
  fallback?: PyNode;
  dynamic: boolean;
}

/** Calls that load a configuration document, and whether the document is only taken for config when it looks like one. */
const CONFIG_LOADERS: Record<string, { loader: "file" | "hydra"; nameHint?: boolean }> = {
  "yaml.safe_load": { loader: "file" },
  "yaml.load": { loader: "file" },
  "yaml.full_load": { loader: "file" },
  "yaml.unsafe_load": { loader: "file" },
  "toml.load": { loader: "file" },
  "tomllib.load": { loader: "file" },
  "tomli.load": { loader: "file" },
  "omegaconf.OmegaConf.load": { loader: "file" },
  "hydra.compose": { loader: "hydra" },
  // JSON also holds data (labels, annotations): only config-looking files or names count.
  "json.load": { loader: "file", nameHint: true },
};

/** True when a call loads a configuration document (`yaml.safe_load(f)`, `OmegaConf.load(p)`, `hydra.compose()`). */
export function isConfigLoaderCall(call: PyNode, scope: ModuleScope): boolean {
  const callee = call.type === "call" ? scope.imports.calleeName(call) : null;
  return !!callee && Object.hasOwn(CONFIG_LOADERS, callee) && configObjectOf(call, scope) !== null;
}

/** Calls that wrap a config in another mapping type without changing its keys. */
const CONFIG_WRAPPERS = new Set([
  "easydict.EasyDict",
  "box.Box",
  "box.ConfigBox",
  "munch.munchify",
  "munch.Munch",
  "dotmap.DotMap",
  "omegaconf.OmegaConf.create",
  "omegaconf.OmegaConf.to_container",
  "omegaconf.OmegaConf.merge",
  "ml_collections.ConfigDict",
  "ml_collections.config_dict.ConfigDict",
  "copy.deepcopy",
  "copy.copy",
  "types.SimpleNamespace",
]);

const CONFIG_NAME_HINT = /(?:^|[^a-z])(?:conf|config|cfg|settings|params|hparams|hyper|options|opts|args)/iu;

/** The config file behind a loader call (`yaml.safe_load(open("p.yaml"))`), root-relative, when known. */
function loaderSource(call: PyNode, scope: ModuleScope): string | null {
  const argument = positionalArguments(call)[0] ?? keywordArgument(call, "stream") ?? keywordArgument(call, "fp") ?? keywordArgument(call, "f");
  if (!argument) return null;
  const path = resolvePath(fileSourceOf(argument, scope)?.path ?? argument, scope);
  return path?.exact && path.kind === "relative" ? path.text : null;
}

/** The config file of a `@hydra.main(config_path=..., config_name=...)` function, root-relative. */
function hydraSource(decorator: PyNode, scope: ModuleScope): string | null {
  const configPath = keywordArgument(decorator, "config_path") ?? positionalArguments(decorator)[0];
  const configName = keywordArgument(decorator, "config_name") ?? positionalArguments(decorator)[1];
  const name = constantString(configName, scope);
  if (name === null) return null;
  const directory = configPath ? constantString(configPath, scope) : "";
  if (directory === null) return null;
  const file = /\.ya?ml$/u.test(name) ? name : `${name}.yaml`;
  const base = directory.startsWith("/") ? "" : `${ROOT}/${scope.file}/..`;
  const path = finalize(`${base}/${directory}/${file}`, newTrace());
  return path?.kind === "relative" ? path.text : null;
}

function keySegment(node: PyNode | undefined, scope: ModuleScope): string | null {
  if (node?.type === "integer") return `[${node.text}]`;
  return constantString(node, scope);
}

/** The dotted key of a key path (`["train", "layers", "[0]"]` → `train.layers[0]`). */
export function dottedKey(segments: string[]): string {
  return segments.reduce((key, segment) => (segment.startsWith("[") || key === "" ? key + segment : `${key}.${segment}`), "");
}

/** An access into a config object, or null when `node` is not one. */
export function configAccessOf(node: PyNode, scope: ModuleScope): ConfigAccess | null {
  return scope.memo<ConfigAccess | null>("config-access", node, null, () => {
    let objectNode: PyNode | undefined;
    let keyNode: PyNode | undefined;
    let form: ConfigAccess["form"];
    let fallback: PyNode | undefined;
    if (node.type === "subscript") {
      const subscripts = fieldAll(node, "subscript");
      if (subscripts.length !== 1) return null;
      objectNode = field(node, "value");
      keyNode = subscripts[0];
      form = "mapping";
    } else if (node.type === "attribute") {
      const name = field(node, "attribute")?.text;
      // A called attribute is a method (`cfg.items()`, `cfg.train.keys()`), never a key.
      if (!name || name.startsWith("__") || (node.parent?.type === "call" && field(node.parent, "function") === node)) return null;
      objectNode = field(node, "object");
      keyNode = field(node, "attribute");
      form = "attribute";
    } else if (node.type === "call") {
      const callee = field(node, "function");
      if (callee?.type !== "attribute" || field(callee, "attribute")?.text !== "get") return null;
      objectNode = field(callee, "object");
      const args = positionalArguments(node);
      keyNode = args[0];
      fallback = args[1] ?? keywordArgument(node, "default");
      form = "get";
    } else {
      return null;
    }
    if (!objectNode || !keyNode) return null;
    const object = configObjectOf(objectNode, scope);
    if (!object) return null;
    const segment = form === "attribute" ? keyNode.text! : keySegment(keyNode, scope);
    const key = [...object.prefix, segment ?? "*"];
    const access: ConfigAccess = { object, key, form, dynamic: object.dynamic || segment === null };
    if (fallback) access.fallback = fallback;
    return access;
  });
}

/** What config an expression holds (a loaded document, a part of one), or null. */
export function configObjectOf(node: PyNode, scope: ModuleScope): ConfigObject | null {
  return scope.memo<ConfigObject | null>("config-object", node, null, () => {
    switch (node.type) {
      case "parenthesized_expression":
        return node.children[0] ? configObjectOf(node.children[0], scope) : null;
      case "identifier":
        return configObjectOfName(node, scope);
      case "subscript":
      case "attribute": {
        const access = configAccessOf(node, scope);
        return access ? { ...access.object, prefix: access.key, dynamic: access.dynamic } : null;
      }
      case "call": {
        const access = configAccessOf(node, scope);
        if (access) return { ...access.object, prefix: access.key, dynamic: access.dynamic };
        const callee = scope.imports.calleeName(node);
        const loader = callee ? CONFIG_LOADERS[callee] : undefined;
        if (loader) {
          const source = loader.loader === "hydra" ? null : loaderSource(node, scope);
          if (loader.nameHint && !(source && CONFIG_NAME_HINT.test(source)) && !assignedToConfigName(node)) return null;
          return { source, prefix: [], loader: loader.loader, dynamic: false };
        }
        const first = positionalArguments(node)[0] ?? dictionarySplat(node);
        if (callee && CONFIG_WRAPPERS.has(callee) && first) return configObjectOf(first, scope);
        const method = field(node, "function");
        if (method?.type === "attribute" && field(method, "attribute")?.text === "copy") {
          const receiver = field(method, "object");
          return receiver ? configObjectOf(receiver, scope) : null;
        }
        return returnedBy(node, scope, configObjectOf);
      }
      default:
        return null;
    }
  });
}

function dictionarySplat(call: PyNode): PyNode | undefined {
  return field(call, "arguments")?.children.find((child) => child.type === "dictionary_splat")?.children[0];
}

function assignedToConfigName(call: PyNode): boolean {
  const parent = call.parent;
  const target = parent?.type === "assignment" ? field(parent, "left") : undefined;
  return target?.type === "identifier" && CONFIG_NAME_HINT.test(target.text!);
}

function configObjectOfName(identifier: PyNode, scope: ModuleScope): ConfigObject | null {
  const bindings = scope.bindingsOf(identifier);
  if (bindings.length === 0) return null;
  let found: ConfigObject | null = null;
  for (const binding of bindings) {
    let object: ConfigObject | null = null;
    if (binding.kind === "assignment" && binding.value) object = configObjectOf(binding.value, scope);
    else if (binding.kind === "parameter") object = hydraParameter(binding, scope) ?? parameterFlow(binding, scope, configObjectOf);
    if (!object) return null;
    // Bound to different parts of a config in turn (`p = cfg["train"]` … `p = cfg["prepare"]`): which one a use reads is unknown.
    if (found && (found.source !== object.source || found.loader !== object.loader || dottedKey(found.prefix) !== dottedKey(object.prefix))) return null;
    found ??= object;
  }
  return found;
}

function hydraParameter(binding: NameBinding, scope: ModuleScope): ConfigObject | null {
  if (binding.index !== 0 || binding.scope.type !== "function_definition") return null;
  const decorated = binding.scope.parent;
  if (decorated?.type !== "decorated_definition") return null;
  for (const decorator of decorated.children) {
    const call = decorator.type === "decorator" ? decorator.children[0] : undefined;
    if (call?.type === "call" && scope.imports.calleeName(call) === "hydra.main") {
      return { source: hydraSource(call, scope), prefix: [], loader: "hydra", dynamic: false };
    }
  }
  return null;
}

// ── Evaluation ────────────────────────────────────────────────────────────────────────────

/** Stands for an unknown part while evaluating; becomes `*` in the result. */
const UNKNOWN = "\u0000";
/** Prefix of values anchored at the project root (`__file__`, `os.getcwd()`). */
const ROOT = "\u0001";
const MAX_DEPTH = 40;
/** Evaluation steps per resolution: names used many times over (`a = b + b`, `b = c + c`, …) cannot blow up. */
const MAX_STEPS = 2000;
/** Provenances that mean "a setting chosen outside the code". */
const SETTINGS: PathProvenance[] = ["env", "config", "argument"];

interface Trace {
  via: Set<PathProvenance>;
  configs: ConfigLookup | undefined;
  configKey?: string;
  configFile?: string;
  envVar?: string;
  argument?: string;
  depth: number;
  steps: number;
  /** Values being evaluated: `p = p / "x"` must not follow itself. */
  active: Set<PyNode>;
}

function newTrace(configs?: ConfigLookup): Trace {
  return { via: new Set(), configs, depth: 0, steps: 0, active: new Set() };
}

/** `os.path.join` / `Path(a, b)` / `/`: a later absolute part replaces what came before. */
function joinPaths(parts: string[]): string {
  let joined = "";
  for (const part of parts) {
    if (/^(?:[/\\~]|[A-Za-z]:[/\\]|[A-Za-z][A-Za-z0-9+.-]*:\/\/)/u.test(part) || joined === "") joined = part;
    else joined = /[/\\]$/u.test(joined) ? joined + part : `${joined}/${part}`;
  }
  return joined;
}

function dirname(value: string): string {
  return `${value}/..`;
}

function lastSegment(value: string): string {
  const segments = value.split(/[/\\]/u).filter((segment) => segment !== "" && segment !== ".");
  const last = segments.at(-1) ?? UNKNOWN;
  return last === ".." ? UNKNOWN : last;
}

const PATH_CALLS: Record<string, (args: string[]) => string> = {
  "os.path.join": joinPaths,
  "posixpath.join": joinPaths,
  "ntpath.join": joinPaths,
  "os.path.dirname": ([value]) => (value === undefined ? UNKNOWN : /[/\\]$/u.test(value) ? value.slice(0, -1) : dirname(value)),
  "os.path.basename": ([value]) => (value === undefined ? UNKNOWN : lastSegment(value)),
  "os.path.abspath": ([value]) => value ?? UNKNOWN,
  "os.path.realpath": ([value]) => value ?? UNKNOWN,
  "os.path.normpath": ([value]) => value ?? UNKNOWN,
  "os.path.expanduser": ([value]) => value ?? UNKNOWN,
  "os.fspath": ([value]) => value ?? UNKNOWN,
  "os.getcwd": () => ROOT,
  "pathlib.Path.cwd": () => ROOT,
  "pathlib.Path.home": () => "~",
};
for (const name of PATHLIB_CLASSES) PATH_CALLS[name] = (args) => (args.length === 0 ? "." : joinPaths(args));

function evaluateArguments(call: PyNode, scope: ModuleScope, trace: Trace): string[] {
  return positionalArguments(call).map((argument) => evaluate(argument, scope, trace));
}

/** The string value of an expression, with UNKNOWN for unknown parts and ROOT for root-anchored values. */
function evaluate(node: PyNode | undefined, scope: ModuleScope, trace: Trace): string {
  if (!node || trace.depth > MAX_DEPTH || ++trace.steps > MAX_STEPS) return UNKNOWN;
  trace.depth++;
  try {
    return evaluateNode(node, scope, trace);
  } finally {
    trace.depth--;
  }
}

function evaluateNode(node: PyNode, scope: ModuleScope, trace: Trace): string {
  switch (node.type) {
    case "string": {
      let value = "";
      for (const part of stringParts(node, scope)) {
        if ("text" in part) value += part.text;
        else {
          trace.via.add("expression");
          value += part.formatted ? UNKNOWN : evaluate(part.expression, scope, trace);
        }
      }
      return value;
    }
    case "concatenated_string":
      return node.children.map((child) => evaluate(child, scope, trace)).join("");
    case "parenthesized_expression":
      return evaluate(node.children[0], scope, trace);
    case "integer":
    case "float":
      return node.text ?? UNKNOWN;
    case "identifier":
      return evaluateName(node, scope, trace);
    case "binary_operator": {
      const left = evaluate(field(node, "left"), scope, trace);
      const rightNode = field(node, "right");
      if (node.operator === "+") return left + evaluate(rightNode, scope, trace);
      if (node.operator === "/") return joinPaths([left, evaluate(rightNode, scope, trace)]);
      if (node.operator === "%") return percentFormat(left, rightNode, scope, trace);
      return UNKNOWN;
    }
    case "boolean_operator": {
      // `os.getenv("DATA") or "data"`: the right side is the fallback of a setting.
      const before = new Set(trace.via);
      const left = evaluate(field(node, "left"), scope, trace);
      const fromSetting = SETTINGS.some((provenance) => trace.via.has(provenance) && !before.has(provenance));
      if (node.operator === "or" && left.includes(UNKNOWN) && fromSetting) return evaluate(field(node, "right"), scope, trace);
      return node.operator === "or" && !left.includes(UNKNOWN) ? left : UNKNOWN;
    }
    case "conditional_expression": {
      const [whenTrue, , whenFalse] = node.children;
      const first = evaluate(whenTrue, scope, trace);
      return first === evaluate(whenFalse, scope, trace) ? first : UNKNOWN;
    }
    case "attribute":
      return evaluateAttribute(node, scope, trace);
    case "subscript":
      return evaluateSubscript(node, scope, trace);
    case "call":
      return evaluateCall(node, scope, trace);
    default:
      return UNKNOWN;
  }
}

function evaluateName(node: PyNode, scope: ModuleScope, trace: Trace): string {
  const bindings = scope.bindingsOf(node);
  if (bindings.length === 0) return node.text === "__file__" ? `${ROOT}/${scope.file}` : UNKNOWN;
  const config = configObjectOf(node, scope);
  if (config) {
    // A name holding one value of a config (`RAW = cfg["paths"]["raw"]`); a whole document is no path.
    return config.prefix.length > 0 ? configValue({ object: config, key: config.prefix, form: "mapping", dynamic: config.dynamic }, scope, trace) : UNKNOWN;
  }
  if (bindings.length !== 1) return UNKNOWN;
  const binding = bindings[0]!;
  if (binding.kind === "assignment" && binding.value && !trace.active.has(binding.value)) {
    trace.via.add("constant");
    trace.active.add(binding.value);
    try {
      return evaluate(binding.value, scope, trace);
    } finally {
      trace.active.delete(binding.value);
    }
  }
  const click = clickOptionOf(binding, scope);
  if (click) return optionDefault(click, binding.target.text!, scope, trace);
  return binding.kind === "parameter" ? parameterValue(binding, scope, trace) : UNKNOWN;
}

/** A parameter's value when every call of its function in this module passes (or defaults to) the same value. */
function parameterValue(binding: NameBinding, scope: ModuleScope, trace: Trace): string {
  if (binding.scope.type !== "function_definition") return UNKNOWN;
  let value: string | undefined;
  for (const call of scope.callsOf(binding.scope)) {
    if (hasSplatArguments(call)) return UNKNOWN;
    const passed = (binding.index === undefined ? undefined : positionalArguments(call)[binding.index]) ?? keywordArgument(call, binding.target.text!) ?? binding.value;
    if (!passed || trace.active.has(passed)) return UNKNOWN;
    trace.active.add(passed);
    const text = evaluate(passed, scope, trace);
    trace.active.delete(passed);
    if (value !== undefined && text !== value) return UNKNOWN;
    value = text;
  }
  return value ?? UNKNOWN;
}

function evaluateAttribute(node: PyNode, scope: ModuleScope, trace: Trace): string {
  const access = configAccessOf(node, scope);
  if (access) return configValue(access, scope, trace);
  const argument = argparseArgumentRead(node, scope);
  if (argument) return optionDefault(argument.call, argument.dest, scope, trace);
  const object = field(node, "object");
  switch (field(node, "attribute")?.text) {
    case "parent":
      return dirname(evaluate(object, scope, trace));
    case "name":
      return lastSegment(evaluate(object, scope, trace));
    default:
      return UNKNOWN;
  }
}

function evaluateSubscript(node: PyNode, scope: ModuleScope, trace: Trace): string {
  const access = configAccessOf(node, scope);
  if (access) return configValue(access, scope, trace);
  const value = field(node, "value");
  const index = fieldAll(node, "subscript")[0];
  if (value && scope.imports.qualifiedName(value) === "os.environ") return environmentValue(index, undefined, scope, trace);
  if (value?.type === "attribute" && field(value, "attribute")?.text === "parents" && index?.type === "integer") {
    let path = evaluate(field(value, "object"), scope, trace);
    for (let level = 0; level <= Number(index.text); level++) path = dirname(path);
    return path;
  }
  return UNKNOWN;
}

function evaluateCall(node: PyNode, scope: ModuleScope, trace: Trace): string {
  const access = configAccessOf(node, scope);
  if (access) return configValue(access, scope, trace);
  const callee = scope.imports.calleeName(node);
  if (callee === "os.environ.get" || callee === "os.getenv" || callee === "os.environ.setdefault") {
    const [name, fallback] = positionalArguments(node);
    return environmentValue(name, fallback ?? keywordArgument(node, "default"), scope, trace);
  }
  const pathCall = callee ? PATH_CALLS[callee] : undefined;
  if (pathCall) return pathCall(evaluateArguments(node, scope, trace));
  const function_ = field(node, "function");
  if (function_?.type === "identifier" && function_.text === "str" && scope.bindingsOf(function_).length === 0) {
    return evaluate(positionalArguments(node)[0], scope, trace);
  }
  if (function_?.type !== "attribute") return UNKNOWN;
  const receiver = field(function_, "object");
  const args = () => evaluateArguments(node, scope, trace);
  switch (field(function_, "attribute")?.text) {
    case "joinpath":
      return joinPaths([evaluate(receiver, scope, trace), ...args()]);
    case "resolve":
    case "absolute":
    case "expanduser":
    case "as_posix":
      return evaluate(receiver, scope, trace);
    case "with_suffix": {
      const base = evaluate(receiver, scope, trace);
      const [suffix] = args();
      const last = lastSegment(base);
      const stem = last.includes(".") && !last.includes(UNKNOWN) ? last.slice(0, last.lastIndexOf(".")) : last;
      return `${base}/../${stem}${suffix ?? UNKNOWN}`;
    }
    case "with_name":
      return `${evaluate(receiver, scope, trace)}/../${args()[0] ?? UNKNOWN}`;
    case "format":
      return receiver ? braceFormat(evaluate(receiver, scope, trace), node, scope, trace) : UNKNOWN;
    default:
      return UNKNOWN;
  }
}

function environmentValue(name: PyNode | undefined, fallback: PyNode | undefined, scope: ModuleScope, trace: Trace): string {
  trace.via.add("env");
  const variable = constantString(name, scope);
  if (variable !== null) trace.envVar ??= variable;
  if (!fallback || fallback.type === "none") return UNKNOWN;
  return evaluate(fallback, scope, trace);
}

function configValue(access: ConfigAccess, scope: ModuleScope, trace: Trace): string {
  trace.via.add("config");
  const key = dottedKey(access.key);
  trace.configKey ??= key;
  const source = access.object.source;
  if (source) trace.configFile ??= source;
  const value = source && !access.dynamic ? trace.configs?.(source, key) : undefined;
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (value === undefined && access.fallback && access.fallback.type !== "none") return evaluate(access.fallback, scope, trace);
  return UNKNOWN;
}

function optionDefault(call: PyNode, key: string, scope: ModuleScope, trace: Trace): string {
  trace.via.add("argument");
  trace.argument ??= key;
  const fallback = keywordArgument(call, "default");
  return fallback && fallback.type !== "none" ? evaluate(fallback, scope, trace) : UNKNOWN;
}

/** `"data/%s.csv" % name`. */
function percentFormat(template: string, right: PyNode | undefined, scope: ModuleScope, trace: Trace): string {
  const values = right?.type === "tuple" ? right.children : right ? [right] : [];
  let next = 0;
  return template.replace(/%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?([%a-zA-Z])/gu, (whole, conversion: string) => {
    if (conversion === "%") return "%";
    const value = whole.includes("(") ? undefined : values[next++];
    return conversion === "s" && value ? evaluate(value, scope, trace) : UNKNOWN;
  });
}

/** `"data/{}.csv".format(name)` and `"{split}".format(split=...)`. */
function braceFormat(template: string, call: PyNode, scope: ModuleScope, trace: Trace): string {
  const positional = positionalArguments(call);
  let next = 0;
  return template.replace(/\{\{|\}\}|\{([^{}]*)\}/gu, (whole, inner: string | undefined) => {
    if (whole === "{{") return "{";
    if (whole === "}}") return "}";
    const [name = "", spec] = (inner ?? "").split(/[:!]/u, 2);
    if (spec !== undefined) return UNKNOWN;
    const value = name === "" ? positional[next++] : /^\d+$/u.test(name) ? positional[Number(name)] : keywordArgument(call, name);
    return value ? evaluate(value, scope, trace) : UNKNOWN;
  });
}

// ── Results ─────────────────────────────────────────────────────────────────────────────────

/** Resolves `.` and `..`; a pure-unknown segment absorbs the `..` after it (its parent is unknown too). */
function normalizeSegments(segments: string[]): { segments: string[]; escapes: number } {
  const result: string[] = [];
  let escapes = 0;
  for (const segment of segments) {
    if (segment === "" || segment === ".") continue;
    if (segment !== "..") {
      result.push(segment);
      continue;
    }
    const last = result.at(-1);
    if (last === undefined) escapes++;
    else if (/^\0+$/u.test(last)) continue;
    else result.pop();
  }
  return { segments: result, escapes };
}

function withStars(text: string): string {
  return text.replace(/\0+/gu, "*");
}

const PROVENANCE_ORDER: PathProvenance[] = ["env", "config", "argument", "constant"];

/** Turns an evaluated value into a ResolvedPath (null when nothing about it is known). */
function finalize(raw: string, trace: Trace): ResolvedPath | null {
  const exact = !raw.includes(UNKNOWN);
  let kind: PathKind;
  let text: string;
  let scheme: string | undefined;
  const anchored = raw.startsWith(ROOT);
  let body = anchored ? raw.slice(1) : raw;
  const url = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//u.exec(body);
  if (url && url[1]!.toLowerCase() !== "file") {
    kind = "remote";
    scheme = url[1]!.toLowerCase();
    text = withStars(body);
  } else {
    if (url) body = body.slice("file://".length);
    body = body.replace(/\\/gu, "/");
    const segments = body.split("/");
    if (anchored || (!/^[~/]/u.test(body) && !/^[A-Za-z]:\//u.test(body) && !body.startsWith(UNKNOWN))) {
      const normal = normalizeSegments(segments);
      kind = normal.escapes > 0 ? "outside-root" : "relative";
      text = [...Array<string>(normal.escapes).fill(".."), ...normal.segments].join("/") || ".";
    } else if (body.startsWith(UNKNOWN)) {
      kind = "unknown";
      text = normalizeSegments(segments).segments.join("/");
    } else {
      const unc = body.startsWith("//");
      const head = unc ? "" : segments[0]!;
      kind = head.startsWith("~") ? "home" : /^[A-Za-z]:$/u.test(head) ? "windows-drive" : "absolute";
      const rest = normalizeSegments(segments.slice(1)).segments.join("/");
      text = kind === "absolute" ? `${unc ? "/" : ""}/${rest}` : rest ? `${head}/${rest}` : head;
    }
    text = withStars(text);
  }
  // A pattern with no known text says nothing, unless it names the setting it comes from.
  if (!exact && !SETTINGS.some((provenance) => trace.via.has(provenance)) && !/[^*/.]/u.test(text)) return null;
  const via = PROVENANCE_ORDER.find((provenance) => trace.via.has(provenance)) ?? (exact ? "literal" : "expression");
  const resolved: ResolvedPath = { text, exact, kind, via };
  if (scheme) resolved.scheme = scheme;
  if (trace.via.has("config")) {
    if (trace.configKey) resolved.configKey = trace.configKey;
    if (trace.configFile) resolved.configFile = trace.configFile;
  }
  if (trace.via.has("env") && trace.envVar) resolved.envVar = trace.envVar;
  if (trace.via.has("argument") && trace.argument) resolved.argument = trace.argument;
  return resolved;
}

/**
 * The path an expression evaluates to, or null when nothing about it is known (a bare parameter,
 * a computed value). Relative paths are taken relative to the project root (scripts are assumed
 * to run from there); `__file__`-based paths resolve from the module's directory. `configs`
 * supplies values of config keys for paths read from a loaded config.
 */
export function resolvePath(expr: PyNode, scope: ModuleScope, configs?: ConfigLookup): ResolvedPath | null {
  const trace = newTrace(configs);
  trace.active.add(expr);
  return finalize(evaluate(expr, scope, trace), trace);
}

/**
 * The string an expression evaluates to, with `*` for unknown parts, or null when no part is known.
 * For command lines and module names, not paths: nothing is normalised.
 */
export function resolveString(expr: PyNode, scope: ModuleScope, configs?: ConfigLookup): { text: string; exact: boolean } | null {
  const raw = evaluate(expr, scope, newTrace(configs));
  if (raw.startsWith(ROOT)) {
    const path = finalize(raw, newTrace(configs));
    return path ? { text: path.text, exact: path.exact } : null;
  }
  if (!/[^\0]/u.test(raw)) return null;
  return { text: withStars(raw), exact: !raw.includes(UNKNOWN) };
}
