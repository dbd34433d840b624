/**
 * The one way to define an mldebt rule. A rule's metadata (category, default severity,
 * description, messages, mitigation, options) is written once, here; the rule index, the
 * recommended config, the README table, each doc header and the SARIF `rules[]` are derived
 * from it. Nobody writes a docs URL by hand.
 */
import type { RuleContext, RuleDefinition, RuleVisitor } from "@eslint/core";
import type { Rule } from "eslint";
import type { JSONSchema4 } from "json-schema";
import type { Category, Severity } from "../categories.js";
import { CATEGORY_INFO } from "../categories.js";
import type { PyNode } from "../languages/python/nodes.js";
import type { PythonSourceCode } from "../languages/python/source-code.js";
import type { ConfigNode } from "../languages/config/nodes.js";
import type { ConfigSourceCode } from "../languages/config/source-code.js";
import { docsPath, docsUrl } from "../package-info.js";

export type RuleScope = "file" | "project";

/**
 * The files a rule lints: `python` (`.py` files and notebooks, the default) or `config` (YAML,
 * JSON, TOML and `.env` files, through the `mldebt/config` language).
 */
export type RuleLanguage = "python" | "config";

/** What a rule checks, for people (`meta.docs.languages`). */
export type CheckedLanguage = "python" | "notebook" | "javascript" | "typescript" | "config";

/** ESLint language ids (`meta.languages`) of what a rule checks; `js/js` is ESLint's own JavaScript. */
function eslintLanguages(languages: readonly CheckedLanguage[]): string[] {
  const ids: Record<CheckedLanguage, string | null> = { python: "mldebt/python", notebook: "mldebt/notebook", javascript: "js/js", typescript: null, config: "mldebt/config" };
  return languages.flatMap((language) => ids[language] ?? []);
}

/** The languages of a rule whose primary files are `language`, with script and config visitors when it has them. */
function checkedLanguages(language: RuleLanguage, scripts: boolean, configs: boolean): CheckedLanguage[] {
  if (language === "config") return ["config"];
  return [...(["python", "notebook"] as const), ...(scripts ? (["javascript", "typescript"] as const) : []), ...(configs ? (["config"] as const) : [])];
}

export interface MldebtRuleDocs {
  description: string;
  url: string;
  /** Whether `configs.recommended` enables the rule. */
  recommended: boolean;
  category: Category;
  /** The severity a finding gets unless the user configures another. */
  severity: Severity;
  /** A page in docs/mitigations/. Defaults to the category's mitigation. */
  mitigation: string;
  /** "project" rules read the project model (several files, configs or manifests). */
  scope: RuleScope;
  /** Relative docs path, `docs/rules/<id>.md`. */
  docsPath: string;
  /**
   * What the rule checks: `python, notebook` (+ `javascript, typescript` with `createScript`,
   * + `config` with `createConfig`), or `config` for a config-file rule. The plugin's configs and
   * the CLI enable the rule on exactly these files.
   */
  languages: CheckedLanguage[];
}

interface SpecMeta<Options extends unknown[], MessageIds extends string> {
  category: Category;
  severity: Severity;
  description: string;
  recommended: boolean;
  scope: RuleScope;
  mitigation?: string;
  /** Each message says what is wrong, why it matters and what to do. */
  messages: Record<MessageIds, string>;
  /** One schema per option; objects use `additionalProperties: false` and describe every property. */
  schema?: JSONSchema4[];
  defaultOptions?: Options;
}

export interface RuleSpec<Options extends unknown[], MessageIds extends string> {
  /** Kebab-case id; the rule is `mldebt/<name>`, its file `rules/<name>.ts`, its doc `docs/rules/<name>.md`. */
  name: string;
  meta: SpecMeta<Options, MessageIds> & { language?: "python" };
  create(context: PythonRuleContext<Options, MessageIds>): PythonVisitor;
  /**
   * The rule on JavaScript/TypeScript ML code (ESTree nodes; TypeScript through
   * typescript-eslint's parser). Rules without it stay silent on those files.
   */
  createScript?(context: ScriptRuleContext<Options>): Rule.RuleListener;
  /**
   * The rule on config files (YAML, JSON, TOML, `.env`, through `mldebt/config`), for findings
   * that belong on a config line (a machine-specific path the code reads from config). Rules
   * without it stay silent on config files.
   */
  createConfig?(context: ConfigRuleContext<Options, MessageIds>): ConfigVisitor;
}

