/**
 * Data I/O in JavaScript/TypeScript ML code: one table of the calls that read or write files or
 * models (Node's fs, TensorFlow.js, ONNX Runtime, Danfo.js, nodejs-polars), and the static text
 * of a path argument (string literals, constant-only templates, `const`s, `path.join`/`resolve`).
 */
import type { Rule } from "eslint";
import type * as ESTree from "estree";
import type { IoDirection } from "../types.js";
import { constInitializer, importOrigin, scriptQualifiedName } from "./imports.js";

interface ScriptIoApi {
  direction: IoDirection;
  /** Index of the argument that holds the path. */
  argument: number;
}

const READ = (argument = 0): ScriptIoApi => ({ direction: "read", argument });
const WRITE = (argument = 0): ScriptIoApi => ({ direction: "write", argument });

/** Qualified callee → what it does with which argument. */
export const SCRIPT_IO_APIS: Record<string, ScriptIoApi> = {
  "fs.readFileSync": READ(),
  "fs.readFile": READ(),
  "fs.createReadStream": READ(),
  "fs.writeFileSync": WRITE(),
  "fs.writeFile": WRITE(),
  "fs.appendFileSync": WRITE(),
  "fs.appendFile": WRITE(),
  "fs.createWriteStream": WRITE(),
  "fs.promises.readFile": READ(),
  "fs.promises.writeFile": WRITE(),
  "fs/promises.readFile": READ(),
  "fs/promises.writeFile": WRITE(),
  "fs/promises.appendFile": WRITE(),
  "@tensorflow/tfjs.data.csv": READ(),
  "@tensorflow/tfjs-node.data.csv": READ(),
  "@tensorflow/tfjs.loadLayersModel": READ(),
  "@tensorflow/tfjs-node.loadLayersModel": READ(),
  "@tensorflow/tfjs.loadGraphModel": READ(),
  "@tensorflow/tfjs-node.loadGraphModel": READ(),
  "onnxruntime-node.InferenceSession.create": READ(),
  "danfojs-node.readCSV": READ(),
  "danfojs-node.readJSON": READ(),
  "danfojs-node.readExcel": READ(),
  "danfojs-node.toCSV": WRITE(1),
  "nodejs-polars.readCSV": READ(),
  "nodejs-polars.readParquet": READ(),
  "nodejs-polars.readJSON": READ(),
};

export interface ScriptIoSite {
  api: string;
  direction: IoDirection;
  call: ESTree.CallExpression;
  pathNode: ESTree.Node;
}

/** The I/O a call performs, or null when it is not a known I/O API (names resolved first). */
export function scriptIoSite(call: ESTree.CallExpression, sourceCode: Rule.RuleContext["sourceCode"]): ScriptIoSite | null {
  if (call.callee.type === "Super") return null;
  const api = scriptQualifiedName(call.callee, sourceCode);
  const entry = api ? SCRIPT_IO_APIS[api] : undefined;
  const pathNode = entry ? call.arguments[entry.argument] : undefined;
  if (!api || !entry || !pathNode || pathNode.type === "SpreadElement") return null;
  return { api, direction: entry.direction, call, pathNode };
}

const JOINERS = new Set(["path.join", "path.resolve", "path/posix.join", "path.posix.join"]);

/** Resolves a string constant imported from another project module (see program.ts). */
export type ImportedConstant = (source: string, name: string) => string | null;

/**
 * The static text of a path expression, with `*` for unknown parts; null when nothing about it is
 * known. Follows `const` bindings, constants imported from project modules (through
 * `importedConstant`), constant-only template parts and `path.join`.
 */
export function staticPathText(node: ESTree.Node, sourceCode: Rule.RuleContext["sourceCode"], importedConstant?: ImportedConstant, depth = 0): string | null {
  if (depth > 8) return null;
  switch (node.type) {
    case "Literal":
      return typeof node.value === "string" ? node.value : null;
    case "TemplateLiteral": {
      let text = node.quasis[0]!.value.cooked ?? "";
      node.expressions.forEach((expression, index) => {
        text += (staticPathText(expression, sourceCode, importedConstant, depth + 1) ?? "*") + (node.quasis[index + 1]!.value.cooked ?? "");
      });
      return /[^*]/u.test(text) ? text : null;
    }
    case "Identifier": {
      const init = constInitializer(node, sourceCode);
      if (init) return staticPathText(init, sourceCode, importedConstant, depth + 1);
      const origin = importedConstant ? importOrigin(node, sourceCode) : null;
      return origin ? importedConstant!(origin.source, origin.name) : null;
    }
    case "BinaryExpression": {
      if (node.operator !== "+" || node.left.type === "PrivateIdentifier") return null;
      const left = staticPathText(node.left, sourceCode, importedConstant, depth + 1);
      const right = staticPathText(node.right, sourceCode, importedConstant, depth + 1);
      return left === null && right === null ? null : `${left ?? "*"}${right ?? "*"}`;
    }
    case "CallExpression": {
      if (node.callee.type === "Super" || !JOINERS.has(scriptQualifiedName(node.callee, sourceCode) ?? "")) return null;
      const parts = node.arguments.map((argument) => (argument.type === "SpreadElement" ? null : staticPathText(argument, sourceCode, importedConstant, depth + 1)));
      return parts.every((part) => part === null) ? null : parts.map((part) => part ?? "*").join("/").replace(/\/{2,}/gu, "/");
    }
    default:
      return null;
  }
}
