/**
 * What kind of object an expression holds, by provenance: a value from `pd.read_csv` is a pandas
 * DataFrame, `df["age"]` of one is a Series, `torch.nn.Linear(…)` and an instance of a local
 * `nn.Module` subclass are torch modules, `pl.read_csv` gives a polars frame (and so no pandas
 * rule fires on it). Names are followed through the program's data flow; when the definitions
 * reaching a name disagree, or any of them is unknown, the kind is unknown. Rules ask this before
 * flagging a library-specific smell, so a dict's `.values` or a polars frame stays quiet.
 */
import { PyNode, field } from "../../languages/python/nodes.js";
import { importsOf, type ImportTable } from "../../project/python/imports.js";
import { keywordArgument, positionalArguments } from "../../rules-kit/python-syntax.js";
import { accessPath } from "../dataflow/access-path.js";
import { flowOf, type Definition, type ProgramFlow } from "../dataflow/program-flow.js";

export type ValueKind =
  | "pandas.DataFrame"
  | "pandas.Series"
  /** A DataFrame or a Series (`df.loc[…]`, `pd.concat(…)`). */
  | "pandas.NDFrame"
  | "pandas.GroupBy"
  | "numpy.ndarray"
  | "torch.Tensor"
  | "torch.nn.Module"
  | "torch.optim.Optimizer"
  | "polars.DataFrame"
  | "polars.LazyFrame";

/** True for the pandas containers (DataFrame, Series, either). */
export function isPandas(kind: ValueKind | null): kind is "pandas.DataFrame" | "pandas.Series" | "pandas.NDFrame" {
  return kind === "pandas.DataFrame" || kind === "pandas.Series" || kind === "pandas.NDFrame";
}

/** Library functions by qualified name, and the kind of what they return. */
const FUNCTION_RESULTS: [RegExp, ValueKind][] = [
  [/^pandas\.(read_(csv|table|parquet|feather|excel|json|sql|sql_query|sql_table|fwf|orc|stata|sas|spss|hdf|xml|clipboard)|DataFrame|merge|merge_asof|merge_ordered|get_dummies|pivot_table|crosstab|json_normalize|pivot|melt|wide_to_long)$/u, "pandas.DataFrame"],
  [/^pandas\.(Series|to_numeric|cut|qcut)$/u, "pandas.NDFrame"],
  [/^pandas\.concat$/u, "pandas.NDFrame"],
  [/^seaborn\.load_dataset$/u, "pandas.DataFrame"],
  [/^numpy\.(array|asarray|asanyarray|ascontiguousarray|zeros|ones|empty|full|zeros_like|ones_like|empty_like|full_like|arange|linspace|logspace|eye|identity|concatenate|stack|vstack|hstack|column_stack|dstack|load|loadtxt|genfromtxt|fromfile|frombuffer|where|dot|matmul|outer|meshgrid|tile|repeat|diag|tril|triu)$/u, "numpy.ndarray"],
  [/^numpy\.random\.(rand|randn|randint|random|random_sample|normal|uniform|permutation|choice)$/u, "numpy.ndarray"],
  [/^torch\.(tensor|as_tensor|from_numpy|zeros|ones|empty|full|zeros_like|ones_like|empty_like|full_like|rand|randn|randint|randperm|rand_like|randn_like|arange|linspace|logspace|eye|stack|cat|concat|matmul|mm|bmm|where|sigmoid|softmax|tanh|exp|log)$/u, "torch.Tensor"],
  [/^torch\.nn\.(?!functional\.|init\.|utils\.|parameter\.)([A-Z]\w*)$/u, "torch.nn.Module"],
  [/^torch\.nn\.modules\.\w+\.[A-Z]\w*$/u, "torch.nn.Module"],
  [/^torchvision\.models\.(?!detection\.|segmentation\.|video\.|quantization\.|optical_flow\.)[a-z]\w*$/u, "torch.nn.Module"],
  [/^timm\.create_model$/u, "torch.nn.Module"],
  [/^transformers\.\w*(Model|For\w+)\.from_pretrained$/u, "torch.nn.Module"],
  [/^torch\.optim\.(?!lr_scheduler\.|swa_utils\.)[A-Z]\w*$/u, "torch.optim.Optimizer"],
  [/^polars\.(read_\w+|DataFrame|from_\w+|concat)$/u, "polars.DataFrame"],
  [/^polars\.scan_\w+$/u, "polars.LazyFrame"],
];

