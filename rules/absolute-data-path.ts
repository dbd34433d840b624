import { posix } from "node:path";
import { createRule } from "../src/rules-kit/create-rule.js";
import type { PyNode } from "../src/languages/python/nodes.js";
import type { ConfigDocument } from "../src/languages/config/nodes.js";
import { ioSitesOf } from "../src/project/python/io-sites.js";
import { moduleScopeOf } from "../src/project/python/scope.js";
import { resolvePath } from "../src/project/python/paths.js";
import { classifyPathText } from "../src/project/path-text.js";
import { scriptIoSite, staticPathText } from "../src/project/script/io-calls.js";
import { importedStringConstant } from "../src/project/script/program.js";
import type { LocatedConfigKey, ResolvedPath } from "../src/project/types.js";
import { configKeyReads, configOriginOf, isReadOfConfigValue, judgedSettings, readersText, readsRelated } from "../src/rules-kit/config-value-reads.js";
import { machineSpecificReason, provenance } from "../src/rules-kit/data-locations.js";
import { isFileAnchored, isValuePosition, literalsBehind, stringLiterals } from "../src/rules-kit/path-literals.js";
import { placeOf, type Place } from "../src/rules-kit/project-places.js";
import { projectDeclarations, projectFile, projectModel } from "../src/rules-kit/project-context.js";
import { relatedSuffix } from "../src/results/related.js";

type MessageIds = "machineSpecific" | "outsideProject" | "machineSpecificSetting" | "outsideProjectSetting";
type Options = [{ allowedPrefixes: string[] }];

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

/** The verdict on a config value judged on its own, as a path from the project root (null: not a path this rule reports). */
function settingVerdict(value: unknown, allowedPrefixes: readonly string[]): ReturnType<typeof judgePath> {
  // `~` alone or `~/…`, `~ana/…`: a home directory; `~ 5 min` is text.
  if (typeof value !== "string" || value === "" || (value.startsWith("~") && !/^~[\w.-]*(?:[/\\]|$)/u.test(value))) return null;
  const path = classifyPathText(value);
  return path.kind === "remote" ? null : judgePath(path, "", false, allowedPrefixes);
}

/**
 * The code that uses a config value as a path, when the config line reports it: the io sites that
 * read data from it and that the rule would report; when no io site reads it, the plain reads of a
 * machine-specific value (`ImageFolder(cfg["data"]["images"])`). Empty when no code uses it so.
 */
function settingReads(model: ReturnType<typeof projectModel>, origin: Pick<LocatedConfigKey, "file" | "path">, verdict: NonNullable<ReturnType<typeof judgePath>>, allowedPrefixes: readonly string[]): { places: Place[]; asData: boolean } {
  const reads = configKeyReads(model, origin.file, origin.path);
  if (reads.data.length > 0) {
    const places = reads.data.filter((read) => judgePath(read.site.path!, read.file, false, allowedPrefixes) !== null).map((read) => read.place);
    return { places, asData: true };
  }
  return { places: verdict.messageId === "machineSpecific" ? reads.loader.map((read) => read.place) : [], asData: false };
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
      machineSpecificSetting:
        "`{{key}}` is set to '{{path}}', {{where}}, and {{use}} ({{readers}}): that path exists only on one machine, so the run breaks (or reads a different file) for teammates, in CI and in production, and nothing records which data was used. To fix: bring the data into the project (tracked with DVC) and set the key to its path relative to the project root, or to a versioned remote location.{{related}}",
      outsideProjectSetting:
        "`{{key}}` is set to '{{path}}', which climbs out of the project, and {{use}} ({{readers}}): it depends on whatever sits next to the repository on this machine, and nothing in the repository says what must be there. To fix: bring the data into the project (tracked with DVC) and set the key to its path inside the project, or to a versioned remote location.{{related}}",
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
          // A value written in a config file is reported on its config line, where it is fixed.
          const origin = configOriginOf(path, declarations);
          if (origin && settingVerdict(origin.value, allowedPrefixes) && isReadOfConfigValue(projectModel(context), origin, placeOf(file, pathNode))) continue;
          context.report({ node: pathNode, messageId: verdict.messageId, data: { path: path.text, via: provenance(path), where: verdict.where ?? "" } });
        }

        // Literals holding a machine-specific path that no I/O call above reported (`root="/mnt/…"`).
        for (const literal of stringLiterals(root)) {
          if (covered.has(literal) || reported.has(literal) || !isValuePosition(literal, scope)) continue;
          const path = literalPath(literal, scope);
          const where = path ? machineSpecificReason(path, allowedPrefixes) : null;
          if (!path || !where) continue;
          context.report({ node: literal, messageId: "machineSpecific", data: { path: path.text, via: "", where } });
        }
      },
    };
  },
  createConfig(context) {
    const [{ allowedPrefixes }] = context.options;
    return {
      ConfigDocument(document: ConfigDocument) {
        const file = projectFile(context);
        const model = projectModel(context);
        const judged = judgedSettings(model, file, document.model.keys, (key) => {
          const verdict = settingVerdict(key.value, allowedPrefixes);
          if (!verdict) return null;
          const { places, asData } = settingReads(model, { file, path: key.path }, verdict, allowedPrefixes);
          return { verdict: { ...verdict, asData }, places };
        });
        for (const { key, verdict, places } of judged) {
          const { asData } = verdict;
          context.report({
            loc: context.sourceCode.valueLoc(key),
            messageId: verdict.messageId === "machineSpecific" ? "machineSpecificSetting" : "outsideProjectSetting",
            data: {
              key: key.path,
              path: String(key.value),
              where: verdict.where ?? "",
              use: asData ? "code reads data from it" : "code reads it",
              readers: readersText(places),
              related: relatedSuffix(readsRelated(model, places)),
            },
          });
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
        context.report({ node: site.pathNode, messageId: verdict.messageId, data: { path: path.text, via, where: verdict.where ?? "" } });
      },
    };
  },
});
