import { createRule } from "../src/rules-kit/create-rule.js";
import { PyNode, field } from "../src/languages/python/nodes.js";
import { moduleGraph } from "../src/project/module-graph.js";
import { moduleScopeOf, type ModuleScope } from "../src/project/python/scope.js";
import { onlyWrapped } from "../src/project/python/references.js";
import { isPublicModule, isTestModule, nameIndex } from "../src/project/reachability.js";
import type { ProjectModel } from "../src/project/types.js";
import { posix } from "node:path";
import { projectFile, projectModel } from "../src/rules-kit/project-context.js";
import { relatedSuffix } from "../src/results/related.js";

type MessageIds = "onlyInDeadCode" | "neverUsed" | "moduleNeverUsed";

/** Statements whose bodies run at module level (definitions inside them are top-level). */
const MODULE_LEVEL_BLOCKS = new Set(["if_statement", "try_statement", "with_statement", "else_clause", "elif_clause", "except_clause", "finally_clause", "block", "decorated_definition"]);
/** Files that are entry points or packaging by their name. */
const ENTRY_FILES = new Set(["__init__.py", "__main__.py", "setup.py", "conftest.py", "manage.py", "noxfile.py", "fabfile.py", "tasks.py", "wsgi.py", "asgi.py"]);

interface Definition {
  name: string;
  nameNode: PyNode;
  kind: "function" | "class";
  decorated: boolean;
}

/** Top-level functions and classes (also inside module-level `if`/`try`/`with`); `decorated` when a decorator may register them. */
function topLevelDefinitions(root: PyNode, scope: ModuleScope): Definition[] {
  const found: Definition[] = [];
  const visit = (node: PyNode, decorated: boolean) => {
    for (const statement of node.children) {
      if (statement.type === "function_definition" || statement.type === "class_definition") {
        const nameNode = field(statement, "name");
        if (nameNode?.text) found.push({ name: nameNode.text, nameNode, kind: statement.type === "function_definition" ? "function" : "class", decorated });
      } else if (MODULE_LEVEL_BLOCKS.has(statement.type)) {
        visit(statement, statement.type === "decorated_definition" && !onlyWrapped(statement, scope));
      }
    }
  };
  visit(root, false);
  return found;
}

/** True when the names of `file` may be used in ways no name index sees: it or a module importing it looks names up at run time. */
function namesEscape(model: ProjectModel, file: string): boolean {
  if (model.modules.get(file)?.references.dynamicLookup) return true;
  return (moduleGraph(model).importers.get(file) ?? []).some((importer) => model.modules.get(importer)?.references.dynamicLookup);
}

/** True when nothing imports or runs a module that only defines things. */
function moduleUnreachable(model: ProjectModel, file: string): boolean {
  const facts = model.modules.get(file);
  if (!facts || facts.kind !== "python" || facts.parseError || !file.endsWith(".py")) return false;
  if (ENTRY_FILES.has(posix.basename(file)) || isTestModule(file) || isPublicModule(model, file)) return false;
  if (facts.definitions.hasMainGuard || !facts.references.onlyDefines) return false;
  if (facts.definitions.functions.length + facts.definitions.classes.length === 0) return false;
  const graph = moduleGraph(model);
  if ((graph.importers.get(file) ?? []).length > 0 || (graph.runs.get(file) ?? []).length > 0) return false;
  const stem = posix.basename(file, ".py");
  return !nameIndex(model).used.has(stem);
}

export default createRule<[], MessageIds>({
  name: "unreachable-experiment",
  meta: {
    category: "dead-experimental-code",
    severity: "warning",
    description: "Functions, classes and modules that only dead branches use, or that nothing uses at all",
    recommended: true,
    scope: "project",
    messages: {
      onlyInDeadCode:
        "`{{name}}` is used only in code that never runs ({{where}}): the {{kind}} survives only because a switched-off experiment still mentions it. Dead variants are read, reviewed and kept compiling for nothing, and they hide which model or step is the real one. To fix: delete the dead branch and `{{name}}` with it (git and the experiment tracker keep the history), or make the switch a real setting if the variant is still wanted.{{related}}",
      neverUsed:
        "`{{name}}` is never used: no module calls or mentions this {{kind}}, and no string, config value or pipeline command names it. Code nobody reaches is an experiment left behind; it still has to be read and kept working. To fix: delete it (git keeps the history), or call it where it was meant to be used.",
      moduleNeverUsed:
        "Nothing reaches `{{file}}`: no module imports it, no pipeline manifest or script runs it, it is not a test, and run by itself it only defines things. A module nobody reaches is an experiment left behind. To fix: delete it (git keeps the history), or import it where it is needed and declare the script that runs it in the pipeline.",
    },
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const file = projectFile(context);
    return {
      module(root: PyNode) {
        const model = projectModel(context);
        const facts = model.modules.get(file);
        if (!facts || facts.parseError || isTestModule(file) || ENTRY_FILES.has(posix.basename(file))) return;
        if (moduleUnreachable(model, file)) {
          const firstLine = sourceCode.lines[0] ?? "";
          context.report({ loc: { start: { line: 1, column: 0 }, end: { line: 1, column: Math.max(firstLine.length, 1) } }, messageId: "moduleNeverUsed", data: { file } });
          return;
        }
        if (namesEscape(model, file)) return;
        const index = nameIndex(model);
        const publicModule = isPublicModule(model, file);
        for (const definition of topLevelDefinitions(root, moduleScopeOf(root, sourceCode.text, file))) {
          const { name } = definition;
          if (definition.decorated || name.startsWith("__") || /^(?:test_|Test)/u.test(name) || index.used.has(name)) continue;
          if (publicModule && !name.startsWith("_")) continue;
          const kind = definition.kind;
          const dead = index.deadOnly.get(name);
          if (dead && dead.length > 0) {
            const first = dead[0]!;
            const inNotebook = first.file.endsWith(".ipynb");
            const where = first.file === file ? sourceCode.describeLine(first.line) : inNotebook ? first.file : `${first.file}, line ${first.line}`;
            context.report({
              node: definition.nameNode,
              messageId: "onlyInDeadCode",
              data: { name, kind, where, related: inNotebook ? "" : relatedSuffix([{ file: first.file, line: first.line, column: first.column, message: `\`${name}\` used in a branch that never runs` }]) },
            });
          } else {
            context.report({ node: definition.nameNode, messageId: "neverUsed", data: { name, kind } });
          }
        }
      },
    };
  },
});