/** Base classes whose subclasses' instances are torch modules. */
const MODULE_BASES = /^(torch\.nn\.Module|torch\.nn\.modules\.module\.Module|pytorch_lightning\.LightningModule|lightning\.LightningModule|lightning\.pytorch\.LightningModule|transformers\.PreTrainedModel)$/u;

const FRAME_METHODS = new Set([
  "copy", "dropna", "fillna", "drop", "drop_duplicates", "rename", "reset_index", "set_index", "sort_values", "sort_index",
  "head", "tail", "sample", "astype", "replace", "assign", "query", "merge", "join", "filter", "select_dtypes", "applymap",
  "pivot", "pivot_table", "melt", "transpose", "abs", "round", "clip", "interpolate", "ffill", "bfill", "where", "mask",
  "explode", "nlargest", "nsmallest", "reindex", "rename_axis", "infer_objects", "convert_dtypes", "describe", "corr", "cov",
  "isna", "isnull", "notna", "notnull", "diff", "pct_change", "shift", "cumsum", "cumprod", "rank", "dropna", "truncate",
  "add_prefix", "add_suffix", "set_axis", "droplevel", "swaplevel", "stack", "unstack", "combine_first", "update",
]);
const SERIES_METHODS = new Set([
  "copy", "dropna", "fillna", "astype", "map", "replace", "sort_values", "sort_index", "head", "tail", "sample", "abs",
  "round", "clip", "interpolate", "ffill", "bfill", "where", "mask", "isna", "isnull", "notna", "notnull", "diff",
  "pct_change", "shift", "cumsum", "cumprod", "rank", "value_counts", "between", "isin", "nlargest", "nsmallest", "rename",
  "drop", "drop_duplicates", "reindex", "explode", "apply", "str", "dt", "cat",
]);
const GROUPBY_FRAME_METHODS = new Set(["agg", "aggregate", "transform", "filter", "head", "tail", "first", "last", "nth"]);
const ARRAY_METHODS = new Set(["reshape", "astype", "copy", "transpose", "flatten", "ravel", "squeeze", "clip", "round", "cumsum", "T"]);
const TENSOR_METHODS = new Set(["to", "cuda", "cpu", "float", "double", "half", "long", "int", "bool", "view", "reshape", "detach", "clone", "permute", "unsqueeze", "squeeze", "contiguous", "flatten", "transpose", "requires_grad_", "type", "expand", "repeat", "T"]);
const MODULE_METHODS = new Set(["to", "cuda", "cpu", "train", "eval", "float", "double", "half", "requires_grad_", "to_empty"]);

