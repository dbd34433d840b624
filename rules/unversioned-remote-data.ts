import { createRule } from "../src/rules-kit/create-rule.js";
import { field, type PyNode } from "../src/languages/python/nodes.js";
import { extractDatabaseAccesses, readsSnapshot, tablesOfQuery } from "../src/project/python/database-io.js";
import { ioSitesOf } from "../src/project/python/io-sites.js";
import { moduleScopeOf, type ModuleScope } from "../src/project/python/scope.js";
import { constantString } from "../src/project/python/literals.js";
import type { ConfigDocument } from "../src/languages/config/nodes.js";
import { classifyPathText } from "../src/project/path-text.js";
import type { IoSite, ResolvedPath } from "../src/project/types.js";
import { configKeyReads, configOriginOf, isReadOfConfigValue, judgedSettings, readersText, readsRelated } from "../src/rules-kit/config-value-reads.js";
import { provenance } from "../src/rules-kit/data-locations.js";
import { placeOf } from "../src/rules-kit/project-places.js";
import { projectDeclarations, projectFile, projectModel } from "../src/rules-kit/project-context.js";
import { keywordArgument } from "../src/rules-kit/python-syntax.js";
import { DATA_FILE_EXTENSION, isMovingRevision, remoteVersionOf } from "../src/rules-kit/remote-versions.js";
import { relatedSuffix } from "../src/results/related.js";

type MessageIds = "movingLocation" | "unpinnedLocation" | "unpinnedDataset" | "movingRevision" | "liveTable" | "movingSetting" | "unpinnedSetting";
type Options = [{ pinnedHosts: string[] }];

/** Generic HTTP getters: their URLs are often APIs, so only URLs that name a data file count. */
const HTTP_GETTERS = new Set(["requests.get", "urllib.request.urlopen"]);
/** Revision keywords of hub APIs, by API. */
const REVISION_KEYWORDS: Record<string, string> = {
  "datasets.load_dataset": "revision",
  "huggingface_hub.hf_hub_download": "revision",
  "huggingface_hub.snapshot_download": "revision",
  "sklearn.datasets.fetch_openml": "version",
};

function hostOf(url: string): string {
  return url.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//u, "").split(/[/?#]/u)[0]!.toLowerCase();
}

type Verdict = { messageId: MessageIds; data: Record<string, string> };

/** Hub downloads that fetch a model repository unless `repo_type=` says otherwise. */
const REPOSITORY_DOWNLOADS = new Set(["huggingface_hub.hf_hub_download", "huggingface_hub.snapshot_download"]);

/** What a hub read fetches, and what changes for the code when its owners publish a new revision. */
function hubContent(site: IoSite, scope: ModuleScope): { what: string; effect: string } {
  const repoType = REPOSITORY_DOWNLOADS.has(site.api) ? (constantString(keywordArgument(site.node, "repo_type"), scope) ?? "model") : "dataset";
  return repoType === "dataset" ? { what: "the dataset", effect: "this code trains on different data" } : { what: `the ${repoType} repository`, effect: "this code runs with other weights and files" };
}

/** What is wrong with one remote read, or null when it names a version (or cannot be judged). */
function judgeSite(site: IoSite, path: ResolvedPath, pinnedHosts: readonly string[], scope: ModuleScope): Verdict | null {
  if (isHubRead(site, path)) {
    const keyword = REVISION_KEYWORDS[site.api] ?? "revision";
    const revision = constantString(keywordArgument(site.node, keyword), scope);
    const { what, effect } = hubContent(site, scope);
    if (revision !== null && isMovingRevision(revision)) return { messageId: "movingRevision", data: { name: path.text, keyword, revision, what } };
    // A name the code computes (`load_dataset(args.dataset_name)`) is shown as written.
    const name = path.text.includes("*") && site.pathNode ? scope.textOf(site.pathNode) : JSON.stringify(path.text);
    return { messageId: "unpinnedDataset", data: { call: `${site.api.slice(site.api.lastIndexOf(".") + 1)}(${name})`, keyword, what, effect } };
  }
  return judgeLocationRead(site, path, pinnedHosts);
}

