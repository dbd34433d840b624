/**
 * Which environment variables a project declares somewhere a person or a machine would look:
 * `.env.example` and other `.env*` files, READMEs and docs, Dockerfiles and compose files, CI
 * workflows, Makefiles and shell scripts, config files (`${oc.env:DATA_DIR}`). A variable counts
 * as declared when its name appears there as a word. Python sources are not read: the code that
 * reads a variable would always mention it.
 *
 * The files come from the project tree (discovery, .gitignore honoured); each is read once per
 * project, at most {@link MAX_BYTES} of it, and only when a rule asks.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { posix, resolve } from "node:path";
import type { ProjectDeclarations } from "./types.js";

const MAX_BYTES = 512 * 1024;
const MAX_FILES = 2000;

/** Files that declare or document environment variables. */
function declaresEnvironment(file: string): boolean {
  const name = posix.basename(file).toLowerCase();
  if (name === ".env" || name.startsWith(".env.") || name.endsWith(".env")) return true;
  if (/^readme|^contributing|^install|^setup/u.test(name) && !name.endsWith(".py")) return true;
  if (/\.(?:md|markdown|rst|adoc|txt|ya?ml|toml|ini|cfg|conf|sh|bash|mk|envrc)$/u.test(name)) return !name.startsWith("requirements");
  return name === "makefile" || name === "gnumakefile" || name.startsWith("dockerfile") || name === "procfile" || name === ".envrc";
}

function readPrefix(path: string): string {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(path, "r");
    const buffer = Buffer.alloc(MAX_BYTES);
    const length = readSync(descriptor, buffer, 0, MAX_BYTES, 0);
    const bytes = buffer.subarray(0, length);
    return bytes.includes(0) ? "" : bytes.toString("utf8");
  } catch {
    return "";
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

const cache = new WeakMap<ProjectDeclarations, Map<string, string>>();

/** Every upper-case word (`DATA_DIR`) in the project's declaring files, with the first file (in path order) that has it. */
export function declaredEnvironment(declarations: ProjectDeclarations): Map<string, string> {
  let names = cache.get(declarations);
  if (names) return names;
  names = new Map();
  const files = declarations.tree.files.filter(declaresEnvironment).slice(0, MAX_FILES);
  for (const file of files) {
    for (const match of readPrefix(resolve(declarations.root, file)).matchAll(/[A-Z][A-Z0-9_]*[A-Z0-9]/gu)) {
      if (!names.has(match[0])) names.set(match[0], file);
    }
  }
  cache.set(declarations, names);
  return names;
}
