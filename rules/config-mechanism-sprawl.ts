import { createRule } from "../src/rules-kit/create-rule.js";
import type { PyNode } from "../src/languages/python/nodes.js";
import { mechanismUsesOf, type MechanismUse, type SettingsMechanism } from "../src/project/config-model/mechanisms.js";
import { descendants, moduleScopeOf } from "../src/project/python/scope.js";
import type { ProjectModel } from "../src/project/types.js";
import type { ProjectPrograms } from "../src/project/config-model/programs.js";
import { configIndex, relatedAt, reportLoc } from "../src/rules-kit/config-context.js";
import { projectFile, projectModel } from "../src/rules-kit/project-context.js";
import { relatedSuffix } from "../src/results/related.js";

type MessageIds = "mechanisms" | "manyFlags";
type Options = [{ maxMechanisms: number; maxFlags: number }];

const MECHANISM_NAMES: Record<SettingsMechanism, string> = {
  "command-line": "command-line options",
  environment: "environment variables",
  "config-files": "config files",
  "hydra-omegaconf": "Hydra/OmegaConf",
  "constants-module": "a module of constants",
  "exec-config": "an exec'd config script",
};

interface ProgramSprawl {
  /** First use of each mechanism in the program, in module order. */
  mechanisms: MechanismUse[];
  /** The module mixing the most mechanisms (the first of them on a tie). */
  module: string;
}

/** The mechanisms of each program of the project (see programs.ts), by the module to report in. */
function sprawlOf(model: ProjectModel, programs: ProjectPrograms): Map<string, ProgramSprawl> {
  const byProgram = new Map<number, { first: Map<SettingsMechanism, MechanismUse>; module: string; most: number }>();
  for (const [file, list] of mechanismUsesOf(model)) {
    const id = programs.programOf(file);
    const program = byProgram.get(id) ?? { first: new Map(), module: file, most: 0 };
    for (const use of list) if (!program.first.has(use.mechanism)) program.first.set(use.mechanism, use);
    if (list.length > program.most) {
      program.most = list.length;
      program.module = file;
    }
    byProgram.set(id, program);
  }
  return new Map([...byProgram.values()].map((program) => [program.module, { mechanisms: [...program.first.values()], module: program.module }]));
}

const cache = new WeakMap<ProjectModel, Map<string, ProgramSprawl>>();

export default createRule<Options, MessageIds>({
  name: "config-mechanism-sprawl",
  meta: {
    category: "configuration-sprawl",
    severity: "warning",
    description: "Settings read through several mechanisms at once (command line, environment, config files, Hydra, constants modules, exec'd scripts), or a command line with very many options",
    recommended: true,
    scope: "project",
    messages: {
      mechanisms:
        "This program reads its settings through {{count}} mechanisms: {{list}}. No single place says what a run was configured with; to reproduce one you must know its command line, its environment and which files and constants it saw. To fix: pick one source (a versioned config file read by one loader), give command-line options and environment variables only what differs per invocation, and take their defaults from that config.{{related}}",
      manyFlags:
        "This script declares {{count}} command-line options. A configuration this large lives in shell history and launch scripts, where it is not versioned with the run, not validated and hard to compare between runs. To fix: move the settings into a config file (optionally a typed schema) and keep a few options such as `--config` and overrides.",
    },
    schema: [
      {
        type: "object",
        additionalProperties: false,
        properties: {
          maxMechanisms: { type: "integer", minimum: 1, description: "The most mechanisms a project may read settings through before it is reported." },
          maxFlags: { type: "integer", minimum: 1, description: "The most command-line options one script may declare before it is reported." },
        },
      },
    ],
    defaultOptions: [{ maxMechanisms: 2, maxFlags: 30 }],
  },
  create(context) {
    const [{ maxMechanisms, maxFlags }] = context.options;
    return {
      "module:exit"(root: PyNode) {
        const file = projectFile(context);
        const model = projectModel(context);
        let programs = cache.get(model);
        if (!programs) {
          programs = sprawlOf(model, configIndex(context).programs);
          cache.set(model, programs);
        }
        const sprawl = programs.get(file);
        if (sprawl && sprawl.mechanisms.length > maxMechanisms) {
          const uses = mechanismUsesOf(model).get(file)!;
          const here = uses.find((use) => use.location.file === file) ?? uses[0]!;
          context.report({
            loc: reportLoc(here.location),
            messageId: "mechanisms",
            data: {
              count: String(sprawl.mechanisms.length),
              list: sprawl.mechanisms.map((use) => `${MECHANISM_NAMES[use.mechanism]} (${use.detail})`).join(", "),
              related: relatedSuffix(sprawl.mechanisms.map((use) => relatedAt(use.location, `${MECHANISM_NAMES[use.mechanism]}: ${use.detail}`))),
            },
          });
        }
        const options = model.modules.get(file)?.cliOptions ?? [];
        if (options.length > maxFlags) {
          const scope = moduleScopeOf(root, context.sourceCode.text, file);
          const parser = descendants(root, "call").find((call) => scope.imports.calleeName(call) === "argparse.ArgumentParser");
          const data = { count: String(options.length) };
          if (parser) context.report({ node: parser, messageId: "manyFlags", data });
          else context.report({ loc: { line: options[0]!.line, column: options[0]!.column - 1 }, messageId: "manyFlags", data });
        }
      },
    };
  },
});
