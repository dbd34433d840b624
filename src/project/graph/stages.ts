/**
 * The declared stages of a project: `dvc.yaml` stages, Makefile targets, and the steps of
 * Airflow DAGs, Prefect flows and Kedro pipelines found in Python code, with what each runs,
 * reads and writes, and which stages it runs after. Shell scripts are not declared stages: they
 * fix an order, not inputs and outputs (see ShellPipeline). A Makefile recipe that runs two or
 * more scripts and declares no file inputs or outputs is a shell script in a Makefile, and is
 * read as one.
 */
import { posix } from "node:path";
import { scriptRunsIn } from "../manifests/commands.js";
import type { ManifestStage, ProjectModel } from "../types.js";
import type { Programs } from "./programs.js";
import type { DeclaredStage, ShellPipeline } from "./types.js";
import { appendTo } from "../../collections.js";

/** `*` in a pattern matches anything, `/` included. */
export function patternMatcher(pattern: string): RegExp {
  return new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/gu, "\\$&")).join(".*")}$`, "u");
}

/** Whether a declared path (a file or a directory) covers an artifact path (exact or a pattern). */
export function covers(declared: string, artifact: string): boolean {
  if (declared === "." || declared === "") return false;
  if (artifact === declared || artifact.startsWith(`${declared}/`)) return true;
  if (!artifact.includes("*")) return false;
  const prefix = artifact.slice(0, artifact.indexOf("*"));
  return patternMatcher(artifact).test(declared) || prefix.startsWith(`${declared}/`);
}

function isDvcPipeline(file: string): boolean {
  const name = posix.basename(file);
  return name === "dvc.yaml" || name === "dvc.yml";
}

/** A Makefile target that only chains scripts, declaring no files: a shell script in a Makefile. */
function isRecipeChain(stage: ManifestStage, projectScripts: string[]): boolean {
  return stage.kind === "makefile" && projectScripts.length >= 2 && stage.inputs.length === 0 && stage.outputs.length === 0;
}

/** The project module a qualified callable lives in (`src.prepare.main` → `src/prepare.py`). */
function moduleOfCallable(model: ProjectModel, from: string, qualified: string): string | null {
  const parts = qualified.split(".");
  for (let cut = parts.length - 1; cut > 0; cut--) {
    const module = model.moduleForImport(from, parts.slice(0, cut).join("."));
    if (module) return module;
  }
  return null;
}

/** Kedro dataset paths from the project's catalog files (`name.filepath`), else `kedro:<name>`. */
function kedroDataset(model: ProjectModel, name: string): string {
  const entry = model.configKey(`${name}.filepath`).find((key) => /catalog/u.test(key.file) && typeof key.value === "string");
  if (!entry || typeof entry.value !== "string" || /^[a-z][a-z0-9+.-]*:\/\//iu.test(entry.value)) return `kedro:${name}`;
  return posix.normalize(entry.value.replace(/^\.\//u, ""));
}

/**
 * The project file a run in a shell script (or a shell command of an orchestrator task) names. Shell
 * commands run from their caller's folder, usually the root; `lab1/run.sh` running `python a.py` where only `lab1/a.py` exists is run from its own
 * folder; `cd ~/work/project/lab1 && python a.py` names the checkout by an absolute path, so the
 * longest tail of it that is a project file is the one.
 */
function locateShellScript(script: string, manifest: string, isModule: (file: string) => boolean): string {
  if (isModule(script)) return script;
  const beside = posix.join(posix.dirname(manifest), script);
  if (isModule(beside)) return beside;
  if (!/^[~/]/u.test(script)) return script;
  const parts = script.split("/");
  for (let start = 1; start < parts.length; start++) {
    const tail = parts.slice(start).join("/");
    if (isModule(tail)) return tail;
  }
  return script;
}

export interface StageSet {
  stages: DeclaredStage[];
  shellPipelines: ShellPipeline[];
  /** Whether a stage runs before another, by declared order or declared data. */
  precedes(from: string, to: string): boolean;
  /** Declared stages that run a file (directly, or through the imports of a file they run). */
  stagesRunning(file: string): DeclaredStage[];
}

/** The declared stages and shell pipelines of a project. */
export function readStages(model: ProjectModel, programs: Programs): StageSet {
  const isModule = (file: string) => model.modules.has(file);
  const stages: DeclaredStage[] = [];
  const shellPipelines: ShellPipeline[] = [];

  for (const manifest of model.manifests) {
    if (manifest.kind === "shell") {
      const located = (script: string) => locateShellScript(script, manifest.file, isModule);
      const steps = manifest.stages.flatMap((stage) => stage.scripts.map(located).filter(isModule).map((file) => ({ file, line: stage.line })));
      if (new Set(steps.map((step) => step.file)).size >= 2) shellPipelines.push({ file: manifest.file, steps, undeclaredSteps: [] });
      continue;
    }
    if (manifest.kind === "makefile" || (manifest.kind === "dvc" && isDvcPipeline(manifest.file))) {
      for (const stage of manifest.stages) {
        const scripts = stage.scripts.filter(isModule);
        if (isRecipeChain(stage, scripts)) {
          shellPipelines.push({ file: manifest.file, target: stage.name, steps: scripts.map((file) => ({ file, line: stage.line })), undeclaredSteps: [] });
          continue;
        }
        stages.push({
          id: `stage:${manifest.file}#${stage.name}`,
          kind: manifest.kind,
          file: manifest.file,
          name: stage.name,
          line: stage.line,
          runs: scripts,
          inputs: stage.inputs,
          outputs: stage.outputs,
          after: (stage.after ?? []).map((name) => `stage:${manifest.file}#${name}`),
        });
      }
    }
  }

  for (const [file, facts] of model.modules) {
    for (const task of facts.pipeline?.tasks ?? []) {
      const runs = new Set<string>();
      for (const command of task.commands) {
        for (const run of scriptRunsIn(command, ".")) {
          const script = locateShellScript(run.script, file, isModule);
          if (isModule(script)) runs.add(script);
        }
      }
      for (const callable of task.callables) {
        const module = moduleOfCallable(model, file, callable);
        if (module) runs.add(module);
      }
      if (task.localFunctions.length > 0) runs.add(file);
      stages.push({
        id: `stage:${file}#${task.name}`,
        kind: task.framework,
        file,
        name: task.name,
        line: task.line,
        runs: [...runs].sort(),
        inputs: task.inputs.map((name) => kedroDataset(model, name)),
        outputs: task.outputs.map((name) => kedroDataset(model, name)),
        after: task.after.map((name) => `stage:${file}#${name}`),
      });
    }
  }
  stages.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const byId = new Map(stages.map((stage) => [stage.id, stage]));
  const successors = new Map<string, Set<string>>(stages.map((stage) => [stage.id, new Set<string>()]));
  for (const stage of stages) {
    for (const before of stage.after) if (byId.has(before)) successors.get(before)!.add(stage.id);
    for (const other of stages) {
      if (other === stage) continue;
      const feeds = stage.outputs.some((output) => other.inputs.some((input) => covers(output, input) || covers(input, output)));
      if (feeds) successors.get(stage.id)!.add(other.id);
    }
  }
  const reachable = new Map<string, Set<string>>();
  const reachableFrom = (id: string): Set<string> => {
    let found = reachable.get(id);
    if (found) return found;
    found = new Set();
    const queue = [id];
    while (queue.length > 0) {
      for (const next of successors.get(queue.shift()!) ?? []) {
        if (!found.has(next)) {
          found.add(next);
          queue.push(next);
        }
      }
    }
    reachable.set(id, found);
    return found;
  };

  const running = new Map<string, DeclaredStage[]>();
  for (const stage of stages) {
    const files = new Set(stage.runs.flatMap((script) => [...programs.closureOf(script)]));
    for (const file of files) appendTo(running, file, stage);
  }
  for (const pipeline of shellPipelines) {
    pipeline.undeclaredSteps = [...new Set(pipeline.steps.map((step) => step.file))].filter((file) => !running.has(file));
  }

  return {
    stages,
    shellPipelines,
    precedes: (from, to) => reachableFrom(from).has(to),
    stagesRunning: (file) => running.get(file) ?? [],
  };
}
