import { createRule } from "../src/rules-kit/create-rule.js";
import type { PyNode } from "../src/languages/python/nodes.js";
import { importsOf } from "../src/project/python/imports.js";
import { importNamesOf } from "../src/project/dependencies.js";
import type { DeclaredDependency, DependencyManifest, ProjectModel } from "../src/project/types.js";
import { projectDeclarations, projectFile, projectModel } from "../src/rules-kit/project-context.js";
import { relatedSuffix } from "../src/results/related.js";
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

interface Anchor {
  file: string;
  module: string;
  dependency: DeclaredDependency;
}

/**
 * Where a manifest's finding goes: the first import (modules under the manifest's folder first,
 * then the rest, each in file order) of a package it leaves unpinned. The import is the code that
 * runs against whatever version gets installed.
 */
function anchorOf(model: ProjectModel, dependencies: DeclaredDependency[], scopeDir: string): Anchor | null {
  const byImport = new Map<string, DeclaredDependency>();
  for (const dependency of dependencies) for (const name of importNamesOf(dependency.normalized)) if (!byImport.has(name)) byImport.set(name, dependency);
  const files = [...model.modules.keys()].sort((a, b) => {
    const inA = a.startsWith(scopeDir) ? 0 : 1;
    const inB = b.startsWith(scopeDir) ? 0 : 1;
    return inA - inB || (a < b ? -1 : a > b ? 1 : 0);
  });
  for (const file of files) {
    for (const module of model.modules.get(file)!.imports) {
      const dependency = byImport.get(module) ?? byImport.get(topLevel(module));
      if (dependency) return { file, module, dependency };
    }
  }
  return null;
}

/** The import statement of `module` in this file. */
function importNode(root: PyNode, module: string): PyNode | undefined {
  const imports = importsOf(root);
  return imports.modules.find((entry) => entry.module === module)?.node ?? imports.modules.find((entry) => topLevel(entry.module) === topLevel(module))?.node;
}

function describe(dependency: DeclaredDependency): string {
  return `\`${dependency.name}${dependency.spec ? ` ${dependency.spec}` : ""}\``;
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
        "`{{module}}` is installed from {{manifest}}, which leaves {{count}} unpinned ({{named}}) and has no lock file beside it: every install resolves them again, so a teammate, CI or production gets other versions than the ones this code was tested with, and the same code trains a different model or fails to load a pickled one. To fix: lock the environment (`pip-compile`, `uv lock`, `poetry lock`, `conda-lock`, or at least `pip freeze > requirements.lock`), commit the lock, and install from it everywhere.{{related}}",
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
        const { manifests, lockFiles } = declared;

        for (const manifest of [...manifests].sort((a, b) => (a.file < b.file ? -1 : 1))) {
          if (!unlocked(manifest, manifests, lockFiles)) continue;
          const loose = manifest.dependencies.filter((dependency) => !dependency.pinned);
          if (loose.length === 0) continue;
          const anchor = anchorOf(model, loose, directoryOf(manifest.file));
          if (anchor?.file !== file) continue;
          const node = importNode(root, anchor.module);
          if (!node) continue;
          const named = loose.slice(0, MAX_NAMED).map(describe).join(", ") + (loose.length > MAX_NAMED ? `, and ${loose.length - MAX_NAMED} more` : "");
          const related = loose.slice(0, MAX_RELATED).map((dependency) => ({ file: manifest.file, line: dependency.line, column: dependency.column, message: `${dependency.name}${dependency.spec ? ` ${dependency.spec}` : ""}: not pinned` }));
          context.report({
            node,
            messageId: "unpinned",
            data: {
              module: topLevel(anchor.module),
              manifest: manifest.file,
              count: `${loose.length} of ${manifest.dependencies.length} package${manifest.dependencies.length === 1 ? "" : "s"}`,
              named,
              related: relatedSuffix(related),
            },
          });
        }

        // One package pinned to two versions by two manifests.
        const pins = new Map<string, { manifest: DependencyManifest; dependency: DeclaredDependency }[]>();
        for (const manifest of manifests) {
          for (const dependency of manifest.dependencies) {
            if (!dependency.pinned) continue;
            pins.set(dependency.normalized, [...(pins.get(dependency.normalized) ?? []), { manifest, dependency }]);
          }
        }
        for (const [, entries] of [...pins].sort(([a], [b]) => (a < b ? -1 : 1))) {
          const version = (spec: string) => spec.replace(/^[=\s]+/u, "").replace(/^=/u, "");
          const first = entries[0]!;
          const second = entries.find((entry) => version(entry.dependency.spec) !== version(first.dependency.spec));
          if (!second) continue;
          const anchor = anchorOf(model, [first.dependency], "");
          if (anchor?.file !== file) continue;
          const node = importNode(root, anchor.module);
          if (!node) continue;
          const at = (entry: typeof first) => `${entry.manifest.file} (\`${entry.dependency.name}${entry.dependency.spec}\`)`;
          context.report({
            node,
            messageId: "conflicting",
            data: {
              module: topLevel(anchor.module),
              first: at(first),
              second: at(second),
              related: relatedSuffix([first, second].map((entry) => ({ file: entry.manifest.file, line: entry.dependency.line, column: entry.dependency.column, message: `pinned to ${version(entry.dependency.spec)}` }))),
            },
          });
        }
      },
    };
  },
});
