import { posix } from "node:path";
import { createRule } from "../src/rules-kit/create-rule.js";
import type { PyNode } from "../src/languages/python/nodes.js";
import { extractIoSites } from "../src/project/python/io-sites.js";
import { moduleScopeOf } from "../src/project/python/paths.js";
import { classifyPathText } from "../src/project/path-text.js";
import { scriptIoSite, staticPathText } from "../src/project/script/io-calls.js";
import { importedStringConstant } from "../src/project/script/program.js";
import type { ResolvedPath } from "../src/project/types.js";
import { projectDeclarations, projectFile } from "../src/rules-kit/project-context.js";

type MessageIds = "machineSpecific" | "outsideProject";
type Options = [{ allowedPrefixes: string[] }];

/** Absolute prefixes that name one person's home, one host's mounts or one Colab session. */
const MACHINE_SPECIFIC_PREFIXES = ["/home/", "/Users/", "/root/", "/mnt/", "/media/", "/Volumes/", "/content/drive/", "/scratch/"];

/** Why a path exists only on one machine, or null when it does not. */
function machineSpecific(path: Pick<ResolvedPath, "kind" | "text">, allowed: string[]): string | null {
  if (allowed.some((prefix) => path.text.startsWith(prefix))) return null;
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

/**
 * A relative path climbs out of the project only when it does so from the project root *and*
 * from the file's own folder: scripts in sub-folders are often run from there
 * (`cd homework && python train.py`), and `../shared/x.csv` then stays inside the repository.
 */
function climbsOut(path: Pick<ResolvedPath, "kind" | "text">, file: string, allowed: string[]): boolean {
  if (path.kind !== "outside-root" || allowed.some((prefix) => path.text.startsWith(prefix))) return false;
  const fromFile = posix.normalize(posix.join(posix.dirname(file), path.text));
  return fromFile === ".." || fromFile.startsWith("../");
}

function provenance(path: Pick<ResolvedPath, "via" | "configKey" | "configFile" | "envVar" | "argument">): string {
  switch (path.via) {
    case "constant":
      return " (through a module constant)";
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

export default createRule<Options, MessageIds>({
  name: "absolute-data-path",
  meta: {
    category: "hidden-data-dependency",
    severity: "warning",
    description: "Data or model paths that exist only on one machine, or that climb out of the project",
    recommended: true,
    scope: "file",
    messages: {
      machineSpecific:
        "'{{path}}'{{via}} is {{where}}: it exists only on one machine, so the run breaks (or reads a different file) for teammates, in CI and in production, and nothing records which data was used. To fix: make the path relative to the project root or read it from config, and track the data with DVC.",
      outsideProject:
        "'{{path}}'{{via}} climbs out of the project: it depends on whatever sits next to the repository on this machine, and nothing in the repository says what must be there. To fix: bring the data into the project (tracked with DVC) or declare it as a versioned remote input.",
    },
    schema: [
      {
        type: "object",
        additionalProperties: false,
        properties: {
          allowedPrefixes: {
            type: "array",
            items: { type: "string" },
            description: "Path prefixes that are shared mounts present at the same place on every machine that runs the code.",
          },
        },
      },
    ],
    defaultOptions: [{ allowedPrefixes: [] }],
  },
  create(context) {
    const [{ allowedPrefixes }] = context.options;
    return {
      "module:exit"(root: PyNode) {
        const sourceCode = context.sourceCode;
        const file = projectFile(context);
        const scope = moduleScopeOf(root, sourceCode.text, file);
        const sites = extractIoSites(root, scope, projectDeclarations(context).configs);
        const reported = new Set<PyNode>();
        for (const site of sites) {
          const { path, pathNode } = site;
          if (!path || !pathNode || reported.has(pathNode)) continue;
          const data = { path: path.text, via: provenance(path) };
          const where = machineSpecific(path, allowedPrefixes);
          if (where) {
            reported.add(pathNode);
            context.report({ node: pathNode, messageId: "machineSpecific", data: { ...data, where } });
          } else if (climbsOut(path, file, allowedPrefixes)) {
            reported.add(pathNode);
            context.report({ node: pathNode, messageId: "outsideProject", data });
          }
        }
      },
    };
  },
  createScript(context) {
    const [{ allowedPrefixes }] = context.options;
    const sourceCode = context.sourceCode;
    return {
      CallExpression(node) {
        const site = scriptIoSite(node, sourceCode);
        const text = site ? staticPathText(site.pathNode, sourceCode, (source, name) => importedStringConstant(context.cwd, context.physicalFilename, source, name)) : null;
        if (!site || !text) return;
        const path = classifyPathText(text);
        const data = { path: path.text, via: site.pathNode.type === "Identifier" ? provenance({ via: "constant" }) : "" };
        const where = machineSpecific(path, allowedPrefixes);
        if (where) context.report({ node: site.pathNode, messageId: "machineSpecific", data: { ...data, where } });
        else if (climbsOut(path, projectFile(context), allowedPrefixes)) {
          context.report({ node: site.pathNode, messageId: "outsideProject", data });
        }
      },
    };
  },
});
