/**
 * Randomness facts of one module, for rules that follow seeds across a program: where the module
 * seeds random generators, which of its top-level functions seed them, which imported helpers it
 * calls that might (`setup_seed(cfg)` from a project module), and where it imports other modules.
 * A seed set once at an entry point covers the modules it imports and runs in the same process.
 */
import { PyNode, field } from "../../languages/python/nodes.js";
import { randomCallsOf } from "../../analysis/randomness/random-calls.js";
import { enclosingFunction } from "../../rules-kit/python-syntax.js";
import type { RandomnessFacts, SeedFact } from "../types.js";
import { descendants } from "./scope.js";
import { importsOf } from "./imports.js";

/** Imported helpers worth resolving: names that say they set things up. */
const HELPER_NAME = /seed|determinis|reproduc|setup|set_up|init|configure|prepare/iu;

function line(node: PyNode): number {
  return node.loc.start.line;
}

/** The top-level `def` a node is in (methods and nested functions count for their outermost function). */
function topLevelFunction(node: PyNode, root: PyNode): PyNode | null {
  let found: PyNode | null = null;
  for (let current = enclosingFunction(node); current; current = enclosingFunction(current)) {
    if (current.type === "function_definition") found = current;
  }
  const parent = found?.parent?.type === "decorated_definition" ? found.parent.parent : found?.parent;
  return found && parent === root ? found : null;
}

export function extractRandomness(root: PyNode): RandomnessFacts {
  const calls = randomCallsOf(root);
  const seeds: SeedFact[] = calls.seeds.map((seed) => ({ families: seed.families, line: line(seed.node), moduleLevel: enclosingFunction(seed.node) === null }));
  const byFunction = new Map<string, Set<string> | "all">();
  for (const seed of calls.seeds) {
    const fn = topLevelFunction(seed.node, root);
    const name = fn ? field(fn, "name")?.text : undefined;
    if (!name) continue;
    const known = byFunction.get(name);
    if (known === "all" || seed.families === "all") byFunction.set(name, "all");
    else byFunction.set(name, new Set([...(known ?? []), ...seed.families]));
  }
  const imports = importsOf(root);
  const importedCalls: RandomnessFacts["importedCalls"] = [];
  for (const call of descendants(root, "call")) {
    const qualified = imports.calleeName(call);
    const last = qualified?.slice(qualified.lastIndexOf(".") + 1);
    if (!qualified || !qualified.includes(".") || !last || !HELPER_NAME.test(last) || qualified.startsWith("builtins.")) continue;
    importedCalls.push({ qualified, line: line(call), moduleLevel: enclosingFunction(call) === null });
  }
  const importLines: RandomnessFacts["importLines"] = [];
  for (const { module, node } of imports.modules) {
    const moduleLevel = enclosingFunction(node) === null;
    importLines.push({ module, line: line(node), moduleLevel });
    // `from pkg import mod` may import the module `pkg.mod`.
    if (node.type === "import_from_statement") {
      for (const name of node.children.filter((child) => child !== field(node, "module_name") && (child.type === "dotted_name" || child.type === "aliased_import"))) {
        const imported = name.type === "aliased_import" ? field(name, "name")?.text : name.text;
        if (imported) importLines.push({ module: module.endsWith(".") ? `${module}${imported}` : `${module}.${imported}`, line: line(node), moduleLevel });
      }
    }
  }
  return {
    seeds,
    seedingFunctions: [...byFunction].map(([name, families]) => ({ name, families: families === "all" ? "all" : ([...families].sort() as SeedFact["families"]) })).sort((a, b) => (a.name < b.name ? -1 : 1)),
    importedCalls,
    importLines,
  };
}
