/**
 * File handles and pathlib values: where a handle or a file's content comes from (`open(p)`,
 * `with open(p) as f`, `Path(p).read_text()`), and whether an expression is a `pathlib` path.
 */
import { PyNode, field } from "../../languages/python/nodes.js";
import { keywordArgument, positionalArguments } from "../../rules-kit/python-syntax.js";
import type { ModuleScope } from "./scope.js";

/** A call that opened a file or read its content, with the expression giving the file's path. */
export interface FileSource {
  call: PyNode;
  path: PyNode;
}

/**
 * Where a file handle or file content comes from: `open(p)` (builtin or pathlib), a name bound to
 * one (`with open(p) as f`, `f = open(p)`), `open(p).read()`, `Path(p).read_text()`. Null for
 * anything else (which callers take to be the path itself).
 */
export function fileSourceOf(node: PyNode, scope: ModuleScope): FileSource | null {
  return scope.memo<FileSource | null>("file-source", node, null, () => fileSourceOfNode(node, scope));
}

function fileSourceOfNode(node: PyNode, scope: ModuleScope): FileSource | null {
  if (node.type === "identifier") {
    const binding = scope.singleBinding(node);
    return (binding?.kind === "with" || binding?.kind === "assignment") && binding.value ? fileSourceOf(binding.value, scope) : null;
  }
  if (node.type !== "call") return null;
  if (scope.imports.calleeName(node) === "builtins.open") {
    const path = positionalArguments(node)[0] ?? keywordArgument(node, "file");
    return path ? { call: node, path } : null;
  }
  const callee = field(node, "function");
  const receiver = callee?.type === "attribute" ? field(callee, "object") : undefined;
  if (!receiver) return null;
  switch (field(callee!, "attribute")?.text) {
    case "open":
      return isPathlibValue(receiver, scope) ? { call: node, path: receiver } : null;
    case "read":
    case "readlines":
      return receiver.type === "call" || receiver.type === "identifier" ? fileSourceOf(receiver, scope) : null;
    case "read_text":
    case "read_bytes":
      return { call: node, path: receiver };
    default:
      return null;
  }
}

export const PATHLIB_CLASSES = new Set(["pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath", "pathlib.WindowsPath", "pathlib.PurePosixPath", "pathlib.PureWindowsPath"]);
const PATH_METHODS = new Set(["joinpath", "resolve", "absolute", "expanduser", "with_suffix", "with_name", "with_stem"]);

/** True when an expression is a `pathlib` path (`Path(p)`, `Path(p) / "x"`, `p.parent`, a name bound to one). */
export function isPathlibValue(node: PyNode, scope: ModuleScope): boolean {
  return scope.memo<boolean>("pathlib-value", node, false, () => isPathlibNode(node, scope));
}

function isPathlibNode(node: PyNode, scope: ModuleScope): boolean {
  switch (node.type) {
    case "parenthesized_expression":
      return !!node.children[0] && isPathlibValue(node.children[0], scope);
    case "identifier": {
      const binding = scope.singleBinding(node);
      return binding?.kind === "assignment" && !!binding.value && isPathlibValue(binding.value, scope);
    }
    case "call": {
      const callee = scope.imports.calleeName(node);
      if (callee && (PATHLIB_CLASSES.has(callee) || /^pathlib\.Path\.(cwd|home)$/u.test(callee))) return true;
      const method = field(node, "function");
      const receiver = method?.type === "attribute" ? field(method, "object") : undefined;
      return !!receiver && PATH_METHODS.has(field(method!, "attribute")?.text ?? "") && isPathlibValue(receiver, scope);
    }
    case "binary_operator": {
      const left = field(node, "left");
      return node.operator === "/" && !!left && isPathlibValue(left, scope);
    }
    case "attribute": {
      const object = field(node, "object");
      return field(node, "attribute")?.text === "parent" && !!object && isPathlibValue(object, scope);
    }
    case "subscript": {
      const value = field(node, "value");
      return value?.type === "attribute" && field(value, "attribute")?.text === "parents";
    }
    default:
      return false;
  }
}