/** A dataset hub read with no revision argument: its version is pinned at the call, not in the name. */
function isHubRead(site: IoSite, path: ResolvedPath): boolean {
  return site.pinned === false && (path.scheme === "hf" || path.scheme === "openml");
}

/** What is wrong with a read of a URL or bucket path (not a hub dataset), or null. */
function judgeLocationRead(site: IoSite, path: ResolvedPath, pinnedHosts: readonly string[]): Verdict | null {
  // A pinned revision, or a hash check that pins what a download accepts, whatever the URL says.
  if (site.pinned === true) return null;
  if (HTTP_GETTERS.has(site.api) && !DATA_FILE_EXTENSION.test(path.text.split(/[?#]/u)[0]!)) return null;
  return judgeLocation(path.text, pinnedHosts);
}

/** What is wrong with a URL or bucket path read as data: it names a moving version, or none. */
function judgeLocation(url: string, pinnedHosts: readonly string[]): Verdict | null {
  if (pinnedHosts.some((host) => hostOf(url) === host.toLowerCase())) return null;
  const version = remoteVersionOf(url);
  if (version.state === "moving") return { messageId: "movingLocation", data: { url, marker: version.marker } };
  return version.state === "unpinned" ? { messageId: "unpinnedLocation", data: { url } } : null;
}

/** The verdict on a config value judged on its own, when it is a remote location (null: pinned, or not a URL). */
function settingVerdict(value: unknown, pinnedHosts: readonly string[]): Verdict | null {
  if (typeof value !== "string" || classifyPathText(value).kind !== "remote") return null;
  const scheme = classifyPathText(value).scheme;
  // Hub datasets are pinned by a revision argument at the read, not in the name.
  if (scheme === "hf" || scheme === "openml") return null;
  return judgeLocation(value, pinnedHosts);
}

/** True for the verdicts about a location's text (a config value can be fixed on its line), not about a hub revision argument. */
function isLocationVerdict(verdict: Verdict): boolean {
  return verdict.messageId === "movingLocation" || verdict.messageId === "unpinnedLocation";
}

export default createRule<Options, MessageIds>({
  name: "unversioned-remote-data",
  meta: {
    category: "hidden-data-dependency",
    severity: "warning",
    description: "Data read from URLs, buckets, dataset hubs or database tables with no version, hash or snapshot pin",
    recommended: true,
    scope: "file",
    messages: {
      movingLocation:
        "'{{url}}'{{via}} names a moving version (`{{marker}}`): what it returns changes whenever someone publishes, so the same code trains on different data from one run to the next and no past model can be retrained. To fix: read a snapshot (a commit hash, a version or a date in the path, an object version id), or let `dvc import-url` record the version.",
      unpinnedLocation:
        "'{{url}}'{{via}} is read with no version, hash or snapshot in it: whoever controls that location can change the data under the model, and nothing records which data a run used. To fix: read a versioned location (a commit hash, a version or a date in the path, an object version id), check a known hash, or import it with `dvc import-url`, which records the version.",
      unpinnedDataset:
        "`{{call}}` loads whatever revision of {{what}} is newest on the hub: when its owners update it, {{effect}} without a trace. To fix: pass `{{keyword}}=` with a commit hash or version number.",
      movingRevision:
        "`{{keyword}}=\"{{revision}}\"` names a branch of \"{{name}}\", not a version: it moves whenever {{what}} is updated, so it pins nothing. To fix: pass the commit hash of the revision you trained on.",
      liveTable:
        "This query reads the live table{{plural}} {{tables}}: it returns whatever the table holds on the day it runs, so the training data cannot be reproduced or compared. To fix: read a snapshot (`FOR SYSTEM_TIME AS OF`, `VERSION AS OF`, a dated snapshot table), or export a versioned extract and track it with DVC.",
      movingSetting:
        "`{{key}}` is set to '{{url}}', which names a moving version (`{{marker}}`), and code reads data from it ({{readers}}): what it returns changes whenever someone publishes, so the same code trains on different data from one run to the next and no past model can be retrained. To fix: set it to a snapshot (a commit hash, a version or a date in the path, an object version id), or let `dvc import-url` record the version and point the key at the imported copy.{{related}}",
      unpinnedSetting:
        "`{{key}}` is set to '{{url}}', which names no version, hash or snapshot, and code reads data from it ({{readers}}): whoever controls that location can change the data under the model, and nothing records which data a run used. To fix: set it to a versioned location (a commit hash, a version or a date in the path, an object version id), or let `dvc import-url` record the version and point the key at the imported copy.{{related}}",
    },
    schema: [
      {
        type: "object",
        additionalProperties: false,
        properties: {
          pinnedHosts: {
            type: "array",
            items: { type: "string" },
            description: "Hosts or buckets whose content never changes once published (an immutable artifact store), so their URLs need no version.",
          },
        },
      },
    ],
    defaultOptions: [{ pinnedHosts: [] }],
  },
  create(context) {
    const [{ pinnedHosts }] = context.options;
    return {
      "module:exit"(root: PyNode) {
        const file = projectFile(context);
        const scope = moduleScopeOf(root, context.sourceCode.text, file);
        const declarations = projectDeclarations(context);
        const reported = new Set<PyNode>();
        for (const site of ioSitesOf(root, scope, declarations.configs)) {
          const { path, pathNode } = site;
          if (site.direction !== "read" || !path || !pathNode || path.kind !== "remote" || reported.has(pathNode)) continue;
          const verdict = judgeSite(site, path, pinnedHosts, scope);
          if (!verdict) continue;
          reported.add(pathNode);
          // A location written in a config file is reported on its config line, where it is fixed.
          const origin = configOriginOf(path, declarations);
          if (origin && isLocationVerdict(verdict) && settingVerdict(origin.value, pinnedHosts) && isReadOfConfigValue(projectModel(context), origin, placeOf(file, pathNode))) continue;
          context.report({ node: pathNode, messageId: verdict.messageId, data: { via: provenance(path), ...verdict.data } });
        }
        for (const access of extractDatabaseAccesses(root, scope)) {
          if (access.direction !== "read" || !access.exact || access.text === null || readsSnapshot(access)) continue;
          const tables = access.form === "table" ? [access.text] : tablesOfQuery(access.text);
          if (tables.length === 0) continue;
          context.report({
            node: access.argument ?? field(access.node, "function") ?? access.node,
            messageId: "liveTable",
            data: { tables: tables.map((table) => `\`${table}\``).join(", "), plural: tables.length > 1 ? "s" : "" },
          });
        }
      },
    };
  },
  createConfig(context) {
    const [{ pinnedHosts }] = context.options;
    return {
      ConfigDocument(document: ConfigDocument) {
        const file = projectFile(context);
        const model = projectModel(context);
        const judged = judgedSettings(model, file, document.model.keys, (key) => {
          const verdict = settingVerdict(key.value, pinnedHosts);
          if (!verdict) return null;
          // The reads of the value that the Python visitor would report (a hash check at a read pins it there).
          const places = configKeyReads(model, file, key.path)
            .data.filter(({ site }) => site.direction === "read" && site.path!.kind === "remote" && !isHubRead(site, site.path!) && judgeLocationRead(site, site.path!, pinnedHosts) !== null)
            .map((read) => read.place);
          return { verdict, places };
        });
        for (const { key, verdict, places } of judged) {
          context.report({
            loc: context.sourceCode.valueLoc(key),
            messageId: verdict.messageId === "movingLocation" ? "movingSetting" : "unpinnedSetting",
            data: { key: key.path, ...verdict.data, readers: readersText(places), related: relatedSuffix(readsRelated(model, places)) },
          });
        }
      },
    };
  },
});
