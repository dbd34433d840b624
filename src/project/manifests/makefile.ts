/**
 * Makefiles as pipeline manifests: one stage per target, with its prerequisites (inputs), the
 * target itself when it is a file (outputs), its recipe lines (commands), the scripts they run, and
 * the prerequisites that are targets of the same Makefile, phony ones included (`after`).
 *
 * What is read: `\` continuations, `#` comments, variables (`=`, `:=`, `::=`, `?=`, `+=`,
 * `define … endef`, `override`/`export` prefixes) expanded in `$(X)`/`${X}` references with their
 * final values, the automatic variables `$@`, `$<`, `$^` and `$+` in recipes, `.PHONY` (phony
 * targets are neither outputs nor inputs), `.ONESHELL`, inline recipes (`target: deps ; cmd`),
 * order-only prerequisites (ignored), and double-colon and grouped (`&:`) rules.
 *
 * Simplifications: conditionals (`ifeq`…`endif`) are not evaluated, so both branches count;
 * `include`d files are not read; functions (`$(shell …)`, `$(wildcard …)`) and variables the file
 * does not define stay as written; pattern rules (`%.csv: %.py`) are stages whose `%` paths are
 * left out of inputs, outputs and scripts.
 */
import type { ConfigParseError, ManifestModel, ManifestStage } from "../types.js";
import { scriptRunsIn } from "./commands.js";
import { manifestDirectory, resolveManifestPath } from "./paths.js";

/** Make's assignment: optional prefixes, a name, an operator, a value. */
const ASSIGNMENT = /^(?:(?:override|export|private)\s+)*([^\s:#=?+!]+)\s*(:::=|::=|:=|\?=|\+=|!=|=)\s*(.*)$/;
const DIRECTIVE = /^(?:-?include|sinclude|vpath|export|unexport|undefine|override|ifeq|ifneq|ifdef|ifndef|else|endif|load)(?:\s|$)/;
const SPECIAL_TARGET = /^\.[A-Z_]+$/;
const DEFINE = /^(?:(?:override|export)\s+)*define\s+(\S+)/;
const ENDEF = /^\s*endef\b/;
/** Expansion passes before giving up on self-referencing variables. */
const MAX_EXPANSION_DEPTH = 16;

/** A logical line: continuations joined, with the line it starts on. */
interface LogicalLine {
  text: string;
  line: number;
}

/** A rule's target while the file is read; becomes a stage at the end. */
interface Target {
  name: string;
  line: number;
  prerequisites: string[];
  recipe: string[];
}

/**
 * Reads a Makefile's text. `file` is the root-relative path; prerequisites, targets and scripts
 * are resolved against its directory. Lines make itself would reject ("missing separator") are
 * reported as errors and skipped.
 */
export function parseMakefile(file: string, text: string): ManifestModel {
  const lines = logicalLines(text);
  const variables = readVariables(lines);
  const targets = new Map<string, Target>();
  const phony = new Set<string>();
  const errors: ConfigParseError[] = [];
  let oneShell = false;
  let rule: Target[] = [];
  let inDefine = false;

  for (const { text: raw, line } of lines) {
    if (inDefine || DEFINE.test(raw)) {
      inDefine = !ENDEF.test(raw);
      continue;
    }
    if (raw.startsWith("\t") && rule.length > 0) {
      const command = raw.slice(1);
      if (command.trim() !== "" && !command.trim().startsWith("#")) for (const target of rule) target.recipe.push(command);
      continue;
    }
    const content = withoutComment(raw).trim();
    if (content === "") continue;
    if (ASSIGNMENT.test(content)) {
      rule = [];
      continue;
    }
    if (DIRECTIVE.test(content) || content.startsWith("$(") || content.startsWith("${")) continue;
    const colon = ruleColon(content);
    if (colon === undefined) {
      errors.push({ message: "Missing separator: not a rule, a variable or a recipe", line, column: raw.length - raw.trimStart().length + 1 });
      rule = [];
      continue;
    }
    const names = splitWords(expand(content.slice(0, colon.start).replace(/&\s*$/, ""), variables));
    const [rest, inlineRecipe = ""] = splitOutside(content.slice(colon.end), ";");
    if (ASSIGNMENT.test(rest.trim())) {
      rule = []; // a target-specific variable, not a rule
      continue;
    }
    const prerequisites = splitWords(expand(splitOutside(rest, "|")[0], variables));
    if (names.includes(".PHONY")) prerequisites.forEach((name) => phony.add(name));
    if (names.includes(".ONESHELL")) oneShell = true;
    rule = names
      .filter((name) => !SPECIAL_TARGET.test(name))
      .map((name) => {
        const target = targets.get(name) ?? { name, line, prerequisites: [], recipe: [] };
        targets.set(name, target);
        target.prerequisites.push(...prerequisites);
        if (inlineRecipe.trim() !== "") target.recipe.push(inlineRecipe.trim());
        return target;
      });
  }

  const directory = manifestDirectory(file);
  const isFile = (name: string): boolean => !phony.has(name) && !name.includes("%");
  const stages = [...targets.values()].map((target, order): ManifestStage => {
    const prerequisites = [...new Set(target.prerequisites)];
    const automatic = new Map([
      ["@", target.name],
      ["<", prerequisites[0] ?? ""],
      ["^", prerequisites.join(" ")],
      ["+", target.prerequisites.join(" ")],
    ]);
    const shellLines = target.recipe.map((command) => expand(command, variables, automatic).replace(/^[\s@+-]+/, ""));
    const shellTexts = oneShell ? [shellLines.join("\n")] : shellLines;
    return {
      kind: "makefile",
      file,
      name: target.name,
      line: target.line,
      commands: target.recipe.map((command) => command.trim()),
      scripts: [...new Set(shellTexts.flatMap((shell) => scriptRunsIn(shell, directory).map((run) => run.script)))].filter(isFile),
      inputs: prerequisites.filter(isFile).map((name) => resolveManifestPath(directory, name)),
      outputs: isFile(target.name) ? [resolveManifestPath(directory, target.name)] : [],
      params: [],
      order,
      after: prerequisites.filter((name) => name !== target.name && targets.has(name)),
    };
  });
  return { file, kind: "makefile", stages, errors };
}

/** Joins `\` continuations: the backslash, the newline and the next line's indentation become one space. */
function logicalLines(text: string): LogicalLine[] {
  const physical = text.split(/\r?\n/);
  const lines: LogicalLine[] = [];
  for (let index = 0; index < physical.length; index += 1) {
    const line = index + 1;
    let joined = physical[index] ?? "";
    while (/(?<!\\)(?:\\\\)*\\$/.test(joined) && index + 1 < physical.length) {
      index += 1;
      joined = `${joined.slice(0, -1).trimEnd()} ${(physical[index] ?? "").trimStart()}`;
    }
    lines.push({ text: joined, line });
  }
  return lines;
}

/** The text before an unescaped `#`. */
function withoutComment(line: string): string {
  const match = /(?<!\\)#/.exec(line);
  return match ? line.slice(0, match.index) : line;
}

/** Splits at the first `separator` outside `$(…)`/`${…}`. */
function splitOutside(text: string, separator: string): [string, string?] {
  let depth = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === "(" || char === "{") depth += 1;
    else if (char === ")" || char === "}") depth -= 1;
    else if (char === separator && depth === 0) return [text.slice(0, index), text.slice(index + 1)];
  }
  return [text];
}