/** The kind of `name.method(…)` for a receiver of a known kind, or null. */
function methodResult(receiver: ValueKind, method: string, call: PyNode): ValueKind | null {
  switch (receiver) {
    case "pandas.DataFrame":
      if (method === "to_numpy") return "numpy.ndarray";
      if (method === "groupby") return "pandas.GroupBy";
      if (method === "apply") return "pandas.NDFrame";
      if (FRAME_METHODS.has(method)) return inplaceCall(call) ? null : "pandas.DataFrame";
      return null;
    case "pandas.Series":
      if (method === "to_numpy" || method === "unique") return "numpy.ndarray";
      if (method === "to_frame") return "pandas.DataFrame";
      if (method === "groupby") return "pandas.GroupBy";
      if (method === "reset_index") return "pandas.NDFrame";
      if (SERIES_METHODS.has(method)) return inplaceCall(call) ? null : "pandas.Series";
      return null;
    case "pandas.NDFrame":
      if (method === "to_numpy") return "numpy.ndarray";
      if (method === "groupby") return "pandas.GroupBy";
      if (FRAME_METHODS.has(method) && SERIES_METHODS.has(method)) return inplaceCall(call) ? null : "pandas.NDFrame";
      return null;
    case "pandas.GroupBy":
      return GROUPBY_FRAME_METHODS.has(method) ? "pandas.NDFrame" : null;
    case "numpy.ndarray":
      return ARRAY_METHODS.has(method) ? "numpy.ndarray" : null;
    case "torch.Tensor":
      if (method === "numpy") return "numpy.ndarray";
      return TENSOR_METHODS.has(method) ? "torch.Tensor" : null;
    case "torch.nn.Module":
      return MODULE_METHODS.has(method) ? "torch.nn.Module" : null;
    case "polars.DataFrame":
    case "polars.LazyFrame":
      // polars methods return polars objects (or scalars); never pandas ones, except to_pandas.
      if (method === "to_pandas") return "pandas.NDFrame";
      if (method === "to_numpy") return "numpy.ndarray";
      return receiver;
    default:
      return null;
  }
}

function inplaceCall(call: PyNode): boolean {
  return keywordArgument(call, "inplace")?.type === "true";
}

/** `df.x` that is not a method: a column (Series) of a frame. */
function attributeResult(receiver: ValueKind, attribute: string): ValueKind | null {
  if (receiver === "pandas.DataFrame" || receiver === "pandas.Series" || receiver === "pandas.NDFrame") {
    if (attribute === "values") return "numpy.ndarray";
    if (attribute === "T") return receiver;
    if (attribute === "loc" || attribute === "iloc") return null;
    if (receiver === "pandas.DataFrame" && !FRAME_METHODS.has(attribute) && !NON_COLUMN_ATTRIBUTES.has(attribute)) return "pandas.Series";
    return null;
  }
  if (receiver === "numpy.ndarray" && attribute === "T") return "numpy.ndarray";
  if (receiver === "torch.Tensor" && (attribute === "T" || attribute === "data" || attribute === "grad")) return "torch.Tensor";
  if (receiver === "polars.DataFrame" || receiver === "polars.LazyFrame") return null;
  return null;
}

/** DataFrame attributes that are not columns. */
const NON_COLUMN_ATTRIBUTES = new Set([
  "shape", "columns", "index", "dtypes", "size", "ndim", "empty", "axes", "iat", "at", "style", "plot", "attrs", "flags",
  "to_csv", "to_parquet", "to_numpy", "to_dict", "to_json", "to_excel", "to_sql", "to_pickle", "iterrows", "itertuples",
  "items", "groupby", "apply", "agg", "aggregate", "mean", "sum", "min", "max", "std", "var", "median", "count", "nunique",
  "info", "memory_usage", "hist", "boxplot", "sparse", "str", "dt", "cat", "rolling", "expanding", "ewm", "resample",
  "loc", "iloc", "values", "T", "any", "all", "idxmax", "idxmin", "mode", "quantile", "equals", "keys", "get", "pop",
  "insert", "nlargest", "nsmallest", "value_counts", "isin", "dot", "le", "lt", "ge", "gt", "eq", "ne", "add", "sub",
  "mul", "div", "truediv", "floordiv", "mod", "pow", "corrwith", "duplicated", "first_valid_index", "last_valid_index",
]);

