/**
 * Which environment variables a project declares somewhere a person or a machine would look:
 * `.env.example` and other `.env*` files, READMEs and docs, Dockerfiles and compose files, CI
 * workflows, Makefiles and shell scripts, config files (`${oc.env:DATA_DIR}`). A variable counts
 * as declared when its name appears there as a word. Python sources are not read: the code that
 * reads a variable would always mention it.
 *
 * The files come from the project tree (discovery, .gitignore honoured); each is read once per
 * project, at most {@link MAX_BYTES} of it and {@link TOTAL_BYTES} in all, and only when a rule asks.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { posix, resolve } from "node:path";
import type { ProjectDeclarations } from "./types.js";

const MAX_BYTES = 512 * 1024;
/** Bytes read in all, so a repository full of YAML data cannot make the scan slow. */
const TOTAL_BYTES = 16 * 1024 * 1024;

/**
 * How likely a file is to declare environment variables (0 first), or null when it is not read:
 * `.env*` files, then READMEs and container and CI files, then other docs, scripts and configs.
 */
function declarationRank(file: string): number | null {
  const name = posix.basename(file).toLowerCase();
  if (name === ".env" || name.startsWith(".env.") || name.endsWith(".env") || name === ".envrc") return 0;
  if ((/^readme|^contributing|^install|^setup/u.test(name) && !name.endsWith(".py")) || name.startsWith("dockerfile") || /^(?:docker-)?compose/u.test(name) || file.startsWith(".github/workflows/") || name === ".gitlab-ci.yml") return 1;
  if (name === "makefile" || name === "gnumakefile" || name === "procfile" || /\.(?:md|markdown|rst|adoc|sh|bash|mk)$/u.test(name)) return 2;
  if (/\.(?:txt|ya?ml|toml|ini|cfg|conf)$/u.test(name) && !name.startsWith("requirements")) return 3;
  return null;
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

/**
 * Every upper-case word (`DATA_DIR`) in the project's declaring files, with the first file that
 * has it (files read most likely first, then in path order, within a byte budget).
 */
export function declaredEnvironment(declarations: ProjectDeclarations): Map<string, string> {
  let names = cache.get(declarations);
  if (names) return names;
  names = new Map();
  const ranked = declarations.tree.files.flatMap((file) => {
    const rank = declarationRank(file);
    return rank === null ? [] : [{ file, rank }];
  });
  ranked.sort((a, b) => a.rank - b.rank || (a.file < b.file ? -1 : 1));
  let budget = TOTAL_BYTES;
  for (const { file } of ranked) {
    if (budget <= 0) break;
    const text = readPrefix(resolve(declarations.root, file));
    budget -= Math.max(text.length, 1);
    for (const match of text.matchAll(/[A-Z][A-Z0-9_]*[A-Z0-9]/gu)) {
      if (!names.has(match[0])) names.set(match[0], file);
    }
  }
  cache.set(declarations, names);
  return names;
}
