import { createRule } from "../src/rules-kit/create-rule.js";
import { field, type PyNode } from "../src/languages/python/nodes.js";
import { extractDatabaseAccesses } from "../src/project/python/database-io.js";
import { ioSitesOf } from "../src/project/python/io-sites.js";
import { moduleScopeOf, type ModuleScope } from "../src/project/python/scope.js";
import { resolveString } from "../src/project/python/paths.js";
import type { ProjectDeclarations, ResolvedPath } from "../src/project/types.js";
import { isScratchPath, machineSpecificReason, provenance } from "../src/rules-kit/data-locations.js";
import { projectDeclarations, projectFile } from "../src/rules-kit/project-context.js";
import { keywordArgument, positionalArguments } from "../src/rules-kit/python-syntax.js";

type MessageIds = "sharedLocation" | "sharedTable";
type Options = [{ declaredLocations: string[] }];

/** Absolute folders that a platform defines as a job's own output (SageMaker, Kaggle, a Colab VM's disk). */
const PLATFORM_OUTPUTS = ["/opt/ml/", "/kaggle/working", "/content/"];

/** Where a written path is shared (for the message), or null when the write stays in the project, on scratch, or is another rule's concern. */
function sharedWhere(path: ResolvedPath): string | null {
  if (path.kind === "remote") {
    const scheme = path.scheme ?? "remote";
    return scheme === "http" || scheme === "https" ? "a web server" : `a shared store (\`${scheme}://\`)`;
  }
  if (path.kind !== "absolute" || isScratchPath(path)) return null;
  // One machine's home or mounts: absolute-data-path reports those, reads and writes alike.
  if (machineSpecificReason(path, []) !== null) return null;
  if (PLATFORM_OUTPUTS.some((prefix) => path.text.startsWith(prefix) && !path.text.startsWith("/content/drive/"))) return null;
  return path.text.startsWith("//") ? "a network share" : "a folder outside the project";
}

/** True when a manifest declares the location as an output (dvc.yaml `outs` take URLs and absolute paths as written). */
function declaredByManifest(text: string, declarations: ProjectDeclarations): boolean {
  return declarations.manifests.some((manifest) =>
    manifest.stages.some((stage) => stage.outputs.some((output) => text === output || text.startsWith(output.endsWith("/") ? output : `${output}/`))),
  );
}

/** Connections to a database file of the project (SQLite, DuckDB): not shared with other systems. */
function writesLocalDatabase(call: PyNode, scope: ModuleScope): boolean {
  let connection = positionalArguments(call)[1] ?? keywordArgument(call, "con");
  for (let depth = 0; connection?.type === "identifier" && depth < 5; depth++) {
    const binding = scope.singleBinding(connection);
    connection = binding?.kind === "assignment" || binding?.kind === "with" ? (binding.value ?? undefined) : undefined;
  }
  if (connection?.type !== "call") return false;
  const callee = scope.imports.calleeName(connection);
  if (callee === "sqlite3.connect" || callee === "duckdb.connect") return true;
  const url = callee === "sqlalchemy.create_engine" ? resolveString(positionalArguments(connection)[0] ?? connection, scope) : null;
  return !!url && /^(?:sqlite|duckdb)/u.test(url.text);
}

export default createRule<Options, MessageIds>({
  name: "undeclared-output",
  meta: {
    category: "hidden-data-dependency",
    severity: "warning",
    description: "Artifacts written outside the project, to buckets, shared folders or database tables, that no pipeline declares",
    recommended: true,
    scope: "file",
    messages: {
      sharedLocation:
        "'{{path}}'{{via}} is written to {{where}}, outside the project, and no pipeline declares it as an output: whatever reads it there is an undeclared consumer of this code, and any change here (a new column, a new model version, a renamed file) breaks it without warning, while nothing records which run wrote what. To fix: write inside the project and declare the output (dvc.yaml `outs`, which also accepts a bucket URL), and hand results to other systems through a declared interface (a model registry, a versioned export).",
      sharedTable:
        "This writes the database table `{{table}}`: every dashboard, job or service that reads it is an undeclared consumer, the table keeps no history of which run wrote which rows, and a change in this code reaches them silently. To fix: write to a versioned location the pipeline declares (a dated table or partition, a dvc.yaml output) and publish through a documented interface with its consumers listed.",
    },
    schema: [
      {
        type: "object",
        additionalProperties: false,
        properties: {
          declaredLocations: {
            type: "array",
            items: { type: "string" },
            description: "Prefixes of locations that are a documented interface of the project (an export bucket with its consumers listed), written on purpose.",
          },
        },
      },
    ],
    defaultOptions: [{ declaredLocations: [] }],
  },
  create(context) {
    const [{ declaredLocations }] = context.options;
    const declaredByOption = (text: string) => declaredLocations.some((prefix) => text.startsWith(prefix));
    return {
      "module:exit"(root: PyNode) {
        const scope = moduleScopeOf(root, context.sourceCode.text, projectFile(context));
        const declarations = projectDeclarations(context);
        const reported = new Set<PyNode>();
        for (const site of ioSitesOf(root, scope, declarations.configs)) {
          const { path, pathNode } = site;
          if (site.direction !== "write" || !path || !pathNode || reported.has(pathNode)) continue;
          const where = sharedWhere(path);
          if (!where || declaredByOption(path.text) || declaredByManifest(path.text, declarations)) continue;
          reported.add(pathNode);
          context.report({ node: pathNode, messageId: "sharedLocation", data: { path: path.text, via: provenance(path), where } });
        }
        for (const access of extractDatabaseAccesses(root, scope)) {
          if (access.direction !== "write" || writesLocalDatabase(access.node, scope)) continue;
          const table = access.text ?? "(computed name)";
          if (declaredByOption(table)) continue;
          context.report({ node: access.argument ?? field(access.node, "function") ?? access.node, messageId: "sharedTable", data: { table } });
        }
      },
    };
  },
});
