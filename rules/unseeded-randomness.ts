import { createRule } from "../src/rules-kit/create-rule.js";
import { PyNode, field } from "../src/languages/python/nodes.js";
import { enclosingFunction } from "../src/rules-kit/python-syntax.js";
import { familyInfo, randomCallsOf, seededAt, type DrawCall } from "../src/analysis/randomness/random-calls.js";
import { projectSeedsOf } from "../src/analysis/randomness/program-seeds.js";
import { projectFile, projectModel } from "../src/rules-kit/project-context.js";

type MessageIds = "unseeded" | "unseededGenerator";

export default createRule<[], MessageIds>({
  name: "unseeded-randomness",
  meta: {
    category: "reproducibility",
    severity: "warning",
    description: "Random numbers drawn from a global generator that the program running them never seeds",
    recommended: true,
    scope: "project",
    messages: {
      unseeded:
        "`{{call}}` draws from {{library}}, which nothing seeds before this call{{more}}: not this file, nor a script that imports or runs it. Every run then gets different splits, initial weights or samples, so results cannot be reproduced or compared across runs. To fix: {{fix}}.",
      unseededGenerator:
        "`{{call}}()` creates a random generator without a seed, so every run draws different numbers and results cannot be reproduced. To fix: pass a seed, ideally from config (`{{call}}(cfg.seed)`).",
    },
  },
  create(context) {
    return {
      "module:exit"(root: PyNode) {
        const calls = randomCallsOf(root);
        const { sourceCode } = context;
        for (const generator of calls.unseededGenerators) {
          context.report({ node: generator, messageId: "unseededGenerator", data: { call: sourceCode.getText(field(generator, "function")) } });
        }
        const unseeded = calls.draws.filter((draw) => !seededAt(calls, draw.family, draw.node));
        if (unseeded.length === 0) return;
        // Only now is the project needed: is this module run by a program that seeds it?
        const file = projectFile(context);
        const model = projectModel(context);
        const seeds = model.modules.has(file) ? projectSeedsOf(model) : null;
        const open = unseeded.filter(
          (draw) => !seeds?.coverOf(file, draw.family, { line: draw.node.loc.start.line, inFunction: enclosingFunction(draw.node) !== null }),
        );
        const reported = new Set<string>();
        for (const draw of open) {
          if (reported.has(draw.family)) continue;
          reported.add(draw.family);
          const others = open.filter((other: DrawCall) => other !== draw && other.family === draw.family).length;
          const { library, fix } = familyInfo(draw.family);
          context.report({
            node: draw.node,
            messageId: "unseeded",
            data: { call: sourceCode.getText(field(draw.node, "function")), library, fix, more: others > 0 ? ` (nor before ${others} more call${others === 1 ? "" : "s"} to it here)` : "" },
          });
        }
      },
    };
  },
});
