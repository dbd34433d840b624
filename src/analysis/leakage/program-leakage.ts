/**
 * The leakage facts of one program: where it splits data (hold-out splits, cross-validation
 * loops, functions and searches that cross-validate internally), which side of a split every
 * value comes from, and where it fits learners on which data. Built on the program's data flow,
 * so `X_test` is the test split because it was unpacked from `train_test_split`, whatever it is
 * called, and stays the test split through reassignments, scaling and concatenation.
 *
 * Roles: the second of each pair `train_test_split` returns is `test`, the first `train`. A split
 * of training data makes `train` and `validation`; a split of held-out data makes `validation`
 * and `test`. The test folds of a cross-validation loop over unsplit data are `test` folds.
 */
import { PyNode, field } from "../../languages/python/nodes.js";
import { callsIn, enclosingFunction, keywordArgument, positionalArguments } from "../../rules-kit/python-syntax.js";
import { importsOf } from "../../project/python/imports.js";
import { flowOf, type Definition, type ProgramFlow } from "../dataflow/program-flow.js";
import { constructorsOf, type Constructors, type Construction } from "../types/constructors.js";
import { COMPOSITES, CV_FUNCTIONS, CV_SPLITTERS, DATA_KEYWORDS, FIT_METHODS, HOLDOUT_SPLITTERS, LEAKY_LEARNERS, PARTITION_SPLITTERS, SEARCHES, TRAIN_FUNCTIONS } from "./api-tables.js";

export type SplitRole = "train" | "validation" | "test";

/** Words that declare a held-out part a validation set. Names never make data test data; they only say it is not. */
const VALIDATION_WORDS = new Set(["val", "valid", "validation", "dev", "tune", "tuning", "xval", "yval"]);

function namedAsValidation(path: string): boolean {
  return path.toLowerCase().split(/[._]/u).some((word) => VALIDATION_WORDS.has(word));
}

/** A place where data is divided into training and held-out parts. */
export interface SplitSite {
  /** The splitting call (`train_test_split(…)`, `cv.split(X)`, `cross_val_score(…)`, `search.fit(…)`). */
  call: PyNode;
  /**
   * `holdout`: parts are returned (`train_test_split`, `random_split`); `cv-loop`: a loop over a
   * splitter's folds; `cv-internal`: a function or search that cross-validates inside.
   */
  kind: "holdout" | "cv-loop" | "cv-internal";
  /** The data arguments split. */
  data: PyNode[];
  /** Qualified name of the splitting API. */
  api: string;
}

/** One fit of a learner on data. */
export interface FitSite {
  call: PyNode;
  /** `fit`, `fit_transform`, …, or the training function's name (`xgboost.train`). */
  method: string;
  /** The object fit (`scaler` of `scaler.fit(X)`), null for training functions. */
  receiver: PyNode | null;
  /** The data arguments: positional training data and `X=`/`y=` keywords. */
  data: PyNode[];
  /** The preprocessing learner fit, when it learns from the rows (a scaler, imputer, selector, resampler, or a pipeline of them). */
  learner: Construction | null;
}

/** A value reaching back to one side of a split. */
export interface RoleHit {
  role: SplitRole;
  split: SplitSite;
  /** The split output it came through (`X_test`). */
  definition: Definition;
}

interface SplitOutput {
  split: SplitSite;
  /** True for the training side of the split. */
  trainSide: boolean;
}

/** True for the qualified name of a call that splits data, or builds a splitter or a search that does. */
function splittingApi(name: string | null): boolean {
  return name !== null && (HOLDOUT_SPLITTERS.has(name) || PARTITION_SPLITTERS.has(name) || CV_FUNCTIONS.test(name) || CV_SPLITTERS.test(name) || SEARCHES.test(name));
}

export class ProgramLeakage {
  /** The program's module node. */
  readonly root: PyNode;
  /**
   * The split sites, and the fits of a program that has some: a program without a splitting call
   * (nor a splitter or search built in it: constructions come from its own calls) has neither,
   * and its data flow is not computed for them.
   */
  readonly splits: SplitSite[] = [];
  readonly fits: FitSite[] = [];
  readonly #outputs = new Map<Definition, SplitOutput>();
  readonly #roles = new Map<Definition, SplitRole | "pending">();
  readonly #isOutput = (definition: Definition) => this.#outputs.has(definition);

  #flow: ProgramFlow | undefined;
  #constructors: Constructors | undefined;

