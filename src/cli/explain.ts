/** `mldebt explain <rule-id|category>`: a rule's doc and its mitigation, in the terminal. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { closest, distance } from "fastest-levenshtein";
import { CATEGORIES, CATEGORY_INFO, type Category } from "../categories.js";
import { PACKAGE_ROOT } from "../package-info.js";
import { rules } from "../../rules/index.js";
import { UsageError } from "./errors.js";

function readDoc(relativePath: string): string {
  try {
    return readFileSync(join(PACKAGE_ROOT, relativePath), "utf8").trimEnd();
  } catch {
    return `(The page ${relativePath} is missing from this installation.)`;
  }
}

/** Strips HTML comments (the generated-header markers) for terminal reading. */
function forTerminal(markdown: string): string {
  return markdown.replace(/<!--[\s\S]*?-->\n?/gu, "").replace(/\n{3,}/gu, "\n\n");
}

/** The list of rules by category (`mldebt explain --list`). */
export function listRules(): string {
  const lines: string[] = [];
  for (const category of CATEGORIES) {
    const names = Object.keys(rules).filter((name) => rules[name]!.meta.docs.category === category).sort();
    if (names.length === 0) continue;
    lines.push(`${category} — ${CATEGORY_INFO[category].title}`);
    for (const name of names) lines.push(`  ${name.padEnd(28)} ${rules[name]!.meta.docs.description}`);
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

/** The explanation text for a rule id (with or without `mldebt/`) or a category name. */
export function explain(topic: string): string {
  const name = topic.replace(/^mldebt\//u, "");
  const rule = rules[name];
  if (rule) {
    const { docs } = rule.meta;
    const mitigation = `docs/mitigations/${docs.mitigation}.md`;
    return `${forTerminal(readDoc(docs.docsPath))}\n\n${"─".repeat(72)}\nMitigation (${mitigation})\n${"─".repeat(72)}\n\n${forTerminal(readDoc(mitigation))}\n`;
  }
  if (name === "parse-error") return `${forTerminal(readDoc("docs/rules/parse-error.md"))}\n`;
  if ((CATEGORIES as readonly string[]).includes(name)) {
    const category = name as Category;
    const info = CATEGORY_INFO[category];
    const members = Object.keys(rules).filter((id) => rules[id]!.meta.docs.category === category).sort();
    const header = `${info.title} (${category}) — ${info.source}\nRules: ${members.join(", ") || "(none yet)"}\n\n`;
    return `${header}${forTerminal(readDoc(`docs/mitigations/${info.mitigation}.md`))}\n`;
  }
  const candidates = [...Object.keys(rules), ...CATEGORIES, "parse-error"];
  const best = closest(name, candidates);
  const hint = distance(name, best) <= Math.max(3, Math.floor(name.length / 3)) ? ` Did you mean "${best}"?` : "";
  throw new UsageError(`"${topic}" is neither an mldebt rule nor a category.${hint} Run \`mldebt explain --list\` to see them all.`);
}
