import { createRule } from "../src/rules-kit/create-rule.js";
import type { PyNode } from "../src/languages/python/nodes.js";
import { field } from "../src/languages/python/nodes.js";
import type { ConfigIndex, ConfigKeyEntry, SettingDefinition } from "../src/project/config-model/types.js";
import { HYPERPARAMETER_ALIASES, hyperparameterApiOf, hyperparameterArgumentsOf } from "../src/project/python/hyperparameters.js";
import { scriptHyperparameterApi, scriptHyperparameters, scriptNumber } from "../src/project/script/hyperparameter-calls.js";
import { descendants, moduleScopeOf } from "../src/project/python/scope.js";
import { constantString, literalValue } from "../src/project/python/literals.js";
import type { ConfigValue, ProjectModel } from "../src/project/types.js";
import { configIndex, describePlace, relatedAt } from "../src/rules-kit/config-context.js";
import { projectFile, projectModel } from "../src/rules-kit/project-context.js";
import { relatedSuffix } from "../src/results/related.js";

type MessageIds = "literal" | "inConfig";
type Options = [{ requireConfig: boolean; ignoreTests: boolean; ignore: string[] }];

/** Test modules build estimators with small literal settings on purpose. */
const TEST_FILE = /(?:^|\/)(?:tests?\/|test_[^/]*\.py$|[^/]*_test\.py$|conftest\.py$)/u;

/**
 * A literal number, or a list/tuple of them (`betas=(0.9, 0.999)`). Booleans and strings are
 * choices, not tuned numbers, and 0 switches a feature off (`weight_decay=0.0` on a bias group).
 */
function isHardcoded(value: ConfigValue | undefined): boolean {
  if (typeof value === "number") return value !== 0;
  return Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === "number");
}

/** Namespaces whose keys are configuration a hyperparameter could come from, best first. */
const CONFIG_KINDS = ["file", "hydra", "typed", "cli"];

/** The settings a file could take a value from, indexed once per project (positions in `entries`). */
interface SettingsIndex {
  /** Config file and Hydra settings, by the file of their first definition. */
  byConfigFile: Map<string, number[]>;
  /** Command-line options, by the module that declares them. */
  cliByFile: Map<string, number[]>;
  /** Typed config fields with a value, by the modules that define or read them. */
  typedByFile: Map<string, number[]>;
  /** Modules that read settings. */
  readers: string[];
}

const settingsIndexes = new WeakMap<ConfigIndex, SettingsIndex>();

function settingsIndex(index: ConfigIndex, model: ProjectModel): SettingsIndex {
  let settings = settingsIndexes.get(index);
  if (settings) return settings;
  settings = { byConfigFile: new Map(), cliByFile: new Map(), typedByFile: new Map(), readers: [] };
  const add = (map: Map<string, number[]>, file: string, position: number) => {
    const list = map.get(file);
    if (!list) map.set(file, [position]);
    else if (list[list.length - 1] !== position) list.push(position);
  };
  index.entries.forEach((entry, position) => {
    if (!CONFIG_KINDS.includes(entry.namespace.kind) || entry.definitions.length === 0) return;
    const namespace = entry.namespace;
    const definition = entry.definitions[0]!;
    if (namespace.kind === "cli") add(settings!.cliByFile, namespace.file, position);
    else if (namespace.kind !== "typed") add(settings!.byConfigFile, definition.file, position);
    else if (definition.value !== undefined && definition.value !== null) for (const file of [namespace.file, ...entry.reads.map((read) => read.file)]) add(settings!.typedByFile, file, position);
  });
  for (const [file, facts] of model.modules) if (facts.configReads.length > 0) settings.readers.push(file);
  settingsIndexes.set(index, settings);
  return settings;
}

/**
 * Settings the linted file could take a value from, in the index's order: keys of config files of
 * its program, its own command-line options, and typed config classes it defines or reads (with
 * a value).
 */
