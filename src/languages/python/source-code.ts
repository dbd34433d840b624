/**
 * The SourceCode of Python files (and of notebooks, which are Python once their cells are
 * joined): lines, comments, parents, traversal and inline directives.
 *
 * Directives are ESLint's own, written in `#` comments
 * (`# eslint-disable-next-line mldebt/<rule>`, `# eslint-disable` / `# eslint-enable`,
 * `# eslint-disable-line`, `# eslint mldebt/<rule>: off`), plus one Python-style short form that
 * applies to its own line: `# mldebt: ignore` (every rule) or `# mldebt: ignore[rule-a, rule-b]`.
 */
import { ConfigCommentParser, Directive, TextSourceCodeBase, VisitNodeStep } from "@eslint/plugin-kit";
import type { FileProblem, DirectiveType, RulesConfig } from "@eslint/core";
import type { LineIndex } from "./line-index.js";
import { PyNode, type PyComment, type PyModule, type SourceLocation } from "./nodes.js";

const commentParser = new ConfigCommentParser();
const ESLINT_DIRECTIVE = /^\s*eslint(?:-enable|-disable(?:(?:-next)?-line)?)?(?:\s|$)/u;
const SHORT_DIRECTIVE = /^\s*mldebt:\s*ignore(?:\[([^\]]*)\])?\s*(?:#.*)?$/u;

class PyVisitStep extends VisitNodeStep {
  declare target: PyNode;
}

export class PythonSourceCode extends TextSourceCodeBase<{
  LangOptions: Record<string, unknown>;
  RootNode: PyModule;
  SyntaxElementWithLoc: PyNode | PyComment;
  ConfigNode: PyComment;
}> {
  declare ast: PyModule;
  readonly comments: PyComment[];
  readonly lineIndex: LineIndex;
  #inlineConfigComments: PyComment[] | undefined;

  constructor({ text, ast, lineIndex }: { text: string; ast: PyModule; lineIndex: LineIndex }) {
    super({ text, ast, lineEndingPattern: /\r\n|[\r\n]/u });
    this.ast = ast;
    this.comments = ast.comments;
    this.lineIndex = lineIndex;
  }

  /** How a message names a line of this file: `line 12` (notebooks: `cell 3, line 2`). */
  describeLine(line: number): string {
    return `line ${line}`;
  }

  override getLoc(node: PyNode | PyComment): SourceLocation {
    return node.loc;
  }

  override getRange(node: PyNode | PyComment): [number, number] {
    return node.range;
  }

  override getParent(node: PyNode): PyNode | undefined {
    return node.parent ?? undefined;
  }

  getInlineConfigNodes(): PyComment[] {
    this.#inlineConfigComments ??= this.comments.filter(
      (comment) => ESLINT_DIRECTIVE.test(comment.value) || SHORT_DIRECTIVE.test(comment.value),
    );
    return this.#inlineConfigComments;
  }

  getDisableDirectives(): { problems: FileProblem[]; directives: Directive[] } {
    const problems: FileProblem[] = [];
    const directives: Directive[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const short = SHORT_DIRECTIVE.exec(comment.value);
      if (short) {
        const rules = (short[1] ?? "")
          .split(",")
          .map((rule) => rule.trim())
          .filter(Boolean)
          .map((rule) => (rule.includes("/") ? rule : `mldebt/${rule}`));
        directives.push(new Directive({ type: "disable-line", node: comment, value: rules.join(", "), justification: "" }));
        continue;
      }
      const parsed = commentParser.parseDirective(comment.value);
      if (!parsed) continue;
      const { label, value, justification } = parsed;
      switch (label) {
        case "eslint-disable":
        case "eslint-enable":
        case "eslint-disable-next-line":
        case "eslint-disable-line":
          directives.push(
            new Directive({ type: label.slice("eslint-".length) as DirectiveType, node: comment, value, justification }),
          );
          break;
        default:
          break;
      }
    }
    return { problems, directives };
  }

  applyInlineConfig(): { configs: { config: { rules: RulesConfig }; loc: SourceLocation }[]; problems: FileProblem[] } {
    const configs: { config: { rules: RulesConfig }; loc: SourceLocation }[] = [];
    const problems: FileProblem[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const parsed = commentParser.parseDirective(comment.value);
      if (parsed?.label !== "eslint") continue;
      const result = commentParser.parseJSONLikeConfig(parsed.value);
      if (result.ok) configs.push({ config: { rules: result.config as RulesConfig }, loc: comment.loc });
      else problems.push({ ruleId: null, message: result.error.message, loc: comment.loc });
    }
    return { configs, problems };
  }

  /**
   * Depth-first enter/exit steps over `children`, produced as ESLint consumes them: a step is
   * garbage as soon as it is applied, so no list of every node's two steps outlives the walk.
   */
  override *traverse(): Iterable<PyVisitStep> {
    const stack: PyNode[] = [this.ast];
    const next: number[] = [0];
    yield new PyVisitStep({ target: this.ast, phase: 1, args: [this.ast, undefined] });
    while (stack.length > 0) {
      const top = stack.length - 1;
      const node = stack[top]!;
      const child = node.children[next[top]!++];
      if (child) {
        yield new PyVisitStep({ target: child, phase: 1, args: [child, node] });
        stack.push(child);
        next.push(0);
      } else {
        stack.pop();
        next.pop();
        yield new PyVisitStep({ target: node, phase: 2, args: [node, node.parent ?? undefined] });
      }
    }
  }
}
