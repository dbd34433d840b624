/**
 * The SourceCode of config files (YAML, JSON, TOML, `.env`): the `ConfigDocument` tree, `#`
 * comments and the same inline directives as Python (`# mldebt: ignore[rule]`,
 * `# eslint-disable-next-line mldebt/rule`; JSON has no comments, so no directives).
 */
import { TextSourceCodeBase, VisitNodeStep, type Directive } from "@eslint/plugin-kit";
import type { FileProblem, RulesConfig } from "@eslint/core";
import { directiveComments, disableDirectives, inlineRuleConfigs } from "../directives.js";
import type { ConfigKey } from "../../project/types.js";
import type { ConfigComment, ConfigDocument, ConfigKeyNode, ConfigLocation, ConfigNode } from "./nodes.js";

class ConfigVisitStep extends VisitNodeStep {
  declare target: ConfigNode;
}

export class ConfigSourceCode extends TextSourceCodeBase<{
  LangOptions: Record<string, unknown>;
  RootNode: ConfigDocument;
  SyntaxElementWithLoc: ConfigNode | ConfigComment;
  ConfigNode: ConfigComment;
}> {
  declare ast: ConfigDocument;
  readonly comments: ConfigComment[];
  #steps: ConfigVisitStep[] | undefined;
  #inlineConfigComments: ConfigComment[] | undefined;

  constructor({ text, ast, comments }: { text: string; ast: ConfigDocument; comments: ConfigComment[] }) {
    super({ text, ast, lineEndingPattern: /\r\n|[\r\n]/u });
    this.ast = ast;
    this.comments = comments;
  }

  /** How a message names a line of this file. */
  describeLine(line: number): string {
    return `line ${line}`;
  }

  /** Every key node, depth first in document order. */
  keyNodes(): ConfigKeyNode[] {
    const found: ConfigKeyNode[] = [];
    const visit = (nodes: ConfigKeyNode[]) => {
      for (const node of nodes) {
        found.push(node);
        visit(node.children);
      }
    };
    visit(this.ast.children);
    return found;
  }

  /**
   * Where a key's value is written: a string value as written (its quotes included), any other
   * value (a number, a mapping, a block scalar) at its first character.
   */
  valueLoc(key: ConfigKey): ConfigLocation {
    const start = { line: key.valueLine, column: key.valueColumn - 1 };
    const rest = (this.lines[key.valueLine - 1] ?? "").slice(start.column);
    let width = 0;
    if (typeof key.value === "string" && key.value !== "") {
      const quote = rest[0];
      if (rest.startsWith(key.value)) width = key.value.length;
      else if ((quote === '"' || quote === "'") && rest.startsWith(key.value, 1) && rest[key.value.length + 1] === quote) width = key.value.length + 2;
    }
    return { start, end: { line: start.line, column: start.column + width } };
  }

  override getLoc(node: ConfigNode | ConfigComment): ConfigLocation {
    return node.loc;
  }

  override getRange(node: ConfigNode | ConfigComment): [number, number] {
    return node.range;
  }

  override getParent(node: ConfigNode): ConfigNode | undefined {
    return node.parent ?? undefined;
  }

  getInlineConfigNodes(): ConfigComment[] {
    this.#inlineConfigComments ??= directiveComments(this.comments);
    return this.#inlineConfigComments;
  }

  getDisableDirectives(): { problems: FileProblem[]; directives: Directive[] } {
    return disableDirectives(this.getInlineConfigNodes());
  }

  applyInlineConfig(): { configs: { config: { rules: RulesConfig }; loc: ConfigLocation }[]; problems: FileProblem[] } {
    return inlineRuleConfigs(this.getInlineConfigNodes());
  }

  /** Depth-first enter/exit steps over `children`. */
  override traverse(): Iterable<ConfigVisitStep> {
    if (this.#steps) return this.#steps;
    const steps: ConfigVisitStep[] = [];
    const visit = (node: ConfigNode, parent: ConfigNode | undefined) => {
      steps.push(new ConfigVisitStep({ target: node, phase: 1, args: [node, parent] }));
      for (const child of node.children) visit(child, node);
      steps.push(new ConfigVisitStep({ target: node, phase: 2, args: [node, parent] }));
    };
    visit(this.ast, undefined);
    this.#steps = steps;
    return steps;
  }
}