  /** The module's data flow, computed on first use. */
  get flow(): ProgramFlow {
    return (this.#flow ??= flowOf(this.root));
  }

  get constructors(): Constructors {
    return (this.#constructors ??= constructorsOf(this.root));
  }

  constructor(root: PyNode) {
    this.root = root;
    const calls = callsIn(root);
    const imports = importsOf(root);
    if (!calls.some((call) => splittingApi(imports.calleeName(call)))) return;
    const splitsByCall = new Map<PyNode, SplitSite>();
    for (const call of calls) {
      const split = this.#splitSite(call);
      if (split) {
        this.splits.push(split);
        splitsByCall.set(call, split);
      }
      const fit = this.#fitSite(call);
      if (fit) this.fits.push(fit);
    }
    for (const definition of this.flow.definitions) {
      const output = splitOutput(definition, splitsByCall);
      if (output) this.#outputs.set(definition, output);
    }
  }

  /** True when the definition is one part of a split (`X_test`, a fold's `test_idx`). */
  isSplitOutput(definition: Definition): boolean {
    return this.#outputs.has(definition);
  }

  /** The split parts an expression's value comes from. */
  rolesOf(expression: PyNode, options: { throughFittedObjects?: boolean } = {}): RoleHit[] {
    const stop = options.throughFittedObjects === false ? (definition: Definition) => this.#isOutput(definition) || isFitMutation(definition) : this.#isOutput;
    const hits: RoleHit[] = [];
    for (const definition of this.flow.lineageOfExpression(expression, stop)) {
      const output = this.#outputs.get(definition);
      if (output) hits.push({ role: this.roleOf(definition)!, split: output.split, definition });
    }
    return hits.sort((a, b) => a.definition.id - b.definition.id);
  }

  /** The role of a split output, or null for any other definition. */
  roleOf(definition: Definition): SplitRole | null {
    const output = this.#outputs.get(definition);
    if (!output) return null;
    const known = this.#roles.get(definition);
    if (known === "pending") return output.trainSide ? "train" : "test";
    if (known) return known;
    this.#roles.set(definition, "pending");
    const inputRoles = new Set(output.split.data.flatMap((data) => this.rolesOf(data).map((hit) => hit.role)));
    let role: SplitRole;
    if (inputRoles.has("test") || inputRoles.has("validation")) role = output.trainSide ? "validation" : "test";
    else if (inputRoles.has("train")) role = output.trainSide ? "train" : "validation";
    else role = output.trainSide ? "train" : "test";
    // A held-out part its author names a validation set (`X_val`, `y_valid`, `X_dev`) is taken at
    // its word: the project's test data is elsewhere (a separate file, a later split).
    if (role === "test" && namedAsValidation(definition.path)) role = "validation";
    this.#roles.set(definition, role);
    return role;
  }

  /**
   * The definitions holding the rows of an expression: what its data is read from, not its
   * column lists, options or indexes (`df[cols].fillna(0)` reads the rows of `df`).
   */
  rowSources(expression: PyNode): Set<Definition> {
    const found = new Set<Definition>();
    const visit = (node: PyNode | undefined): void => {
      if (!node) return;
      switch (node.type) {
        case "identifier":
        case "attribute": {
          const reaching = this.flow.reachingAt(node);
          if (reaching.length > 0 || node.type === "identifier") {
            for (const definition of reaching) found.add(definition);
            return;
          }
          visit(field(node, "object"));
          return;
        }
        case "subscript":
          visit(field(node, "value"));
          return;
        case "call": {
          const callee = field(node, "function");
          if (callee?.type === "attribute") visit(field(callee, "object"));
          for (const argument of positionalArguments(node)) visit(argument);
          return;
        }
        case "keyword_argument":
          return;
        default:
          for (const child of node.children) visit(child);
      }
    };
    visit(expression);
    return found;
  }

  #splitSite(call: PyNode): SplitSite | null {
    const name = this.constructors.imports.calleeName(call);
    if (name && (HOLDOUT_SPLITTERS.has(name) || PARTITION_SPLITTERS.has(name))) {
      return { call, kind: "holdout", data: positionalArguments(call), api: name };
    }
    if (name && CV_FUNCTIONS.test(name)) {
      const args = positionalArguments(call);
      const data = [args[1] ?? keywordArgument(call, "X"), args[2] ?? keywordArgument(call, "y")].filter((node): node is PyNode => node !== undefined);
      return { call, kind: "cv-internal", data, api: name };
    }
    const callee = field(call, "function");
    if (callee?.type !== "attribute") return null;
    const method = field(callee, "attribute")?.text;
    if (method !== "split" && method !== "fit") return null;
    const built = this.constructors.of(field(callee, "object"));
    if (method === "split") {
      const splitter = built.find((construction) => CV_SPLITTERS.test(construction.name));
      return splitter ? { call, kind: "cv-loop", data: positionalArguments(call), api: splitter.name } : null;
    }
    const search = built.find((construction) => SEARCHES.test(construction.name));
    return search ? { call, kind: "cv-internal", data: fitData(call, 2), api: search.name } : null;
  }

  #fitSite(call: PyNode): FitSite | null {
    const callee = field(call, "function");
    if (callee?.type === "attribute") {
      const method = field(callee, "attribute")?.text ?? "";
      if (!FIT_METHODS.has(method)) return null;
      const receiver = field(callee, "object") ?? null;
      const learner = receiver ? (this.constructors.of(receiver).find((construction) => this.#isLeaky(construction)) ?? null) : null;
      return { call, method, receiver, data: fitData(call, 2), learner };
    }
    const name = this.constructors.imports.calleeName(call);
    const index = name ? TRAIN_FUNCTIONS.get(name) : undefined;
    if (name === null || index === undefined) return null;
    const data = [positionalArguments(call)[index] ?? keywordArgument(call, "dtrain") ?? keywordArgument(call, "train_set")].filter((node): node is PyNode => node !== undefined);
    return { call, method: name, receiver: null, data, learner: null };
  }

  #isLeaky(construction: Construction): boolean {
    if (LEAKY_LEARNERS.test(construction.name)) return true;
    if (!COMPOSITES.test(construction.name)) return false;
    return callsIn(field(construction.call, "arguments")).some((inner) => {
      const name = this.constructors.imports.calleeName(inner);
      return name !== null && LEAKY_LEARNERS.test(name);
    });
  }
}

/** The data arguments of a fitting call: the first `count` positional ones and data keywords. */
function fitData(call: PyNode, count: number): PyNode[] {
  const data = positionalArguments(call).slice(0, count);
  const args = field(call, "arguments");
  for (const child of args?.children ?? []) {
    if (child.type === "keyword_argument" && DATA_KEYWORDS.has(field(child, "name")?.text ?? "")) {
      const value = field(child, "value");
      if (value) data.push(value);
    }
  }
  return data;
}

/** Whether a definition is one part of a split, and which side. */
function splitOutput(definition: Definition, splits: Map<PyNode, SplitSite>): SplitOutput | null {
  const value = definition.value;
  if (!value || value.type !== "call" || definition.position.length === 0) return null;
  if (definition.kind === "unpack") {
    const split = splits.get(value);
    if (split?.kind !== "holdout") return null;
    const index = definition.position[0]!;
    if (index < 0) return null;
    const partition = split.api.endsWith("random_split");
    return { split, trainSide: partition ? index === 0 : index % 2 === 0 };
  }
  if (definition.kind === "loop") {
    // `for train_idx, test_idx in cv.split(X)` and `for fold, (train_idx, test_idx) in enumerate(cv.split(X))`.
    let iterable: PyNode | undefined = value;
    let position = definition.position;
    if (!splits.has(iterable)) {
      const callee = field(iterable, "function");
      if (callee?.type !== "identifier" || callee.text !== "enumerate" || position[0] !== 1) return null;
      iterable = positionalArguments(iterable)[0];
      position = position.slice(1);
    }
    const split = iterable ? splits.get(iterable) : undefined;
    if (split?.kind !== "cv-loop" || position.length !== 1 || position[0]! < 0) return null;
    return { split, trainSide: position[0] === 0 };
  }
  return null;
}

/** A fitted object: the definition `scaler.fit(X)` makes of `scaler`. */
function isFitMutation(definition: Definition): boolean {
  if (definition.kind !== "mutation" || definition.value?.type !== "call") return false;
  const callee = field(definition.value, "function");
  return callee?.type === "attribute" && FIT_METHODS.has(field(callee, "attribute")?.text ?? "");
}

/** True when `a` and `b` run in the same function (or both at module level). */
export function sameFunction(a: PyNode, b: PyNode): boolean {
  return enclosingFunction(a) === enclosingFunction(b);
}

const analyses = new WeakMap<PyNode, ProgramLeakage>();

/** The leakage facts of a module (or notebook program) tree, built once per tree. */
export function leakageOf(root: PyNode): ProgramLeakage {
  let found = analyses.get(root);
  if (!found) {
    found = new ProgramLeakage(root);
    analyses.set(root, found);
  }
  return found;
}
