/**
 * A value written in a config file and read by code as data is reported where the user changes it:
 * on the config line, with every read of it as a related location, in every output format.
 */
import { describe, expect, it } from "vitest";
import { notebook } from "../helpers/rule-tester.js";
import { jsonReport, runMldebt, tempProject } from "../helpers/cli.js";

const project = tempProject({
  "configs/base.yaml": "# Where the data lives\ndata:\n  raw: /home/ana/churn/raw.csv\n  events: s3://acme-ml/events/latest/events.parquet\n  clean: data/clean.csv\n",
  "train.py": 'import yaml\nimport pandas as pd\n\ncfg = yaml.safe_load(open("configs/base.yaml"))\nraw = pd.read_csv(cfg["data"]["raw"], dtype={"id": "string"})\nevents = pd.read_parquet(cfg["data"]["events"], columns=["id"])\n',
  "explore.ipynb": notebook("import yaml\nimport pandas as pd", 'cfg = yaml.safe_load(open("configs/base.yaml"))\ndf = pd.read_csv(cfg["data"]["raw"], dtype={"id": "string"})'),
});

describe("config values read as data", () => {
  const { report } = jsonReport([project]);
  const ours = report.findings.filter((finding) => finding.ruleId === "mldebt/absolute-data-path" || finding.ruleId === "mldebt/unversioned-remote-data");

  it("are reported once each, in configs/base.yaml at the value, and not at the reads", () => {
    expect(ours.map((finding) => `${finding.ruleId} ${finding.file} ${finding.line}:${finding.column}-${finding.endColumn}`)).toEqual([
      "mldebt/absolute-data-path configs/base.yaml 3:8-31",
      "mldebt/unversioned-remote-data configs/base.yaml 4:11-52",
    ]);
  });

  it("carry the Python and notebook reads in `related`, notebooks as cell and line", () => {
    const [raw, events] = ours as (typeof ours[number] & { related: unknown[] })[];
    expect(raw!.message).toMatch(/^`data\.raw` is set to '\/home\/ana\/churn\/raw\.csv', one person's home directory, and code reads data from it \(explore\.ipynb and train\.py\)/u);
    expect(raw!.related).toEqual([
      { file: "explore.ipynb", cell: 2, line: 2, column: 18, message: "read here" },
      { file: "train.py", line: 5, column: 19, message: "read here" },
    ]);
    expect(events!.related).toEqual([{ file: "train.py", line: 6, column: 26, message: "read here" }]);
  });

  it("read well in the stylish report: the config file, the key, the reads under it", () => {
    const { stdout } = runMldebt([project, "--format", "stylish", "--no-assessment"]);
    const section = stdout.slice(stdout.indexOf("configs/base.yaml\n"));
    const lines = section.split("\n");
    expect(lines[0]).toBe("configs/base.yaml");
    expect(lines[1]).toMatch(/^ {2}3:8 +warning {2}`data\.raw` is set to '\/home\/ana\/churn\/raw\.csv', .* mldebt\/absolute-data-path$/u);
    expect(lines.slice(2, 5).map((line) => line.trim())).toEqual(["hidden-data-dependency · docs/rules/absolute-data-path.md", "↳ explore.ipynb cell 2:2 read here", "↳ train.py:5 read here"]);
  });

  it("carry the reads as SARIF relatedLocations", () => {
    const sarif = JSON.parse(runMldebt([project, "--format", "sarif"]).stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; relatedLocations?: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const result = sarif.runs[0]!.results.find((item) => item.ruleId === "mldebt/absolute-data-path")!;
    expect(result.locations[0]!.physicalLocation.artifactLocation.uri).toBe("configs/base.yaml");
    expect(result.relatedLocations!.map((location) => location.physicalLocation.artifactLocation.uri)).toEqual(["explore.ipynb", "train.py"]);
  });
});
