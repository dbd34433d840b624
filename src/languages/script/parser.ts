/**
 * typescript-eslint's parser, loaded on first use: it bundles the TypeScript compiler, which a
 * project without TypeScript files should not pay for at start-up.
 */
import { createRequire } from "node:module";
import type { Linter } from "eslint";

type TsParser = typeof import("@typescript-eslint/parser");
let loaded: TsParser | undefined;

function parser(): TsParser {
  loaded ??= createRequire(import.meta.url)("@typescript-eslint/parser") as TsParser;
  return loaded;
}

export const lazyTypeScriptParser: Linter.Parser = {
  meta: { name: "@typescript-eslint/parser (loaded on demand)" },
  parseForESLint(code: string, options?: Record<string, unknown>) {
    return parser().parseForESLint(code, options as never) as unknown as Linter.ESLintParseResult;
  },
};
