import { createRule } from "../src/rules-kit/create-rule.js";
import type { ConfigDocument } from "../src/languages/config/nodes.js";
import { nearDuplicates, repeatedValues, type DuplicateOptions, type RepeatedValue } from "../src/project/config-model/duplicates.js";
import { isReadByCode } from "../src/project/config-model/read-files.js";
import type { ConfigIndex } from "../src/project/config-model/types.js";
import type { ProjectModel } from "../src/project/types.js";
import { configIndex, describePlace } from "../src/rules-kit/config-context.js";
import { projectFile, projectModel } from "../src/rules-kit/project-context.js";
import type { RelatedLocation } from "../src/results/model.js";
import { relatedSuffix } from "../src/results/related.js";
import { appendTo } from "../src/collections.js";

type MessageIds = "nearDuplicate" | "repeatedValue";
type Options = [DuplicateOptions];

/** A finding in a config file: at the key written at `line`:`column` (1-based), or at the file's first key. */
interface ConfigFileFinding {
  file: string;
  at: { line: number; column: number } | null;
  messageId: MessageIds;
  data: Record<string, string>;
  related: RelatedLocation[];
}

function valueText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * The findings of the project's settings files. Files no code reads (directly or through a Hydra
 * config directory) may be examples or another tool's settings: a pair of near-copies is reported
 * when code reads one of the two, a repeated value when code reads one of the files holding it.
 */
function findingsOf(model: ProjectModel, index: ConfigIndex, options: DuplicateOptions): ConfigFileFinding[] {
  const settingsFiles = new Set(index.settingsFiles);
  const files = model.configFiles.filter((config) => settingsFiles.has(config.file) && config.errors.length === 0);
  const copies = nearDuplicates(files, index.hydraRoots, options);
  const findings: ConfigFileFinding[] = [];
  for (const pair of copies) {
    if (!isReadByCode(index, pair.copy) && !isReadByCode(index, pair.original)) continue;
    const shown = pair.differences.slice(0, 3).map((difference) => `\`${difference.path}\``).join(", ");
    const more = pair.differences.length > 3 ? ` and ${pair.differences.length - 3} more` : "";
    const firstDifference = pair.differences.find((difference) => difference.file === pair.copy);
    findings.push({
      file: pair.copy,
      at: null,
      messageId: "nearDuplicate",
      data: { copy: pair.copy, original: pair.original, same: String(pair.same), total: String(pair.total), differences: pair.differences.length === 0 ? "none" : `${shown}${more}` },
      related: [
        ...(firstDifference ? [{ file: pair.copy, line: firstDifference.line, message: `${firstDifference.path} differs here` }] : []),
        { file: pair.original, line: 1, message: "the original" },
      ],
    });
  }
  // One finding per config file: the most widespread of the values first written there (file order), and how many more there are.
  const byFile = new Map<string, RepeatedValue[]>();
  for (const repeated of repeatedValues(files, index.hydraRoots, copies, options)) {
    if (!repeated.places.some((place) => isReadByCode(index, place.file))) continue;
    const file = repeated.places[0]!.file;
    appendTo(byFile, file, repeated);
  }
  for (const [file, values] of byFile) {
    const [widest] = [...values].sort((a, b) => b.places.length - a.places.length || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const more = values.length - 1;
    const others = values.filter((value) => value !== widest);
    const [here, ...elsewhere] = widest!.places;
    findings.push({
      file,
      at: { line: here!.line, column: here!.column },
      messageId: "repeatedValue",
      data: {
        key: widest!.path,
        value: valueText(widest!.value),
        count: String(widest!.places.length),
        files: widest!.places.slice(0, 4).map((place) => describePlace({ ...place })).join(", ") + (widest!.places.length > 4 ? ", …" : ""),
        more: more > 0 ? `, and ${more} more value${more === 1 ? " of this file is" : "s of this file are"} repeated in other config files (${others.slice(0, 3).map((value) => `\`${value.path}\``).join(", ")}${more > 3 ? ", …" : ""})` : "",
      },
      related: elsewhere.slice(0, 5).map((place) => ({ file: place.file, line: place.line, column: place.column, message: `${widest!.path}: ${valueText(widest!.value)}` })),
    });
  }
  return findings;
}

const cache = new WeakMap<ConfigIndex, Map<string, Map<string, ConfigFileFinding[]>>>();

/** The project's findings by the config file they are reported in (once per index and options). */
function cachedFindings(model: ProjectModel, index: ConfigIndex, options: DuplicateOptions): Map<string, ConfigFileFinding[]> {
  const key = JSON.stringify(options);
  let byOptions = cache.get(index);
  if (!byOptions) {
    byOptions = new Map();
    cache.set(index, byOptions);
  }
  let findings = byOptions.get(key);
  if (!findings) {
    findings = new Map();
    for (const finding of findingsOf(model, index, options)) appendTo(findings, finding.file, finding);
    byOptions.set(key, findings);
  }
  return findings;
}

export default createRule<Options, MessageIds>({
  name: "duplicated-config",
  meta: {
    language: "config",
    category: "configuration-sprawl",
    severity: "warning",
    description: "Config files that are near-copies of each other, and one value written in many config files",
    recommended: true,
    scope: "project",
    messages: {
      nearDuplicate:
        "{{copy}} is a near-copy of {{original}}: {{same}} of their {{total}} settings are identical; they differ in {{differences}}. Copies drift apart silently, and nobody can tell which one a model was trained with. To fix: keep one base file and write the variant as an override of the keys that differ (a Hydra defaults list, `dvc exp run -S`, or a small override file merged at load time), then delete the copy.{{related}}",
      repeatedValue:
        "`{{key}}: {{value}}` is written in {{count}} config files ({{files}}){{more}}. One value, many copies: change it in one file and the others silently keep the old value. To fix: define it once in a base config that the others extend (a Hydra defaults list, a YAML anchor, or a base file merged at load time).{{related}}",
    },
    schema: [
      {
        type: "object",
        additionalProperties: false,
        properties: {
          similarity: { type: "number", minimum: 0.5, maximum: 1, description: "Share of identical settings (of both files' settings together) from which two config files count as near-copies." },
          minKeys: { type: "integer", minimum: 1, description: "Config files with fewer settings than this are not compared." },
          minFiles: { type: "integer", minimum: 2, description: "A value written at the same key in at least this many config files is reported." },
        },
      },
    ],
    defaultOptions: [{ similarity: 0.8, minKeys: 4, minFiles: 3 }],
  },
  create(context) {
    const [options] = context.options;
    return {
      ConfigDocument(document: ConfigDocument) {
        const file = projectFile(context);
        const keys = context.sourceCode.keyNodes();
        for (const finding of cachedFindings(projectModel(context), configIndex(context), options).get(file) ?? []) {
          const { at } = finding;
          const node = at ? keys.find((candidate) => candidate.key.line === at.line && candidate.key.column === at.column) : document.children[0];
          const data = { ...finding.data, related: relatedSuffix(finding.related) };
          if (node) context.report({ node: node as never, messageId: finding.messageId, data });
          else context.report({ loc: { line: at?.line ?? 1, column: (at?.column ?? 1) - 1 }, messageId: finding.messageId, data });
        }
      },
    };
  },
});
