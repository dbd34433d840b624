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
   * Depth-first enter/exit steps over `children`, produced as ESLint consumes them. ESLint applies
   * each step before it asks for the next and keeps none (it spreads `args` into the listeners),
   * so one step object, one `args` pair and one iterator result serve the whole walk: a file of
   * 100k nodes costs no 200k step objects for the collector.
   */
  override traverse(): Iterable<PyVisitStep> {
    return new StepWalk(this.ast);
  }
}

/** The iterator of `traverse()`: enter and exit steps, all in one reused step object. */
class StepWalk implements Iterator<PyVisitStep>, Iterable<PyVisitStep> {
  readonly #root: PyNode;
  readonly #stack: PyNode[] = [];
  readonly #next: number[] = [];
  readonly #args: [PyNode, PyNode | undefined];
  readonly #step: PyVisitStep;
  readonly #result: IteratorResult<PyVisitStep>;
  #started = false;

  constructor(root: PyNode) {
    this.#root = root;
    this.#args = [root, undefined];
    this.#step = new PyVisitStep({ target: root, phase: 1, args: this.#args });
    this.#result = { done: false, value: this.#step };
  }

  [Symbol.iterator](): Iterator<PyVisitStep> {
    return this;
  }

  next(): IteratorResult<PyVisitStep> {
    const step = this.#step;
    const stack = this.#stack;
    if (!this.#started) {
      this.#started = true;
      stack.push(this.#root);
      this.#next.push(0);
      return this.#result;
    }
    const top = stack.length - 1;
    if (top < 0) return { done: true, value: undefined };
    const node = stack[top]!;
    const child = node.children[this.#next[top]!++];
    if (child) {
      step.target = child;
      step.phase = 1;
      this.#args[0] = child;
      this.#args[1] = node;
      stack.push(child);
      this.#next.push(0);
    } else {
      stack.pop();
      this.#next.pop();
      step.target = node;
      step.phase = 2;
      this.#args[0] = node;
      this.#args[1] = node.parent ?? undefined;
    }
    return this.#result;
  }
}
