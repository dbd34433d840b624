import { closest, distance } from "fastest-levenshtein";
import { createRule } from "../src/rules-kit/create-rule.js";
import type { PyNode } from "../src/languages/python/nodes.js";
import { isDefinedIn } from "../src/project/config-model/config-index.js";
import { mutatesConfig } from "../src/project/config-model/config-mutations.js";
import { composedKeysOf } from "../src/project/config-model/hydra.js";
import type { ConfigIndex, ConfigKeyEntry } from "../src/project/config-model/types.js";
import { moduleScopeOf } from "../src/project/python/scope.js";
import type { ConfigKey, ProjectModel } from "../src/project/types.js";
import { configIndex, describePlace, relatedAt, reportLoc } from "../src/rules-kit/config-context.js";
import { branchConditions } from "../src/project/python/branch-guards.js";
import { projectFile, projectModel } from "../src/rules-kit/project-context.js";
import { relatedSuffix } from "../src/results/related.js";
import type { RelatedLocation } from "../src/results/model.js";
import { appendTo } from "../src/collections.js";

type MessageIds = "missing" | "fallbackOnly";

type KeyList = Pick<ConfigKey, "path" | "isContainer">[];

/** What the rule looks up for every file, gathered once per project. */
interface ProjectIndex {
  /** Settings read but neither defined nor overridden, by the file of their first read (in the index's order). */
  undefinedByFile: Map<string, ConfigKeyEntry[]>;
  /** Settings files without errors: any of them may be the one loaded at run time. */
  settingsConfigs: ProjectModel["configFiles"];
  /** Whether a module registers structured configs in Hydra's ConfigStore. */
  usesConfigStore: boolean;
}

const projectIndexes = new WeakMap<ConfigIndex, ProjectIndex>();

function projectIndex(model: ProjectModel, index: ConfigIndex): ProjectIndex {
  let found = projectIndexes.get(index);
  if (found) return found;
  const undefinedByFile = new Map<string, ConfigKeyEntry[]>();
  for (const entry of index.entries) {
    const first = entry.reads[0];
    if (!first || entry.definitions.length > 0 || entry.overrides.length > 0) continue;
    appendTo(undefinedByFile, first.file, entry);
  }
  const settingsFiles = new Set(index.settingsFiles);
  found = {
    undefinedByFile,
    settingsConfigs: model.configFiles.filter((config) => settingsFiles.has(config.file) && config.errors.length === 0),
    usesConfigStore: [...model.modules.values()].some((facts) => facts.imports.some((module) => module.startsWith("hydra.core.config_store"))),
  };
  projectIndexes.set(index, found);
  return found;
}

/** What the config a read belongs to defines, or null when that cannot be known (so nothing is reported). */
function knownKeys(entry: ConfigKeyEntry, model: ProjectModel, index: ConfigIndex): { keys: KeyList; source: string } | null {
  const namespace = entry.namespace;
  if (namespace.kind === "file") {
    const config = model.configFiles.find((candidate) => candidate.file === namespace.file);
    // A config file the code writes itself (exactly this path) may gain keys at run time.
    if (!config || config.errors.length > 0 || model.writersOf(config.file).some((site) => site.path?.exact)) return null;
    return { keys: config.keys, source: config.file };
  }
  if (namespace.kind === "hydra") {
    const root = index.hydraRoots.find((candidate) => candidate.primary === namespace.primary);
    if (!root || root.incomplete || entry.key === "hydra" || entry.key.startsWith("hydra.")) return null;
    // Structured configs registered in Hydra's ConfigStore add keys no YAML file shows.
    if (projectIndex(model, index).usesConfigStore) return null;
    if (root.files.some((file) => model.configFiles.find((config) => config.file === file.file)?.errors.length)) return null;
    return { keys: composedKeysOf(root, model.configFiles), source: `the Hydra config composed from ${root.primary}` };
  }
  return null;
}

/** A defined key that the read probably meant (a typo of one segment), or null. */
function suggestion(key: string, keys: KeyList): string | null {
  const candidates = keys.map((candidate) => candidate.path).filter((path) => !path.includes("["));
  if (candidates.length === 0) return null;
  const best = closest(key, candidates);
  return distance(key, best) <= Math.max(2, Math.floor(key.length / 6)) ? best : null;
}

export default createRule<[], MessageIds>({
  name: "undefined-config-key",
  meta: {
    category: "configuration-sprawl",
    severity: "warning",
    description: "Code reads a config key that no config file defines: a KeyError waiting to happen, or a fallback that is the only value the setting ever has",
    recommended: true,
    scope: "project",
    messages: {
      missing:
        "`{{key}}` is read here, but {{source}} does not define it{{didYouMean}}. The run stops with a KeyError (or AttributeError) when it reaches this line, or worse, a renamed key silently reads nothing. To fix: add the key to the config file, or correct the name in the code.{{related}}",
      fallbackOnly:
        "`{{key}}` is read with the fallback {{fallback}}, but {{source}} does not define it{{didYouMean}}. The fallback in code is the only value this setting ever has: nobody sees it in the config, reviews it or logs it with the run. To fix: add the key with its value to the config file and drop the fallback.{{related}}",
    },
  },
  create(context) {
    return {
      "module:exit"(root: PyNode) {
        const file = projectFile(context);
        const index = configIndex(context);
        const model = projectModel(context);
        const { undefinedByFile, settingsConfigs: others } = projectIndex(model, index);
        const candidates = undefinedByFile.get(file);
        if (!candidates) return;
        let mutates: boolean | undefined;
        // A branch on an undefined key is a dead experiment path: unset-experiment-flag reports it.
        const conditions = branchConditions(root).map((condition) => condition.condition.loc);
        const inCondition = (read: { line: number; column: number }) =>
          conditions.some(({ start, end }) => (read.line > start.line || (read.line === start.line && read.column - 1 >= start.column)) && (read.line < end.line || (read.line === end.line && read.column - 1 < end.column)));
        for (const entry of candidates) {
          const first = entry.reads[0]!;
          if (inCondition(first)) continue;
          // A typed config validates its keys when it loads; its reads may also be properties of the class.
          if (entry.reads.every((read) => read.mechanism === "typed")) continue;
          const known = knownKeys(entry, model, index);
          if (!known || isDefinedIn(known.keys, entry.key)) continue;
          // Another config file of the project may be the one loaded at run time (`--config other.yaml`).
          if (others.some((config) => isDefinedIn(config.keys, entry.key))) continue;
          mutates ??= mutatesConfig(root, moduleScopeOf(root, context.sourceCode.text, file));
          if (mutates) return;
          const similar = suggestion(entry.key, known.keys);
          const related: RelatedLocation[] = entry.reads.slice(1, 4).map((read) => relatedAt(read, "also read here"));
          const definition = similar ? index.entries.find((candidate) => candidate.source === entry.source && candidate.key === similar)?.definitions[0] : undefined;
          if (definition) related.unshift(relatedAt(definition, `${similar} is defined here`));
          const fallback = first.default?.known && first.default.value !== null ? first.default.text : null;
          context.report({
            loc: reportLoc(first),
            messageId: fallback ? "fallbackOnly" : "missing",
            data: {
              key: entry.key,
              source: known.source,
              fallback: fallback ?? "",
              didYouMean: similar ? ` (did you mean \`${similar}\`${definition ? `, ${describePlace(definition)}` : ""}?)` : "",
              related: relatedSuffix(related),
            },
          });
        }
      },
    };
  },
});
