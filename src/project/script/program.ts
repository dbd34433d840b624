/**
 * The project's JavaScript/TypeScript program, through ts-morph: what a name imported from
 * another project module stands for (`import { RAW_DATA } from "./paths"`), following
 * re-exports. Built lazily, once per root and process, from the files on disk; compiler options
 * allow JavaScript and never emit.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { createRequire } from "node:module";
import type { Project, SourceFile } from "ts-morph";

/** ts-morph bundles a whole TypeScript compiler: load it only when a script needs it. */
let tsMorph: typeof import("ts-morph") | undefined;
function loadTsMorph(): typeof import("ts-morph") {
  tsMorph ??= createRequire(import.meta.url)("ts-morph") as typeof import("ts-morph");
  return tsMorph;
}

const projects = new Map<string, Project>();

function projectFor(root: string): Project {
  let project = projects.get(root);
  if (!project) {
    project = new (loadTsMorph().Project)({
      compilerOptions: { allowJs: true, noEmit: true, skipLibCheck: true },
      skipAddingFilesFromTsConfig: true,
      skipFileDependencyResolution: true,
    });
    projects.set(root, project);
  }
  return project;
}

const EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", "/index.ts", "/index.js"];

/** The project file a relative module specifier names (`./paths` or `./paths.js` → `/abs/paths.ts`), or null. */
function moduleFile(fromFile: string, specifier: string): string | null {
  if (!specifier.startsWith(".")) return null;
  const base = resolve(dirname(fromFile), specifier);
  // TypeScript sources import `./paths.js` and mean `./paths.ts`.
  const stem = base.replace(/\.[cm]?[jt]sx?$/u, "");
  const candidates = stem === base ? EXTENSIONS.map((extension) => `${base}${extension}`) : [base, ...EXTENSIONS.map((extension) => `${stem}${extension}`)];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? null;
}

function sourceFile(root: string, path: string): SourceFile | undefined {
  const project = projectFor(root);
  return project.getSourceFile(path) ?? project.addSourceFileAtPathIfExists(path);
}

/**
 * The string constant that `exportName` of the module `specifier` (imported in `fromFile`) is
 * initialised with — a string literal or a template without substitutions — or null.
 */
export function importedStringConstant(root: string, fromFile: string, specifier: string, exportName: string): string | null {
  const file = moduleFile(fromFile, specifier);
  const module = file ? sourceFile(root, file) : undefined;
  if (!module) return null;
  const { Node } = loadTsMorph();
  const declarations = module.getExportedDeclarations().get(exportName) ?? [];
  for (const declaration of declarations) {
    if (!Node.isVariableDeclaration(declaration)) continue;
    const initializer = declaration.getInitializer();
    if (Node.isStringLiteral(initializer) || Node.isNoSubstitutionTemplateLiteral(initializer)) return initializer.getLiteralValue();
  }
  return null;
}