/** ESLint's context for ESTree files, with the rule's options typed. */
export type ScriptRuleContext<Options extends unknown[]> = Omit<Rule.RuleContext, "options"> & { options: Options };

/** A rule on config files (`meta.language: "config"`): its visitor sees `ConfigDocument` and `ConfigKey` nodes. */
export interface ConfigRuleSpec<Options extends unknown[], MessageIds extends string> {
  name: string;
  meta: SpecMeta<Options, MessageIds> & { language: "config" };
  create(context: ConfigRuleContext<Options, MessageIds>): ConfigVisitor;
}

export type ConfigRuleContext<Options extends unknown[], MessageIds extends string> = RuleContext<{
  LangOptions: Record<string, unknown>;
  Code: ConfigSourceCode;
  RuleOptions: Options;
  Node: ConfigNode;
  MessageIds: MessageIds;
}>;

export type ConfigVisitor = RuleVisitor & Record<string, ((node: never) => void) | undefined>;

export type PythonRuleContext<Options extends unknown[], MessageIds extends string> = RuleContext<{
  LangOptions: Record<string, unknown>;
  Code: PythonSourceCode;
  RuleOptions: Options;
  Node: PyNode;
  MessageIds: MessageIds;
}>;

export type PythonVisitor = RuleVisitor & Record<string, ((node: PyNode) => void) | undefined>;

export type MldebtRule = RuleDefinition<{
  LangOptions: Record<string, unknown>;
  Code: PythonSourceCode;
  RuleOptions: unknown[];
  Visitor: PythonVisitor;
  Node: PyNode;
  MessageIds: string;
  ExtRuleDocs: MldebtRuleDocs;
}> & { meta: { docs: MldebtRuleDocs; messages: Record<string, string> } };

export function createRule<Options extends unknown[], MessageIds extends string>(spec: RuleSpec<Options, MessageIds>): MldebtRule;
export function createRule<Options extends unknown[], MessageIds extends string>(spec: ConfigRuleSpec<Options, MessageIds>): MldebtRule;
export function createRule<Options extends unknown[], MessageIds extends string>(
  spec: RuleSpec<Options, MessageIds> | ConfigRuleSpec<Options, MessageIds>,
): MldebtRule {
  const { meta } = spec;
  const language: RuleLanguage = meta.language ?? "python";
  const createScript = "createScript" in spec ? spec.createScript : undefined;
  const createConfig = "createConfig" in spec ? spec.createConfig : undefined;
  const createPrimary = spec.create;
  const languages = checkedLanguages(language, createScript !== undefined, createConfig !== undefined);
  const docs: MldebtRuleDocs = {
    description: meta.description,
    url: docsUrl(spec.name),
    recommended: meta.recommended,
    category: meta.category,
    severity: meta.severity,
    mitigation: meta.mitigation ?? CATEGORY_INFO[meta.category].mitigation,
    scope: meta.scope,
    docsPath: docsPath(spec.name),
    languages,
  };
  return {
    meta: {
      type: "suggestion",
      docs,
      messages: meta.messages,
      languages: eslintLanguages(languages),
      schema: meta.schema ?? [],
      ...(meta.defaultOptions ? { defaultOptions: meta.defaultOptions } : {}),
    },
    // One rule object serves every language it supports: an ESTree's root is a `Program`, a config file's a `ConfigDocument`.
    create(context: { sourceCode: { ast: { type: string } } }) {
      const root = context.sourceCode.ast.type;
      if (root === "Program") return createScript ? createScript(context as never) : {};
      if (root === "ConfigDocument" && language !== "config") return createConfig ? createConfig(context as never) : {};
      return createPrimary(context as never);
    },
  } as unknown as MldebtRule;
}
