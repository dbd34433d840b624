/**
 * Inline directives in `#` comments, shared by every mldebt language whose files have `#`
 * comments (Python, notebooks, YAML, TOML, `.env`): ESLint's own directives
 * (`# eslint-disable-next-line mldebt/<rule>`, `# eslint-disable` / `# eslint-enable`,
 * `# eslint-disable-line`, `# eslint mldebt/<rule>: off`), plus one Python-style short form that
 * applies to its own line: `# mldebt: ignore` (every rule) or `# mldebt: ignore[rule-a, rule-b]`.
 */
import { ConfigCommentParser, Directive } from "@eslint/plugin-kit";
import type { DirectiveType, FileProblem, RulesConfig } from "@eslint/core";

/** A `#` comment: `value` is the text after `#`, as ESLint's directive parser expects. */
export interface HashComment {
  value: string;
  range: [number, number];
  loc: { start: { line: number; column: number }; end: { line: number; column: number } };
}

const commentParser = new ConfigCommentParser();
const ESLINT_DIRECTIVE = /^\s*eslint(?:-enable|-disable(?:(?:-next)?-line)?)?(?:\s|$)/u;
const SHORT_DIRECTIVE = /^\s*mldebt:\s*ignore(?:\[([^\]]*)\])?\s*(?:#.*)?$/u;

/** The comments that hold a directive. */
export function directiveComments<Comment extends HashComment>(comments: readonly Comment[]): Comment[] {
  return comments.filter((comment) => ESLINT_DIRECTIVE.test(comment.value) || SHORT_DIRECTIVE.test(comment.value));
}

/** The disable/enable directives of directive comments (the short form disables its own line). */
export function disableDirectives(comments: readonly HashComment[]): { problems: FileProblem[]; directives: Directive[] } {
  const problems: FileProblem[] = [];
  const directives: Directive[] = [];
  for (const comment of comments) {
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
        directives.push(new Directive({ type: label.slice("eslint-".length) as DirectiveType, node: comment, value, justification }));
        break;
      default:
        break;
    }
  }
  return { problems, directives };
}

/** Rule settings from `# eslint mldebt/<rule>: off` comments. */
export function inlineRuleConfigs<Comment extends HashComment>(comments: readonly Comment[]): {
  configs: { config: { rules: RulesConfig }; loc: Comment["loc"] }[];
  problems: FileProblem[];
} {
  const configs: { config: { rules: RulesConfig }; loc: Comment["loc"] }[] = [];
  const problems: FileProblem[] = [];
  for (const comment of comments) {
    const parsed = commentParser.parseDirective(comment.value);
    if (parsed?.label !== "eslint") continue;
    const result = commentParser.parseJSONLikeConfig(parsed.value);
    if (result.ok) configs.push({ config: { rules: result.config as RulesConfig }, loc: comment.loc });
    else problems.push({ ruleId: null, message: result.error.message, loc: comment.loc });
  }
  return { configs, problems };
}
