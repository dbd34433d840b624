/**
 * Property-based robustness: projects of mutated Python files and notebooks (truncations, byte
 * flips, deleted brackets, mixed indentation, invalid UTF-8, NUL bytes, long lines, deep nesting,
 * empty files). Every run completes, every file is accounted for (linted, or reported with a
 * parse-error finding), and the JSON report is the same when the project is linted again.
 *
 * MLDEBT_FUZZ_FILES sets how many files are generated in all (default 240, seconds in CI);
 * `npm run test:fuzz` runs the large count.
 */
import fc from "fast-check";
import { rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { lint } from "../../src/cli/lint.js";
import { buildNotebookProgram } from "../../src/languages/notebook/program.js";
import { parsePython } from "../../src/languages/python/parse.js";
import { readSource } from "../../src/project/source-input.js";
import { formatReport } from "../../src/reporters/index.js";
import { tempProject } from "../helpers/cli.js";

const TOTAL_FILES = Number(process.env.MLDEBT_FUZZ_FILES ?? 240);
const FILES_PER_PROJECT = 12;
const RUNS = Math.max(1, Math.ceil(TOTAL_FILES / FILES_PER_PROJECT));

const PYTHON = `import random
import numpy as np
import pandas as pd

USE_FEATURES = False
PATH = "/home/ana/data/train.csv"


def load(path=PATH):
    df = pd.read_csv(path)
    if USE_FEATURES:
        df["x"] = [random.random() for _ in range(len(df))]
    return {"rows": len(df), "mean": np.mean(df.values), "cols": list(df.columns)}


class Model:
    def fit(self, x, y):
        self.w = np.random.rand(x.shape[1])
        return self
`;

function notebookOf(cells: string[]): string {
  return JSON.stringify({
    cells: cells.map((source, index) => ({ cell_type: index % 3 === 2 ? "markdown" : "code", execution_count: index + 1, metadata: {}, outputs: [], source })),
    metadata: { kernelspec: { language: "python", name: "python3" } },
    nbformat: 4,
    nbformat_minor: 5,
  });
}

const encoder = new TextEncoder();

type Mutation = (bytes: Uint8Array, random: () => number) => Uint8Array;

const MUTATIONS: Record<string, Mutation> = {
  truncate: (bytes, random) => bytes.subarray(0, Math.floor(random() * bytes.length)),
  flipBytes: (bytes, random) => {
    const copy = Uint8Array.from(bytes);
    for (let count = 1 + Math.floor(random() * 8); count > 0; count--) copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
    return copy;
  },
  deleteBrackets: (bytes, random) => encoder.encode(new TextDecoder().decode(bytes).replace(/[()[\]{}]/gu, (match) => (random() < 0.3 ? "" : match))),
  mixIndentation: (bytes, random) => encoder.encode(new TextDecoder().decode(bytes).replace(/^ {4}/gmu, () => (random() < 0.5 ? "\t" : "  "))),
  invalidUtf8: (bytes, random) => {
    const at = Math.floor(random() * bytes.length);
    return Uint8Array.from([...bytes.subarray(0, at), 0xc3, 0x28, 0xff, ...bytes.subarray(at)]);
  },
  nulByte: (bytes, random) => {
    const copy = Uint8Array.from(bytes);
    if (copy.length > 0) copy[Math.floor(random() * copy.length)] = 0;
    return copy;
  },
  longLine: (bytes, random) => encoder.encode(`${new TextDecoder().decode(bytes)}\nx = "${"a".repeat(10_000 + Math.floor(random() * 200_000))}"\n`),
  deepNesting: (_bytes, random) => {
    const depth = 50 + Math.floor(random() * 900);
    return encoder.encode(`x = ${"(".repeat(depth)}1${")".repeat(depth)}\ny = ${"[".repeat(depth)}${"]".repeat(depth)}\n`);
  },
  empty: () => new Uint8Array(0),
  unchanged: (bytes) => bytes,
};

const mutation = fc.constantFrom(...Object.keys(MUTATIONS));
const file = fc.record({ notebook: fc.boolean(), mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }), seed: fc.integer() });

function mulberry(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function build(spec: { notebook: boolean; mutations: string[]; seed: number }): Uint8Array {
  const random = mulberry(spec.seed);
  let bytes = encoder.encode(PYTHON);
  for (const name of spec.mutations) bytes = MUTATIONS[name]!(bytes, random);
  if (!spec.notebook) return bytes;
  // A notebook whose cells are the mutated text (as JSON strings), or the raw mutated bytes.
  if (random() < 0.3) return bytes;
  const text = new TextDecoder().decode(bytes);
  return encoder.encode(notebookOf(text.split(/(?<=\n\n)/u)));
}

/** Whether a file can be read and parsed, decided apart from the CLI. */
function analysable(path: string): boolean {
  const notebook = path.endsWith(".ipynb");
  const input = readSource(path, notebook ? "notebook" : "python");
  if (!input.ok) return false;
  if (!notebook) return parsePython(input.text).ok;
  const built = buildNotebookProgram(input.text);
  return built.ok && parsePython(built.program.language === "python" ? built.program.text : "").ok;
}

describe("mutated Python files and notebooks", () => {
  it(`complete, account for every file and report deterministically (${RUNS * FILES_PER_PROJECT} files)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(file, { minLength: FILES_PER_PROJECT, maxLength: FILES_PER_PROJECT }), async (specs) => {
        const files: Record<string, Uint8Array> = {};
        specs.forEach((spec, index) => {
          files[`pkg/m${index}.${spec.notebook ? "ipynb" : "py"}`] = build(spec);
        });
        const root = tempProject(files);
        try {
          const first = await lint({ paths: ["."], cwd: root, concurrency: "off" });
          expect(first.result.summary.files).toBe(specs.length);
          const names = new Set(Object.keys(files));
          for (const finding of first.result.findings) expect(names.has(finding.file)).toBe(true);
          // Accounted for: a file that cannot be read or parsed has a parse-error finding, the others none.
          const failing = new Set(first.result.findings.filter((finding) => finding.ruleId === "mldebt/parse-error").map((finding) => finding.file));
          for (const name of names) expect(failing.has(name), name).toBe(!analysable(join(root, name)));
          const again = await lint({ paths: ["."], cwd: root, concurrency: "off" });
          expect(formatReport("json", again.result, { color: false })).toBe(formatReport("json", first.result, { color: false }));
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      }),
      { numRuns: RUNS, seed: Number(process.env.MLDEBT_FUZZ_SEED ?? 20_261_122) },
    );
  }, 600_000);
});
