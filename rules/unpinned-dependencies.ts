import { createRule } from "../src/rules-kit/create-rule.js";
import type { PyNode } from "../src/languages/python/nodes.js";
import { importsOf } from "../src/project/python/imports.js";
import { importNamesOf } from "../src/project/dependencies.js";
import type { DeclaredDependency, DependencyManifest, ProjectModel } from "../src/project/types.js";
import { projectDeclarations, projectFile, projectModel } from "../src/rules-kit/project-context.js";
import { relatedSuffix } from "../src/results/related.js";
import { appendTo } from "../src/collections.js";
import { posix } from "node:path";

type MessageIds = "unpinned" | "conflicting";

/** Related locations listed per finding (the message counts the rest). */
const MAX_RELATED = 10;
const MAX_NAMED = 4;

function directoryOf(file: string): string {
  const dir = posix.dirname(file);
  return dir === "." ? "" : `${dir}/`;
}

/** A manifest whose versions are not fixed: not a lock itself, and no lock file beside it. */
function unlocked(manifest: DependencyManifest, manifests: DependencyManifest[], lockFiles: string[]): boolean {
  if (manifest.isLock) return false;
  const dir = directoryOf(manifest.file);
  const besides = (file: string) => directoryOf(file) === dir;
  if (lockFiles.some(besides)) return false;
  // pip-compile's input beside its output (`requirements.in` → `requirements.txt`).
  return !manifests.some((other) => other !== manifest && other.isLock && other.kind === "requirements" && besides(other.file));
}

/** The top-level package of an imported module (`sklearn.model_selection` → `sklearn`). */
function topLevel(module: string): string {
  return module.split(".")[0]!;
}

/** The import a finding is reported at: `module` as `file` imports it. */
interface Anchor {
  file: string;
  module: string;
}

/** The project's modules in file order, and which of them import each module name (and each top-level package). */
interface ImportIndex {
  files: string[];
  importers: Map<string, number[]>;
}

