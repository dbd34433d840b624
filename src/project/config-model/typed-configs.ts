/**
 * Typed configuration classes and the reads of their fields: dataclasses and attrs classes named
 * like a config (`TrainConfig`, `DataArgs`, `HParams`) or handed to a config parser (tyro,
 * `HfArgumentParser`, simple-parsing, Hydra's `ConfigStore`, `OmegaConf.structured`), pydantic
 * models named like one, and every pydantic `BaseSettings`. A field's default is a setting's
 * definition; `cfg.lr` on an object built from the class (`cfg = TrainConfig()`,
 * `cfg = tyro.cli(TrainConfig)`, a parameter annotated `cfg: TrainConfig`) is a read of it.
 */
import { PyNode, field } from "../../languages/python/nodes.js";
import { keywordArgument, positionalArguments } from "../../rules-kit/python-syntax.js";
import { defaultOf } from "../python/config-reads.js";
import { descendants, type ModuleScope } from "../python/scope.js";
import { configObjectOf } from "../python/paths.js";
import type { ConfigClass, ConfigClassField, ConfigRead } from "../types.js";

const DATACLASS_DECORATORS = new Set(["dataclasses.dataclass", "pydantic.dataclasses.dataclass", "flax.struct.dataclass", "chex.dataclass"]);
const ATTRS_DECORATORS = new Set(["attr.s", "attr.attrs", "attr.define", "attr.frozen", "attr.mutable", "attrs.define", "attrs.frozen", "attrs.mutable"]);
const PYDANTIC_MODELS = new Set(["pydantic.BaseModel", "pydantic.v1.BaseModel"]);
const PYDANTIC_SETTINGS = new Set(["pydantic.BaseSettings", "pydantic_settings.BaseSettings", "pydantic.v1.BaseSettings"]);

/** Class names that say the class holds settings. */
const CONFIG_CLASS_NAME = /(?:Config|Configuration|Cfg|Conf|Settings|Params|Parameters|HParams|Hparams|Hyperparameters|HyperParameters|Args|Arguments|Options|Opts)$/u;

/** Calls whose argument is a config class: `tyro.cli(C)`, `OmegaConf.structured(C)`, `HfArgumentParser((A, B))`. */
const CONFIG_CLASS_CONSUMERS = new Set([
  "tyro.cli",
  "omegaconf.OmegaConf.structured",
  "transformers.HfArgumentParser",
  "simple_parsing.parse",
  "draccus.parse",
  "pyrallis.parse",
]);

/** Class-level names that are not fields (pydantic v2 config, dunder attributes). */
const NOT_FIELDS = new Set(["model_config", "Config"]);

/** Calls on a config class that build an instance of it. */
const CONSTRUCTORS = new Set(["parse_obj", "model_validate", "parse_file", "parse_raw", "model_validate_json", "from_dict", "from_yaml", "from_json", "load", "from_file"]);

function position(node: PyNode): { line: number; column: number } {
  return { line: node.loc.start.line, column: node.loc.start.column + 1 };
}

/** The expression a decorator applies (`dataclass` of `@dataclass(frozen=True)`). */
function decoratorTarget(decorator: PyNode): PyNode | undefined {
  const expression = decorator.children[0];
  return expression?.type === "call" ? field(expression, "function") : expression;
}

/** Names of classes passed to config parsers anywhere in the module. */
function consumedClassNames(scope: ModuleScope): Set<string> {
  return scope.memo<Set<string>>("consumed-config-classes", scope.root, new Set(), () => {
    const names = new Set<string>();
    for (const call of descendants(scope.root, "call")) {
      const callee = scope.imports.calleeName(call);
      const method = field(call, "function");
      const isStore = method?.type === "attribute" && field(method, "attribute")?.text === "store";
      if (!(callee && CONFIG_CLASS_CONSUMERS.has(callee)) && !isStore) continue;
      const candidates = [...positionalArguments(call), keywordArgument(call, "node"), keywordArgument(call, "config_class")];
      for (const candidate of candidates) {
        const items = candidate?.type === "tuple" || candidate?.type === "list" ? candidate.children : [candidate];
        for (const item of items) if (item?.type === "identifier" && item.text) names.add(item.text);
      }
    }
    return names;
  });
}

