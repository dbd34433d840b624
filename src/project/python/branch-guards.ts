/**
 * Branch guards: conditions that may be fixed before the program runs, with the code each
 * outcome leaves dead. A guard tests a literal (`if False:`), a module constant assigned once to
 * a literal (`USE_NEW = False` … `if USE_NEW:`), or a flag imported from another project module
 * (`from flags import USE_NEW`, `flags.USE_NEW`), possibly under `not`. Whether an imported flag
 * is constant is a project question (src/project/dead-code.ts); everything else is decided here.
 */
import { PyNode, field, fieldAll } from "../../languages/python/nodes.js";
import { literalTruth, type LiteralTruth } from "../../rules-kit/python-bindings.js";
import type { ModuleScope, NameBinding } from "./scope.js";

/** Names that guard code on purpose and are never experiment flags. */
const GUARD_NAMES = new Set(["TYPE_CHECKING", "__debug__"]);

/** What a guard tests. */
export type GuardSubject =
  | { kind: "literal"; truth: LiteralTruth }
  /** A module-level name assigned exactly once, directly at module level, to a literal. */
  | { kind: "constant"; name: string; truth: LiteralTruth; value: PyNode }
  /** A name imported from another module (`from flags import USE_NEW`) or read off an imported module (`flags.USE_NEW`). */
  | { kind: "imported"; module: string; attribute: string };

export type GuardConstruct = "if_statement" | "elif_clause" | "while_statement" | "conditional_expression" | "boolean_operator";

/** A condition that decides which code runs: of an `if`/`elif`/`while`, a conditional expression, or the right operand of `and`/`or`. */
export interface BranchCondition {
  /** True under `not`. */
  negated: boolean;
  construct: PyNode;
  /** The condition as written (with its `not`): where findings go. */
  condition: PyNode;
  /** The tested name or literal (inside the `not`). */
  tested: PyNode;
  /** True when the construct has an alternative (`else`/`elif`, the other value of `a if c else b`). */
  hasAlternative: boolean;
  /** Source ranges that never run when the condition (its `not` applied) is true. */
  deadIfTrue: [number, number][];
  /** Source ranges that never run when the condition is false. */
  deadIfFalse: [number, number][];
}

export interface BranchGuard extends BranchCondition {
  subject: GuardSubject;
}

function assignedAtModuleLevel(binding: NameBinding, scope: ModuleScope): boolean {
  const assignment = binding.target.parent;
  return assignment?.type === "assignment" && field(assignment, "left") === binding.target && assignment.parent?.type === "expression_statement" && assignment.parent.parent === scope.root;
}

/** Builtins whose call may rebind module names at run time (`exec(open("configurator.py").read())`, `globals().update(...)`). */
const REBINDING_BUILTINS = new Set(["exec", "globals"]);

/** True when code in the module may rebind its module-level names in ways bindings do not show. */
export function rebindsModuleNames(scope: ModuleScope): boolean {
  return scope.memo("rebinds-module-names", scope.root, false, () => {
    const stack = [scope.root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      for (const child of node.children) stack.push(child);
      if (node.type !== "call") continue;
      const callee = field(node, "function");
      if (callee?.type !== "identifier" || scope.bindingsOf(callee).length > 0) continue;
      if (REBINDING_BUILTINS.has(callee.text!) || (callee.text === "vars" && field(node, "arguments")?.children.length === 0)) return true;
    }
    return false;
  });
}

/** What a tested expression is, or null when it is no guard subject. */
function subjectOf(tested: PyNode, scope: ModuleScope, constantsHold: boolean): GuardSubject | null {
  const literal = literalTruth(tested);
  if (literal !== null) return { kind: "literal", truth: literal };
  if (tested.type === "identifier") {
    if (GUARD_NAMES.has(tested.text!)) return null;
    const bindings = scope.bindingsOf(tested);
    if (bindings.length !== 1) return null;
    const binding = bindings[0]!;
    if (binding.kind === "assignment" && binding.value && assignedAtModuleLevel(binding, scope)) {
      if (!constantsHold) return null;
      const truth = literalTruth(binding.value);
      return truth === null ? null : { kind: "constant", name: tested.text!, truth, value: binding.value };
    }
    if (binding.kind === "other" && importOf(binding.target) === "import_from_statement") return importedSubject(scope.imports.qualifiedName(tested));
    return null;
  }
  if (tested.type === "attribute") {
    let head = field(tested, "object");
    while (head?.type === "attribute") head = field(head, "object");
    if (head?.type !== "identifier" || scope.bindingsOf(head).length !== 1) return null;
    const binding = scope.bindingsOf(head)[0]!;
    if (binding.kind !== "other" || importOf(binding.target) === null) return null;
    if (GUARD_NAMES.has(field(tested, "attribute")?.text ?? "")) return null;
    return importedSubject(scope.imports.qualifiedName(tested));
  }
  return null;
}

/** The kind of import statement that binds `node`, or null when none does. */
function importOf(node: PyNode): "import_statement" | "import_from_statement" | null {
  for (let current: PyNode | null = node.parent; current; current = current.parent) {
    if (current.type === "import_statement" || current.type === "import_from_statement") return current.type;
    if (current.type === "module") return null;
  }
  return null;
}

function importedSubject(qualified: string | null): GuardSubject | null {
  if (!qualified) return null;
  const dot = qualified.lastIndexOf(".");
  if (dot <= 0 || qualified.endsWith(".")) return null;
  return { kind: "imported", module: qualified.slice(0, dot), attribute: qualified.slice(dot + 1) };
}

