/**
 * Settings overridden on a command line: a shell script, Makefile recipe, dvc.yaml `cmd` or a
 * Python `subprocess` call runs a project script with `--lr 0.1` (one of its argparse, click or
 * typer options) or, for a Hydra program, `optimizer.lr=0.1` / `+trainer.precision=16`. These are
 * the places where a value replaces the definition for some runs.
 */
import { posix } from "node:path";
import { scriptRunsIn } from "../manifests/commands.js";
import type { CliOption, ConfigValue, ProjectModel } from "../types.js";
import type { SettingLocation } from "./types.js";

/** One override found on a command line. */
export interface CommandOverride {
  /** The script run. */
  script: string;
  /** `option`: a command-line option of the script (its key); `hydra`: a composed-config key; `global`: a global of a script that `exec`s a configurator (`--batch_size=32`). */
  kind: "option" | "hydra" | "global";
  key: string;
  value?: ConfigValue;
  text: string;
  location: SettingLocation;
}

/** Splits a command line into words, honouring quotes (no expansion). */
function words(command: string): string[] {
  const found: string[] = [];
  for (const match of command.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/gu)) found.push(match[1] ?? match[2] ?? match[3] ?? "");
  return found;
}

/** A command-line value as YAML would read it: numbers, booleans, null, else text. */
function valueOf(text: string): ConfigValue {
  if (/^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/u.test(text)) return Number(text);
  if (/^(?:true|True)$/u.test(text)) return true;
  if (/^(?:false|False)$/u.test(text)) return false;
  if (/^(?:null|None|~)$/u.test(text)) return null;
  return text;
}

/** The arguments after the script in a command line (`python -u src/train.py --lr 0.1` → `--lr`, `0.1`). */
function argumentsAfter(command: string, script: string): string[] {
  const all = words(command);
  const base = posix.basename(script);
  const module = script.replace(/\.py$/u, "").replace(/\//gu, ".");
  const at = all.findIndex((word) => word === script || word.endsWith(`/${base}`) || word === base || word === module);
  return at === -1 ? [] : all.slice(at + 1);
}

function optionOverrides(args: string[], options: CliOption[]): { key: string; text: string; value?: ConfigValue }[] {
  const found: { key: string; text: string; value?: ConfigValue }[] = [];
  for (let index = 0; index < args.length; index++) {
    const word = args[index]!;
    if (!word.startsWith("-")) continue;
    const [flag, inline] = word.includes("=") ? [word.slice(0, word.indexOf("=")), word.slice(word.indexOf("=") + 1)] : [word, undefined];
    const option = options.find((candidate) => candidate.flags.includes(flag!) || candidate.flags.some((declared) => declared.split("/")[0] === flag));
    if (!option) continue;
    const isFlag = option.action === "store_true" || option.action === "store_false" || option.action === "is_flag";
    const text = inline ?? (isFlag ? "" : args[index + 1]);
    if (text === undefined) continue;
    if (isFlag && inline === undefined) {
      found.push({ key: option.key, text: word, value: option.action !== "store_false" });
      continue;
    }
    if (inline === undefined) index++;
    found.push({ key: option.key, text: `${flag} ${text}`, value: valueOf(text) });
  }
  return found;
}

/** `--name=value` words, as configurator scripts exec'd over a script's globals read them. */
function globalOverrides(args: string[]): { key: string; text: string; value: ConfigValue }[] {
  const found: { key: string; text: string; value: ConfigValue }[] = [];
  for (const word of args) {
    const match = /^--([A-Za-z_]\w*)=(.*)$/u.exec(word);
    if (match) found.push({ key: match[1]!, text: word, value: valueOf(match[2]!) });
  }
  return found;
}

function hydraOverrides(args: string[]): { key: string; text: string; value: ConfigValue }[] {
  const found: { key: string; text: string; value: ConfigValue }[] = [];
  for (const word of args) {
    const match = /^\+{0,2}([A-Za-z_][\w.@/-]*)=(.*)$/u.exec(word);
    if (match) found.push({ key: match[1]!, text: word, value: valueOf(match[2]!) });
  }
  return found;
}

/**
 * Every override on a command line that runs a project script: from manifests (shell scripts,
 * Makefiles, dvc.yaml) and from Python code that runs another script. `isHydra` says whether a
 * script is a Hydra program, `execsConfig` whether it `exec`s config scripts over its globals;
 * `locate` turns a module position into a location.
 */
export function commandOverridesOf(
  model: ProjectModel,
  isHydra: (script: string) => boolean,
  execsConfig: (script: string) => boolean,
  locate: (file: string, line: number, column: number) => SettingLocation,
): CommandOverride[] {
  const runs: { script: string; command: string; location: SettingLocation }[] = [];
  for (const manifest of model.manifests) {
    const directory = posix.dirname(manifest.file);
    for (const stage of manifest.stages) {
      for (const command of stage.commands) {
        for (const run of scriptRunsIn(command, directory)) runs.push({ script: run.script, command: run.command, location: { file: manifest.file, line: stage.line + run.line - 1, column: 1 } });
      }
    }
  }
  for (const [file, facts] of model.modules) {
    for (const invocation of facts.invocations) {
      if (invocation.command) runs.push({ script: invocation.target, command: invocation.command, location: locate(file, invocation.line, invocation.column) });
    }
  }
  const overrides: CommandOverride[] = [];
  for (const run of runs) {
    const facts = model.modules.get(run.script);
    if (!facts) continue;
    const args = argumentsAfter(run.command, run.script);
    for (const found of optionOverrides(args, facts.cliOptions)) overrides.push({ script: run.script, kind: "option", ...found, location: run.location });
    if (isHydra(run.script)) for (const found of hydraOverrides(args)) overrides.push({ script: run.script, kind: "hydra", ...found, location: run.location });
    if (execsConfig(run.script)) for (const found of globalOverrides(args)) overrides.push({ script: run.script, kind: "global", ...found, location: run.location });
  }
  return overrides;
}
