import type { Finding, LintResult } from "../results/model.js";

/** GitHub Actions workflow-command escaping for a message. */
function escapeData(text: string): string {
  return text.replace(/%/gu, "%25").replace(/\r/gu, "%0D").replace(/\n/gu, "%0A");
}

/** The same for a property value, where `:` and `,` separate properties. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/gu, "%3A").replace(/,/gu, "%2C");
}

const LEVEL = { error: "error", warning: "warning", info: "notice" } as const;

function annotation(finding: Finding, root: string): string {
  const file = root === "." ? finding.file : `${root.replace(/\/$/u, "")}/${finding.file}`;
  const properties = [`file=${escapeProperty(file)}`];
  let message = finding.message;
  if (finding.cell === undefined) {
    properties.push(`line=${finding.line}`, `col=${finding.column}`);
    if (finding.endLine !== undefined) properties.push(`endLine=${finding.endLine}`);
    if (finding.endColumn !== undefined && finding.endLine === finding.line) properties.push(`endColumn=${finding.endColumn}`);
  } else {
    // A notebook's lines are not lines of the .ipynb file: say where in the notebook instead.
    message = `cell ${finding.cell}, line ${finding.line}: ${message}`;
  }
  properties.push(`title=${escapeProperty(finding.ruleId)}`);
  return `::${LEVEL[finding.severity]} ${properties.join(",")}::${escapeData(message)}`;
}

/**
 * GitHub Actions annotations (`::warning file=…,line=…::message`), one per finding, so findings
 * show on the pull request's diff without uploading SARIF.
 */
export function formatGithub(result: LintResult): string {
  return result.findings.map((finding) => `${annotation(finding, result.root)}\n`).join("");
}
