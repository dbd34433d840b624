import type { PyNode } from "../src/languages/python/nodes.js";
import { createRule } from "../src/rules-kit/create-rule.js";
import { listed } from "../src/rules-kit/graph-locations.js";
import { projectFile, projectGraph } from "../src/rules-kit/project-context.js";
import { relatedSuffix } from "../src/results/related.js";

type MessageIds = "shellPipeline";

export default createRule<[], MessageIds>({
  name: "shell-script-pipeline",
  meta: {
    category: "pipeline-jungle",
    severity: "warning",
    description: "A shell script (or a Makefile recipe that declares no files) is the only place that says in which order the pipeline's scripts run",
    recommended: true,
    scope: "project",
    messages: {
      shellPipeline:
        "{{where}} runs this {{kind}} first, then {{rest}}, and it is the only place that says so. A shell script fixes an order but not what each step reads and writes: every run re-runs everything (or someone runs \"just the part that changed\" by hand), a failed step can leave the next one reading old files, and nothing checks that the order is right. To fix: declare the steps with their inputs and outputs in one pipeline (a dvc.yaml stage per script, a Makefile with file targets, or an orchestrator DAG) and let the script call `dvc repro`.{{related}}",
    },
  },
  create(context) {
    return {
      "module:exit"(root: PyNode) {
        const file = projectFile(context);
        const graph = projectGraph(context);
        for (const pipeline of graph.shellPipelines) {
          if (pipeline.steps[0]?.file !== file || pipeline.undeclaredSteps.length < 2) continue;
          const rest = [...new Set(pipeline.steps.slice(1).map((step) => step.file))].filter((step) => step !== file);
          const firstLine = context.sourceCode.lines[0] ?? "";
          const line = root.children[0]?.loc.start.line ?? 1;
          context.report({
            loc: { start: { line, column: 0 }, end: { line, column: (context.sourceCode.lines[line - 1] ?? firstLine).length } },
            messageId: "shellPipeline",
            data: {
              where: pipeline.target === undefined ? `\`${pipeline.file}\`` : `The \`${pipeline.target}\` recipe of \`${pipeline.file}\``,
              kind: file.endsWith(".ipynb") ? "notebook" : "script",
              rest: listed(rest.map((step) => `\`${step}\``)),
              related: relatedSuffix(pipeline.steps.map((step, index) => ({ file: pipeline.file, line: step.line, message: `step ${index + 1}: ${step.file}` }))),
            },
          });
        }
      },
    };
  },
});
