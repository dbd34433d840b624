import { createRule } from "../src/rules-kit/create-rule.js";
import { field, type PyNode } from "../src/languages/python/nodes.js";
import { extractDatabaseAccesses, readsSnapshot, tablesOfQuery } from "../src/project/python/database-io.js";
import { ioSitesOf } from "../src/project/python/io-sites.js";
import { constantString, moduleScopeOf } from "../src/project/python/paths.js";
import type { IoSite, ResolvedPath } from "../src/project/types.js";
import { configOriginOf, configSitePlaces, configValuePlacement } from "../src/rules-kit/config-origin.js";
import { provenance } from "../src/rules-kit/data-locations.js";
import { placeOf } from "../src/rules-kit/project-places.js";
import { projectDeclarations, projectFile, projectModel } from "../src/rules-kit/project-context.js";
import { keywordArgument } from "../src/rules-kit/python-syntax.js";
import { DATA_FILE_EXTENSION, isMovingRevision, remoteVersionOf } from "../src/rules-kit/remote-versions.js";
import { relatedSuffix } from "../src/results/related.js";

type MessageIds = "movingLocation" | "unpinnedLocation" | "unpinnedDataset" | "movingRevision" | "liveTable";
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

/** What is wrong with one remote read, or null when it names a version (or cannot be judged). */
function judgeSite(site: IoSite, path: ResolvedPath, pinnedHosts: readonly string[], scope: ReturnType<typeof moduleScopeOf>): Verdict | null {
  // A pinned revision, or a hash check that pins what a download accepts, whatever the URL says.
  if (site.pinned === true) return null;
  if (site.pinned === false && (path.scheme === "hf" || path.scheme === "openml")) {
    const keyword = REVISION_KEYWORDS[site.api] ?? "revision";
    const revision = constantString(keywordArgument(site.node, keyword), scope);
    if (revision !== null && isMovingRevision(revision)) return { messageId: "movingRevision", data: { name: path.text, keyword, revision } };
    return { messageId: "unpinnedDataset", data: { name: path.text, api: site.api.slice(site.api.lastIndexOf(".") + 1), keyword } };
  }
  if (HTTP_GETTERS.has(site.api) && !DATA_FILE_EXTENSION.test(path.text.split(/[?#]/u)[0]!)) return null;
  if (pinnedHosts.some((host) => hostOf(path.text) === host.toLowerCase())) return null;
  const version = remoteVersionOf(path.text);
  if (version.state === "moving") return { messageId: "movingLocation", data: { url: path.text, marker: version.marker } };
  return version.state === "unpinned" ? { messageId: "unpinnedLocation", data: { url: path.text } } : null;
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
        "'{{url}}'{{via}} names a moving version (`{{marker}}`): what it returns changes whenever someone publishes, so the same code trains on different data from one run to the next and no past model can be retrained. To fix: read a snapshot (a commit hash, a version or a date in the path, an object version id), or let `dvc import-url` record the version.{{related}}",
      unpinnedLocation:
        "'{{url}}'{{via}} is read with no version, hash or snapshot in it: whoever controls that location can change the data under the model, and nothing records which data a run used. To fix: read a versioned location (a commit hash, a version or a date in the path, an object version id), check a known hash, or import it with `dvc import-url`, which records the version.{{related}}",
      unpinnedDataset:
        "`{{api}}(\"{{name}}\")` loads whatever revision of the dataset is newest on the hub: when its owners update it, this code trains on different data without a trace. To fix: pass `{{keyword}}=` with a commit hash or version number.",
      movingRevision:
        "`{{keyword}}=\"{{revision}}\"` names a branch of \"{{name}}\", not a version: it moves whenever the dataset is updated, so it pins nothing. To fix: pass the commit hash of the revision you trained on.",
      liveTable:
        "This query reads the live table{{plural}} {{tables}}: it returns whatever the table holds on the day it runs, so the training data cannot be reproduced or compared. To fix: read a snapshot (`FOR SYSTEM_TIME AS OF`, `VERSION AS OF`, a dated snapshot table), or export a versioned extract and track it with DVC.",
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
          let related = "";
          const origin = configOriginOf(path, declarations);
          if (origin) {
            const model = projectModel(context);
            const placement = configValuePlacement(model, origin, placeOf(file, pathNode), configSitePlaces(model, origin, (other) => other.kind === "remote"));
            if (!placement.reportHere) continue;
            related = relatedSuffix(placement.related);
          }
          context.report({ node: pathNode, messageId: verdict.messageId, data: { via: provenance(path), related, ...verdict.data } });
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
});
