import { createRule } from "../src/rules-kit/create-rule.js";
import { PyNode, field } from "../src/languages/python/nodes.js";
import { enclosingFunction } from "../src/rules-kit/python-syntax.js";
import { bindingCounts, literalTruth, type LiteralTruth } from "../src/rules-kit/python-bindings.js";
import { constInitializer } from "../src/project/script/imports.js";
import type { Rule } from "eslint";
import type * as ESTree from "estree";

type ScriptSourceCode = Rule.RuleContext["sourceCode"];

type MessageIds = "constantFlag" | "literalCondition";

/** Names that guard code on purpose and are never experiment flags. */
const GUARD_NAMES = new Set(["TYPE_CHECKING", "__debug__"]);

export default createRule<[], MessageIds>({
  name: "constant-experiment-flag",
  meta: {
    category: "dead-experimental-code",
    severity: "warning",
    description: "Branches on a flag that is set once to a constant and never changed, or on a literal condition",
    recommended: true,
    scope: "file",
    messages: {
      constantFlag:
        "`{{name}}` is set once to {{value}} ({{where}}) and never changed, so {{dead}}. A flag that cannot change is a dead experiment path: readers must still understand it, and it hides which code really runs. To fix: delete the dead branch and the flag (git and your experiment tracker keep the history), or make it a real setting read from config.",
      literalCondition:
        "This condition is always {{value}}, so {{dead}}. Code kept behind `{{text}}` is a switched-off experiment that nobody runs or tests. To fix: delete the dead code (git keeps the history), or turn it into a setting read from config if it is still needed.",
    },
  },
  create(context) {
    const sourceCode = context.sourceCode;
    let bindings: ReturnType<typeof bindingCounts> | undefined;

    function check(condition: PyNode | undefined, construct: PyNode): void {
      if (!condition) return;
      const negated = condition.type === "not_operator";
      const tested = negated ? field(condition, "argument") : condition;
      if (!tested) return;
      const literal = literalTruth(tested);
      if (literal !== null) {
        if (construct.type === "while_statement" && literal === "truthy") return; // `while True:` is idiomatic
        const truth = negated ? flip(literal) : literal;
        if (construct.type === "boolean_operator" && !operandDecides(String(construct.operator), truth)) return;
        if (truth === "truthy" && !hasElse(construct)) return; // `if True:` without else: nothing is dead
        context.report({
          node: condition,
          messageId: "literalCondition",
          data: { value: truth === "truthy" ? "true" : "false", dead: deadPart(construct, truth), text: sourceCode.getText(condition) },
        });
        return;
      }
      if (tested.type !== "identifier" || GUARD_NAMES.has(tested.text!)) return;
      bindings ??= bindingCounts(sourceCode.ast);
      const binding = bindings.get(tested.text!);
      if (!binding || binding.count !== 1 || !binding.constant) return;
      if (shadowedInFunction(tested, bindings)) return;
      const value = literalTruth(binding.constant);
      if (value === null) return;
      const truth = negated ? flip(value) : value;
      if (construct.type === "boolean_operator" && !operandDecides(String(construct.operator), truth)) return;
      if (truth === "truthy" && !hasElse(construct) && construct.type !== "boolean_operator") {
        // `if FLAG:` with FLAG always on and no alternative: the guard is pointless, the code lives.
        context.report({
          node: condition,
          messageId: "constantFlag",
          data: { name: tested.text!, value: sourceCode.getText(binding.constant), where: sourceCode.describeLine(binding.constant.loc.start.line), dead: "the check always passes and the flag no longer switches anything" },
        });
        return;
      }
      context.report({
        node: condition,
        messageId: "constantFlag",
        data: { name: tested.text!, value: sourceCode.getText(binding.constant), where: sourceCode.describeLine(binding.constant.loc.start.line), dead: deadPart(construct, truth) },
      });
    }

    /** A function that binds the name itself (parameter or assignment) does not read the module flag. */
    function shadowedInFunction(identifier: PyNode, all: ReturnType<typeof bindingCounts>): boolean {
      const fn = enclosingFunction(identifier);
      return fn !== null && (all.get(identifier.text!)?.localIn.has(fn) ?? false);
    }

    return {
      if_statement(node: PyNode) {
        check(field(node, "condition"), node);
      },
      elif_clause(node: PyNode) {
        check(field(node, "condition"), node);
      },
      while_statement(node: PyNode) {
        check(field(node, "condition"), node);
      },
      conditional_expression(node: PyNode) {
        check(node.children[1], node);
      },
      boolean_operator(node: PyNode) {
        const right = field(node, "right");
        if (right && literalTruth(right) !== null) check(right, node);
        else if (right?.type === "identifier") check(right, node);
      },
    };
  },
  createScript(context) {
    const sourceCode = context.sourceCode;

    function check(test: ESTree.Node, construct: ScriptConstruct): void {
      const negated = test.type === "UnaryExpression" && test.operator === "!";
      const tested = negated ? test.argument : test;
      const literal = scriptLiteralTruth(tested);
      if (literal !== null) {
        if ((construct.type === "WhileStatement" || construct.type === "DoWhileStatement") && literal === "truthy") return;
        const truth = negated ? flip(literal) : literal;
        if (construct.type === "LogicalExpression" && !operandDecides(construct.operator, truth)) return;
        if (truth === "truthy" && !scriptHasElse(construct)) return;
        context.report({ node: test, messageId: "literalCondition", data: { value: truth === "truthy" ? "true" : "false", dead: scriptDeadPart(construct, truth), text: sourceCode.getText(test) } });
        return;
      }
      if (tested.type !== "Identifier") return;
      const init = constInitializer(tested, sourceCode);
      const value = init ? scriptLiteralTruth(init) : null;
      if (!init || value === null || !isModuleLevel(init, sourceCode)) return;
      const truth = negated ? flip(value) : value;
      if (construct.type === "LogicalExpression" && !operandDecides(construct.operator, truth)) return;
      const dead = truth === "truthy" && !scriptHasElse(construct) && construct.type !== "LogicalExpression" ? "the check always passes and the flag no longer switches anything" : scriptDeadPart(construct, truth);
      context.report({ node: test, messageId: "constantFlag", data: { name: tested.name, value: sourceCode.getText(init), where: `line ${init.loc!.start.line}`, dead } });
    }

    return {
      IfStatement: (node) => check(node.test, node),
      WhileStatement: (node) => check(node.test, node),
      DoWhileStatement: (node) => check(node.test, node),
      ConditionalExpression: (node) => check(node.test, node),
      LogicalExpression(node) {
        if (node.operator !== "??" && (scriptLiteralTruth(node.right) !== null || node.right.type === "Identifier")) check(node.right, node);
      },
    };
  },
});

