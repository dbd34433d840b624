import { createRule } from "../src/rules-kit/create-rule.js";
import type { PyNode } from "../src/languages/python/nodes.js";
import type { NotebookSourceCode } from "../src/languages/notebook/language.js";
import { deadDescription, extractBranchGuards, type BranchGuard } from "../src/project/python/branch-guards.js";
import { moduleScopeOf } from "../src/project/python/scope.js";
import { importedFlag } from "../src/project/dead-code.js";
import type { ProjectModel } from "../src/project/types.js";
import { projectFile, projectModel } from "../src/rules-kit/project-context.js";
import { relatedSuffix } from "../src/results/related.js";
import { constInitializer } from "../src/project/script/imports.js";
import type { Rule } from "eslint";
import type * as ESTree from "estree";

type MessageIds = "constantFlag" | "importedFlag" | "literalCondition";

export default createRule<[], MessageIds>({
  name: "constant-experiment-flag",
  meta: {
    category: "dead-experimental-code",
    severity: "warning",
    description: "Branches on a flag that is set once to a constant and never changed, or on a literal condition",
    recommended: true,
    scope: "project",
    messages: {
      constantFlag:
        "`{{name}}` is set once to {{value}} ({{where}}) and never changed, so {{dead}}. A flag that cannot change is a dead experiment path: readers must still understand it, and it hides which code really runs. To fix: delete the dead branch and the flag (git and your experiment tracker keep the history), or make it a real setting read from config.",
      importedFlag:
        "`{{name}}` is set once to {{value}} in {{file}} ({{where}}) and nothing in the project changes it, so {{dead}}. A flag that cannot change is a dead experiment path, and one imported from another module hides even better which code really runs. To fix: delete the dead branch here and the flag in {{file}} once no other module tests it (git and your experiment tracker keep the history), or make it a real setting read from config.{{related}}",
      literalCondition:
        "This condition is always {{value}}, so {{dead}}. Code kept behind `{{text}}` is a switched-off experiment that nobody runs or tests. To fix: delete the dead code (git keeps the history), or turn it into a setting read from config if it is still needed.",
    },
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const file = projectFile(context);
    let model: ProjectModel | undefined;

    function report(guard: BranchGuard): void {
      const { subject, construct } = guard;
      if (subject.kind === "literal") {
        const truth = (subject.truth === "truthy") !== guard.negated;
        if (construct.type === "boolean_operator" && !decidesOperator(construct, truth)) return; // `x or ""` is a default value, not a dead branch
        if (construct.type === "while_statement" && subject.truth === "truthy" && !guard.negated) return; // `while True:` is idiomatic
        if (truth && !guard.hasAlternative) return; // `if True:` without else: nothing is dead
        context.report({
          node: guard.condition,
          messageId: "literalCondition",
          data: { value: truth ? "true" : "false", dead: deadDescription(guard, truth), text: sourceCode.getText(guard.condition) },
        });
        return;
      }
      if (subject.kind === "constant") {
        const truth = (subject.truth === "truthy") !== guard.negated;
        context.report({
          node: guard.condition,
          messageId: "constantFlag",
          data: { name: subject.name, value: sourceCode.getText(subject.value), where: sourceCode.describeLine(subject.value.loc.start.line), dead: deadDescription(guard, truth) },
        });
        return;
      }
      model ??= projectModel(context);
      const flag = importedFlag(model, file, subject.module, subject.attribute);
      if (!flag) return;
      const truth = (flag.truth === "truthy") !== guard.negated;
      const dead = deadDescription(guard, truth);
      const where = `line ${flag.constant.line}`;
      context.report({
        node: guard.condition,
        messageId: "importedFlag",
        data: {
          name: sourceCode.getText(guard.tested),
          value: flag.constant.text,
          file: flag.file,
          where,
          dead,
          related: relatedSuffix([{ file: flag.file, line: flag.constant.line, column: flag.constant.column, message: `\`${subject.attribute}\` is set here` }]),
        },
      });
    }

    return {
      module(node: PyNode) {
        const cells = (sourceCode as Partial<NotebookSourceCode>).notebook?.cells ?? [];
        const runsOtherCode = cells.some((cell) => cell.magics.some((magic) => magic.kind === "line-magic" && magic.name === "run"));
        for (const guard of extractBranchGuards(node, moduleScopeOf(node, sourceCode.text, file), runsOtherCode)) report(guard);
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
        if ((construct.type === "WhileStatement" || construct.type === "DoWhileStatement") && literal && !negated) return;
        const truth = literal !== negated;
        if (construct.type === "LogicalExpression" && !scriptDecides(construct.operator, truth)) return;
        if (truth && !scriptHasElse(construct)) return;
        context.report({ node: test, messageId: "literalCondition", data: { value: String(truth), dead: scriptDeadPart(construct, truth), text: sourceCode.getText(test) } });
        return;
      }
      if (tested.type !== "Identifier") return;
      const init = constInitializer(tested, sourceCode);
      const value = init ? scriptLiteralTruth(init) : null;
      if (!init || value === null || !isModuleLevel(init, sourceCode)) return;
      const truth = value !== negated;
      if (construct.type === "LogicalExpression" && !scriptDecides(construct.operator, truth)) return;
      const dead = truth && !scriptHasElse(construct) && construct.type !== "LogicalExpression" ? "the check always passes and the flag no longer switches anything" : scriptDeadPart(construct, truth);
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

/** Truthiness of an ESTree literal condition (`false`, `0`, `null`, `""` are false), or null for anything else. */
function scriptLiteralTruth(node: ESTree.Node): boolean | null {
  if (node.type !== "Literal" || node.value instanceof RegExp || typeof node.value === "bigint") return null;
  return Boolean(node.value);
}

/** `x && false` is always false and `x || true` always true; `x || ""` is a default value, not dead code. */
function scriptDecides(operator: string, truth: boolean): boolean {
  return operator === "&&" ? !truth : operator === "||" ? truth : false;
}

function scriptHasElse(construct: ScriptConstruct): boolean {
  return construct.type === "ConditionalExpression" || (construct.type === "IfStatement" && construct.alternate != null);
}

function scriptDeadPart(construct: ScriptConstruct, truth: boolean): string {
  switch (construct.type) {
    case "WhileStatement":
    case "DoWhileStatement":
      return "the loop body never runs again";
    case "ConditionalExpression":
      return truth ? "the `:` value is never used" : "the `?` value is never used";
    case "LogicalExpression":
      return truth ? "the whole `||` expression is always true" : "the whole `&&` expression is always false";
    default:
      return truth ? "the `else` branch never runs" : "the branch under it never runs";
  }
}

/** Flags are module-level constants; a `const` inside a function is a local value. */
function isModuleLevel(init: ESTree.Node, sourceCode: Rule.RuleContext["sourceCode"]): boolean {
  const scope = sourceCode.getScope(init);
  return scope.type === "module" || scope.type === "global";
}

/** True when a literal operand fixes an `and`/`or` (only operators tested for truth are guards): `… and False`, `… or True`. */
function decidesOperator(operator: PyNode, truth: boolean): boolean {
  return operator.operator === "and" ? !truth : truth;
}
