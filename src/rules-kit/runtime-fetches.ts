/**
 * Files a module brings into the project while it runs, other than by the writes the io table
 * knows: downloads into a folder (MLflow artifacts, Hugging Face snapshots, Kaggle datasets,
 * boto3), archives extracted, and shell commands that copy or download (`aws s3 cp`, `gsutil`,
 * `wget`, `curl`, `dvc pull`, in `subprocess` calls, `os.system` or a notebook's `!` lines). A read
 * of a file such a module fetched is not an untracked file (its remote source is another matter),
 * so rules stay silent about reads under the folders it fills, or about all its reads when the
 * folder cannot be told.
 */
import { field, type PyNode } from "../languages/python/nodes.js";
import type { Magic } from "../languages/notebook/magics.js";
import { descendants, type ModuleScope } from "../project/python/scope.js";
import { resolvePath, resolveString } from "../project/python/paths.js";
import { keywordArgument, positionalArguments } from "./python-syntax.js";

export interface RuntimeFetches {
  /** Root-relative folders (or files) the module fills. */
  folders: string[];
  /** True when the module fetches files to a place that cannot be told. */
  anywhere: boolean;
}

/**
 * A call that downloads or extracts into a folder: the argument naming the folder (position,
 * keyword), and where files go when it is not given (the working directory, or a cache outside
 * the project).
 */
type FolderArgument = [position: number, keyword: string, whenMissing: "cwd" | "elsewhere"];

const FOLDER_DOWNLOADS: Record<string, FolderArgument> = {
  "mlflow.artifacts.download_artifacts": [-1, "dst_path", "elsewhere"],
  "huggingface_hub.snapshot_download": [-1, "local_dir", "elsewhere"],
  "huggingface_hub.hf_hub_download": [-1, "local_dir", "elsewhere"],
  "shutil.unpack_archive": [1, "extract_dir", "cwd"],
};
/** Methods that download or extract into a folder (on any receiver). */
const FOLDER_METHODS: Record<string, FolderArgument> = {
  download_artifacts: [2, "dst_path", "elsewhere"],
  extractall: [0, "path", "cwd"],
  dataset_download_files: [1, "path", "cwd"],
  competition_download_files: [1, "path", "cwd"],
  dataset_download_file: [2, "path", "cwd"],
  download_file: [2, "Filename", "elsewhere"],
};
/** Shell commands that bring files in. */
const FETCH_COMMAND = /(?:^|[\s;&|(])(?:aws\s+s3\s+(?:cp|sync)|gsutil\s+(?:-m\s+)?(?:cp|rsync)|gcloud\s+storage\s+(?:cp|rsync)|azcopy|rclone\s+(?:copy|sync)|wget|curl|dvc\s+(?:pull|get|import|import-url|fetch|checkout|repro)|kaggle\s+(?:datasets|competitions)\s+download|gdown|huggingface-cli\s+download|hf\s+download|git\s+clone|unzip|tar\s+-?x)\b/u;
const SHELL_CALLS = new Set(["subprocess.run", "subprocess.call", "subprocess.check_call", "subprocess.check_output", "subprocess.Popen", "os.system", "os.popen"]);

function argumentAt(call: PyNode, [position, keyword]: FolderArgument): PyNode | undefined {
  return (position >= 0 ? positionalArguments(call)[position] : undefined) ?? (keyword ? keywordArgument(call, keyword) : undefined);
}

/** The command text of a shell call: a string, or a list of strings joined by spaces. */
function commandText(call: PyNode, scope: ModuleScope): string | null {
  const command = positionalArguments(call)[0] ?? keywordArgument(call, "args");
  if (!command) return null;
  if (command.type === "list" || command.type === "tuple") {
    return command.children.map((part) => resolveString(part, scope)?.text ?? "*").join(" ");
  }
  return resolveString(command, scope)?.text ?? null;
}

/** What a module fetches while it runs. `magics` are a notebook's IPython lines (none for scripts). */
export function runtimeFetchesOf(root: PyNode, scope: ModuleScope, magics: readonly Magic[] = []): RuntimeFetches {
  const fetches: RuntimeFetches = { folders: [], anywhere: false };
  const addFolder = (call: PyNode, argument: FolderArgument) => {
    const node = argumentAt(call, argument);
    if (!node && argument[2] === "elsewhere") return;
    const path = node ? resolvePath(node, scope) : null;
    if (path?.exact && path.kind === "relative" && path.text !== ".") fetches.folders.push(path.text);
    else fetches.anywhere = true;
  };
  for (const call of descendants(root, "call")) {
    const qualified = scope.imports.calleeName(call);
    const folder = qualified ? FOLDER_DOWNLOADS[qualified] : undefined;
    if (folder) {
      addFolder(call, folder);
      continue;
    }
    if (qualified && SHELL_CALLS.has(qualified)) {
      const text = commandText(call, scope);
      if (text !== null && FETCH_COMMAND.test(text)) fetches.anywhere = true;
      continue;
    }
    const callee = field(call, "function");
    const method = callee?.type === "attribute" ? field(callee, "attribute")?.text ?? "" : "";
    if (!qualified && Object.hasOwn(FOLDER_METHODS, method)) addFolder(call, FOLDER_METHODS[method]!);
  }
  if (magics.some((magic) => (magic.kind === "shell" || magic.name === "bash" || magic.name === "sh" || magic.name === "system") && FETCH_COMMAND.test(` ${magic.args}`))) fetches.anywhere = true;
  return fetches;
}

/** True when a root-relative path lies in (or is) a folder the module fetches, or the module fetches to places unknown. */
export function isFetched(fetches: RuntimeFetches, path: string): boolean {
  return fetches.anywhere || fetches.folders.some((folder) => path === folder || path.startsWith(`${folder}/`));
}
