/**
 * Command-line options declared with typer: the parameters of a function registered as a command
 * (`@app.command()` or `@app.callback()` with `app = typer.Typer()`, or `typer.run(main)`). A
 * parameter with a default is an option (`--learning-rate` for `learning_rate`), one without is
 * an argument; `typer.Option(...)`/`typer.Argument(...)`, also inside `Annotated[...]`, give the
 * default and flags explicitly.
 */
import { PyNode, field } from "../../languages/python/nodes.js";
import { keywordArgument, positionalArguments } from "../../rules-kit/python-syntax.js";
import { defaultOf } from "../python/config-reads.js";
import { descendants, type ModuleScope } from "../python/scope.js";
import { constantString } from "../python/literals.js";
import type { CliOption } from "../types.js";

const PARAMETER_INFO = new Set(["typer.Option", "typer.Argument"]);

function position(node: PyNode): { line: number; column: number } {
  return { line: node.loc.start.line, column: node.loc.start.column + 1 };
}

/** True when an expression is a `typer.Typer()` application (directly or through a name bound once to one). */
function isTyperApp(node: PyNode | undefined, scope: ModuleScope): boolean {
  if (node?.type === "identifier") {
    const binding = scope.singleBinding(node);
    return binding?.kind === "assignment" && !!binding.value && isTyperApp(binding.value, scope);
  }
  return node?.type === "call" && scope.imports.calleeName(node) === "typer.Typer";
}

/** Functions registered as typer commands in this module. */
function commandFunctions(root: PyNode, scope: ModuleScope): PyNode[] {
  const commands = new Set<PyNode>();
  for (const call of descendants(root, "call")) {
    if (call.parent?.type === "decorator") {
      const callee = field(call, "function");
      const method = callee?.type === "attribute" ? field(callee, "attribute")?.text : undefined;
      const definition = call.parent.parent?.type === "decorated_definition" ? field(call.parent.parent, "definition") : undefined;
      if ((method === "command" || method === "callback") && isTyperApp(field(callee!, "object"), scope) && definition?.type === "function_definition") commands.add(definition);
    } else if (scope.imports.calleeName(call) === "typer.run") {
      const target = positionalArguments(call)[0];
      const definition = target?.type === "identifier" ? scope.functionNamed(target) : null;
      if (definition) commands.add(definition);
    }
  }
  return [...commands];
}

/** `typer.Option(...)` / `typer.Argument(...)` in a default or an `Annotated[...]` annotation. */
function parameterInfo(parameter: PyNode, scope: ModuleScope): PyNode | null {
  const candidates = [field(parameter, "value"), ...descendants(field(parameter, "typeNode") ?? parameter, "call")];
  for (const candidate of candidates) {
    if (candidate?.type === "call" && PARAMETER_INFO.has(scope.imports.calleeName(candidate) ?? "")) return candidate;
  }
  return null;
}

function optionOf(parameter: PyNode, scope: ModuleScope): CliOption | null {
  const nameNode = parameter.type === "typed_parameter" || parameter.type === "identifier" ? (parameter.type === "identifier" ? parameter : parameter.children[0]) : field(parameter, "name");
  const key = nameNode?.type === "identifier" ? nameNode.text : undefined;
  if (!nameNode || !key) return null;
  const info = parameterInfo(parameter, scope);
  const infoIsDefault = info !== null && info === field(parameter, "value");
  const isArgument = info ? scope.imports.calleeName(info) === "typer.Argument" : !field(parameter, "value");
  // As a default, `typer.Option(0.01, "--lr")` holds the default first; inside `Annotated[...]` every positional argument is a flag.
  let fallback: PyNode | undefined = infoIsDefault ? undefined : field(parameter, "value");
  if (info) fallback ??= keywordArgument(info, "default") ?? (infoIsDefault ? positionalArguments(info)[0] : undefined);
  const flagArguments = info ? positionalArguments(info).slice(infoIsDefault ? 1 : 0) : [];
  const declared = flagArguments.map((argument) => constantString(argument, scope)).filter((flag): flag is string => flag !== null);
  const flags = declared.length > 0 ? declared : isArgument ? [key] : [`--${key.replace(/_/gu, "-")}`];
  const option: CliOption = {
    key,
    flags,
    mechanism: "typer",
    required: !fallback || fallback.type === "ellipsis",
    node: parameter,
    ...position(parameter),
  };
  if (fallback && fallback.type !== "ellipsis") option.default = defaultOf(fallback, scope);
  const type = field(parameter, "typeNode");
  if (type) option.type = scope.textOf(type);
  if (option.type === "bool" && !isArgument) option.action = "is_flag";
  return option;
}

/** The command-line options of every typer command in the module, in source order. */
export function extractTyperOptions(root: PyNode, scope: ModuleScope): CliOption[] {
  if (!scope.imports.importsModule("typer")) return [];
  const options: CliOption[] = [];
  for (const definition of commandFunctions(root, scope)) {
    for (const parameter of field(definition, "parameters")?.children ?? []) {
      if (!["identifier", "typed_parameter", "default_parameter", "typed_default_parameter"].includes(parameter.type)) continue;
      const option = optionOf(parameter, scope);
      if (option) options.push(option);
    }
  }
  return options.sort((a, b) => a.node.range[0] - b.node.range[0]);
}
