/**
 * Shell scripts as pipeline manifests: every script or notebook the script runs (`python x.py`,
 * `python -m pkg.mod`, `jupyter nbconvert --execute nb.ipynb`, `papermill in.ipynb out.ipynb`)
 * is a stage, in the order the script runs them. The command reading (chains, `cd`, wrappers,
 * comments, continuations) is shared with the other manifests in ./commands.ts.
 */
import type { ManifestModel } from "../types.js";
import { scriptRunsIn } from "./commands.js";
import { manifestDirectory } from "./paths.js";

/**
 * Reads a shell script's text: one stage per run, named `line N` after the line its command starts
 * on, with `order` 0, 1, 2…; papermill's output notebook is the stage's output.
 *
 * A shell script runs in its caller's directory, not its own: `bash scripts/train.sh` is run from
 * the project root, so scripts are resolved against the root, then against any `cd` before them;
 * `cd "$(dirname "$0")"` moves to the script's own directory.
 */
export function parseShellScript(file: string, text: string): ManifestModel {
  const stages = scriptRunsIn(text, ".", manifestDirectory(file)).map((run, order) => ({
    kind: "shell" as const,
    file,
    name: `line ${run.line}`,
    line: run.line,
    commands: [run.command],
    scripts: [run.script],
    inputs: [],
    outputs: run.outputs,
    params: [],
    order,
  }));
  return { file, kind: "shell", stages, errors: [] };
}
