/**
 * Findings about a value that comes from a config file (a machine-specific path, an unpinned
 * bucket) belong where the user changes the value: the config line.
 *
 * Config files are not an ESLint language yet, so for now such a finding is reported once, at the
 * first read of the value in the project's Python code (file order, then position), and carries
 * the config line as its first related location and the other reads after it. Every rule that
 * reports config-borne values asks {@link configValuePlacement} where to report; when config files
 * become lintable, this is the one function that changes (to place the finding on the config line
 * and relate the reads), and the rules keep calling it.
 */
import type { LocatedConfigKey, ProjectDeclarations, ProjectModel, ResolvedPath } from "../project/types.js";
import type { RelatedLocation } from "../results/model.js";
import { comparePlaces, firstPlace, placeOf, relatedPlace, samePlace, type Place } from "./project-places.js";

/** The config key a resolved path was read from, located in its file; null when the path does not come from config or the key is not found. */
export function configOriginOf(path: ResolvedPath, declarations: ProjectDeclarations): LocatedConfigKey | null {
  if (path.via !== "config" || !path.configKey || !path.configFile) return null;
  return declarations.configKey(path.configKey, path.configFile)[0] ?? null;
}

/** The related location of a config value: its file and the line of the value. */
export function configValueLocation(origin: LocatedConfigKey): RelatedLocation {
  return { file: origin.file, line: origin.valueLine, column: origin.valueColumn, message: `\`${origin.path}\` is set here` };
}

/** Where a finding about a config-borne value goes, and what it relates. */
export interface ConfigValuePlacement {
  /** True when this read reports the value; false when another read does. */
  reportHere: boolean;
  /** The config line first, then the other reads in the project. */
  related: RelatedLocation[];
}

/**
 * Where to report a value of config key `origin` that this read (`here`) uses, given every read
 * of the same key in the project that the rule would report (`reads`, `here` included).
 */
export function configValuePlacement(model: ProjectModel, origin: LocatedConfigKey, here: Place, reads: readonly Place[]): ConfigValuePlacement {
  const all = reads.some((place) => samePlace(place, here)) ? [...reads] : [...reads, here];
  const first = firstPlace(all)!;
  const others = all.filter((place) => !samePlace(place, first)).sort(comparePlaces);
  return {
    reportHere: samePlace(first, here),
    related: [configValueLocation(origin), ...others.map((place) => relatedPlace(model, place, "also read here"))],
  };
}

/** The io sites of the project whose path comes from config key `origin` (for {@link configValuePlacement}). */
export function configSitePlaces(model: ProjectModel, origin: LocatedConfigKey, accept: (path: ResolvedPath) => boolean = () => true): Place[] {
  const places: Place[] = [];
  for (const [file, facts] of model.modules) {
    for (const site of facts.ioSites) {
      const path = site.path;
      if (!path || !site.pathNode || path.configKey !== origin.path || path.configFile !== origin.file || !accept(path)) continue;
      places.push(placeOf(file, site.pathNode));
    }
  }
  return places;
}
