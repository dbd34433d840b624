/**
 * Qualified names in JavaScript/TypeScript ML code, resolved through ESLint's scope manager:
 * `import fs from "node:fs"`, `import * as fs from "fs"`, `import { readFileSync as read } from
 * "fs"`, `const fs = require("fs")` and `const { readFile } = require("fs/promises")` make the
 * callee `fs.readFileSync` / `fs/promises.readFile`. Names nothing imports resolve to null, so a
 * local function called `readFileSync` is never mistaken for Node's.
 */
import type { Rule, Scope } from "eslint";
import type * as ESTree from "estree";

/** `node:fs` → `fs`. */
function moduleName(source: string): string {
  return source.startsWith("node:") ? source.slice("node:".length) : source;
}

function requireSource(node: ESTree.Node | null | undefined): string | null {
  if (node?.type !== "CallExpression" || node.callee.type !== "Identifier" || node.callee.name !== "require") return null;
  const [argument] = node.arguments;
  return argument?.type === "Literal" && typeof argument.value === "string" ? moduleName(argument.value) : null;
}

/** What a variable stands for: a module (`fs`) or a member of one (`fs.readFileSync`). */
function variableTarget(variable: Scope.Variable): string | null {
  for (const definition of variable.defs) {
    if (definition.type === "ImportBinding") {
      const declaration = definition.parent as ESTree.ImportDeclaration;
      const source = moduleName(String(declaration.source.value));
      const specifier = definition.node as ESTree.ImportSpecifier | ESTree.ImportDefaultSpecifier | ESTree.ImportNamespaceSpecifier;
      if (specifier.type === "ImportSpecifier") {
        const imported = specifier.imported.type === "Identifier" ? specifier.imported.name : String(specifier.imported.value);
        return `${source}.${imported}`;
      }
      return source;
    }
    if (definition.type === "Variable") {
      const declarator = definition.node as ESTree.VariableDeclarator;
      const source = requireSource(declarator.init);
      if (!source) continue;
      if (declarator.id.type === "Identifier") return source;
      if (declarator.id.type === "ObjectPattern") {
        for (const property of declarator.id.properties) {
          if (property.type === "Property" && property.value.type === "Identifier" && property.value.name === variable.name && property.key.type === "Identifier") {
            return `${source}.${property.key.name}`;
          }
        }
      }
    }
  }
  return null;
}

function findVariable(scope: Scope.Scope | null, name: string): Scope.Variable | null {
  for (let current = scope; current; current = current.upper) {
    const variable = current.set.get(name);
    if (variable) return variable;
  }
  return null;
}

/** The qualified name of an identifier or member chain (`fs.promises.readFile`), or null. */
export function scriptQualifiedName(node: ESTree.Node, sourceCode: Rule.RuleContext["sourceCode"]): string | null {
  if (node.type === "Identifier") {
    const variable = findVariable(sourceCode.getScope(node), node.name);
    return variable ? variableTarget(variable) : null;
  }
  if (node.type === "MemberExpression" && !node.computed && node.property.type === "Identifier") {
    const base = scriptQualifiedName(node.object, sourceCode);
    return base ? `${base}.${node.property.name}` : null;
  }
  return null;
}

/** Where an identifier was imported from: `{ source: "./paths", name: "RAW" }` for `import { RAW } from "./paths"`. */
export function importOrigin(node: ESTree.Identifier, sourceCode: Rule.RuleContext["sourceCode"]): { source: string; name: string } | null {
  const variable = findVariable(sourceCode.getScope(node), node.name);
  const definition = variable?.defs[0];
  if (definition?.type !== "ImportBinding" || definition.node.type !== "ImportSpecifier") return null;
  const { imported } = definition.node;
  const declaration = definition.parent as ESTree.ImportDeclaration;
  return { source: String(declaration.source.value), name: imported.type === "Identifier" ? imported.name : String(imported.value) };
}

/** The constant a `const` identifier is initialised with, when it is never reassigned. */
export function constInitializer(node: ESTree.Identifier, sourceCode: Rule.RuleContext["sourceCode"]): ESTree.Expression | null {
  const variable = findVariable(sourceCode.getScope(node), node.name);
  if (!variable || variable.defs.length !== 1) return null;
  const [definition] = variable.defs;
  if (definition?.type !== "Variable") return null;
  const declarator = definition.node as ESTree.VariableDeclarator;
  if (declarator.id.type !== "Identifier" || !declarator.init) return null;
  const writes = variable.references.filter((reference) => reference.isWrite() && reference.identifier !== declarator.id);
  return writes.length === 0 ? (declarator.init as ESTree.Expression) : null;
}
