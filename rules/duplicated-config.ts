import { createRule } from "../src/rules-kit/create-rule.js";
import { codeAnchorOf } from "../src/project/config-model/anchors.js";
import { nearDuplicates, repeatedValues, type DuplicateOptions, type RepeatedValue } from "../src/project/config-model/duplicates.js";
import type { ConfigIndex, SettingLocation } from "../src/project/config-model/types.js";
import type { ProjectModel } from "../src/project/types.js";
import { configIndex, describePlace, reportLoc } from "../src/rules-kit/config-context.js";
import { projectFile, projectModel } from "../src/rules-kit/project-context.js";
import type { RelatedLocation } from "../src/results/model.js";
import { relatedSuffix } from "../src/results/related.js";

type MessageIds = "nearDuplicate" | "repeatedValue";
type Options = [DuplicateOptions];

/**
 * A finding that belongs in a config file (`file`, `line`), with its message. Today it is shown
 * at `anchor`, the code that reads the file; once config files are linted, it moves to its line.
 */
interface ConfigFileFinding {
  file: string;
  line: number;
  anchor: SettingLocation;
  messageId: MessageIds;
  data: Record<string, string>;
  related: RelatedLocation[];
}

function valueText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function findingsOf(model: ProjectModel, index: ConfigIndex, options: DuplicateOptions): ConfigFileFinding[] {
  const files = model.configFiles.filter((config) => index.settingsFiles.includes(config.file) && config.errors.length === 0);
  const copies = nearDuplicates(files, index.hydraRoots, options);
  const findings: ConfigFileFinding[] = [];
  for (const pair of copies) {
    const anchor = codeAnchorOf(index, pair.copy) ?? codeAnchorOf(index, pair.original);
    if (!anchor) continue;
    const shown = pair.differences.slice(0, 3).map((difference) => `\`${difference.path}\``).join(", ");
    const more = pair.differences.length > 3 ? ` and ${pair.differences.length - 3} more` : "";
    const firstDifference = pair.differences.find((difference) => difference.file === pair.copy);
    findings.push({
      file: pair.copy,
      line: 1,
      anchor,
      messageId: "nearDuplicate",
      data: { copy: pair.copy, original: pair.original, same: String(pair.same), total: String(pair.total), differences: pair.differences.length === 0 ? "none" : `${shown}${more}` },
      related: [
        { file: pair.copy, line: firstDifference?.line ?? 1, message: firstDifference ? `${firstDifference.path} differs here` : "the copy" },
        { file: pair.original, line: 1, message: "the original" },
      ],
    });
  }
  // Repeated values are shown once per place in code: the most widespread one, and how many more there are.
  const byAnchor = new Map<string, { anchor: SettingLocation; values: RepeatedValue[] }>();
  for (const repeated of repeatedValues(files, index.hydraRoots, copies, options)) {
    const entry = index.entries.find((candidate) => candidate.key === repeated.path && candidate.reads.length > 0 && repeated.places.some((place) => candidate.namespace.kind === "file" && candidate.namespace.file === place.file));
    const anchor = entry?.reads[0] ?? repeated.places.map((place) => codeAnchorOf(index, place.file)).find((place) => place !== null);
    if (!anchor) continue;
    const key = `${anchor.file}:${anchor.line}:${anchor.column}`;
    const group = byAnchor.get(key) ?? { anchor, values: [] };
    group.values.push(repeated);
    byAnchor.set(key, group);
  }
  for (const { anchor, values } of byAnchor.values()) {
    const [widest] = [...values].sort((a, b) => b.places.length - a.places.length || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const more = values.length - 1;
    findings.push({
      file: widest!.places[0]!.file,
      line: widest!.places[0]!.line,
      anchor,
      messageId: "repeatedValue",
      data: {
        key: widest!.path,
        value: valueText(widest!.value),
        count: String(widest!.places.length),
        files: widest!.places.slice(0, 4).map((place) => describePlace({ ...place })).join(", ") + (widest!.places.length > 4 ? ", …" : ""),
        more: more > 0 ? `, and ${more} more value${more === 1 ? " is" : "s are"} repeated across the config files this code reads (${values.filter((value) => value !== widest).slice(0, 3).map((value) => `\`${value.path}\``).join(", ")}${more > 3 ? ", …" : ""})` : "",
      },
      related: widest!.places.slice(0, 5).map((place) => ({ file: place.file, line: place.line, column: place.column, message: `${widest!.path}: ${valueText(widest!.value)}` })),
    });
  }
  return findings;
}

const cache = new WeakMap<ConfigIndex, Map<string, ConfigFileFinding[]>>();

function cachedFindings(model: ProjectModel, index: ConfigIndex, options: DuplicateOptions): ConfigFileFinding[] {
  const key = JSON.stringify(options);
  let byOptions = cache.get(index);
  if (!byOptions) {
    byOptions = new Map();
    cache.set(index, byOptions);
  }
  let findings = byOptions.get(key);
  if (!findings) {
    findings = findingsOf(model, index, options);
    byOptions.set(key, findings);
  }
  return findings;
}

export default createRule<Options, MessageIds>({
  name: "duplicated-config",
  meta: {
    category: "configuration-sprawl",
    severity: "warning",
    description: "Config files that are near-copies of each other, and one value written in many config files",
    recommended: true,
    scope: "project",
    messages: {
      nearDuplicate:
        "This code reads {{copy}}, a near-copy of {{original}}: {{same}} of their {{total}} settings are identical; they differ in {{differences}}. Copies drift apart silently, and nobody can tell which one a model was trained with. To fix: keep one base file and write the variant as an override of the keys that differ (a Hydra defaults list, `dvc exp run -S`, or a small override file merged at load time), then delete the copy.{{related}}",
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
      "module:exit"() {
        const file = projectFile(context);
        const model = projectModel(context);
        for (const finding of cachedFindings(model, configIndex(context), options)) {
          if (finding.anchor.file !== file) continue;
          context.report({ loc: reportLoc(finding.anchor), messageId: finding.messageId, data: { ...finding.data, related: relatedSuffix(finding.related) } });
        }
      },
    };
  },
});