function configEntriesOf(file: string, index: ConfigIndex, settings: SettingsIndex): ConfigKeyEntry[] {
  const positions = new Set([...(settings.cliByFile.get(file) ?? []), ...(settings.typedByFile.get(file) ?? [])]);
  for (const [config, list] of settings.byConfigFile) if (index.programs.relates(file, config)) for (const position of list) positions.add(position);
  return [...positions].sort((a, b) => a - b).map((position) => index.entries[position]!);
}

/** The first config entry named like a hyperparameter (or one of its aliases), best kind first. */
function configEntryFor(name: string, byName: Map<string, ConfigKeyEntry[]>): ConfigKeyEntry | undefined {
  const names = [name, ...(HYPERPARAMETER_ALIASES[name] ?? [])].map((candidate) => candidate.toLowerCase());
  return names.flatMap((candidate) => byName.get(candidate) ?? []).sort((a, b) => CONFIG_KINDS.indexOf(a.namespace.kind) - CONFIG_KINDS.indexOf(b.namespace.kind))[0];
}

/** How code reads the entry's value, for the message's example. */
function readExample(entry: ConfigKeyEntry): string {
  switch (entry.namespace.kind) {
    case "file":
      return `cfg${entry.key.split(".").map((segment) => `["${segment}"]`).join("")}`;
    case "hydra":
      return `cfg.${entry.key}`;
    case "typed":
      return `config.${entry.key}`;
    default:
      return `args.${entry.key}`;
  }
}

