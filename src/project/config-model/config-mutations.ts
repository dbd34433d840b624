/**
 * Whether a module changes the config objects it loaded: writes keys (`cfg["x"] = 1`,
 * `cfg.x = 1`, `setattr(cfg, ...)`), updates them (`cfg.update(...)`, `cfg.setdefault(...)`,
 * `cfg.merge_with(...)`) or merges configs (`OmegaConf.merge(base, override)`). Keys such a module
 * reads may come from that code rather than from the file, so nobody can say they are undefined.
 */
import { PyNode, field } from "../../languages/python/nodes.js";
import { positionalArguments } from "../../rules-kit/python-syntax.js";
import { descendants, type ModuleScope } from "../python/scope.js";
import { configObjectOf } from "../python/paths.js";

const UPDATING_METHODS = new Set(["update", "setdefault", "merge_with", "merge_with_dotlist", "merge_with_cli", "__setitem__"]);
const MERGING_CALLS = new Set(["omegaconf.OmegaConf.merge", "omegaconf.OmegaConf.unsafe_merge", "omegaconf.OmegaConf.update", "omegaconf.OmegaConf.from_cli", "omegaconf.OmegaConf.from_dotlist"]);

function isConfigObject(node: PyNode | undefined, scope: ModuleScope): boolean {
  return !!node && configObjectOf(node, scope) !== null;
}

/** True when the module writes, updates or merges a config object it reads. */
export function mutatesConfig(root: PyNode, scope: ModuleScope): boolean {
  return scope.memo<boolean>("mutates-config", root, false, () => {
    for (const assignment of [...descendants(root, "assignment"), ...descendants(root, "augmented_assignment")]) {
      const target = field(assignment, "left");
      if (target?.type === "subscript" && isConfigObject(field(target, "value"), scope)) return true;
      if (target?.type === "attribute" && isConfigObject(field(target, "object"), scope)) return true;
    }
    for (const call of descendants(root, "call")) {
      const callee = scope.imports.calleeName(call);
      if (callee && MERGING_CALLS.has(callee)) return true;
      if (callee === "builtins.setattr" || (field(call, "function")?.type === "identifier" && field(call, "function")!.text === "setattr")) {
        if (isConfigObject(positionalArguments(call)[0], scope)) return true;
      }
      const method = field(call, "function");
      if (method?.type === "attribute" && UPDATING_METHODS.has(field(method, "attribute")?.text ?? "") && isConfigObject(field(method, "object"), scope)) return true;
    }
    return false;
  });
}