function classKind(definition: PyNode, scope: ModuleScope, local: Map<string, ConfigClass["kind"]>): ConfigClass["kind"] | null {
  const decorated = definition.parent?.type === "decorated_definition" ? definition.parent : null;
  for (const decorator of decorated?.children.filter((child) => child.type === "decorator") ?? []) {
    const name = scope.imports.qualifiedName(decoratorTarget(decorator));
    if (name && DATACLASS_DECORATORS.has(name)) return "dataclass";
    if (name && ATTRS_DECORATORS.has(name)) return "attrs";
  }
  for (const base of field(definition, "superclasses")?.children ?? []) {
    const name = scope.imports.qualifiedName(base);
    if (name && PYDANTIC_SETTINGS.has(name)) return "pydantic-settings";
    if (name && PYDANTIC_MODELS.has(name)) return "pydantic";
    const inherited = base.type === "identifier" ? local.get(base.text!) : undefined;
    if (inherited) return inherited;
  }
  return null;
}

function classFields(definition: PyNode, scope: ModuleScope): ConfigClassField[] {
  const fields: ConfigClassField[] = [];
  for (const statement of field(definition, "body")?.children ?? []) {
    const assignment = statement.type === "expression_statement" ? statement.children[0] : undefined;
    if (assignment?.type !== "assignment") continue;
    const target = field(assignment, "left");
    const name = target?.type === "identifier" ? target.text : undefined;
    if (!target || !name || name.startsWith("_") || NOT_FIELDS.has(name)) continue;
    const annotation = field(assignment, "typeNode");
    const type = annotation ? scope.textOf(annotation) : undefined;
    if (type?.startsWith("ClassVar") || type?.includes(".ClassVar")) continue;
    const entry: ConfigClassField = { name, ...position(target) };
    if (type !== undefined) entry.type = type;
    const value = field(assignment, "right");
    const fallback = value ? fieldDefault(value, scope) : undefined;
    if (fallback) entry.default = defaultOf(fallback, scope);
    // Without an annotation, a class attribute of a dataclass is no field; of a pydantic model it is one.
    if (type !== undefined || value) fields.push(entry);
  }
  return fields;
}

/** The default a field declares: the value itself, or `default=` / the first argument of `field(...)`, `Field(...)`, `attr.ib(...)`. */
function fieldDefault(value: PyNode, scope: ModuleScope): PyNode | undefined {
  if (value.type !== "call") return value;
  const callee = scope.imports.calleeName(value) ?? "";
  if (!/(?:^|\.)(?:field|Field|ib|attrib)$/u.test(callee)) return value;
  const explicit = keywordArgument(value, "default");
  if (explicit) return explicit;
  if (/(?:^|\.)Field$/u.test(callee)) {
    const first = positionalArguments(value)[0];
    return first?.type === "ellipsis" ? undefined : first;
  }
  return undefined;
}

/** Calls on a class that validate a mapping into an instance. */
const VALIDATORS = new Set(["model_validate", "parse_obj", "from_dict", "validate"]);

/**
 * The config file each class of the module is validated from: `Cls.model_validate(cfg)`,
 * `Cls.parse_obj(cfg)`, `Cls(**cfg)` with `cfg` loaded from a known file.
 */
function validatedSources(root: PyNode, scope: ModuleScope): Map<string, string> {
  const sources = new Map<string, string>();
  for (const call of descendants(root, "call")) {
    const callee = field(call, "function");
    let className: string | undefined;
    let argument: PyNode | undefined;
    if (callee?.type === "attribute" && VALIDATORS.has(field(callee, "attribute")?.text ?? "") && field(callee, "object")?.type === "identifier") {
      className = field(callee, "object")!.text;
      argument = positionalArguments(call)[0];
    } else if (callee?.type === "identifier") {
      className = callee.text;
      argument = field(call, "arguments")?.children.find((child) => child.type === "dictionary_splat")?.children[0];
    }
    const source = argument ? configObjectOf(argument, scope)?.source : null;
    if (className && source && !sources.has(className)) sources.set(className, source);
  }
  return sources;
}

/** The typed config classes a module defines at any depth, in source order. */
export function extractConfigClasses(root: PyNode, scope: ModuleScope): ConfigClass[] {
  const consumed = consumedClassNames(scope);
  const kinds = new Map<string, ConfigClass["kind"]>();
  const classes: ConfigClass[] = [];
  for (const definition of descendants(root, "class_definition")) {
    const nameNode = field(definition, "name");
    const name = nameNode?.text;
    if (!nameNode || !name) continue;
    const kind = classKind(definition, scope, kinds);
    if (!kind) continue;
    kinds.set(name, kind);
    if (kind !== "pydantic-settings" && !CONFIG_CLASS_NAME.test(name) && !consumed.has(name)) continue;
    classes.push({ name, kind, ...position(nameNode), fields: classFields(definition, scope) });
  }
  if (classes.length === 0) return classes;
  const sources = validatedSources(root, scope);
  for (const entry of classes) {
    const source = sources.get(entry.name);
    if (source) entry.source = source;
  }
  return classes;
}

