/**
 * What a resolved path says about where data lives: on one machine only, in a scratch folder,
 * in a shared store; and how a message names where the path came from. Shared by the
 * hidden-data-dependency rules so that one location is judged the same way by each of them.
 */
import type { ResolvedPath } from "../project/types.js";

/** Absolute prefixes that name one person's home, one host's mounts or one Colab session. */
const MACHINE_SPECIFIC_PREFIXES = ["/home/", "/Users/", "/root/", "/mnt/", "/media/", "/Volumes/", "/content/drive/", "/scratch/"];

/** Folders whose content is scratch, not data anyone else reads. */
const SCRATCH_PREFIXES = ["/tmp/", "/var/tmp/", "/dev/", "/proc/"];

/** Why a path exists only on one machine (for a message), or null when it does not. */
export function machineSpecificReason(path: Pick<ResolvedPath, "kind" | "text">, allowedPrefixes: readonly string[]): string | null {
  if (allowedPrefixes.some((prefix) => path.text.startsWith(prefix))) return null;
  switch (path.kind) {
    case "home":
      return "a home directory (`~`)";
    case "windows-drive":
      return "a Windows drive";
    case "absolute": {
      const prefix = MACHINE_SPECIFIC_PREFIXES.find((candidate) => path.text.startsWith(candidate));
      if (!prefix) return null;
      if (prefix === "/content/drive/") return "a Google Drive mounted in one Colab session";
      if (prefix === "/mnt/" || prefix === "/media/" || prefix === "/Volumes/" || prefix === "/scratch/") return "a disk mounted on one host";
      return "one person's home directory";
    }
    default:
      return null;
  }
}

/** True for `/tmp/…`, `/dev/null` and other scratch or device paths. */
export function isScratchPath(path: ResolvedPath): boolean {
  return path.kind === "absolute" && (SCRATCH_PREFIXES.some((prefix) => path.text.startsWith(prefix)) || path.text === "/tmp" || path.text === "/dev");
}

/** How a message names the origin of a path: ` (from config key `a.b` in params.yaml)`, or "" for a literal. */
export function provenance(path: Pick<ResolvedPath, "via" | "configKey" | "configFile" | "envVar" | "argument">): string {
  switch (path.via) {
    case "constant":
      return " (through a variable)";
    case "config":
      return ` (from config key \`${path.configKey}\`${path.configFile ? ` in ${path.configFile}` : ""})`;
    case "env":
      return ` (the default of environment variable \`${path.envVar}\`)`;
    case "argument":
      return ` (the default of command-line option \`${path.argument}\`)`;
    default:
      return "";
  }
}
