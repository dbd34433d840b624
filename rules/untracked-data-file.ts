import { posix } from "node:path";
import { createRule } from "../src/rules-kit/create-rule.js";
import type { PyNode } from "../src/languages/python/nodes.js";
import { dataTrackingOf, type DataTracking } from "../src/project/data-tracking.js";
import { ioSitesOf } from "../src/project/python/io-sites.js";
import { moduleScopeOf } from "../src/project/python/scope.js";
import type { IoSite, ProjectModel } from "../src/project/types.js";
import type { NotebookProgram } from "../src/languages/notebook/program.js";
import { isOptionalRead } from "../src/rules-kit/optional-reads.js";
import { isFetched, runtimeFetchesOf } from "../src/rules-kit/runtime-fetches.js";
import { nodePlace } from "../src/project/module-facts.js";
import { comparePlaces, factPlaceOf, placeOf, relatedPlace, samePlace, type Place } from "../src/rules-kit/project-places.js";
import { projectFile, projectModel } from "../src/rules-kit/project-context.js";
import { relatedSuffix } from "../src/results/related.js";

type MessageIds = "untracked" | "tooLarge";
type Options = [{ maxCommittedMegabytes: number }];

/** Files read as configuration or code, not data: committed like code, judged by other rules. */
const NOT_DATA = /\.(?:ya?ml|toml|ini|cfg|conf|env|py|ipynb|md|rst|sh|sql|j2|jinja)$/iu;
/** APIs that load configuration documents. */
const CONFIG_APIS = /^(?:yaml|toml|tomllib|omegaconf)\./u;

/** The paths a module's relative read may name: from the root (how mldebt resolves), and from the module's folder (scripts run where they live). */
function spellingsOf(file: string, text: string): string[] {
  const folder = posix.dirname(file);
  return folder === "." ? [] : [posix.join(folder, text)];
}

/** The root-relative data file a read names, when the rule judges it. */
function dataPathOf(site: IoSite): string | null {
  const path = site.path;
  if (site.direction !== "read" || !path || path.kind !== "relative" || !path.exact || path.text === ".") return null;
  if (CONFIG_APIS.test(site.api) || NOT_DATA.test(path.text)) return null;
  return path.text;
}

/** Every place in the project where code reads `path` (exactly), for reporting it once. */
function readersOf(model: ProjectModel, path: string): Place[] {
  return model
    .readersOf(path)
    // Places are read from the facts: other modules are not parsed again.
    .filter((site) => nodePlace(site, "pathNode") && site.path?.exact && site.path.text === path && dataPathOf(site) === path)
    .map((site) => factPlaceOf(site.file, site, "pathNode"));
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

export default createRule<Options, MessageIds>({
  name: "untracked-data-file",
  meta: {
    category: "hidden-data-dependency",
    severity: "warning",
    description: "Data files the code reads that no DVC file, Git LFS rule, pipeline stage or commit keeps, or that sit in git while too large for it",
    recommended: true,
    scope: "project",
    messages: {
      untracked:
        "'{{path}}' is read here but the repository does not have it (it is gitignored or absent), no DVC file or Git LFS rule tracks it, and no declared pipeline stage or project code produces it: a teammate or CI cannot get this data, and nothing records which version a model was trained on. To fix: track it with `dvc add {{path}}` and commit the `.dvc` file (or declare the stage that produces it in dvc.yaml).{{related}}",
      tooLarge:
        "'{{path}}' is committed to git at {{size}} MB (the limit set is {{limit}} MB): every clone carries every version of it forever, and git shows no useful diff of data. To fix: `git rm --cached {{path}}`, then track it with `dvc add {{path}}` (or Git LFS: `git lfs track`).{{related}}",
    },
    schema: [
      {
        type: "object",
        additionalProperties: false,
        properties: {
          maxCommittedMegabytes: {
            type: "number",
            minimum: 0,
            description: "Size in megabytes above which a data file committed to git is reported (GitHub warns at 50 MB and refuses 100 MB).",
          },
        },
      },
    ],
    defaultOptions: [{ maxCommittedMegabytes: 50 }],
  },
  create(context) {
    const [{ maxCommittedMegabytes }] = context.options;
    return {
      "module:exit"(root: PyNode) {
        const file = projectFile(context);
        const model = projectModel(context);
        const scope = moduleScopeOf(root, context.sourceCode.text, file);
        const notebook = (context.sourceCode as { notebook?: NotebookProgram }).notebook;
        const fetches = runtimeFetchesOf(root, scope, notebook?.cells.flatMap((cell) => cell.magics) ?? []);
        const judged = new Map<string, DataTracking>();
        const reported = new Set<string>();
        const sites = ioSitesOf(root, scope, model.configs);
        // This module's own writes count even when the file on disk is older than the text linted.
        const writtenHere = new Set(sites.flatMap((site) => (site.direction === "write" && site.path?.exact ? [site.path.text] : [])));
        for (const site of sites) {
          const path = dataPathOf(site);
          if (path === null || !site.pathNode || reported.has(path)) continue;
          // Files this module fetches while it runs, and reads it makes only when the file exists.
          if (writtenHere.has(path) || isFetched(fetches, path) || isOptionalRead(site.node, scope)) continue;
          let tracking = judged.get(path);
          if (!tracking) {
            tracking = dataTrackingOf(model, path, spellingsOf(file, path));
            judged.set(path, tracking);
          }
          const tooLarge = tracking.state === "committed" && tracking.bytes !== null && tracking.bytes > maxCommittedMegabytes * 1024 * 1024;
          if (tracking.state !== "untracked" && !tooLarge) continue;
          // One data file, one finding: at its first read in the project, the other reads related.
          const here = placeOf(file, site.pathNode);
          const readers = readersOf(model, path);
          const first = [here, ...readers].sort(comparePlaces)[0]!;
          if (!samePlace(first, here)) continue;
          reported.add(path);
          const others = readers.filter((place) => !samePlace(place, here)).sort(comparePlaces);
          const related = relatedSuffix(others.map((place) => relatedPlace(model, place, "also read here")));
          if (tooLarge && tracking.state === "committed") {
            context.report({ node: site.pathNode, messageId: "tooLarge", data: { path: tracking.path, size: megabytes(tracking.bytes!), limit: String(maxCommittedMegabytes), related } });
          } else {
            context.report({ node: site.pathNode, messageId: "untracked", data: { path, related } });
          }
        }
      },
    };
  },
});
