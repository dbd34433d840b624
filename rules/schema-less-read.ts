import { createRule } from "../src/rules-kit/create-rule.js";
import { field, type PyNode } from "../src/languages/python/nodes.js";
import { dataTrackingOf } from "../src/project/data-tracking.js";
import { ioSitesOf } from "../src/project/python/io-sites.js";
import { descendants, moduleScopeOf, type ModuleScope } from "../src/project/python/scope.js";
import type { IoSite, ProjectModel } from "../src/project/types.js";
import { projectFile, projectModel } from "../src/rules-kit/project-context.js";
import { keywordArgument } from "../src/rules-kit/python-syntax.js";
import { feedsTrainingDownstream, trainsHere } from "../src/rules-kit/training-reach.js";

type MessageIds = "noSchema";
type Options = [];

/** Table readers whose column types are inferred from the data. */
const TABLE_READERS = new Set([
  "pandas.read_csv", "pandas.read_table", "pandas.read_fwf", "pandas.read_json", "pandas.read_excel", "pandas.read_parquet", "pandas.read_xml",
  "polars.read_csv", "polars.read_json", "polars.read_parquet", "polars.scan_csv", "polars.scan_parquet",
]);
/** Keyword arguments that fix the columns or their types at the read. */
const SCHEMA_KEYWORDS = ["dtype", "dtypes", "usecols", "columns", "converters", "schema", "schema_overrides"];
/** Libraries that validate data frames. */
const SCHEMA_LIBRARIES = ["pandera", "great_expectations", "pandantic", "pydantic", "dataframely", "patito", "frictionless", "deepchecks", "tensorflow_data_validation", "whylogs"];
/** Method or function names that check a frame. */
const CHECKS = /^(?:validate\w*|check\w*|assert_\w*|expect_\w*|conform\w*|enforce\w*)$/u;

/** True when the read is validated: checked right around it, cast with a dict of types, or the module uses a schema library's checks. */
function isChecked(site: IoSite, scope: ModuleScope, root: PyNode): boolean {
  const call = site.node;
  if (SCHEMA_KEYWORDS.some((name) => keywordArgument(call, name))) return true;
  // `schema.validate(pd.read_csv(...))`, `pd.read_csv(...).astype({...})`, `.pipe(schema.validate)`
  const parent = call.parent?.type === "argument_list" ? call.parent.parent : call.parent?.type === "attribute" ? call.parent.parent : null;
  if (parent?.type === "call" && isCheckCall(parent, scope)) return true;
  const target = call.parent?.type === "assignment" && field(call.parent, "right") === call ? field(call.parent, "left") : undefined;
  if (target?.type === "identifier") {
    const body = scopeBody(call);
    for (const later of descendants(body, "call")) if (later.range[0] > call.range[1] && checksFrame(later, target.text!, scope)) return true;
  }
  return SCHEMA_LIBRARIES.some((library) => scope.imports.importsModule(library)) && descendants(root, "call").some((other) => isCheckCall(other, scope));
}

/** A later call that checks the frame bound to `name`: `schema.validate(df)`, `df.astype({...})`, `df.pipe(schema.validate)`. */
function checksFrame(call: PyNode, name: string, scope: ModuleScope): boolean {
  const callee = field(call, "function");
  const receiver = callee?.type === "attribute" ? field(callee, "object") : undefined;
  if (receiver?.type === "identifier" && receiver.text === name) return isCheckCall(call, scope);
  const args = field(call, "arguments")?.children ?? [];
  return args.some((argument) => argument.type === "identifier" && argument.text === name) && isCheckCall(call, scope);
}

/** A call that checks a frame: `x.validate(df)`, `check_schema(df)`, `df.astype({...})`, `df.pipe(schema.validate)`. */
function isCheckCall(call: PyNode, scope: ModuleScope): boolean {
  const callee = field(call, "function");
  const name = callee?.type === "attribute" ? field(callee, "attribute")?.text : callee?.type === "identifier" ? callee.text : undefined;
  if (!name) return false;
  if (CHECKS.test(name)) return true;
  const args = field(call, "arguments")?.children ?? [];
  if (name === "astype") return isTypeMapping(args[0], scope);
  return name === "pipe" && args.some((argument) => argument.type === "attribute" && CHECKS.test(field(argument, "attribute")?.text ?? ""));
}

/** A dict of column types: a literal, or a name bound once to one (`astype(str)` casts everything to one type: no schema). */
function isTypeMapping(node: PyNode | undefined, scope: ModuleScope): boolean {
  if (node?.type === "dictionary") return true;
  if (node?.type !== "identifier") return false;
  const binding = scope.singleBinding(node);
  return binding?.kind === "assignment" && binding.value?.type === "dictionary";
}

function scopeBody(node: PyNode): PyNode {
  for (let current = node.parent; current; current = current.parent) if (current.type === "function_definition" || !current.parent) return current;
  return node;
}

/** Where the read's data comes from, when it is outside the project's own making (for the message); null otherwise. */
function externalSource(site: IoSite, model: ProjectModel): string | null {
  const path = site.path;
  if (!path) return null;
  switch (path.kind) {
    case "remote":
      return `the remote table '${path.text}'`;
    case "absolute":
    case "home":
    case "windows-drive":
    case "outside-root":
      return `the table '${path.text}' from outside the project`;
    case "unknown":
      return path.via === "argument" || path.via === "env" || path.via === "config" ? "a table whose location is chosen at run time" : null;
    case "relative": {
      if (!path.exact) return null;
      const tracking = dataTrackingOf(model, path.text);
      // Tables the project writes itself have the schema its own code gives them.
      return tracking.state === "written-by-code" || tracking.state === "declared-output" ? null : `the raw table '${path.text}'`;
    }
    default:
      return null;
  }
}

export default createRule<Options, MessageIds>({
  name: "schema-less-read",
  meta: {
    category: "hidden-data-dependency",
    severity: "info",
    description: "External tables that feed training read with no dtype, usecols or schema check",
    recommended: true,
    scope: "project",
    messages: {
      noSchema:
        "`{{api}}` reads {{source}} with no `dtype`, `usecols` or schema check, and the data feeds training: when its producer renames a column, changes a type or an encoding (\"Yes\" for 1), the read infers something new without complaint and the model trains on it. To fix: pass `dtype=` and `usecols=` (or `columns=`/`schema=`), or validate the frame with a schema (pandera, Great Expectations) right after reading it.",
    },
  },
  create(context) {
    return {
      "module:exit"(root: PyNode) {
        const file = projectFile(context);
        const scope = moduleScopeOf(root, context.sourceCode.text, file);
        const model = projectModel(context);
        const sites = ioSitesOf(root, scope, model.configs).filter((site) => site.direction === "read" && TABLE_READERS.has(site.api) && site.pathNode);
        if (sites.length === 0) return;
        if (!trainsHere(root, scope) && !feedsTrainingDownstream(model, file)) return;
        for (const site of sites) {
          const source = externalSource(site, model);
          if (!source || isChecked(site, scope, root)) continue;
          context.report({ node: site.node, messageId: "noSchema", data: { api: site.api, source } });
        }
      },
    };
  },
});
