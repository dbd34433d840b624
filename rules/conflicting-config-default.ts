import { createRule } from "../src/rules-kit/create-rule.js";
import type { ConfigConflict, ConfigIndex, ConflictValue } from "../src/project/config-model/types.js";
import { configIndex, describePlace, relatedAt, reportLoc } from "../src/rules-kit/config-context.js";
import { projectFile } from "../src/rules-kit/project-context.js";
import { relatedSuffix } from "../src/results/related.js";

type MessageIds = "fallback" | "optionDefault" | "fieldDefault" | "constant";

const MESSAGE_OF: Record<Exclude<ConflictValue["role"], "config">, MessageIds> = {
  fallback: "fallback",
  "option-default": "optionDefault",
  "field-default": "fieldDefault",
  constant: "constant",
};

/** How the reference value is introduced in a message. */
function referenceText(reference: ConflictValue): string {
  const where = describePlace(reference);
  switch (reference.role) {
    case "config":
      return `the config sets \`${reference.written}\` to ${reference.text} (${where})`;
    case "fallback":
      return `\`${reference.written}\` falls back to ${reference.text} at ${where}`;
    case "option-default":
      return `the option \`${reference.written}\` defaults to ${reference.text} at ${where}`;
    case "field-default":
      return `\`${reference.written}\` defaults to ${reference.text} at ${where}`;
    case "constant":
      return `\`${reference.written}\` is ${reference.text} at ${where}`;
  }
}

const byFile = new WeakMap<ConfigIndex, Map<string, { conflict: ConfigConflict; value: ConflictValue }[]>>();

/** The disagreeing values of every conflict, by the file they are written in (once per index). */
function valuesByFile(index: ConfigIndex): Map<string, { conflict: ConfigConflict; value: ConflictValue }[]> {
  let values = byFile.get(index);
  if (!values) {
    values = new Map();
    for (const conflict of index.conflicts) {
      for (const value of conflict.disagreeing) {
        if (value.role === "config") continue;
        const list = values.get(value.file) ?? [];
        list.push({ conflict, value });
        values.set(value.file, list);
      }
    }
    byFile.set(index, values);
  }
  return values;
}

export default createRule<[], MessageIds>({
  name: "conflicting-config-default",
  meta: {
    category: "configuration-sprawl",
    severity: "warning",
    description: "One setting with different values in different places: fallbacks, command-line defaults, typed-config defaults or constants that disagree with the config",
    recommended: true,
    scope: "project",
    messages: {
      fallback:
        "`{{written}}` falls back to {{value}} here, but {{reference}}. One setting, two values: whichever script reads it decides what a run uses, and a missing or misspelled key silently switches to this one. To fix: keep the value in the config file only and read it without a fallback, through the project's one config loader.{{related}}",
      optionDefault:
        "The command-line option `{{written}}` defaults to {{value}}, but {{reference}}. Two sources for one setting disagree, so the value a model was trained with depends on how the script was started. To fix: take the option's default from the config (`default=cfg[...]`), or drop the option and override the config instead.{{related}}",
      fieldDefault:
        "The typed config field `{{written}}` defaults to {{value}}, but {{reference}}. The schema and the config disagree about the same setting, so runs that skip the config file use a different value. To fix: make the field required (no default) and let the config file give the value, or give both the same value.{{related}}",
      constant:
        "`{{written}}` = {{value}} repeats a setting, but {{reference}}. A constant named like a config key is a second source of truth that code may read instead of the config. To fix: delete the constant and read the value from the config.{{related}}",
    },
  },
  create(context) {
    return {
      "module:exit"() {
        const file = projectFile(context);
        for (const { conflict, value } of valuesByFile(configIndex(context)).get(file) ?? []) {
          const { reference } = conflict;
          const related = relatedSuffix([relatedAt(reference, `${reference.written} = ${reference.text}`)]);
          context.report({
            loc: reportLoc(value),
            messageId: MESSAGE_OF[value.role as Exclude<ConflictValue["role"], "config">],
            data: { written: value.written, value: value.text, reference: referenceText(reference), related },
          });
        }
      },
    };
  },
});
