/**
 * Dead code across modules: which branch guards of a module are decided before the program runs
 * (a literal, a module constant, or a flag imported from another project module that nothing in
 * the project ever reassigns), and so which source ranges never run.
 */
import type { LiteralTruth } from "../rules-kit/python-bindings.js";
import type { BranchGuard, GuardSubject } from "./python/branch-guards.js";
import type { ConfigValue, ModuleConstant, ProjectModel } from "./types.js";

/** A flag defined as a constant in another project module. */
export interface ImportedFlag {
  /** The defining module, root-relative. */
  file: string;
  constant: ModuleConstant;
  truth: LiteralTruth;
}

function truthOf(value: ConfigValue | undefined): LiteralTruth | null {
  if (value === undefined || (typeof value === "object" && value !== null)) return null;
  return value === null || value === false || value === 0 || value === "" ? "falsy" : "truthy";
}

/**
 * The constant an imported flag names (`from flags import USE_NEW` in `fromFile`), when it is
 * assigned once to a literal in a project module and nothing in the project can change it: no
 * module assigns an attribute of that name (`flags.USE_NEW = True`), names it in a string
 * (`setattr(flags, "USE_NEW", …)`, `mock.patch("flags.USE_NEW")`), and the defining module looks
 * up no names at run time. Null otherwise.
 */
export function importedFlag(model: ProjectModel, fromFile: string, module: string, attribute: string): ImportedFlag | null {
  const file = model.moduleForImport(fromFile, module);
  const facts = file ? model.modules.get(file) : undefined;
  if (!file || !facts || facts.parseError || facts.references.dynamicLookup) return null;
  const constant = facts.definitions.constants.find((candidate) => candidate.name === attribute);
  const truth = truthOf(constant?.value);
  if (!constant || !truth) return null;
  for (const other of model.modules.values()) {
    if (other.references.attributeWrites.has(attribute) || other.references.words.has(attribute)) return null;
  }
  return { file, constant, truth };
}

/** The truth of a guard's subject (before its `not`), or null when it can change at run time. */
export function subjectTruth(model: ProjectModel | null, file: string, subject: GuardSubject): LiteralTruth | null {
  if (subject.kind !== "imported") return subject.truth;
  return model ? (importedFlag(model, file, subject.module, subject.attribute)?.truth ?? null) : null;
}

/** The outcome of a guard: its condition's truth with `not` applied, or null. */
export function guardOutcome(model: ProjectModel | null, file: string, guard: BranchGuard): boolean | null {
  const truth = subjectTruth(model, file, guard.subject);
  if (truth === null) return null;
  return (truth === "truthy") !== guard.negated;
}

const deadCache = new WeakMap<ProjectModel, Map<string, [number, number][]>>();

/** The source ranges of a module that never run, because a guard around them is decided. */
export function deadRangesOf(model: ProjectModel, file: string): [number, number][] {
  let byFile = deadCache.get(model);
  if (!byFile) {
    byFile = new Map();
    deadCache.set(model, byFile);
  }
  let ranges = byFile.get(file);
  if (!ranges) {
    ranges = [];
    for (const guard of model.modules.get(file)?.branchGuards ?? []) {
      const outcome = guardOutcome(model, file, guard);
      if (outcome !== null) ranges.push(...(outcome ? guard.deadIfTrue : guard.deadIfFalse));
    }
    byFile.set(file, ranges);
  }
  return ranges;
}
