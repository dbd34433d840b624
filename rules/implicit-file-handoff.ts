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
        "`{{path}}`{{readAs}} is written by {{writers}} and read here, but no pipeline manifest declares this hand-off. Only people know that {{writerFiles}} must run first: when its code or inputs change, nothing re-runs it, so this step silently reads a stale (or missing) file. To fix: declare both steps in one pipeline — a dvc.yaml stage for each, with `{{path}}` in the writer's `outs` and in this step's `deps` (or a Makefile rule, or an orchestrator task).{{related}}",
    },
  },
  create(context) {
    return {
      "module:exit"() {
        const graph = projectGraph(context);
        for (const handoff of graph.handoffsReadIn(projectFile(context))) {
          const undeclared = handoff.writes.filter((write) => !write.declared).map(({ site }) => site);
          if (undeclared.length === 0) continue;
          const writes = undeclared.map((site) => ({ site, at: graph.locate(site.file, site.node.loc.start.line, site.node.loc.start.column + 1) }));
          // A read through a pattern (`data/*/meta.pkl`) names the file it matched.
          const written = undeclared[0]!.path!;
          const matched = !handoff.read.path!.exact && written.exact;
          context.report({
            loc: handoff.read.node.loc,
            messageId: "undeclaredHandoff",
            data: {
              path: matched ? written.text : handoff.artifact,
              readAs: matched ? ` (read here as \`${handoff.artifact}\`)` : "",
              writers: listed(writes.map(({ at }) => describeLocation(at))),
              writerFiles: listed([...new Set(undeclared.map((site) => site.file))]),
              related: relatedSuffix(writes.map(({ site, at }) => relatedAt(at, `writes ${site.path!.text}`))),
            },
          });
        }
      },
    };
  },
});