/** The ranges each outcome of a construct's test leaves dead (before any `not`). */
function deadRanges(construct: PyNode): { ifTrue: [number, number][]; ifFalse: [number, number][]; hasAlternative: boolean } {
  switch (construct.type) {
    case "if_statement": {
      const consequence = field(construct, "consequence");
      const alternatives = fieldAll(construct, "alternative");
      return {
        ifTrue: alternatives.length > 0 ? [[alternatives[0]!.range[0], construct.range[1]]] : [],
        ifFalse: consequence ? [consequence.range] : [],
        hasAlternative: alternatives.length > 0,
      };
    }
    case "elif_clause": {
      const consequence = field(construct, "consequence");
      const owner = construct.parent;
      const siblings = owner ? fieldAll(owner, "alternative") : [];
      const next = siblings[siblings.indexOf(construct) + 1];
      return { ifTrue: next && owner ? [[next.range[0], owner.range[1]]] : [], ifFalse: consequence ? [consequence.range] : [], hasAlternative: !!next };
    }
    case "while_statement": {
      const body = field(construct, "body");
      return { ifTrue: [], ifFalse: body ? [body.range] : [], hasAlternative: construct.children.some((child) => child.type === "else_clause") };
    }
    case "conditional_expression": {
      const [whenTrue, , whenFalse] = construct.children;
      return { ifTrue: whenFalse ? [whenFalse.range] : [], ifFalse: whenTrue ? [whenTrue.range] : [], hasAlternative: true };
    }
    default:
      return { ifTrue: [], ifFalse: [], hasAlternative: false };
  }
}

function conditionOf(condition: PyNode | undefined, construct: PyNode): BranchCondition | null {
  if (!condition) return null;
  const negated = condition.type === "not_operator";
  const tested = negated ? field(condition, "argument") : condition;
  if (!tested) return null;
  const ranges = deadRanges(construct);
  return {
    negated,
    construct,
    condition,
    tested,
    hasAlternative: ranges.hasAlternative,
    deadIfTrue: negated ? ranges.ifFalse : ranges.ifTrue,
    deadIfFalse: negated ? ranges.ifTrue : ranges.ifFalse,
  };
}

/** Every branch condition of a module, in source order. */
export function branchConditions(root: PyNode): BranchCondition[] {
  const conditions: BranchCondition[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index]!);
    let condition: BranchCondition | null = null;
    switch (node.type) {
      case "if_statement":
      case "elif_clause":
      case "while_statement":
        condition = conditionOf(field(node, "condition"), node);
        break;
      case "conditional_expression":
        condition = conditionOf(node.children[1], node);
        break;
      case "boolean_operator": {
        const right = field(node, "right");
        // Only where the operator's truth decides a branch: `x or DEFAULT` as a value is a fallback, not a switch.
        condition = right && right.type !== "not_operator" && testedForTruth(node) ? conditionOf(right, node) : null;
        break;
      }
      default:
        break;
    }
    if (condition) conditions.push(condition);
  }
  return conditions;
}

/** True when a boolean operator's value is only tested (an `if`/`elif`/`while` condition or a conditional's test), not used as a value (`x or ""`). */
export function testedForTruth(operator: PyNode): boolean {
  let node = operator;
  while (node.parent && (node.parent.type === "boolean_operator" || node.parent.type === "not_operator" || node.parent.type === "parenthesized_expression")) node = node.parent;
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === "if_statement" || parent.type === "elif_clause" || parent.type === "while_statement") return field(parent, "condition") === node;
  return parent.type === "conditional_expression" && parent.children[1] === node;
}

/**
 * Every branch guard of a module (a condition on a literal, a constant or an imported flag), in
 * source order. Module constants count only when nothing may rebind them at run time: no
 * `exec(...)`, `globals()` or `vars()` in the module, and (`runsOtherCode`) no notebook `%run`
 * of another script into the same namespace.
 */
export function extractBranchGuards(root: PyNode, scope: ModuleScope, runsOtherCode = false): BranchGuard[] {
  const guards: BranchGuard[] = [];
  const constantsHold = !runsOtherCode && !rebindsModuleNames(scope);
  for (const condition of branchConditions(root)) {
    const subject = subjectOf(condition.tested, scope, constantsHold);
    if (subject) guards.push({ ...condition, subject });
  }
  return guards;
}

/** Says what a condition with a fixed outcome leaves dead (or that it no longer switches anything). */
export function deadDescription(condition: BranchCondition, truth: boolean): string {
  const construct = condition.construct;
  switch (construct.type) {
    case "while_statement":
      return truth ? ALWAYS_PASSES : "the loop body never runs";
    case "conditional_expression":
      return truth ? "the `else` value is never used" : "the first value is never used";
    case "boolean_operator": {
      const operator = construct.operator;
      if (operator === "and" && !truth) return "the whole `and` expression is always false";
      if (operator === "or" && truth) return "the whole `or` expression is always true";
      return "this operand never changes the result";
    }
    default:
      if (truth && !condition.hasAlternative) return ALWAYS_PASSES;
      return truth ? "the `else`/`elif` branches never run" : "the branch under it never runs";
  }
}

/** What a decided condition without an alternative says: nothing is dead, but the switch is gone. */
export const ALWAYS_PASSES = "the check always passes and the flag no longer switches anything";

/** True when `offset` lies in one of `ranges`. */
export function inRanges(offset: number, ranges: readonly [number, number][]): boolean {
  return ranges.some(([start, end]) => offset >= start && offset < end);
}
