import type { PyNode } from "../src/languages/python/nodes.js";
import { isLocalData } from "../src/project/graph/handoffs.js";
import { descendants } from "../src/project/python/scope.js";
import type { ModuleFacts, ProjectIoSite } from "../src/project/types.js";
import { createRule } from "../src/rules-kit/create-rule.js";
import { projectFile, projectGraph, projectModel } from "../src/rules-kit/project-context.js";

type MessageIds = "invokesScript";

/** A script that reads or writes data files in the project, or runs other scripts. */
function isPipelineStep(facts: ModuleFacts): boolean {
  return facts.invocations.length > 0 || facts.ioSites.some((site) => isLocalData(site as ProjectIoSite));
}

/** How a runner is named in messages. */
function runner(via: string): string {
  if (via === "!") return "A `!` shell escape";
  if (via.startsWith("%")) return `\`${via}\``;
  if (via === "exec") return "`exec(open(…).read())`";
  return `\`${via}\``;
}

export default createRule<[], MessageIds>({
  name: "script-invokes-script",
  meta: {
    category: "pipeline-jungle",
    severity: "warning",
    description: "A script or notebook that runs another project script (subprocess, os.system, runpy, exec, %run, !python) instead of a declared pipeline step",
    recommended: true,
    scope: "project",
    messages: {
      invokesScript:
        "{{runner}} runs `{{target}}` from inside this {{kind}}, so part of the pipeline lives in a side effect: nothing declares that `{{target}}` must run here, what it reads and writes, or what happens when it fails{{failure}}. To fix: make `{{target}}` a stage of a declared pipeline (dvc.yaml, Makefile, orchestrator) that this step depends on, or import the function you need from it and call it.",
    },
  },
  create(context) {
    return {
      "module:exit"(root: PyNode) {
        const file = projectFile(context);
        const model = projectModel(context);
        const facts = model.modules.get(file);
        if (!facts) return;
        const graph = projectGraph(context);
        const spans = facts.pipeline?.taskSpans ?? [];
        const calls = new Map(descendants(root, "call").map((call) => [`${call.loc.start.line}:${call.loc.start.column + 1}`, call]));
        for (const invocation of facts.invocations) {
          if (invocation.target === file || !model.modules.has(invocation.target)) continue;
          // `%run helpers.py` of a module that only defines things is an import, and a script that
          // touches no data and runs nothing (`exec(open("configurator.py").read())`) is configuration:
          // neither is a pipeline step.
          if (graph.fileKind(invocation.target) === "module" || !isPipelineStep(model.modules.get(invocation.target)!)) continue;
          if (spans.some(([start, end]) => invocation.line >= start && invocation.line <= end)) continue;
          const call = calls.get(`${invocation.line}:${invocation.column}`);
          const data = {
            runner: runner(invocation.via),
            target: invocation.target,
            kind: facts.kind === "notebook" ? "notebook" : "script",
            failure: invocation.via === "os.system" || invocation.via === "subprocess.call" || invocation.via === "subprocess.Popen" || invocation.via === "!" ? " (here a failure is not even an exception: the run goes on with old outputs)" : "",
          };
          if (call) context.report({ node: call, messageId: "invokesScript", data });
          else context.report({ loc: { line: invocation.line, column: invocation.column - 1 }, messageId: "invokesScript", data });
        }
      },
    };
  },
});