type ScriptConstruct = ESTree.IfStatement | ESTree.WhileStatement | ESTree.DoWhileStatement | ESTree.ConditionalExpression | ESTree.LogicalExpression;

/** Truthiness of an ESTree literal condition (`false`, `0`, `null`, `""`, `true`), or null. */
function scriptLiteralTruth(node: ESTree.Node): LiteralTruth | null {
  if (node.type !== "Literal" || node.value instanceof RegExp || typeof node.value === "bigint") return null;
  return node.value ? "truthy" : "falsy";
}

function scriptHasElse(construct: ScriptConstruct): boolean {
  return construct.type === "ConditionalExpression" || (construct.type === "IfStatement" && construct.alternate != null);
}

function scriptDeadPart(construct: ScriptConstruct, truth: LiteralTruth): string {
  switch (construct.type) {
    case "WhileStatement":
    case "DoWhileStatement":
      return "the loop body never runs again";
    case "ConditionalExpression":
      return truth === "truthy" ? "the `:` value is never used" : "the `?` value is never used";
    case "LogicalExpression":
      if (construct.operator === "&&" && truth === "falsy") return "the whole `&&` expression is always false";
      if (construct.operator === "||" && truth === "truthy") return "the whole `||` expression is always true";
      return "this operand never changes the result";
    default:
      return truth === "truthy" ? "the `else` branch never runs" : "the branch under it never runs";
  }
}

/** Flags are module-level constants; a `const` inside a function is a local value. */
function isModuleLevel(init: ESTree.Node, sourceCode: ScriptSourceCode): boolean {
  const scope = sourceCode.getScope(init);
  return scope.type === "module" || scope.type === "global";
}

/**
 * Whether a constant right operand fixes a boolean expression's result: `x and False` is always
 * false and `x or True` always true, but `x or ""` is the idiomatic default, not dead code.
 */
function operandDecides(operator: string, truth: LiteralTruth): boolean {
  return ((operator === "and" || operator === "&&") && truth === "falsy") || ((operator === "or" || operator === "||") && truth === "truthy");
}

function flip(truth: LiteralTruth): LiteralTruth {
  return truth === "truthy" ? "falsy" : "truthy";
}

function hasElse(construct: PyNode): boolean {
  if (construct.type === "conditional_expression") return true;
  return construct.children.some((child) => child.type === "else_clause" || child.type === "elif_clause");
}

function deadPart(construct: PyNode, truth: LiteralTruth): string {
  switch (construct.type) {
    case "while_statement":
      return "the loop body never runs";
    case "conditional_expression":
      return truth === "truthy" ? "the `else` value is never used" : "the first value is never used";
    case "boolean_operator": {
      const operator = construct.operator;
      if (operator === "and" && truth === "falsy") return "the whole `and` expression is always false";
      if (operator === "or" && truth === "truthy") return "the whole `or` expression is always true";
      return "this operand never changes the result";
    }
    default:
      return truth === "truthy" ? "the `else`/`elif` branches never run" : "the branch under it never runs";
  }
}