/** The kind of `value[index]` for a container of a known kind. */
function subscriptResult(container: ValueKind, index: PyNode[]): ValueKind | null {
  if (container === "pandas.DataFrame") {
    if (index.length !== 1) return null;
    const only = index[0]!;
    if (only.type === "string" && !only.children.some((child) => child.type === "interpolation")) return "pandas.Series";
    if (only.type === "list") return "pandas.DataFrame";
    if (only.type === "comparison_operator" || only.type === "boolean_operator" || only.type === "unary_operator") return "pandas.DataFrame";
    return "pandas.NDFrame";
  }
  if (container === "pandas.Series") return index.length === 1 && (index[0]!.type === "comparison_operator" || index[0]!.type === "boolean_operator") ? "pandas.Series" : null;
  if (container === "numpy.ndarray" || container === "torch.Tensor") return index.some((part) => part.type === "slice" || part.type === "ellipsis" || part.type === "none") ? container : null;
  if (container === "polars.DataFrame") return null;
  return null;
}

/** Resolves value kinds in one program. Build with {@link valueKindsOf}. */
export class ValueKinds {
  readonly imports: ImportTable;
  readonly flow: ProgramFlow;
  readonly #definitions = new Map<Definition, ValueKind | null | "pending">();
  readonly #moduleClasses = new Map<PyNode, boolean>();

  constructor(root: PyNode) {
    this.imports = importsOf(root);
    this.flow = flowOf(root);
  }

  /** The kind of value an expression holds, or null when unknown. */
  of(node: PyNode | undefined): ValueKind | null {
    if (!node) return null;
    switch (node.type) {
      case "parenthesized_expression":
        return node.children.length === 1 ? this.of(node.children[0]) : null;
      case "identifier":
        return this.#ofReads(node);
      case "attribute":
        return this.#ofAttribute(node);
      case "call":
        return this.#ofCall(node);
      case "subscript": {
        const container = this.of(field(node, "value"));
        const index = node.children.slice(1);
        return container ? subscriptResult(container, index) : null;
      }
      case "binary_operator": {
        const [left, right] = [node.children[0], node.children[1]];
        const operator = node.operator;
        if (operator === "@") return null;
        const kinds = [this.of(left), this.of(right)];
        if (kinds.some(isPandas)) return "pandas.NDFrame";
        if (kinds.includes("numpy.ndarray")) return "numpy.ndarray";
        if (kinds.includes("torch.Tensor")) return "torch.Tensor";
        return null;
      }
      default:
        return null;
    }
  }