/** Where a rule line's `:`, `::` or `&:` separator is, outside variable references. */
function ruleColon(line: string): { start: number; end: number } | undefined {
  const [targets, rest] = splitOutside(line, ":");
  if (rest === undefined) return undefined;
  const start = targets.length;
  return { start, end: start + 1 + (rest.startsWith(":") ? 1 : 0) };
}

function splitWords(text: string): string[] {
  return text.split(/\s+/).filter((word) => word !== "");
}

/**
 * Variables with their final values: `=` keeps references for expansion at use, `:=` and `::=`
 * expand at definition, `?=` sets only an undefined variable, `+=` appends, and `!=` (a shell
 * command's output) is unknown, so its references stay as written.
 */
function readVariables(lines: LogicalLine[]): Map<string, string> {
  const variables = new Map<string, string>();
  let define: { name: string; body: string[] } | undefined;
  for (const { text } of lines) {
    if (define) {
      if (ENDEF.test(text)) {
        variables.set(define.name, define.body.join("\n"));
        define = undefined;
      } else define.body.push(text);
      continue;
    }
    const opening = DEFINE.exec(text);
    if (opening?.[1]) {
      define = { name: opening[1], body: [] };
      continue;
    }
    if (text.startsWith("\t")) continue;
    const match = ASSIGNMENT.exec(withoutComment(text).trim());
    if (!match) continue;
    const [, name = "", operator, value = ""] = match;
    if (operator === "!=") continue;
    if (operator === "?=" && variables.has(name)) continue;
    if (operator === "+=") variables.set(name, [variables.get(name), value].filter((part) => part).join(" "));
    else if (operator === "=" || operator === "?=") variables.set(name, value);
    // Expanded once, here: what is left (unknown references) must not expand again at use.
    else variables.set(name, expand(value, variables).replaceAll("$", () => "$$"));
  }
  return variables;
}

/**
 * Expands `$(X)`, `${X}` and one-letter `$X` references; `$$` becomes `$`. References to unknown
 * variables and function calls stay as written.
 */
function expand(text: string, variables: Map<string, string>, automatic: Map<string, string> = new Map()): string {
  const dollar = "\u0000";
  let expanded = text.replaceAll("$$", dollar);
  for (let pass = 0; pass < MAX_EXPANSION_DEPTH; pass += 1) {
    const next = expanded.replace(/\$(?:\(([^()$]*)\)|\{([^{}$]*)\}|([^({$]))/g, (reference, paren?: string, brace?: string, letter?: string) => {
      const name = paren ?? brace ?? letter ?? "";
      return (automatic.get(name) ?? variables.get(name) ?? reference).replaceAll("$$", dollar);
    });
    if (next === expanded) break;
    expanded = next;
  }
  return expanded.replaceAll(dollar, "$");
}
