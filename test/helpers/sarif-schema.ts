import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv } from "ajv";
import ajvFormats from "ajv-formats";

/**
 * A validator for the official SARIF 2.1.0 schema (shipped by @microsoft/jest-sarif). The schema is
 * draft-04 (no keyword it uses differs in draft-07) and its `language` pattern is not valid in
 * unicode mode, hence the options.
 */
export function sarifValidator() {
  const require = createRequire(import.meta.url);
  const path = require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
  const { $schema: _draft, id: _id, ...schema } = JSON.parse(readFileSync(path, "utf8"));
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajvFormats.default(ajv);
  return ajv.compile(schema);
}
