/**
 * Which parts of a repository belong to one program. A repository may hold several independent ML
 * programs (an examples collection, a monorepo of services); their settings must not be compared
 * with each other. Modules are linked when one imports or runs another, when they read the same
 * config file (or Hydra config), or when one manifest (Makefile, dvc.yaml, shell script) runs them;
 * each connected group is a program. A config file belongs to the programs that read it; a config
 * file nobody reads serves the modules in its folder (above folders named `conf`, `configs`,
 * `params`, …), since it is where those modules would read settings from — those modules only,
 * not the library code their programs take in (an example's unread YAML is no setting of the
 * package the example imports).
 * JavaScript/TypeScript files, which the model does not read, belong with the configs of their folder.
 */
import { posix } from "node:path";
import type { ProjectModel } from "../types.js";

/** Folders that hold configuration for the folder above them. */
const CONFIG_FOLDERS = new Set(["conf", "confs", "config", "configs", "configuration", "params", "parameters", "settings", "hparams", "experiments", "experiment"]);

export interface ProjectPrograms {
  /** The program a module belongs to (modules without links are programs of their own). */
  programOf(file: string): number;
  /** True when `module` and the config file `config` belong to one program. */
  relates(module: string, config: string): boolean;
  /** True when two modules belong to one program. */
  together(a: string, b: string): boolean;
}

class UnionFind {
  readonly #parent = new Map<string, string>();

  find(item: string): string {
    let root = item;
    while (this.#parent.has(root) && this.#parent.get(root) !== root) root = this.#parent.get(root)!;
    let current = item;
    while (current !== root) {
      const next = this.#parent.get(current) ?? root;
      this.#parent.set(current, root);
      current = next;
    }
    if (!this.#parent.has(root)) this.#parent.set(root, root);
    return root;
  }

  union(a: string, b: string): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA !== rootB) this.#parent.set(rootA < rootB ? rootB : rootA, rootA < rootB ? rootA : rootB);
  }
}

/** The folder whose modules a config file serves: its own folder, above config-named folders. */
function servedFolder(config: string): string {
  let folder = posix.dirname(config);
  while (folder !== "." && CONFIG_FOLDERS.has(posix.basename(folder).toLowerCase())) folder = posix.dirname(folder);
  return folder;
}

function inside(file: string, folder: string): boolean {
  return folder === "." || file.startsWith(`${folder}/`);
}

/**
 * The programs of a project. `readers` gives, for each config file, the modules that read it
 * (directly, or through the Hydra config it belongs to).
 */
export function programsOf(model: ProjectModel, readers: Map<string, string[]>): ProjectPrograms {
  const groups = new UnionFind();
  const modules = [...model.modules.keys()].sort();
  for (const file of modules) {
    groups.find(file);
    const facts = model.modules.get(file)!;
    for (const imported of facts.imports) {
      const target = model.moduleForImport(file, imported);
      if (target) groups.union(file, target);
    }
    for (const invocation of facts.invocations) if (model.modules.has(invocation.target)) groups.union(file, invocation.target);
  }
  for (const manifest of model.manifests) {
    const scripts = manifest.stages.flatMap((stage) => stage.scripts).filter((script) => model.modules.has(script));
    for (const script of scripts.slice(1)) groups.union(scripts[0]!, script);
  }
  for (const list of readers.values()) for (const reader of list.slice(1)) groups.union(list[0]!, reader);

  const programsOfConfig = new Map<string, Set<string>>();
  /** The programs of the modules that read a config file (none when no code reads it). */
  const configProgram = (config: string): Set<string> => {
    let found = programsOfConfig.get(config);
    if (!found) {
      found = new Set((readers.get(config) ?? []).map((member) => groups.find(member)));
      programsOfConfig.set(config, found);
    }
    return found;
  };
  const isRead = (config: string) => (readers.get(config)?.length ?? 0) > 0;
  const ids = new Map<string, number>();
  return {
    programOf(file) {
      const root = groups.find(file);
      if (!ids.has(root)) ids.set(root, ids.size);
      return ids.get(root)!;
    },
    // A config file no code reads serves the modules of its folder, not the programs they belong
    // to: those may take in a library that many programs share. A JavaScript/TypeScript file is no
    // module of the model: it belongs with the configs of its folder too.
    relates: (module, config) => (model.modules.has(module) && isRead(config) ? configProgram(config).has(groups.find(module)) : inside(module, servedFolder(config))),
    together: (a, b) => groups.find(a) === groups.find(b),
  };
}
