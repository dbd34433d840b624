/**
 * Reads that the code itself treats as optional: done only when the file exists
 * (`if os.path.exists(p): … read(p)`), or inside a `try` that handles a missing file. A file read
 * that way is not a dependency the run needs.
 */
import { field, type PyNode } from "../languages/python/nodes.js";
import { descendants, type ModuleScope } from "../project/python/scope.js";

const EXISTENCE_FUNCTIONS = new Set(["os.path.exists", "os.path.isfile", "os.path.isdir", "os.path.lexists", "os.access"]);
const EXISTENCE_METHODS = new Set(["exists", "is_file", "is_dir"]);
/** Exceptions a missing file raises (and their bases). */
const MISSING_FILE_ERRORS = new Set(["FileNotFoundError", "OSError", "IOError", "EnvironmentError", "Exception", "BaseException"]);

function testsExistence(condition: PyNode | undefined, scope: ModuleScope): boolean {
  if (!condition) return false;
  return descendants(condition, "call").some((call) => {
    const qualified = scope.imports.calleeName(call);
    if (qualified) return EXISTENCE_FUNCTIONS.has(qualified);
    const callee = field(call, "function");
    return callee?.type === "attribute" && EXISTENCE_METHODS.has(field(callee, "attribute")?.text ?? "");
  });
}

function handlesMissingFile(tryStatement: PyNode): boolean {
  return tryStatement.children.some((clause) => {
    if (clause.type !== "except_clause") return false;
    const caught = clause.children.filter((child) => child.type !== "block");
    if (caught.length === 0) return true; // a bare `except:`
    return caught.some((expression) => descendants(expression, "identifier").some((name) => MISSING_FILE_ERRORS.has(name.text ?? "")));
  });
}

/** True when the read at `node` runs only if its file exists, or is wrapped in a `try` that handles a missing file. */
export function isOptionalRead(node: PyNode, scope: ModuleScope): boolean {
  let child = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    switch (current.type) {
      case "if_statement":
      case "elif_clause":
        if (child !== field(current, "condition") && testsExistence(field(current, "condition"), scope)) return true;
        break;
      case "conditional_expression": {
        const [whenTrue, condition] = current.children;
        if (child === whenTrue && testsExistence(condition, scope)) return true;
        break;
      }
      case "try_statement":
        if (child.type === "block" && child === current.children[0] && handlesMissingFile(current)) return true;
        break;
      case "function_definition":
        return false;
      default:
        break;
    }
  }
  return false;
}