  #ofReads(node: PyNode): ValueKind | null {
    const definitions = this.flow.reachingAt(node);
    if (definitions.length === 0) return null;
    let kind: ValueKind | null = null;
    for (const definition of definitions) {
      const found = this.ofDefinition(definition);
      if (found === null) return null;
      if (kind === null) kind = found;
      else if (kind !== found) {
        if (isPandas(kind) && isPandas(found)) kind = "pandas.NDFrame";
        else return null;
      }
    }
    return kind;
  }

  /** The kind of value a definition binds. */
  ofDefinition(definition: Definition): ValueKind | null {
    const known = this.#definitions.get(definition);
    if (known === "pending") return null;
    if (known !== undefined) return known;
    this.#definitions.set(definition, "pending");
    const kind = this.#computeDefinition(definition);
    this.#definitions.set(definition, kind);
    return kind;
  }

  #computeDefinition(definition: Definition): ValueKind | null {
    switch (definition.kind) {
      case "assignment":
      case "with":
        return this.of(definition.value ?? undefined);
      case "unpack":
        return this.#ofUnpacked(definition);
      case "augmented":
      case "mutation": {
        // A write through a name keeps its kind: the kinds of the earlier definitions of the same path.
        const earlier = [...definition.sources].filter((source) => source.path === definition.path);
        if (earlier.length === 0) return null;
        const kinds = new Set(earlier.map((source) => this.ofDefinition(source)));
        return kinds.size === 1 ? [...kinds][0]! : null;
      }
      case "parameter": {
        const annotation = definition.target.parent?.type === "typed_parameter" || definition.target.parent?.type === "typed_default_parameter" ? field(definition.target.parent, "typeNode") : undefined;
        const name = annotation ? this.imports.qualifiedName(annotation.children[0] ?? annotation) : null;
        if (name === "pandas.DataFrame" || name === "pandas.core.frame.DataFrame") return "pandas.DataFrame";
        if (name === "pandas.Series") return "pandas.Series";
        if (name === "numpy.ndarray" || name === "numpy.typing.NDArray") return "numpy.ndarray";
        if (name === "torch.Tensor") return "torch.Tensor";
        if (name === "torch.nn.Module") return "torch.nn.Module";
        if (name === "polars.DataFrame") return "polars.DataFrame";
        return null;
      }
      case "loop": {
        // `for key, group in df.groupby(…)`: the group is a frame.
        const iterable = definition.value;
        if (iterable?.type === "call" && definition.position.length === 1 && definition.position[0] === 1) {
          const callee = field(iterable, "function");
          if (callee?.type === "attribute" && field(callee, "attribute")?.text === "groupby" && this.of(field(callee, "object")) === "pandas.DataFrame") return "pandas.DataFrame";
        }
        return null;
      }
      default:
        return null;
    }
  }

  /** `X_train, X_test, y_train, y_test = train_test_split(X, y)`: each part has its array's kind. */
  #ofUnpacked(definition: Definition): ValueKind | null {
    const value = definition.value;
    if (value?.type !== "call" || definition.position.length !== 1) return null;
    const name = this.imports.calleeName(value);
    if (name !== "sklearn.model_selection.train_test_split") return null;
    const arrays = positionalArguments(value);
    const source = arrays[Math.floor(definition.position[0]! / 2)];
    return source ? this.of(source) : null;
  }

  #ofAttribute(node: PyNode): ValueKind | null {
    // `self.model`, written as such: the kind of what was written.
    const path = accessPath(node);
    const reaching = this.flow.reachingAt(node);
    if (reaching.length > 0 && reaching.every((definition) => definition.path === path)) return this.#ofReads(node);
    const object = field(node, "object");
    const attribute = field(node, "attribute")?.text ?? "";
    const receiver = this.of(object);
    return receiver ? attributeResult(receiver, attribute) : null;
  }

  #ofCall(node: PyNode): ValueKind | null {
    const name = this.imports.calleeName(node);
    if (name) {
      for (const [pattern, kind] of FUNCTION_RESULTS) if (pattern.test(name)) return kind;
      if (name === "pandas.read_excel" && keywordArgument(node, "sheet_name")) return null;
      return null;
    }
    const callee = field(node, "function");
    if (callee?.type === "identifier" && this.#isModuleClass(callee)) return "torch.nn.Module";
    if (callee?.type === "attribute") {
      const method = field(callee, "attribute")?.text ?? "";
      const receiver = this.of(field(callee, "object"));
      if (receiver) return methodResult(receiver, method, node);
    }
    return null;
  }

  /** True when `callee` names a class of this program that derives from a torch module base. */
  #isModuleClass(callee: PyNode): boolean {
    const definitions = this.flow.reachingAt(callee);
    if (definitions.length === 0) return false;
    return definitions.every((definition) => definition.kind === "definition" && definition.value?.type === "class_definition" && this.#derivesFromModule(definition.value));
  }

  #derivesFromModule(classNode: PyNode): boolean {
    const known = this.#moduleClasses.get(classNode);
    if (known !== undefined) return known;
    this.#moduleClasses.set(classNode, false);
    const bases = field(classNode, "superclasses")?.children ?? [];
    const result = bases.some((base) => {
      const name = this.imports.qualifiedName(base);
      if (name) return MODULE_BASES.test(name);
      return base.type === "identifier" && this.#isModuleClass(base);
    });
    this.#moduleClasses.set(classNode, result);
    return result;
  }
}

const kinds = new WeakMap<PyNode, ValueKinds>();

/** The value-kind resolver of a module (or notebook program) tree, built once per tree. */
export function valueKindsOf(root: PyNode): ValueKinds {
  let found = kinds.get(root);
  if (!found) {
    found = new ValueKinds(root);
    kinds.set(root, found);
  }
  return found;
}
