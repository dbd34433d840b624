/**
 * RuleTester cases for project rules: the project's files are written to a temporary folder (the
 * rules read the project model from disk), and the case lints one of them with the project root
 * given through `settings.mldebt.root`.
 */
import { join } from "node:path";
import { tempProject } from "./cli.js";

export interface ProjectCase {
  code: string;
  filename: string;
  settings: { mldebt: { root: string } };
  name: string;
}

/** A case linting `file` of a project made of `files` (path → text). */
export function inProject(name: string, files: Record<string, string>, file: string): ProjectCase {
  const root = tempProject(files);
  const code = files[file];
  if (code === undefined) throw new Error(`${file} is not one of the project's files`);
  return { name, code, filename: join(root, file), settings: { mldebt: { root } } };
}
