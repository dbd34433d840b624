import { PyNode, field } from "../src/languages/python/nodes.js";
import { transformAssignment } from "../src/project/python/feature-transforms.js";
import { ioSitesOf } from "../src/project/python/io-sites.js";
import { moduleScopeOf, type ModuleScope } from "../src/project/python/scope.js";
import { createRule } from "../src/rules-kit/create-rule.js";
import { projectDeclarations, projectFile, projectGraph } from "../src/rules-kit/project-context.js";

type MessageIds = "glueHeavy";
type Options = [{ minStatements: number; minPhases: number }];

/** The pipeline phases a script can do at top level, in pipeline order. */
const PHASES = ["loads data", "transforms features", "trains a model", "evaluates it", "writes artifacts"] as const;
type Phase = (typeof PHASES)[number];

/** Compound statements whose bodies run at top level (`if __name__ == "__main__":` included). */
const TOP_LEVEL_BLOCKS = new Set(["if_statement", "for_statement", "while_statement", "with_statement", "try_statement", "block", "else_clause", "elif_clause", "except_clause", "finally_clause"]);
const SKIPPED = new Set(["import_statement", "import_from_statement", "future_import_statement", "function_definition", "class_definition", "decorated_definition"]);
/** Loaders of settings, not data. */
const CONFIG_LOADERS = /^(?:yaml\.|json\.load|toml\.|tomllib\.|omegaconf\.|builtins\.open|io\.open)/u;
const TRAIN_METHODS = new Set(["fit", "fit_generator", "train"]);
const EVALUATE_METHODS = new Set(["score", "evaluate"]);

/** Simple statements that run at top level: outside every `def` and `class`, inside module-level blocks. */
function topLevelStatements(root: PyNode): PyNode[] {
  const found: PyNode[] = [];
  const visit = (node: PyNode): void => {
    for (const statement of node.children) {
      if (SKIPPED.has(statement.type)) continue;
      if (TOP_LEVEL_BLOCKS.has(statement.type)) visit(statement);
      else if (statement.type.endsWith("_statement") || statement.type === "expression_statement") found.push(statement);
    }
  };
  visit(root);
  return found.filter((statement) => !isDocstring(statement, root));
}

function isDocstring(statement: PyNode, root: PyNode): boolean {
  return statement.parent === root && root.children[0] === statement && statement.type === "expression_statement" && statement.children[0]?.type === "string";
}

function callsIn(node: PyNode): PyNode[] {
  const found: PyNode[] = [];
  const stack = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.type === "lambda" || current.type === "function_definition") continue;
    if (current.type === "call") found.push(current);
    stack.push(...current.children);
  }
  return found;
}

function methodName(call: PyNode): string | null {
  const callee = field(call, "function");
  return callee?.type === "attribute" ? (field(callee, "attribute")?.text ?? null) : null;
}

/** The first top-level statement of each phase. */
function phasesOf(statements: PyNode[], scope: ModuleScope, reads: Set<PyNode>, writes: Set<PyNode>): Map<Phase, PyNode> {
  const phases = new Map<Phase, PyNode>();
  const mark = (phase: Phase, statement: PyNode) => {
    if (!phases.has(phase)) phases.set(phase, statement);
  };
  for (const statement of statements) {
    if (transformAssignment(statement, scope)) mark("transforms features", statement);
    for (const call of callsIn(statement)) {
      const method = methodName(call);
      const qualified = scope.imports.calleeName(call) ?? "";
      if (reads.has(call)) mark("loads data", statement);
      if (writes.has(call)) mark("writes artifacts", statement);
      if (method && TRAIN_METHODS.has(method)) mark("trains a model", statement);
      if ((method && EVALUATE_METHODS.has(method)) || qualified.startsWith("sklearn.metrics.") || qualified.startsWith("torchmetrics.")) mark("evaluates it", statement);
    }
  }
  return phases;
}

export default createRule<Options, MessageIds>({
  name: "glue-heavy-script",
  meta: {
    category: "pipeline-jungle",
    severity: "info",
    description: "One script or notebook that loads data, transforms it, trains, evaluates and writes artifacts all at top level, with no functions to call or test",
    recommended: true,
    scope: "project",
    messages: {
      glueHeavy:
        "This {{kind}} runs the whole pipeline as {{count}} top-level statements: it {{phases}}. Nothing in it can be called, tested or re-run on its own, so every change means re-running (and re-reading) all of it, and other steps can only reuse its results through files. To fix: move each phase into a function (`load()`, `build_features()`, `train()`, `evaluate()`, `save()`), {{entry}}, and make the phases that hand data on stages of a declared pipeline.",
    },
    schema: [
      {
        type: "object",
        additionalProperties: false,
        properties: {
          minStatements: { type: "integer", minimum: 1, description: "Top-level statements a script must have before it is reported." },
          minPhases: { type: "integer", minimum: 2, maximum: 5, description: "How many of the five phases (load, transform, train, evaluate, write) must run at top level." },
        },
      },
    ],
    defaultOptions: [{ minStatements: 25, minPhases: 4 }],
  },
  create(context) {
    const [{ minStatements, minPhases }] = context.options;
    return {
      "module:exit"(root: PyNode) {
        const statements = topLevelStatements(root);
        if (statements.length < minStatements) return;
        const scope = moduleScopeOf(root, context.sourceCode.text, projectFile(context));
        const sites = ioSitesOf(root, scope, projectDeclarations(context).configs);
        const reads = new Set(sites.filter((site) => site.direction === "read" && !CONFIG_LOADERS.test(site.api)).map((site) => site.node));
        const writes = new Set(sites.filter((site) => site.direction === "write").map((site) => site.node));
        const phases = phasesOf(statements, scope, reads, writes);
        const notebook = context.physicalFilename.endsWith(".ipynb");
        if (phases.size < minPhases || !phases.has("loads data")) return;
        // A notebook is a pipeline step only when another step reads what it writes; exploration and teaching notebooks are not.
        if (notebook && !projectGraph(context).handoffs.some((handoff) => handoff.writes.some((write) => write.site.file === projectFile(context)))) return;
        const first = statements[0]!;
        const described = PHASES.filter((phase) => phases.has(phase)).map((phase) => `${phase} (${context.sourceCode.describeLine(phases.get(phase)!.loc.start.line)})`);
        context.report({
          loc: { start: first.loc.start, end: { line: first.loc.start.line, column: (context.sourceCode.lines[first.loc.start.line - 1] ?? "").length } },
          messageId: "glueHeavy",
          data: {
            kind: notebook ? "notebook" : "script",
            entry: notebook ? "put them in a module this notebook imports (or a script run as a pipeline stage)" : 'call them from `if __name__ == "__main__":`',
            count: String(statements.length),
            phases: `${described.slice(0, -1).join(", ")} and ${described[described.length - 1]}`,
          },
        });
      },
    };
  },
});
