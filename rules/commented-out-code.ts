import { createRule } from "../src/rules-kit/create-rule.js";
import type { PyComment } from "../src/languages/python/nodes.js";
import type { NotebookSourceCode } from "../src/languages/notebook/language.js";
import { commentedOutCode } from "../src/rules-kit/commented-code.js";

type MessageIds = "commentedOutCode";
type Options = [{ minLines: number }];

export default createRule<Options, MessageIds>({
  name: "commented-out-code",
  meta: {
    category: "dead-experimental-code",
    severity: "warning",
    description: "Blocks of comments that are Python code: experiments kept in comments instead of in version control",
    recommended: true,
    scope: "file",
    messages: {
      commentedOutCode:
        "{{count}} lines of commented-out code (`{{preview}}`). Code kept in comments is an experiment kept \"just in case\": nobody runs or tests it, it rots as the live code around it changes, and every reader must work out that it is dead. To fix: delete it; git keeps the history, and the experiment tracker should record which variant produced which run. If the variant still matters, make it a setting read from config.",
    },
    schema: [
      {
        type: "object",
        additionalProperties: false,
        properties: {
          minLines: {
            type: "integer",
            minimum: 1,
            description: "The fewest non-blank comment lines of code a block needs to be reported (1 also reports single commented-out lines).",
          },
        },
      },
    ],
    defaultOptions: [{ minLines: 2 }],
  },
  create(context) {
    const [{ minLines }] = context.options;
    const sourceCode = context.sourceCode;
    return {
      module() {
        const isWholeLine = (comment: PyComment) => sourceCode.lines[comment.loc.start.line - 1]!.slice(0, comment.loc.start.column).trim() === "";
        const cells = (sourceCode as Partial<NotebookSourceCode>).notebook?.cells;
        const cellStarts = new Set((cells ?? []).filter((cell) => cell.cellType === "code").map((cell) => cell.programLine));
        const isBlank = (line: number) => (sourceCode.lines[line - 1] ?? "").trim() === "";
        for (const block of commentedOutCode(sourceCode.comments, isWholeLine, (line) => cellStarts.has(line), isBlank)) {
          if (block.lines < minLines) continue;
          const preview = block.first.value.trim();
          context.report({
            loc: { start: block.first.loc.start, end: block.last.loc.end },
            messageId: "commentedOutCode",
            data: { count: String(block.lines), preview: preview.length > 40 ? `${preview.slice(0, 39)}…` : preview },
          });
        }
      },
    };
  },
});