// ── Reads ────────────────────────────────────────────────────────────────────────────────────

/** Libraries whose classes are named like configs but are containers or library settings (`DictConfig`, `OmegaConf`, `TrainingArguments`). */
const LIBRARY_MODULES = /^(?:omegaconf|hydra|transformers|pydantic|pydantic_settings|ml_collections|typing|argparse|dataclasses|torch|tensorflow|keras|tf_keras|sklearn|lightning|pytorch_lightning|accelerate|datasets|peft|trl|diffusers|jax|flax|optax|numpy|pandas|yaml|json|configparser|logging|wandb|mlflow)(?:\.|$)/u;

/** The class an identifier names: a class defined in this module, or a class imported from another one. */
function classReference(node: PyNode | undefined, scope: ModuleScope, locals: Set<string>): ConfigRead["typedClass"] | null {
  if (node?.type !== "identifier" || !node.text) return null;
  if (locals.has(node.text) && scope.imports.localDefinitions.has(node.text)) return { module: null, name: node.text };
  const binding = scope.imports.bindings.get(node.text);
  if (!binding || !CONFIG_CLASS_NAME.test(node.text) || LIBRARY_MODULES.test(binding.qualified)) return null;
  const name = binding.qualified.slice(binding.qualified.lastIndexOf(".") + 1);
  return { module: binding.module, name };
}

/** The config class an expression's value is an instance of, or null. */
function instanceClass(node: PyNode, scope: ModuleScope, locals: Set<string>): ConfigRead["typedClass"] | null {
  if (node.type !== "call") return null;
  const callee = field(node, "function");
  const direct = classReference(callee, scope, locals);
  if (direct) return direct;
  if (callee?.type === "attribute" && CONSTRUCTORS.has(field(callee, "attribute")?.text ?? "")) return classReference(field(callee, "object"), scope, locals);
  const name = scope.imports.calleeName(node);
  if (name === "tyro.cli" || name === "omegaconf.OmegaConf.structured") return classReference(positionalArguments(node)[0], scope, locals);
  return null;
}

/** The config class an identifier holds: through its one assignment (`cfg = TrainConfig()`, `cfg: TrainConfig = load()`), or its parameter annotation. */
function objectClass(identifier: PyNode, scope: ModuleScope, locals: Set<string>): ConfigRead["typedClass"] | null {
  const binding = scope.singleBinding(identifier);
  if (!binding) return null;
  const declaration = binding.target.parent;
  const annotation = declaration && ["typed_parameter", "typed_default_parameter", "assignment"].includes(declaration.type) ? field(declaration, "typeNode")?.children[0] : undefined;
  if (binding.kind === "assignment" && binding.value) return instanceClass(binding.value, scope, locals) ?? classReference(annotation, scope, locals);
  return binding.kind === "parameter" ? classReference(annotation, scope, locals) : null;
}

/** True when an attribute is written, deleted or called as a method. */
function isReadOnly(node: PyNode): boolean {
  const parent = node.parent;
  if (!parent) return true;
  if (parent.type === "call" && field(parent, "function") === node) return false;
  if ((parent.type === "assignment" || parent.type === "augmented_assignment") && field(parent, "left") === node) return false;
  return parent.type !== "delete_statement";
}

/**
 * Reads of typed config fields, outermost attribute chain only (`cfg.optim.lr` reads
 * `optim.lr`). Imported classes count when they are named like a config; the project index later
 * keeps only the reads whose class it finds.
 */
export function extractTypedConfigReads(root: PyNode, scope: ModuleScope): ConfigRead[] {
  const locals = new Set(extractConfigClasses(root, scope).map((entry) => entry.name));
  const reads: ConfigRead[] = [];
  for (const attribute of descendants(root, "attribute")) {
    const object = field(attribute, "object");
    if (object?.type !== "identifier") continue;
    const typedClass = objectClass(object, scope, locals);
    if (!typedClass) continue;
    let outer = attribute;
    const segments = [field(attribute, "attribute")?.text ?? ""];
    while (outer.parent?.type === "attribute" && field(outer.parent, "object") === outer && !(outer.parent.parent?.type === "call" && field(outer.parent.parent, "function") === outer.parent)) {
      outer = outer.parent;
      segments.push(field(outer, "attribute")?.text ?? "");
    }
    if (segments[0]!.startsWith("_") || !isReadOnly(outer)) continue;
    reads.push({ key: segments.join("."), mechanism: "typed", node: outer, ...position(outer), dynamic: false, typedClass });
  }
  return reads;
}
