import { posix } from "node:path";
import { createRule } from "../src/rules-kit/create-rule.js";
import type { PyNode } from "../src/languages/python/nodes.js";
import { extractConfigReads } from "../src/project/python/config-reads.js";
import { ioSitesOf } from "../src/project/python/io-sites.js";
import { moduleScopeOf, resolvePath } from "../src/project/python/paths.js";
import { classifyPathText } from "../src/project/path-text.js";
import { scriptIoSite, staticPathText } from "../src/project/script/io-calls.js";
import { importedStringConstant } from "../src/project/script/program.js";
import type { ConfigRead, LocatedConfigKey, ProjectDeclarations, ResolvedPath } from "../src/project/types.js";
import { configOriginOf, configSitePlaces, configValuePlacement } from "../src/rules-kit/config-origin.js";
import { machineSpecificReason, provenance } from "../src/rules-kit/data-locations.js";
import { isFileAnchored, isValuePosition, literalsBehind, stringLiterals } from "../src/rules-kit/path-literals.js";
import { placeOf, type Place } from "../src/rules-kit/project-places.js";
import { projectDeclarations, projectFile, projectModel } from "../src/rules-kit/project-context.js";
import { relatedSuffix } from "../src/results/related.js";

type MessageIds = "machineSpecific" | "outsideProject";
type Options = [{ allowedPrefixes: string[] }];

/** The config value read by `read` as a path, when it is a string in a known config file. */
function configPathOf(read: ConfigRead, declarations: ProjectDeclarations): { origin: LocatedConfigKey; path: ResolvedPath } | null {
  if (read.mechanism === "env" || read.mechanism === "argparse" || read.mechanism === "click" || read.dynamic || !read.source) return null;
  const origin = declarations.configKey(read.key, read.source)[0];
  if (!origin || typeof origin.value !== "string") return null;
  const text = origin.value.replace(/\\/gu, "/");
  const kind = text.startsWith("~") ? "home" : /^[A-Za-z]:\//u.test(text) ? "windows-drive" : text.startsWith("/") ? "absolute" : null;
  if (!kind) return null;
  return { origin, path: { text, exact: true, kind, via: "config", configKey: read.key, configFile: read.source } };
}

/** The text a string literal starts with, up to its first replacement field. */
function ownPrefix(literal: PyNode, scope: ReturnType<typeof moduleScopeOf>): string {
  const first = literal.type === "concatenated_string" ? literal.children[0] : literal;
  let text = "";
  for (const child of first?.children ?? []) {
    if (child.type === "interpolation") break;
    if (child.type === "string_content") text += scope.textOf(child);
  }
  return text;
}

/** A literal's path when the literal itself starts with an absolute, home or drive prefix. */
function literalPath(literal: PyNode, scope: ReturnType<typeof moduleScopeOf>): ResolvedPath | null {
  const prefix = ownPrefix(literal, scope);
  if (!/^(?:[/~]|[A-Za-z]:[/\\])/u.test(prefix)) return null;
  // `~/.cache`, `~/.kaggle`: per-user tool folders, at the same place on every machine by design.
  if (/^~[^/]*\/\./u.test(prefix)) return null;
  return resolvePath(literal, scope);
}

/**
 * Whether a path is reported, and with which message. A relative path climbs out only when it does
 * so from the root and, unless built from `__file__` (or read from config), from the module's own
 * folder too: scripts are often run from where they live (`cd homework && python train.py`).
 */
