import { createRule } from "../src/rules-kit/create-rule.js";
import type { PyNode } from "../src/languages/python/nodes.js";
import type { NotebookSourceCode } from "../src/languages/notebook/language.js";
import { deadDescription, extractBranchGuards, type BranchGuard } from "../src/project/python/branch-guards.js";
import { moduleScopeOf } from "../src/project/python/paths.js";
import { importedFlag } from "../src/project/dead-code.js";
import type { ProjectModel } from "../src/project/types.js";
import { projectFile, projectModel } from "../src/rules-kit/project-context.js";
import { relatedSuffix } from "../src/results/related.js";

type MessageIds = "constantFlag" | "importedFlag" | "literalCondition";

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
});

/** True when a literal operand fixes an `and`/`or` (only operators tested for truth are guards): `… and False`, `… or True`. */
function decidesOperator(operator: PyNode, truth: boolean): boolean {
  return operator.operator === "and" ? !truth : truth;
}
