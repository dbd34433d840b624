/** The CLI as a user meets it: exit codes, streams, formats, explain, the example project. */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jsonReport, runMldebt, tempProject, REPO_ROOT } from "../helpers/cli.js";
import { sarifValidator } from "../helpers/sarif-schema.js";

const EXAMPLE = "fixtures/projects/learner-example";
const DIRTY = "import numpy as np\nx = np.random.rand(3)\n";
const CLEAN = "import numpy as np\nrng = np.random.default_rng(42)\nx = rng.random(3)\n";

describe("the learner example project", () => {
  const { run, report } = jsonReport([EXAMPLE]);
  const at = (ruleId: string) =>
    report.findings
      .filter((finding) => finding.ruleId === `mldebt/${ruleId}`)
      .map((finding) => `${finding.file}${finding.cell ? ` cell ${finding.cell}` : ""} ${finding.line}:${finding.column}-${finding.endColumn}`);

  it("reports each of the three rules in a .py file and in a notebook cell, at the right positions", () => {
    expect(at("unseeded-randomness")).toEqual(["01_load_data.py 46:5-31", "explore.ipynb cell 6 1:15-38"]);
    expect(at("constant-experiment-flag")).toEqual(["01_load_data.py 33:8-24", "explore.ipynb cell 5 3:4-20"]);
    expect(at("absolute-data-path")).toEqual(["01_load_data.py 25:25-70", "explore.ipynb cell 4 1:21-66"]);
  });

  it("has the JSON report's shape, relative POSIX paths and a summary", () => {
    expect(report.tool).toEqual({ name: "mldebt", version: "0.1.0" });
    expect(report.root).toBe(EXAMPLE);
    expect(report.summary.files).toBe(4); // two scripts, the notebook and params.yaml (linted by the config-file rules)
    const finding = report.findings.find((item) => item.cell === 6)!;
    expect(Object.keys(finding)).toEqual(["ruleId", "category", "severity", "message", "file", "line", "column", "endLine", "endColumn", "cell", "docs", "mitigation", "fingerprint"]);
    expect(finding).toMatchObject({ category: "reproducibility", severity: "warning", docs: "docs/rules/unseeded-randomness.md", mitigation: "make-runs-reproducible" });
    expect(finding.fingerprint).toMatch(/^[0-9a-f]{16}$/u);
    expect(run.code).toBe(1);
  });

  it("stylish output teaches: message, rule, category, doc link, notebook cells, counts by category", () => {
    const { stdout, code } = runMldebt([EXAMPLE]);
    expect(code).toBe(1);
    expect(stdout).toContain("explore.ipynb\n");
    expect(stdout).toMatch(/cell 6:1 +warning +`np\.random\.rand` draws from numpy's global random generator/u);
    expect(stdout).toContain("mldebt/unseeded-randomness");
    expect(stdout).toContain("reproducibility · docs/rules/unseeded-randomness.md");
    expect(stdout).toMatch(/3 +Reproducibility \(reproducibility\)/u);
    expect(stdout).not.toMatch(/\u001b\[/u); // no colour when not on a terminal
  });

  it("the same input gives byte-identical JSON and SARIF, with one worker or several", () => {
    const first = runMldebt([EXAMPLE, "-f", "json", "--workers", "off"]).stdout;
    expect(runMldebt([EXAMPLE, "-f", "json", "--workers", "2"]).stdout).toBe(first);
    expect(runMldebt([EXAMPLE, "-f", "sarif"]).stdout).toBe(runMldebt([EXAMPLE, "-f", "sarif", "--workers", "2"]).stdout);
  });

  it("SARIF output validates against the official 2.1.0 schema and carries rules[] with help", () => {
    const sarif = JSON.parse(runMldebt([EXAMPLE, "-f", "sarif"]).stdout);
    const validate = sarifValidator();
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    const rules = sarif.runs[0].tool.driver.rules as { id: string; helpUri: string; help: { text: string } }[];
    expect(rules.map((rule) => rule.id)).toContain("mldebt/absolute-data-path");
    for (const rule of rules) {
      expect(rule.helpUri).toMatch(/^https:\/\/.*docs\/rules\/.*\.md$/u);
      expect(rule.help.text.length).toBeGreaterThan(20);
    }
  });
});

describe("exit codes and --fail-on", () => {
  it("0 on clean code, with a one-line report", () => {
    const root = tempProject({ "a.py": CLEAN });
    const run = runMldebt([root]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/No technical debt found in 1 file/u);
  });

  it("1 when a finding is at or above --fail-on (default: warning)", () => {
    const root = tempProject({ "a.py": DIRTY });
    expect(runMldebt([root]).code).toBe(1);
    expect(runMldebt([root, "--fail-on", "error"]).code).toBe(0);
    expect(runMldebt([root, "--fail-on", "never"]).code).toBe(0);
    expect(runMldebt([root, "--fail-on", "info"]).code).toBe(1);
  });

  it("config severities and failOn apply", () => {
    const root = tempProject({ "a.py": DIRTY, ".mldebtrc.json": JSON.stringify({ rules: { "unseeded-randomness": "error" }, failOn: "error" }) });
    const { run, report } = jsonReport([root]);
    expect(report.findings[0]!.severity).toBe("error");
    expect(run.code).toBe(1);
    const off = tempProject({ "a.py": DIRTY, "pyproject.toml": '[tool.mldebt.rules]\n"unseeded-randomness" = "off"\n' });
    expect(jsonReport([off]).report.findings).toEqual([]);
  });

  it("config ignores and .gitignore leave files out", () => {
    const root = tempProject({ "a.py": DIRTY, "legacy/b.py": DIRTY, "build/c.py": DIRTY, ".gitignore": "build/\n", ".mldebtrc.json": JSON.stringify({ ignores: ["legacy/"] }) });
    expect(jsonReport([root]).report.findings.map((finding) => finding.file)).toEqual(["a.py"]);
  });

  it("2 on usage errors, with the message on stderr", () => {
    expect(runMldebt(["--format", "xml"]).code).toBe(2);
    const missing = runMldebt(["no/such/dir"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/No such file or directory: no\/such\/dir/u);
  });

  it("--version and --help print to stdout and exit 0", () => {
    expect(runMldebt(["--version"])).toMatchObject({ code: 0, stdout: "0.1.0\n" });
    const help = runMldebt(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--fail-on <severity>/u);
  });
});

describe("--output", () => {
  it("writes the report to the file and nothing to stdout", () => {
    const root = tempProject({ "a.py": DIRTY });
    const run = runMldebt([root, "-f", "json", "-o", join(root, "out", "report.json")]);
    expect(run.stdout).toBe("");
    expect(JSON.parse(readFileSync(join(root, "out", "report.json"), "utf8")).findings).toHaveLength(1);
  });

  it("writes nothing else anywhere in the project", () => {
    const root = tempProject({ "a.py": DIRTY, "nb.ipynb": JSON.stringify({ nbformat: 4, cells: [] }) });
    runMldebt([root]);
    expect(readdirSync(root).sort()).toEqual(["a.py", "nb.ipynb"]);
  });
});

describe("mldebt explain", () => {
  it("prints the rule's doc and its mitigation", () => {
    const run = runMldebt(["explain", "unseeded-randomness"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^# mldebt\/unseeded-randomness/u);
    expect(run.stdout).toContain("## Why is this debt?");
    expect(run.stdout).toContain("Mitigation (docs/mitigations/make-runs-reproducible.md)");
    expect(run.stdout).not.toContain("<!--");
  });

  it("accepts the mldebt/ prefix and categories; suggests on a typo", () => {
    expect(runMldebt(["explain", "mldebt/constant-experiment-flag"]).code).toBe(0);
    expect(runMldebt(["explain", "reproducibility"]).stdout).toMatch(/^Reproducibility \(reproducibility\)/u);
    const typo = runMldebt(["explain", "unseeded-random"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/Did you mean "unseeded-randomness"\?/u);
  });

  it("--list lists every rule by category", () => {
    const run = runMldebt(["explain", "--list"]);
    expect(run.stdout).toMatch(/reproducibility — Reproducibility\n(  .+\n)*  unseeded-randomness /u);
  });
});

describe("mldebt init", () => {
  it("writes a starter config that mldebt then accepts", () => {
    const root = tempProject({ "a.py": CLEAN });
    expect(runMldebt(["init"], root).code).toBe(0);
    expect(existsSync(join(root, ".mldebtrc.json"))).toBe(true);
    expect(runMldebt(["."], root).code).toBe(0);
    expect(runMldebt(["init"], root).code).toBe(2);
  });
});

it("the README's first command names the shipped example", () => {
  expect(readFileSync(join(REPO_ROOT, "README.md"), "utf8")).toContain(`npx mldebt ${EXAMPLE}`);
});

describe("the MLOps maturity assessment", () => {
  it("ends the stylish report of a project folder, and --no-assessment leaves it out", () => {
    const root = tempProject({ "a.py": CLEAN, "dvc.yaml": "stages: {}\n" });
    const run = runMldebt([root]);
    expect(run.stdout).toMatch(/MLOps maturity: level 0 of 2 \(manual process\)/u);
    expect(run.stdout).toMatch(/✔ Pipeline declared and automated +pipeline file dvc\.yaml/u);
    expect(run.stdout).toMatch(/✖ Experiments tracked +quick win: `mlflow\.autolog\(\)`/u);
    expect(runMldebt([root, "--no-assessment"]).stdout).not.toContain("MLOps maturity");
    expect(runMldebt([join(root, "a.py")]).stdout).not.toContain("MLOps maturity");
  });
});

describe("JavaScript and TypeScript ML code", () => {
  it("is linted by the rules that support it; generated files are skipped", () => {
    const root = tempProject({
      "src/load.ts": 'import { readFileSync } from "node:fs";\nexport const rows: string = readFileSync("/home/ana/churn.csv", "utf8");\n',
      "src/flag.mjs": "const USE_V2 = false;\nif (USE_V2) { console.log(2); }\n",
      "dist/bundle.min.js": 'require("fs").readFileSync("/home/ana/x.csv");\n',
      "types.d.ts": "declare const x: number;\n",
    });
    const { report } = jsonReport([root]);
    expect(report.findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}:${finding.column}`)).toEqual([
      "mldebt/constant-experiment-flag src/flag.mjs:2:5",
      "mldebt/absolute-data-path src/load.ts:2:42",
    ]);
    expect(report.summary.files).toBe(2);
  });

  it("follows a path constant imported from another module, through a re-export (ts-morph)", () => {
    const root = tempProject({
      "src/config/paths.ts": 'export const RAW_DATA = "/Users/li/datasets/churn.csv";\nexport const LOCAL = "data/churn.csv";\n',
      "src/config/index.ts": 'export { RAW_DATA, LOCAL } from "./paths.js";\n',
      "src/load.ts": 'import { readFileSync } from "node:fs";\nimport { LOCAL, RAW_DATA } from "./config/index.js";\nreadFileSync(RAW_DATA);\nreadFileSync(LOCAL);\n',
    });
    const { report } = jsonReport([root]);
    expect(report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column}`)).toEqual(["src/load.ts:3:14"]);
    expect(report.findings[0]!.message).toMatch(/^'\/Users\/li\/datasets\/churn\.csv' \(through a module constant\)/u);
  });
});
