import { createRule } from "../src/rules-kit/create-rule.js";
import { PyNode, field } from "../src/languages/python/nodes.js";
import { isTestModule } from "../src/project/reachability.js";
import { MIN_SHINGLES, staleFiles } from "../src/project/stale-copies.js";
import { pythonTokens, shinglesOf, similarity } from "../src/project/token-shingles.js";
import type { ProjectModel } from "../src/project/types.js";
import { namesNewerVersion, versionBases } from "../src/project/version-names.js";
import { projectFile, projectModel } from "../src/rules-kit/project-context.js";
import { relatedSuffix } from "../src/results/related.js";

type MessageIds = "staleCopyFile" | "staleCopyDefinition";
type Options = [{ minSimilarity: number }];

interface Definition {
  name: string;
  node: PyNode;
  nameNode: PyNode;
}

/** The functions and classes defined directly in a module or class body. */
function definitionsIn(body: PyNode): Definition[] {
  const found: Definition[] = [];
  for (const statement of body.children) {
    const definition = statement.type === "decorated_definition" ? field(statement, "definition") : statement;
    if (definition?.type !== "function_definition" && definition?.type !== "class_definition") continue;
    const nameNode = field(definition, "name");
    if (nameNode?.text) found.push({ name: nameNode.text, node: definition, nameNode });
  }
  return found;
}

/** Bodies whose definitions are compared with each other: the module and every class body. */
function scopesOf(root: PyNode): PyNode[] {
  const scopes = [root];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const child of node.children) {
      if (child.type === "class_definition") {
        const body = field(child, "body");
        if (body) scopes.push(body);
      }
      stack.push(child);
    }
  }
  return scopes;
}

function percent(value: number): string {
  return String(Math.round(value * 100));
}

/** Names this module uses (identifiers other than the names definitions give themselves). */
function namesUsedIn(root: PyNode): Set<string> {
  const names = new Set<string>();
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const child of node.children) stack.push(child);
    const parent = node.parent;
    const definesItself = (parent?.type === "function_definition" || parent?.type === "class_definition") && field(parent, "name") === node;
    if (node.type === "identifier" && !definesItself) names.add(node.text!);
  }
  return names;
}

/** True when this module or another module of the project, tests aside, uses the name. */
function usedAnywhere(model: ProjectModel, file: string, local: Set<string>, name: string): boolean {
  if (local.has(name) && !isTestModule(file)) return true;
  for (const [other, facts] of model.modules) {
    if (other !== file && !isTestModule(other) && (facts.references.live.has(name) || facts.references.guarded.has(name))) return true;
  }
  return false;
}

export default createRule<Options, MessageIds>({
  name: "stale-copy",
  meta: {
    category: "dead-experimental-code",
    severity: "warning",
    description: "Files and definitions that are near-duplicate copies named as versions (`_old`, `_v2`, `_final`, `-Copy1`)",
    recommended: true,
    scope: "project",
    messages: {
      staleCopyFile:
        "`{{file}}` is a near-copy of `{{other}}` ({{percent}}% of their code alike){{why}}. Two near-identical versions drift apart: a bug gets fixed in one while the other is the one that runs, and every reader must diff them to know which is live. To fix: keep one file; turn the differences into parameters (config keys or arguments), and delete the other — git and the experiment tracker keep its history.{{related}}",
      staleCopyDefinition:
        "`{{name}}` is a near-copy of `{{other}}` ({{where}}, {{percent}}% alike){{why}}. A definition copied under a version name is an experiment kept beside the code it replaced: fixes land in one of the two, and readers cannot tell which is meant. To fix: keep one; make the difference a parameter, and delete the other (git keeps it).",
    },
    schema: [
      {
        type: "object",
        additionalProperties: false,
        properties: {
          minSimilarity: {
            type: "number",
            minimum: 0,
            maximum: 1,
            description: "How alike two files or definitions must be (Jaccard index of their 5-token shingles, 0–1) to count as copies.",
          },
        },
      },
    ],
    defaultOptions: [{ minSimilarity: 0.5 }],
  },
  create(context) {
    const [{ minSimilarity }] = context.options;
    const sourceCode = context.sourceCode;
    const file = projectFile(context);
    let model: ProjectModel | undefined;

    function reportFile(): void {
      model ??= projectModel(context);
      const stale = staleFiles(model, minSimilarity).get(file);
      if (!stale) return;
      const why =
        stale.role === "original"
          ? `, and the project uses \`${stale.other}\` instead: its name marks it as the newer version`
          : stale.fileUsed
            ? `; it is the one the project runs, although its name marks it as a leftover copy of \`${stale.other}\``
            : ", and nothing in the project imports or runs it (tests aside)";
      const firstLine = sourceCode.lines[0] ?? "";
      context.report({
        loc: { start: { line: 1, column: 0 }, end: { line: 1, column: Math.max(firstLine.length, 1) } },
        messageId: "staleCopyFile",
        data: { file, other: stale.other, percent: percent(stale.similarity), why, related: relatedSuffix([{ file: stale.other, line: 1, message: "the twin" }]) },
      });
    }

    function reportDefinitions(root: PyNode): void {
      let local: Set<string> | undefined;
      for (const scope of scopesOf(root)) {
        const definitions = definitionsIn(scope);
        const byName = new Map(definitions.map((definition) => [definition.name, definition]));
        for (const copy of definitions) {
          const twin = versionBases(copy.name, true).map((base) => byName.get(base)).find((found) => found !== undefined);
          if (!twin || twin.node.type !== copy.node.type) continue;
          const a = shinglesOf(pythonTokens(sourceCode.getText(copy.node)));
          const b = shinglesOf(pythonTokens(sourceCode.getText(twin.node)));
          if (a.size < MIN_SHINGLES || b.size < MIN_SHINGLES) continue;
          const alike = similarity(a, b);
          if (alike < minSimilarity) continue;
          model ??= projectModel(context);
          local ??= namesUsedIn(root);
          const copyUsed = usedAnywhere(model, file, local, copy.name);
          const twinUsed = usedAnywhere(model, file, local, twin.name);
          if (copyUsed && twinUsed) continue; // two versions in use are two features, not a leftover
          const [stale, other] = copyUsed && !twinUsed && namesNewerVersion(copy.name, twin.name) ? [twin, copy] : [copy, twin];
          const why = stale === twin ? `, and the code uses \`${copy.name}\` instead: its name marks it as the newer version` : ", and nothing uses it (tests aside)";
          context.report({
            node: stale.nameNode,
            messageId: "staleCopyDefinition",
            data: { name: stale.name, other: other.name, where: sourceCode.describeLine(other.nameNode.loc.start.line), percent: percent(alike), why },
          });
        }
      }
    }

    return {
      module(root: PyNode) {
        reportFile();
        reportDefinitions(root);
      },
    };
  },
});