export default createRule<Options, MessageIds>({
  name: "hardcoded-hyperparameter",
  meta: {
    category: "configuration-sprawl",
    severity: "warning",
    description: "Hyperparameters of estimators, optimizers, schedulers, layers and training calls written as literals in a project that has configuration",
    recommended: true,
    scope: "project",
    messages: {
      literal:
        "`{{api}}` gets its hyperparameters as literals ({{literals}}). Tuning them means editing code, and the values a model was trained with are recorded only in this line. To fix: move them to the project's config and pass them in (`{{example}}`), so every run logs and versions them.",
      inConfig:
        "`{{api}}` gets {{literals}} as literals, although the config defines {{keys}}: the config value is ignored here, so changing it changes nothing. To fix: pass the config value in (`{{example}}`) and delete the literal.{{related}}",
    },
    schema: [
      {
        type: "object",
        additionalProperties: false,
        properties: {
          requireConfig: {
            type: "boolean",
            description: "Report only in projects that already have configuration (config files, command-line options, typed config classes or config reads).",
          },
          ignoreTests: { type: "boolean", description: "Leave test modules (`test_*.py`, `*_test.py`, `tests/`, `conftest.py`) alone." },
          ignore: { type: "array", items: { type: "string" }, description: "Hyperparameter names never to report (`max_iter`, `batch_size`)." },
        },
      },
    ],
    defaultOptions: [{ requireConfig: true, ignoreTests: true, ignore: [] }],
  },
  create(context) {
    const [{ requireConfig, ignoreTests, ignore }] = context.options;
    return {
      "module:exit"(root: PyNode) {
        const file = projectFile(context);
        if (ignoreTests && TEST_FILE.test(file)) return;
        const scope = moduleScopeOf(root, context.sourceCode.text, file);
        const calls = descendants(root, "call")
          .map((call) => ({ call, api: hyperparameterApiOf(call, scope.imports) }))
          .filter((entry) => entry.api !== null);
        if (calls.length === 0) return;
        const index = configIndex(context);
        const model = projectModel(context);
        const settings = settingsIndex(index, model);
        const configEntries = configEntriesOf(file, index, settings);
        if (requireConfig && configEntries.length === 0 && !settings.readers.some((other) => index.programs.together(file, other))) return;
        const byName = new Map<string, ConfigKeyEntry[]>();
        for (const entry of configEntries) byName.set(entry.name, [...(byName.get(entry.name) ?? []), entry]);
        const resolve = (identifier: PyNode): PyNode | null => {
          const binding = scope.singleBinding(identifier);
          return binding?.kind === "assignment" ? binding.value : null;
        };
        for (const { call, api } of calls) {
          const hardcoded = hyperparameterArgumentsOf(call, api!, resolve, (key) => constantString(key, scope)).filter(
            (argument) => !ignore.includes(argument.name) && isHardcoded(literalValue(argument.value, scope)),
          );
          if (hardcoded.length === 0) continue;
          const literals = hardcoded.map((argument) => `\`${argument.name}=${context.sourceCode.getText(argument.value)}\``).join(", ");
          const apiName = context.sourceCode.getText(field(call, "function")!);
          const matches: { name: string; entry: ConfigKeyEntry; definition: SettingDefinition }[] = [];
          for (const argument of hardcoded) {
            const entry = configEntryFor(argument.name, byName);
            if (entry) matches.push({ name: argument.name, entry, definition: entry.definitions[0]! });
          }
          const first = hardcoded[0]!;
          if (matches.length > 0) {
            const match = matches[0]!;
            context.report({
              node: field(call, "function")!,
              messageId: "inConfig",
              data: {
                api: apiName,
                literals,
                keys: matches.map(({ entry, definition }) => `\`${definition.written}\` (${entry.source === definition.file ? "" : `${entry.source}, `}${describePlace(definition)})`).join(", "),
                example: `${match.name}=${readExample(match.entry)}`,
                related: relatedSuffix(matches.map(({ definition }) => relatedAt(definition, `${definition.written} = ${definition.text}`))),
              },
            });
          } else {
            context.report({ node: field(call, "function")!, messageId: "literal", data: { api: apiName, literals, example: `${first.name}=cfg["${first.name}"]` } });
          }
        }
      },
    };
  },
  createScript(context) {
    const [{ requireConfig, ignoreTests, ignore }] = context.options;
    const file = projectFile(context);
    if (ignoreTests && (TEST_FILE.test(file) || /\.(?:test|spec)\.[cm]?[jt]sx?$/u.test(file))) return {};
    let byName: Map<string, ConfigKeyEntry[]> | undefined;
    return {
      CallExpression(call) {
        const api = scriptHyperparameterApi(call, context.sourceCode);
        if (!api) return;
        const hardcoded = scriptHyperparameters(call, api).filter((argument) => {
          const value = scriptNumber(argument.value);
          return !ignore.includes(argument.name) && value !== null && value !== 0;
        });
        if (hardcoded.length === 0) return;
        if (!byName) {
          const index = configIndex(context);
          byName = new Map();
          for (const entry of index.entries) {
            const namespace = entry.namespace;
            if ((namespace.kind === "file" || namespace.kind === "hydra") && entry.definitions.length > 0 && index.programs.relates(file, entry.definitions[0]!.file)) byName.set(entry.name, [...(byName.get(entry.name) ?? []), entry]);
          }
        }
        if (requireConfig && byName.size === 0) return;
        const literals = hardcoded.map((argument) => `\`${argument.name}: ${context.sourceCode.getText(argument.value)}\``).join(", ");
        const apiName = context.sourceCode.getText(call.callee);
        const matches = hardcoded.map((argument) => ({ name: argument.name, entry: configEntryFor(argument.name, byName!) })).filter((match): match is { name: string; entry: ConfigKeyEntry } => match.entry !== undefined);
        if (matches.length === 0) {
          context.report({ node: call.callee, messageId: "literal", data: { api: apiName, literals, example: `${hardcoded[0]!.name}: config.${hardcoded[0]!.name}` } });
          return;
        }
        context.report({
          node: call.callee,
          messageId: "inConfig",
          data: {
            api: apiName,
            literals,
            keys: matches.map(({ entry }) => `\`${entry.definitions[0]!.written}\` (${describePlace(entry.definitions[0]!)})`).join(", "),
            example: `${matches[0]!.name}: config.${matches[0]!.entry.key}`,
            related: relatedSuffix(matches.map(({ entry }) => relatedAt(entry.definitions[0]!, `${entry.definitions[0]!.written} = ${entry.definitions[0]!.text}`))),
          },
        });
      },
    };
  },
});
