import { createRule } from "../src/rules-kit/create-rule.js";
import { describeLocation, relatedAt } from "../src/rules-kit/graph-locations.js";
import { projectFile, projectGraph } from "../src/rules-kit/project-context.js";
import { relatedSuffix } from "../src/results/related.js";

type MessageIds = "cycle";

export default createRule<[], MessageIds>({
  name: "pipeline-cycle",
  meta: {
    category: "pipeline-jungle",
    severity: "warning",
    description: "Steps that feed each other in a loop through files: each reads what another writes, and the chain comes back",
    recommended: true,
    scope: "project",
    messages: {
      cycle:
        "This step reads `{{path}}`, written by {{writer}}, and the data flows round in a loop: {{chain}}. A loop has no first step, so what this step reads depends on which step happened to run last; no pipeline tool can run it, and results cannot be reproduced from the code. To fix: break the loop — give each step its own output file (e.g. `{{path}}` → a versioned copy), or merge the steps that feed each other into one, then declare the pipeline in dvc.yaml.{{related}}",
    },
  },
  create(context) {
    return {
      "module:exit"() {
        const file = projectFile(context);
        const graph = projectGraph(context);
        for (const cycle of graph.cycles) {
          if (cycle.files[0] !== file) continue;
          const first = cycle.reads[0]!;
          const at = (site: typeof first.read) => graph.locate(site.file, site.node.loc.start.line, site.node.loc.start.column + 1);
          const chain = [...cycle.reads.slice(1), first].map((step) => `${step.write.file} → \`${step.artifact}\` → ${step.read.file}`);
          context.report({
            loc: first.read.node.loc,
            messageId: "cycle",
            data: {
              path: first.artifact,
              writer: describeLocation(at(first.write)),
              chain: chain.join(", "),
              related: relatedSuffix(cycle.reads.flatMap((step) => [relatedAt(at(step.write), `writes ${step.artifact}`), ...(step === first ? [] : [relatedAt(at(step.read), `reads ${step.artifact}`)])])),
            },
          });
        }
      },
    };
  },
});
