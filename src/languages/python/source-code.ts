/**
 * The SourceCode of Python files (and of notebooks, which are Python once their cells are
 * joined): lines, comments, parents, traversal and inline directives.
 *
 * Directives are ESLint's own in `#` comments plus the short `# mldebt: ignore[rule]` form
 * (src/languages/directives.ts).
 */
import { TextSourceCodeBase, VisitNodeStep, type Directive } from "@eslint/plugin-kit";
import type { FileProblem, RulesConfig } from "@eslint/core";
import { directiveComments, disableDirectives, inlineRuleConfigs } from "../directives.js";
import type { LineIndex } from "./line-index.js";
import { PyNode, type PyComment, type PyModule, type SourceLocation } from "./nodes.js";

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
    this.#inlineConfigComments ??= directiveComments(this.comments);
    return this.#inlineConfigComments;
  }

  getDisableDirectives(): { problems: FileProblem[]; directives: Directive[] } {
    return disableDirectives(this.getInlineConfigNodes());
  }

  applyInlineConfig(): { configs: { config: { rules: RulesConfig }; loc: SourceLocation }[]; problems: FileProblem[] } {
    return inlineRuleConfigs(this.getInlineConfigNodes());
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
