import type * as Sarif from "sarif";
import { CATEGORY_INFO, type Severity } from "../categories.js";
import type { Finding, LintResult, RelatedLocation, RuleDescriptor } from "../results/model.js";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
/** Every artifact URI is relative to the report root, named by this base id. */
const SRCROOT = "%SRCROOT%";
/** The `partialFingerprints` key: bump the version if the fingerprint recipe changes. */
const FINGERPRINT_KEY = "mldebt/v1";

const LEVELS: Record<Severity, Sarif.ReportingConfiguration.level> = {
  error: "error",
  warning: "warning",
  info: "note",
};

/** A relative POSIX path as a URI reference: each segment percent-encoded. */
function pathToUri(file: string): string {
  return file.split("/").map(encodeURIComponent).join("/");
}

/**
 * The `file:` URI of an absolute root (POSIX or Windows drive), with the trailing slash SARIF
 * requires of a base URI; `undefined` for a relative root, which only the consumer can resolve.
 */
function rootUri(root: string): string | undefined {
  const path = root.replace(/\\/g, "/").replace(/\/?$/, "/");
  const drive = /^[A-Za-z]:\//.exec(path);
  if (drive !== null) return `file:///${drive[0]}${pathToUri(path.slice(drive[0].length))}`;
  return path.startsWith("/") ? `file://${pathToUri(path)}` : undefined;
}

/** The URL of a mitigation page, next to the rule's docs page (`docs/rules/` → `docs/mitigations/`). */
function mitigationUrl(rule: RuleDescriptor, mitigation: string): string {
  return new URL(`../mitigations/${mitigation}.md`, rule.helpUri).href;
}

function ruleHelp(rule: RuleDescriptor): Sarif.MultiformatMessageString {
  const category = rule.category === null ? undefined : CATEGORY_INFO[rule.category];
  const text = [rule.description];
  const markdown = [`**${rule.description}**`];
  if (category !== undefined) {
    text.push(`Why it is debt: ${category.title} (${category.source}).`);
    markdown.push(`Why it is debt: *${category.title}* (${category.source}).`);
  }
  if (rule.mitigation !== null) {
    const url = mitigationUrl(rule, rule.mitigation);
    text.push(`Mitigation: ${rule.mitigation}, ${url}`);
    markdown.push(`Mitigation: [${rule.mitigation}](${url})`);
  }
  text.push(`Documentation: ${rule.helpUri}`);
  markdown.push(`[Rule documentation](${rule.helpUri})`);
  return { text: text.join("\n\n"), markdown: markdown.join("\n\n") };
}

function ruleDescriptor(rule: RuleDescriptor): Sarif.ReportingDescriptor {
  const category = rule.category === null ? undefined : CATEGORY_INFO[rule.category];
  return {
    id: rule.id,
    name: rule.id.replace(/^mldebt\//, ""),
    shortDescription: { text: rule.description },
    fullDescription: {
      text: category === undefined ? rule.description : `${rule.description} (${category.title})`,
    },
    help: ruleHelp(rule),
    helpUri: rule.helpUri,
    defaultConfiguration: { level: LEVELS[rule.severity] },
    properties: {
      ...(rule.category !== null && { category: rule.category }),
      ...(rule.mitigation !== null && { mitigation: rule.mitigation }),
      tags: rule.category === null ? ["mldebt"] : ["mldebt", rule.category],
    },
  };
}

function relatedLocation(related: RelatedLocation, index: number): Sarif.Location {
  return {
    id: index + 1,
    physicalLocation: {
      artifactLocation: { uri: pathToUri(related.file), uriBaseId: SRCROOT },
      region: {
        startLine: related.line,
        ...(related.column !== undefined && { startColumn: related.column }),
      },
    },
    message: { text: related.message },
    ...(related.cell !== undefined && { properties: { cell: related.cell } }),
  };
}

function sarifResult(finding: Finding, ruleIndex: ReadonlyMap<string, number>): Sarif.Result {
  const index = ruleIndex.get(finding.ruleId);
  return {
    ruleId: finding.ruleId,
    ...(index !== undefined && { ruleIndex: index }),
    level: LEVELS[finding.severity],
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: pathToUri(finding.file), uriBaseId: SRCROOT },
          region: {
            startLine: finding.line,
            startColumn: finding.column,
            ...(finding.endLine !== undefined && { endLine: finding.endLine }),
            ...(finding.endColumn !== undefined && { endColumn: finding.endColumn }),
          },
        },
      },
    ],
    ...(finding.related !== undefined &&
      finding.related.length > 0 && { relatedLocations: finding.related.map(relatedLocation) }),
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    ...(finding.cell !== undefined && { properties: { cell: finding.cell } }),
  };
}

/**
 * The report as a SARIF 2.1.0 log with one run, for GitHub code scanning and other SARIF viewers.
 * `rules[]` holds the enabled rules sorted by id; a finding whose rule has no descriptor (such as
 * `mldebt/parse-error` when the caller supplies none) carries `ruleId` without `ruleIndex`.
 * Notebook findings keep their within-cell region and name the cell in `properties.cell`.
 * `informationUri` is the README next to the rules' docs pages, when there is a rule to derive it from.
 */
export function formatSarif(result: LintResult): string {
  const rules = [...result.rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const uri = rootUri(result.root);
  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: result.tool.name,
            version: result.tool.version,
            semanticVersion: result.tool.version,
            ...(rules[0] !== undefined && {
              informationUri: new URL("../../README.md", rules[0].helpUri).href,
            }),
            rules: rules.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: {
          [SRCROOT]: {
            ...(uri !== undefined && { uri }),
            description: { text: `The report root, ${result.root}` },
          },
        },
        columnKind: "utf16CodeUnits",
        results: result.findings.map((finding) => sarifResult(finding, ruleIndex)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
