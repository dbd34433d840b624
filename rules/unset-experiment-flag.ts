import { createRule } from "../src/rules-kit/create-rule.js";
import { PyNode, field } from "../src/languages/python/nodes.js";
import { configKeyChanged, projectConfigFiles } from "../src/project/config-usage.js";
import { branchConditions, deadDescription, type BranchCondition } from "../src/project/python/branch-guards.js";
import { descendants, moduleScopeOf, type ModuleScope } from "../src/project/python/scope.js";
import { literalString } from "../src/project/python/literals.js";
import { argparseArgumentsOf, isArgparseNamespace } from "../src/project/python/cli-options.js";
import { configAccessOf, dottedKey } from "../src/project/python/paths.js";
import { isPublicModule, nameIndex } from "../src/project/reachability.js";
import type { ConfigValue, ProjectModel } from "../src/project/types.js";
import { hasSplatArguments, keywordArgument, positionalArguments } from "../src/rules-kit/python-syntax.js";
import { literalTruth } from "../src/rules-kit/python-bindings.js";
import { projectFile, projectModel } from "../src/rules-kit/project-context.js";
import { appendTo } from "../src/collections.js";

type MessageIds = "unsetConfigKey" | "sameInEveryConfig" | "unsetCliOption" | "unsetParameter";

/** How many files or calls a message lists before "and N more". */
const LISTED = 5;
/** Calls that merge settings from elsewhere (the command line, other files) into a config. */
const CONFIG_MERGES = /^omegaconf\.OmegaConf\.(?:merge|from_cli|from_dotlist|update|set_struct)$|^hydra\./u;

function listed(items: string[]): string {
  return items.length <= LISTED ? items.join(", ") : `${items.slice(0, LISTED).join(", ")} and ${items.length - LISTED} more`;
}

