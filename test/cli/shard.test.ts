/** A CI matrix splits a project with --shard and joins the reports with `mldebt merge`. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runMldebt, tempProject } from "../helpers/cli.js";
import { sarifValidator } from "../helpers/sarif-schema.js";

const EXAMPLE = "fixtures/projects/learner-example";

describe("--shard and merge", () => {
  it("the shards cover every file once, and their merged report equals the whole run's", () => {
    const whole = runMldebt([EXAMPLE, "-f", "json"]).stdout;
    const out = tempProject({});
    const parts = [1, 2, 3].map((index) => {
      const text = runMldebt([EXAMPLE, "-f", "json", "--shard", `${index}/3`]).stdout;
      writeFileSync(join(out, `shard-${index}.json`), text);
      return JSON.parse(text) as { summary: { files: number } };
    });
    expect(parts.reduce((sum, part) => sum + part.summary.files, 0)).toBe(JSON.parse(whole).summary.files);
    const merged = runMldebt(["merge", join(out, "shard-3.json"), join(out, "shard-1.json"), join(out, "shard-2.json")]);
    expect(merged.stdout).toBe(whole);
    expect(merged.code).toBe(1);
    const sarif = runMldebt(["merge", join(out, "shard-1.json"), join(out, "shard-2.json"), join(out, "shard-3.json"), "-f", "sarif"]);
    const validate = sarifValidator();
    expect(validate(JSON.parse(sarif.stdout))).toBe(true);
  });

  it("bad shard values and bad reports are usage errors", () => {
    expect(runMldebt([EXAMPLE, "--shard", "3/2"])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--shard takes i\/n/u) });
    const out = tempProject({ "x.json": '{"hello": 1}' });
    expect(runMldebt(["merge", join(out, "x.json")])).toMatchObject({ code: 2, stderr: expect.stringMatching(/is not an mldebt JSON report/u) });
  });
});