function importIndexOf(model: ProjectModel): ImportIndex {
  const files = [...model.modules.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const importers = new Map<string, number[]>();
  files.forEach((file, index) => {
    const names = new Set<string>();
    for (const module of model.modules.get(file)!.imports) names.add(module).add(topLevel(module));
    for (const name of names) appendTo(importers, name, index);
  });
  return { files, importers };
}

/**
 * Where a finding about `dependencies` goes: the first import (modules under `preferDir` first,
 * then the rest under `withinDir`, each in file order) of one of them. The import is the code
 * that runs against whatever version gets installed.
 */
function anchorOf(model: ProjectModel, index: ImportIndex, dependencies: DeclaredDependency[], preferDir: string, withinDir = ""): Anchor | null {
  const names = new Set(dependencies.flatMap((dependency) => importNamesOf(dependency.normalized)));
  let best = -1;
  let bestPreferred = false;
  for (const name of names) {
    for (const candidate of index.importers.get(name) ?? []) {
      const file = index.files[candidate]!;
      if (!file.startsWith(withinDir)) continue;
      const preferred = file.startsWith(preferDir);
      if (best === -1 || (preferred && !bestPreferred) || (preferred === bestPreferred && candidate < best)) {
        best = candidate;
        bestPreferred = preferred;
      }
    }
  }
  if (best === -1) return null;
  const file = index.files[best]!;
  const module = model.modules.get(file)!.imports.find((imported) => names.has(imported) || names.has(topLevel(imported)));
  return module === undefined ? null : { file, module };
}

/** A finding to report at the import of `module` in a file. */
interface Planned {
  module: string;
  messageId: MessageIds;
  data: Record<string, string>;
}

function describe(dependency: DeclaredDependency): string {
  return `\`${dependency.name}${dependency.spec ? ` ${dependency.spec}` : ""}\``;
}

/** Up to MAX_NAMED items, then how many more. */
function nameSome(items: string[]): string {
  return items.slice(0, MAX_NAMED).join(", ") + (items.length > MAX_NAMED ? `, and ${items.length - MAX_NAMED} more` : "");
}

function exactVersion(spec: string): string {
  return spec.replace(/^[=\s]+/u, "").replace(/^=/u, "");
}

/** Two manifests can install into one environment when one's folder holds the other's. */
function nested(a: DependencyManifest, b: DependencyManifest): boolean {
  const [dirA, dirB] = [directoryOf(a.file), directoryOf(b.file)];
  return dirA.startsWith(dirB) || dirB.startsWith(dirA);
}

/**
 * Every finding of the project, by the file it is reported in: planned once per model (each
 * file's lint looks its own up), since placing a manifest's finding means looking at every
 * module's imports.
 */
function planFindings(model: ProjectModel, manifests: DependencyManifest[], lockFiles: string[]): Map<string, Planned[]> {
  const index = importIndexOf(model);
  const plans = new Map<string, Planned[]>();
  const sorted = [...manifests].sort((a, b) => (a.file < b.file ? -1 : 1));

  // Unpinned: manifests whose findings land on one import are reported together.
  const atImport = new Map<string, { anchor: Anchor; manifest: DependencyManifest; loose: DeclaredDependency[] }[]>();
  for (const manifest of sorted) {
    if (!unlocked(manifest, manifests, lockFiles)) continue;
    const loose = manifest.dependencies.filter((dependency) => !dependency.pinned);
    if (loose.length === 0) continue;
    const anchor = anchorOf(model, index, loose, directoryOf(manifest.file));
    if (anchor) appendTo(atImport, `${anchor.file}\0${anchor.module}`, { anchor, manifest, loose });
  }
  for (const [first, ...others] of atImport.values()) {
    const { anchor, manifest, loose } = first!;
    const related = loose.slice(0, MAX_RELATED).map((dependency) => ({ file: manifest.file, line: dependency.line, column: dependency.column, message: `${dependency.name}${dependency.spec ? ` ${dependency.spec}` : ""}: not pinned` }));
    for (const other of others.slice(0, MAX_RELATED)) {
      const dependency = other.loose[0]!;
      related.push({ file: other.manifest.file, line: dependency.line, column: dependency.column, message: `${other.loose.length} of ${other.manifest.dependencies.length} not pinned` });
    }
    appendTo(plans, anchor.file, {
      module: anchor.module,
      messageId: "unpinned",
      data: {
        module: topLevel(anchor.module),
        manifest: manifest.file,
        count: `${loose.length} of ${manifest.dependencies.length} package${manifest.dependencies.length === 1 ? "" : "s"}`,
        named: nameSome(loose.map(describe)),
        others: others.length === 0 ? "" : ` (so ${others.length === 1 ? "does" : "do"} ${others.length === 1 ? "another manifest" : `${others.length} other manifests`}: ${nameSome(others.map((other) => other.manifest.file))})`,
        related: relatedSuffix(related),
      },
    });
  }

  // One package pinned to two versions by two manifests that can install into one environment.
  const pins = new Map<string, { manifest: DependencyManifest; dependency: DeclaredDependency }[]>();
  for (const manifest of manifests) for (const dependency of manifest.dependencies) if (dependency.pinned) appendTo(pins, dependency.normalized, { manifest, dependency });
  for (const [, entries] of [...pins].sort(([a], [b]) => (a < b ? -1 : 1))) {
    let pair: [(typeof entries)[number], (typeof entries)[number]] | null = null;
    for (let i = 0; i < entries.length && !pair; i++) {
      for (let j = i + 1; j < entries.length && !pair; j++) {
        const [a, b] = [entries[i]!, entries[j]!];
        if (exactVersion(a.dependency.spec) !== exactVersion(b.dependency.spec) && nested(a.manifest, b.manifest)) pair = [a, b];
      }
    }
    if (!pair) continue;
    const [dirA, dirB] = [directoryOf(pair[0].manifest.file), directoryOf(pair[1].manifest.file)];
    const [outer, inner] = dirA.length <= dirB.length ? [dirA, dirB] : [dirB, dirA];
    const anchor = anchorOf(model, index, [pair[0].dependency], inner, outer);
    if (!anchor) continue;
    const at = (entry: (typeof pair)[number]) => `${entry.manifest.file} (\`${entry.dependency.name}${entry.dependency.spec}\`)`;
    appendTo(plans, anchor.file, {
      module: anchor.module,
      messageId: "conflicting",
      data: {
        module: topLevel(anchor.module),
        first: at(pair[0]),
        second: at(pair[1]),
        related: relatedSuffix(pair.map((entry) => ({ file: entry.manifest.file, line: entry.dependency.line, column: entry.dependency.column, message: `pinned to ${exactVersion(entry.dependency.spec)}` }))),
      },
    });
  }
  return plans;
}

const planned = new WeakMap<ProjectModel, Map<string, Planned[]>>();

/** The import statement of `module` in this file. */
function importNode(root: PyNode, module: string): PyNode | undefined {
  const imports = importsOf(root);
  return imports.modules.find((entry) => entry.module === module)?.node ?? imports.modules.find((entry) => topLevel(entry.module) === topLevel(module))?.node;
}

export default createRule<[], MessageIds>({
  name: "unpinned-dependencies",
  meta: {
    category: "reproducibility",
    severity: "warning",
    description: "Dependencies installed at whatever version the resolver picks that day: ranges or no version, and no lock file",
    recommended: true,
    scope: "project",
    messages: {
      unpinned:
        "`{{module}}` is installed from {{manifest}}, which leaves {{count}} unpinned ({{named}}) and has no lock file beside it{{others}}: every install resolves them again, so a teammate, CI or production gets other versions than the ones this code was tested with, and the same code trains a different model or fails to load a pickled one. To fix: lock the environment (`pip-compile`, `uv lock`, `poetry lock`, `conda-lock`, or at least `pip freeze > requirements.lock`), commit the lock, and install from it everywhere.{{related}}",
      conflicting:
        "`{{module}}` is pinned to different versions by {{first}} and {{second}}: which one is installed depends on how the environment was built, so development and production can run different code. To fix: keep one source of truth for versions (one lock file) and generate the others from it.{{related}}",
    },
  },
  create(context) {
    return {
      "module:exit"(root: PyNode) {
        // Cheap first: only projects with dependency files need the whole model.
        const declared = projectDeclarations(context).dependencies;
        if (!declared || declared.manifests.length === 0) return;
        const file = projectFile(context);
        const model = projectModel(context);
        if (!model.modules.has(file)) return;
        let plans = planned.get(model);
        if (!plans) {
          plans = planFindings(model, declared.manifests, declared.lockFiles);
          planned.set(model, plans);
        }
        for (const { module, messageId, data } of plans.get(file) ?? []) {
          const node = importNode(root, module);
          if (node) context.report({ node, messageId, data });
        }
      },
    };
  },
});
