import { CATEGORIES, CATEGORY_INFO } from "../categories.js";
import type { Finding, LintResult } from "../results/model.js";

function escape(text: string): string {
  return text.replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/>/gu, "&gt;").replace(/"/gu, "&quot;");
}

function where(finding: Finding): string {
  return finding.cell === undefined ? `${finding.line}:${finding.column}` : `cell ${finding.cell}:${finding.line}`;
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1f2328}
h1{font-size:1.6rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse;width:100%}td,th{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #eaeef2}
.error{color:#cf222e}.warning{color:#9a6700}.info{color:#0969da}code,.loc{font-family:ui-monospace,monospace;font-size:.9em}
.related{color:#57606a;font-size:.9em}.ok{color:#1a7f37}`;

/**
 * The report as one self-contained HTML page (no scripts, no external assets): counts by
 * category, then each file's findings with links to the rule docs. Every text is escaped.
 */
export function formatHtml(result: LintResult): string {
  const helpUris = new Map(result.rules.map((rule) => [rule.id, rule.helpUri]));
  const body: string[] = [`<h1>mldebt report: ${escape(result.root)}</h1>`];
  if (result.findings.length === 0) {
    body.push(`<p class="ok">✔ No technical debt found in ${result.summary.files} files.</p>`);
  } else {
    body.push(`<p>${result.findings.length} findings in ${result.summary.files} files.</p>`, "<table><tr><th>Category</th><th>Findings</th></tr>");
    for (const category of CATEGORIES) {
      const count = result.summary.byCategory[category];
      if (count) body.push(`<tr><td>${escape(CATEGORY_INFO[category].title)} <code>${category}</code></td><td>${count}</td></tr>`);
    }
    body.push("</table>");
    const files = [...new Set(result.findings.map((finding) => finding.file))];
    for (const file of files) {
      body.push(`<h2>${escape(file)}</h2>`, "<table>");
      for (const finding of result.findings.filter((item) => item.file === file)) {
        const uri = helpUris.get(finding.ruleId);
        const rule = uri ? `<a href="${escape(uri)}">${escape(finding.ruleId)}</a>` : escape(finding.ruleId);
        const related = (finding.related ?? []).map((item) => `<div class="related">↳ ${escape(item.file)}:${item.cell === undefined ? item.line : `cell ${item.cell}:${item.line}`} ${escape(item.message)}</div>`).join("");
        body.push(`<tr><td class="loc">${escape(where(finding))}</td><td class="${finding.severity}">${finding.severity}</td><td>${escape(finding.message)}${related}</td><td>${rule}<br><code>${escape(finding.category ?? "")}</code></td></tr>`);
      }
      body.push("</table>");
    }
  }
  if (result.assessment) {
    body.push(`<h2>MLOps maturity: level ${result.assessment.level} of 2</h2>`, "<table>");
    for (const practice of result.assessment.practices) {
      body.push(`<tr><td>${practice.present ? '<span class="ok">✔</span>' : '<span class="error">✖</span>'}</td><td>${escape(practice.title)}</td><td>${escape(practice.present ? practice.evidence : `Quick win: ${practice.quickWin}`)}</td></tr>`);
    }
    body.push("</table>");
  }
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>mldebt report</title><style>${STYLE}</style></head><body>\n${body.join("\n")}\n</body></html>\n`;
}
