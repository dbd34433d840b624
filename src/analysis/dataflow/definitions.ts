/** The vocabulary of the data-flow analysis: definitions and the environments that hold them. */
import type { PyNode } from "../../languages/python/nodes.js";
import { pathPrefixes } from "./access-path.js";

export type DefinitionKind =
  /** `x = v`, `(x := v)`, `self.x = v` */
  | "assignment"
  /** `a, b = v`: `position` says which element */
  | "unpack"
  /** `x += v` */
  | "augmented"
  /** `df["a"] = v`, `df.fillna(0, inplace=True)`, `scaler.fit(X)`, `rows.append(r)` */
  | "mutation"
  /** `for x in v`, comprehension targets */
  | "loop"
  /** `with v as x` */
  | "with"
  | "parameter"
  | "import"
  /** `def f` / `class C` */
  | "definition"
  /** `except E as e` */
  | "exception";

/** One write of an access path. */
export interface Definition {
  readonly id: number;
  /** The access path written (`X_train`, `self.scaler`). */
  readonly path: string;
  readonly kind: DefinitionKind;
  /** The node written: the target identifier or attribute; a mutation's receiver. */
  readonly target: PyNode;
  /**
   * The value: the assigned expression (the whole right-hand side when unpacking), a loop's
   * iterable, a mutation's call or assignment, a parameter's default.
   */
  readonly value: PyNode | null;
  /** Unpack positions from the outermost target list inwards (`for i, (a, b) in …`: `b` is [1, 1]); -1 under a starred target. */
  readonly position: readonly number[];
  /** How many targets each level of `position` has. */
  readonly width: readonly number[];
  /** The statement that makes the definition (a simple statement, or a compound statement's header). */
  readonly statement: PyNode;
  /** The module, function, lambda, class or comprehension the definition belongs to. */
  readonly scope: PyNode;
  /** The definitions the value was computed from. Grows while loops reach their fixed point. */
  readonly sources: Set<Definition>;
}

const EMPTY: Set<Definition> = new Set();

/** Which definitions of each access path may reach a point of the program. */
export class Environment {
  readonly parent: Environment | null;
  #own: Map<string, Set<Definition>>;
  /** How many own paths are attribute paths (`set` only scans for nested paths when there are some). */
  #dotted: number;

  constructor(parent: Environment | null = null, own = new Map<string, Set<Definition>>()) {
    this.parent = parent;
    this.#own = own;
    this.#dotted = 0;
    for (const key of own.keys()) if (key.includes(".")) this.#dotted++;
  }

  /**
   * The definitions a path reads: the longest known prefix (`self.scaler` before `self`), searched
   * scope by scope from the innermost outwards.
   */
  lookup(path: string): Set<Definition> {
    if (!path.includes(".")) {
      for (let env: Environment | null = this; env; env = env.parent) {
        const found = env.#own.get(path);
        if (found) return found;
      }
      return EMPTY;
    }
    const prefixes = pathPrefixes(path);
    for (let env: Environment | null = this; env; env = env.parent) {
      for (const prefix of prefixes) {
        const found = env.#own.get(prefix);
        if (found) return found;
      }
    }
    return EMPTY;
  }

  /** Makes `definitions` the only ones reaching `path`; longer paths through it (`X.attr` when `X` is rebound) are forgotten. */
  set(path: string, definitions: Set<Definition>): void {
    if (this.#dotted > 0) {
      const nested = `${path}.`;
      for (const key of [...this.#own.keys()]) {
        if (!key.startsWith(nested)) continue;
        this.#own.delete(key);
        this.#dotted--;
      }
    }
    if (path.includes(".") && !this.#own.has(path)) this.#dotted++;
    this.#own.set(path, definitions);
  }

  /** An independent copy for one branch of the program. */
  copy(): Environment {
    return new Environment(this.parent, new Map(this.#own));
  }

  /** Adds what reaches in `other` (the join after branches: a definition may come from either). */
  merge(other: Environment): void {
    for (const [path, definitions] of other.#own) {
      const mine = this.#own.get(path);
      if (mine === definitions) continue;
      if (!mine && path.includes(".")) this.#dotted++;
      this.#own.set(path, mine ? new Set([...mine, ...definitions]) : definitions);
    }
  }

  /** Takes over `other`'s definitions (the state after a branch or loop, computed on copies). */
  adopt(other: Environment): void {
    this.#own = new Map(other.#own);
    this.#dotted = other.#dotted;
  }

  /** True when `other` holds no definition this environment lacks. */
  covers(other: Environment): boolean {
    for (const [path, definitions] of other.#own) {
      const mine = this.#own.get(path);
      if (!mine) return false;
      for (const definition of definitions) if (!mine.has(definition)) return false;
    }
    return true;
  }
}