function scalar(value: ConfigValue | undefined): value is string | number | boolean | null {
  return value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

function truthOf(value: string | number | boolean | null): boolean {
  return !(value === null || value === false || value === 0 || value === "");
}

function show(value: string | number | boolean | null): string {
  return value === null ? "null" : JSON.stringify(value);
}

/** True when the module merges configs with other settings, or overrides options in ways not followed. */
function mergesSettings(scope: ModuleScope): boolean {
  return scope.memo("merges-settings", scope.root, false, () => descendants(scope.root, "call").some((call) => {
    const qualified = scope.imports.calleeName(call) ?? "";
    if (CONFIG_MERGES.test(qualified) || (qualified === "argparse.ArgumentParser" && keywordArgument(call, "parents"))) return true;
    const callee = field(call, "function");
    const method = callee?.type === "attribute" ? field(callee, "attribute")?.text : undefined;
    return method === "set_defaults" || method === "update" || method === "setdefault" || method === "merge_with";
  }));
}

const cliKeys = new WeakMap<ProjectModel, Set<string>>();

/** The keys of every command-line option the project declares (once per model). */
function cliOptionKeys(model: ProjectModel): Set<string> {
  let keys = cliKeys.get(model);
  if (!keys) {
    keys = new Set([...model.modules.values()].flatMap((facts) => facts.cliOptions.map((option) => option.key)));
    cliKeys.set(model, keys);
  }
  return keys;
}

const namingModules = new WeakMap<ProjectModel, Map<string, string[]>>();

/** The modules that use, guard or mention `name` (the index is built once per model). */
function modulesNaming(model: ProjectModel, name: string): string[] {
  let byName = namingModules.get(model);
  if (!byName) {
    byName = new Map();
    for (const [file, facts] of model.modules) {
      const { live, guarded, words } = facts.references;
      for (const named of new Set([...live, ...guarded.keys(), ...words])) appendTo(byName, named, file);
    }
    namingModules.set(model, byName);
  }
  return byName.get(name) ?? [];
}

/** The identifiers of a module by name (computed once per module). */
function identifiersNamed(scope: ModuleScope, name: string): PyNode[] {
  const byName = scope.memo("identifiers-by-name", scope.root, new Map<string, PyNode[]>(), () => {
    const map = new Map<string, PyNode[]>();
    for (const identifier of descendants(scope.root, "identifier")) appendTo(map, identifier.text!, identifier);
    return map;
  });
  return byName.get(name) ?? [];
}

export default createRule<[], MessageIds>({
  name: "unset-experiment-flag",
  meta: {
    category: "dead-experimental-code",
    severity: "warning",
    description: "Branches on config keys, command-line options or parameters that nothing sets, or that every config sets to the same value",
    recommended: true,
    scope: "project",
    messages: {
      unsetConfigKey:
        "`{{key}}` is read from {{source}} with a fallback, but no config file in the project sets it (checked: {{checked}}), so it is always {{fallback}} and {{dead}}. A switch that no configuration can turn is a dead experiment path. To fix: delete the branch that never runs (git keeps it), or add the key to the config where the experiment is decided.",
      sameInEveryConfig:
        "Every config that sets `{{key}}` sets it to {{value}} ({{files}}), and no code changes it, so {{dead}}. A flag that no experiment varies any more is a dead experiment path. To fix: delete the branch that never runs and the key from every config (the experiment tracker keeps what was tried), or vary the key in the config of the experiment that still needs it.",
      unsetCliOption:
        "`{{name}}` is read with `getattr(…, {{fallback}})`, but no `add_argument` of this module's parser defines it and nothing sets it, so it is always {{fallback}} and {{dead}}. An option left over from an experiment that no longer exists keeps a dead path alive. To fix: delete the branch that never runs, or declare the option (`parser.add_argument(\"--{{flag}}\", …)`) if the experiment is still wanted.",
      unsetParameter:
        "No call of `{{function}}` passes `{{name}}` ({{calls}}), so it is always its default {{fallback}} and {{dead}}. A parameter that no caller sets is an experiment switch left in the signature. To fix: delete the parameter and the branch that never runs (git keeps them), or pass it from the caller that runs the experiment, read from config.",
    },
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const file = projectFile(context);
    let model: ProjectModel | undefined;
    const getModel = () => (model ??= projectModel(context));

    function configBranch(condition: BranchCondition, scope: ModuleScope): boolean {
      const access = configAccessOf(condition.tested, scope);
      if (!access || access.dynamic || access.object.loader === "hydra" || access.key.includes("*")) return false;
      const key = dottedKey(access.key);
      const name = access.key.at(-1)!;
      const source = access.object.source;
      const project = getModel();
      if (configKeyChanged(project, source, key)) return true;
      if (cliOptionKeys(project).has(name)) return true;
      if (mergesSettings(scope)) return true;
      const configs = projectConfigFiles(project);
      const sourceFile = source === null ? undefined : configs.find((config) => config.file === source);
      if (!sourceFile || sourceFile.errors.length > 0) return true;
      const defining = configs.flatMap((config) => config.keys.filter((candidate) => candidate.path === key).map((candidate) => ({ file: config.file, value: candidate.value })));
      if (defining.length === 0) {
        if (access.form !== "get" || configs.some((config) => config.keys.some((candidate) => candidate.name === name))) return true;
        const fallbackValue = access.fallback ? literalTruth(access.fallback) : "falsy";
        if (fallbackValue === null) return true;
        const truth = fallbackValue === "truthy";
        context.report({
          node: condition.tested,
          messageId: "unsetConfigKey",
          data: {
            key,
            source,
            checked: listed(configs.map((config) => config.file).sort()),
            fallback: access.fallback ? `\`${sourceCode.getText(access.fallback)}\`` : "`None`",
            dead: deadDescription(condition, truth !== condition.negated),
          },
        });
        return true;
      }
      const values = defining.map((entry) => entry.value);
      const first = values[0];
      if (defining.length < 2 || !defining.some((entry) => entry.file === source) || !scalar(first) || !values.every((value) => value === first)) return true;
      context.report({
        node: condition.tested,
        messageId: "sameInEveryConfig",
        data: { key, value: show(first), files: listed(defining.map((entry) => entry.file).sort()), dead: deadDescription(condition, truthOf(first) !== condition.negated) },
      });
      return true;
    }

    function cliBranch(condition: BranchCondition, scope: ModuleScope): boolean {
      const call = condition.tested;
      const callee = call.type === "call" ? field(call, "function") : undefined;
      if (callee?.type !== "identifier" || callee.text !== "getattr" || scope.bindingsOf(callee).length > 0) return false;
      const [namespace, nameNode, fallback] = positionalArguments(call);
      const name = literalString(nameNode, scope);
      if (!namespace || !fallback || name === null || !isArgparseNamespace(namespace, scope)) return false;
      const fallbackTruth = literalTruth(fallback);
      if (fallbackTruth === null || argparseArgumentsOf(scope).some((argument) => argument.dest === name) || mergesSettings(scope)) return true;
      const written = identifiersNamed(scope, name).some((identifier) => {
        const attribute = identifier.parent;
        return attribute?.type === "attribute" && attribute.parent?.type === "assignment" && field(attribute.parent, "left") === attribute;
      });
      if (written || identifiersNamed(scope, "setattr").length > 0 || identifiersNamed(scope, "vars").length > 0) return true;
      context.report({
        node: call,
        messageId: "unsetCliOption",
        data: { name, fallback: sourceCode.getText(fallback), flag: name.replace(/_/gu, "-"), dead: deadDescription(condition, (fallbackTruth === "truthy") !== condition.negated) },
      });
      return true;
    }

    function parameterBranch(condition: BranchCondition, scope: ModuleScope): void {
      const tested = condition.tested;
      if (tested.type !== "identifier") return;
      const bindings = scope.bindingsOf(tested);
      const binding = bindings[0];
      if (bindings.length !== 1 || binding?.kind !== "parameter" || !binding.value || binding.scope.type !== "function_definition") return;
      const definition = binding.scope;
      if (definition.parent !== scope.root) return; // methods, nested and decorated functions have callers we cannot see
      const fallbackTruth = literalTruth(binding.value);
      const functionName = field(definition, "name")?.text;
      if (fallbackTruth === null || !functionName || functionName.startsWith("__")) return;
      const project = getModel();
      if (isPublicModule(project, file) && !functionName.startsWith("_")) return;
      if (nameIndex(project).configWords.has(functionName)) return;
      if (modulesNaming(project, functionName).some((other) => other !== file)) return;
      const calls = scope.callsOf(definition);
      const uses = identifiersNamed(scope, functionName).filter((identifier) => identifier !== field(definition, "name"));
      if (calls.length === 0 || uses.length !== calls.length) return; // also passed as a value, or only defined
      const parameter = binding.target.text!;
      for (const call of calls) {
        if (hasSplatArguments(call) || keywordArgument(call, parameter)) return;
        if (binding.index !== undefined && positionalArguments(call).length > binding.index) return;
      }
      const lines = calls.map((call) => sourceCode.describeLine(call.loc.start.line));
      context.report({
        node: tested,
        messageId: "unsetParameter",
        data: {
          function: functionName,
          name: parameter,
          calls: `${calls.length === 1 ? "1 call" : `${calls.length} calls`} checked: ${listed(lines)}`,
          fallback: `\`${sourceCode.getText(binding.value)}\``,
          dead: deadDescription(condition, (fallbackTruth === "truthy") !== condition.negated),
        },
      });
    }

    return {
      module(root: PyNode) {
        const scope = moduleScopeOf(root, sourceCode.text, file);
        for (const condition of branchConditions(root)) {
          if (configBranch(condition, scope) || cliBranch(condition, scope)) continue;
          parameterBranch(condition, scope);
        }
      },
    };
  },
});
