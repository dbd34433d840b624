/**
 * Which library call constructed an object: `scaler` in `scaler = StandardScaler()` (or
 * `StandardScaler().fit(X)`, or after `scaler.fit(X)`) was built by
 * `sklearn.preprocessing.StandardScaler`. Followed through the data flow; an object built on
 * several paths lists every constructor, one built by unknown code lists none.
 */
import { PyNode, field } from "../../languages/python/nodes.js";
import { importsOf, type ImportTable } from "../../project/python/imports.js";
import { flowOf, type Definition, type ProgramFlow } from "../dataflow/program-flow.js";

/** Methods that return their receiver (`StandardScaler().fit(X)` is the scaler). */
const RETURNS_RECEIVER = new Set(["fit", "partial_fit", "set_params", "set_output", "to", "cuda", "cpu", "train", "eval", "compile"]);

export interface Construction {
  /** Qualified name of the constructor (`sklearn.preprocessing.StandardScaler`). */
  name: string;
  /** The constructor call. */
  call: PyNode;
}

export class Constructors {
  readonly imports: ImportTable;
  readonly flow: ProgramFlow;
  readonly #memo = new Map<Definition, Construction[] | "pending">();

  constructor(root: PyNode) {
    this.imports = importsOf(root);
    this.flow = flowOf(root);
  }

  /** The library constructors the value of `node` may come from (empty when unknown). */
  of(node: PyNode | undefined): Construction[] {
    if (!node) return [];
    switch (node.type) {
      case "parenthesized_expression":
        return node.children.length === 1 ? this.of(node.children[0]) : [];
      case "call": {
        const name = this.imports.calleeName(node);
        if (name) return [{ name, call: node }];
        const callee = field(node, "function");
        if (callee?.type === "attribute" && RETURNS_RECEIVER.has(field(callee, "attribute")?.text ?? "")) return this.of(field(callee, "object"));
        return [];
      }
      case "identifier":
      case "attribute": {
        const reaching = this.flow.reachingAt(node);
        return reaching.flatMap((definition) => this.ofDefinition(definition));
      }
      default:
        return [];
    }
  }

  ofDefinition(definition: Definition): Construction[] {
    const known = this.#memo.get(definition);
    if (known === "pending") return [];
    if (known) return known;
    this.#memo.set(definition, "pending");
    let found: Construction[] = [];
    switch (definition.kind) {
      case "assignment":
      case "with":
        found = this.of(definition.value ?? undefined);
        break;
      case "mutation":
      case "augmented":
        found = [...definition.sources].filter((source) => source.path === definition.path).flatMap((source) => this.ofDefinition(source));
        break;
      default:
        break;
    }
    this.#memo.set(definition, found);
    return found;
  }
}

const tables = new WeakMap<PyNode, Constructors>();

/** The constructor resolver of a module (or notebook program) tree, built once per tree. */
export function constructorsOf(root: PyNode): Constructors {
  let found = tables.get(root);
  if (!found) {
    found = new Constructors(root);
    tables.set(root, found);
  }
  return found;
}
