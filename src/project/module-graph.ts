/**
 * Who uses which module: the project modules each module imports (absolute, relative and
 * `from pkg import mod` submodule imports, resolved with the model's `moduleForImport`), plus the
 * modules it runs in its own namespace (`%run`, `exec(open(...).read())`, `runpy`), and which
 * scripts the project runs (pipeline manifests, invocations). Built once per model.
 */
import type { ProjectModel } from "./types.js";
import { appendTo } from "../collections.js";

export interface ModuleGraph {
  /** Modules that import (or run in their namespace) each module, sorted. */
  importers: Map<string, string[]>;
  /** Scripts and notebooks a manifest stage or another module runs, with where. */
  runs: Map<string, { file: string; line: number }[]>;
}

/** Invocations that run a file in the caller's namespace, like an import. */
const NAMESPACE_RUNS = new Set(["%run", "exec", "runpy.run_path", "runpy.run_module"]);

const graphs = new WeakMap<ProjectModel, ModuleGraph>();

/** The module graph of a project model. */
export function moduleGraph(model: ProjectModel): ModuleGraph {
  let graph = graphs.get(model);
  if (graph) return graph;
  const importers = new Map<string, string[]>();
  const runs = new Map<string, { file: string; line: number }[]>();
  for (const [file, facts] of [...model.modules].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const imported = new Set<string>();
    for (const target of facts.references.importTargets) {
      const resolved = model.moduleForImport(file, target);
      if (resolved && resolved !== file) imported.add(resolved);
    }
    for (const invocation of facts.invocations) {
      appendTo(runs, invocation.target, { file, line: invocation.line });
      if (NAMESPACE_RUNS.has(invocation.via) && invocation.target !== file) imported.add(invocation.target);
    }
    for (const target of imported) appendTo(importers, target, file);
  }
  for (const manifest of model.manifests) {
    for (const stage of manifest.stages) for (const script of stage.scripts) appendTo(runs, script, { file: manifest.file, line: stage.line });
  }
  graph = { importers, runs };
  graphs.set(model, graph);
  return graph;
}
