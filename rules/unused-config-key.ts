import { createRule } from "../src/rules-kit/create-rule.js";
import type { ConfigDocument, ConfigKeyNode } from "../src/languages/config/nodes.js";
import { configUsage } from "../src/project/config-usage.js";
import { projectFile, projectModel } from "../src/rules-kit/project-context.js";
import { relatedSuffix } from "../src/results/related.js";

type MessageIds = "unusedKey" | "unusedSection";

/** How many loaders a message names. */
const MAX_LOADERS = 3;

export default createRule<[], MessageIds>({
  name: "unused-config-key",
  meta: {
    language: "config",
    category: "dead-experimental-code",
    severity: "warning",
    description: "Keys in a config file that the code loading it never reads",
    recommended: true,
    scope: "project",
    messages: {
      unusedKey:
        "`{{path}}` is read by no code: {{file}} is loaded by {{loaders}}, and no read of it asks for this key. An unread key looks like a setting that matters: someone will tune it, and nothing changes (often it is left over from an experiment that ended). To fix: delete it (git keeps the history), or read it where it was meant to apply.{{related}}",
      unusedSection:
        "`{{path}}` and every key under it are read by no code: {{file}} is loaded by {{loaders}}, and no read of it asks for anything in this section. An unread section looks like settings that matter: someone will tune them, and nothing changes (often it is a whole experiment's settings left behind). To fix: delete the section (git keeps the history), or read it where it was meant to apply.{{related}}",
    },
  },
  create(context) {
    return {
      ConfigDocument(document: ConfigDocument) {
        const file = projectFile(context);
        const usage = configUsage(projectModel(context), file);
        if (usage.unchecked !== null) return;
        const shown = usage.loadedBy.slice(0, MAX_LOADERS);
        // Notebook positions in the model are lines of the joined program, not cells: name the notebook only.
        const inScript = (load: { file: string }) => !load.file.endsWith(".ipynb");
        const loaders = shown.map((load) => (inScript(load) ? `${load.file} (line ${load.line})` : load.file)).join(", ") + (usage.loadedBy.length > MAX_LOADERS ? " and others" : "");
        const related = relatedSuffix(shown.filter(inScript).map((load) => ({ file: load.file, line: load.line, column: load.column, message: `${file} is loaded here` })));
        const visit = (keys: ConfigKeyNode[]) => {
          for (const node of keys) {
            if (node.key.name.startsWith("[")) continue; // list items are values, not keys
            if (usage.isRead(node.key.path)) {
              visit(node.children);
              continue;
            }
            const section = node.key.isContainer && !Array.isArray(node.key.value);
            context.report({ node: node as never, messageId: section ? "unusedSection" : "unusedKey", data: { path: node.key.path, file, loaders, related } });
          }
        };
        visit(document.children);
      },
    };
  },
});
