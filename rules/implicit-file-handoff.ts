import { createRule } from "../src/rules-kit/create-rule.js";
import { describeLocation, listed, relatedAt } from "../src/rules-kit/graph-locations.js";
import { projectFile, projectGraph } from "../src/rules-kit/project-context.js";
import { relatedSuffix } from "../src/results/related.js";

type MessageIds = "undeclaredHandoff";

export default createRule<[], MessageIds>({
  name: "implicit-file-handoff",
  meta: {
    category: "pipeline-jungle",
    severity: "warning",
    description: "A file one script or notebook writes and another reads, with no pipeline manifest declaring that hand-off",
    recommended: true,
    scope: "project",
    messages: {
      undeclaredHandoff:
        "`{{path}}` is written by {{writers}} and read here, but no pipeline manifest declares this hand-off. Only people know that {{writerFiles}} must run first: when its code or inputs change, nothing re-runs it, so this step silently reads a stale (or missing) file. To fix: declare both steps in one pipeline — a dvc.yaml stage for each, with `{{path}}` in the writer's `outs` and in this step's `deps` (or a Makefile rule, or an orchestrator task).{{related}}",
    },
  },
  create(context) {
    return {
      "module:exit"() {
        const graph = projectGraph(context);
        for (const handoff of graph.handoffsReadIn(projectFile(context))) {
          const writes = handoff.writes.filter((write) => !write.declared).map(({ site }) => graph.locate(site.file, site.node.loc.start.line, site.node.loc.start.column + 1));
          if (writes.length === 0) continue;
          context.report({
            loc: handoff.read.node.loc,
            messageId: "undeclaredHandoff",
            data: {
              path: handoff.artifact,
              writers: listed(writes.map(describeLocation)),
              writerFiles: listed([...new Set(writes.map((write) => write.file))]),
              related: relatedSuffix(writes.map((write) => relatedAt(write, `writes ${handoff.artifact}`))),
            },
          });
        }
      },
    };
  },
});