function judgePath(path: Pick<ResolvedPath, "kind" | "text">, file: string, climbsFromModule: boolean, allowedPrefixes: readonly string[]): { messageId: MessageIds; where?: string } | null {
  const where = machineSpecificReason(path, allowedPrefixes);
  if (where) return { messageId: "machineSpecific", where };
  if (path.kind !== "outside-root" || allowedPrefixes.some((prefix) => path.text.startsWith(prefix))) return null;
  if (!climbsFromModule) return { messageId: "outsideProject" };
  const fromFile = posix.normalize(posix.join(posix.dirname(file), path.text));
  return fromFile === ".." || fromFile.startsWith("../") ? { messageId: "outsideProject" } : null;
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
        "'{{path}}'{{via}} is {{where}}: it exists only on one machine, so the run breaks (or reads a different file) for teammates, in CI and in production, and nothing records which data was used. To fix: make the path relative to the project root or read it from config, and track the data with DVC.{{related}}",
      outsideProject:
        "'{{path}}'{{via}} climbs out of the project: it depends on whatever sits next to the repository on this machine, and nothing in the repository says what must be there. To fix: bring the data into the project (tracked with DVC) or declare it as a versioned remote input.{{related}}",
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
    const judge = (path: Pick<ResolvedPath, "kind" | "text">, file: string, climbsFromModule: boolean) => judgePath(path, file, climbsFromModule, allowedPrefixes);
    return {
      "module:exit"(root: PyNode) {
        const sourceCode = context.sourceCode;
        const file = projectFile(context);
        const scope = moduleScopeOf(root, sourceCode.text, file);
        const declarations = projectDeclarations(context);
        const sites = ioSitesOf(root, scope, declarations.configs);
        const reported = new Set<PyNode>();
        const covered = new Set<PyNode>();

        /** Reports a config-borne path once in the project, at its first read, relating the config line. */
        const placeConfigValue = (origin: LocatedConfigKey, here: Place, reads: () => Place[]): string | null => {
          const placement = configValuePlacement(projectModel(context), origin, here, reads());
          return placement.reportHere ? relatedSuffix(placement.related) : null;
        };

        for (const site of sites) {
          const { path, pathNode } = site;
          if (!path || !pathNode || reported.has(pathNode)) continue;
          // A config value names one place for every reader: it is judged from the root only.
          const verdict = judge(path, file, path.via !== "config" && !isFileAnchored(pathNode, scope));
          if (!verdict) continue;
          reported.add(pathNode);
          // A name holding the path, used by several calls, is reported at its first use only.
          const behind = [...literalsBehind(pathNode, scope)];
          const origins = behind.filter((literal) => {
            const own = literal !== pathNode ? literalPath(literal, scope) : null;
            return own !== null && machineSpecificReason(own, allowedPrefixes) !== null;
          });
          const seenOrigin = origins.length > 0 && origins.every((literal) => covered.has(literal));
          for (const literal of behind) covered.add(literal);
          if (seenOrigin) continue;
          let related = "";
          const origin = configOriginOf(path, declarations);
          if (origin) {
            const suffix = placeConfigValue(origin, placeOf(file, pathNode), () => configSitePlaces(projectModel(context), origin, (other) => judge(other, file, false) !== null));
            if (suffix === null) continue;
            related = suffix;
          }
          context.report({ node: pathNode, messageId: verdict.messageId, data: { path: path.text, via: provenance(path), where: verdict.where ?? "", related } });
        }

        // Config values read by code that no recognised I/O call uses (a path handed to a dataset class).
        const sitesReadConfig = new Set(sites.flatMap((site) => (site.path?.configKey ? [`${site.path.configFile}\0${site.path.configKey}`] : [])));
        for (const read of extractConfigReads(root, scope)) {
          const found = configPathOf(read, declarations);
          if (!found || sitesReadConfig.has(`${read.source}\0${read.key}`)) continue;
          const where = machineSpecificReason(found.path, allowedPrefixes);
          if (!where) continue;
          const model = projectModel(context);
          if (configSitePlaces(model, found.origin).length > 0) continue;
          const reads = [...model.modules].flatMap(([other, facts]) =>
            facts.configReads.filter((candidate) => candidate.key === read.key && candidate.source === read.source).map((candidate) => ({ file: other, line: candidate.line, column: candidate.column })),
          );
          const suffix = placeConfigValue(found.origin, { file, line: read.line, column: read.column }, () => reads);
          if (suffix === null) continue;
          context.report({ node: read.node, messageId: "machineSpecific", data: { path: found.path.text, via: provenance(found.path), where, related: suffix } });
        }

        // Literals holding a machine-specific path that no I/O call above reported (`root="/mnt/…"`).
        for (const literal of stringLiterals(root)) {
          if (covered.has(literal) || reported.has(literal) || !isValuePosition(literal, scope)) continue;
          const path = literalPath(literal, scope);
          const where = path ? machineSpecificReason(path, allowedPrefixes) : null;
          if (!path || !where) continue;
          context.report({ node: literal, messageId: "machineSpecific", data: { path: path.text, via: "", where, related: "" } });
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
        const verdict = judgePath(path, projectFile(context), true, allowedPrefixes);
        if (!verdict) return;
        const via = site.pathNode.type === "Identifier" ? " (through a module constant)" : "";
        context.report({ node: site.pathNode, messageId: verdict.messageId, data: { path: path.text, via, where: verdict.where ?? "", related: "" } });
      },
    };
  },
});
