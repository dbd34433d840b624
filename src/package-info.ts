/** The package's identity, read once from package.json. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The installed package root: the nearest folder above this module holding mldebt's package.json. */
function findPackageRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(folder, "package.json");
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, "utf8")) as { name?: string }).name === "mldebt") {
      return folder;
    }
    const parent = dirname(folder);
    if (parent === folder) throw new Error("mldebt: cannot find its own package.json.");
    folder = parent;
  }
}

export const PACKAGE_ROOT = findPackageRoot();

const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as {
  name: string;
  version: string;
  homepage: string;
};

export const PACKAGE_NAME = manifest.name;
export const VERSION = manifest.version;
/** Where the docs live online (SARIF `helpUri`, ESLint `docs.url`). */
export const DOCS_BASE_URL = `${manifest.homepage}/blob/v${manifest.version}/`;

/** `docs/rules/<id>.md`, relative to the package root. */
export function docsPath(ruleName: string): string {
  return `docs/rules/${ruleName}.md`;
}

export function docsUrl(ruleName: string): string {
  return `${DOCS_BASE_URL}${docsPath(ruleName)}`;
}
