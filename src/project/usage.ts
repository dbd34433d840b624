/**
 * Which parts of the project a file's lint read: nothing beyond the file, the declarations
 * (config files, manifests), or the whole model (every module's facts). The cache keys a file's
 * results on exactly what it read, so a change elsewhere in the project re-lints only the files
 * whose rules looked there.
 */

/** 0: the file alone; 1: the declarations; 2: the whole project model. */
export type ProjectUse = 0 | 1 | 2;

let tracking = false;
let used: ProjectUse = 0;

/** Starts recording (the CLI calls it before each file). */
export function startProjectUseTracking(): void {
  tracking = true;
  used = 0;
}

/** Stops recording and returns the widest use seen since the start. */
export function stopProjectUseTracking(): ProjectUse {
  tracking = false;
  return used;
}

/** Called by the model's getters. */
export function recordProjectUse(part: "declarations" | "model"): void {
  if (!tracking) return;
  const level: ProjectUse = part === "model" ? 2 : 1;
  if (level > used) used = level;
}
