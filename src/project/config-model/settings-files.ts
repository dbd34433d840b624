/**
 * Which of a project's config files hold its settings. The project model lists every YAML, JSON,
 * TOML and `.env` file that is not package or editor metadata; many of the rest are still not
 * settings a run depends on: CI and tooling files, Kubernetes and OpenAPI documents, snapshots Hydra
 * and experiment trackers write next to each run, and JSON data (labels, vocabularies, model
 * exports). Settings files are the ones code loads, the ones under a Hydra config directory, and
 * YAML/TOML files that are none of the above; a JSON file counts only when code loads it or its
 * name says it is a config.
 */
import { posix } from "node:path";
import type { ConfigFileModel } from "../types.js";

/** Tool, CI and packaging files by name (lower case). */
const TOOL_FILES = new Set([
  "pyproject.toml",
  "setup.toml",
  "ruff.toml",
  ".ruff.toml",
  "tox.toml",
  "pyrightconfig.json",
  "codecov.yml",
  "codecov.yaml",
  ".codecov.yml",
  ".travis.yml",
  "azure-pipelines.yml",
  "appveyor.yml",
  ".appveyor.yml",
  "bitbucket-pipelines.yml",
  ".cirrus.yml",
  ".pre-commit-hooks.yaml",
  "renovate.json",
  ".renovaterc.json",
  "dependabot.yml",
  ".yamllint",
  ".yamllint.yaml",
  ".yamllint.yml",
  ".markdownlint.json",
  ".markdownlint.yaml",
  "cspell.json",
  ".cspell.json",
  ".zenodo.json",
  "_config.yml",
  "netlify.toml",
  "vercel.json",
  "meta.yaml",
  "citation.cff",
  "chart.yaml",
  "values.yaml",
  "serverless.yml",
  "cloudbuild.yaml",
  "cloudbuild.yml",
  "buildspec.yml",
  "app.yaml",
  "typos.toml",
  "_typos.toml",
  ".typos.toml",
  "rust-toolchain.toml",
  "cargo.toml",
  "taplo.toml",
  "lerna.json",
  "turbo.json",
  "biome.json",
  "deno.json",
  "manifest.json",
  "hatch.toml",
  "pixi.toml",
  "uv.toml",
  ".bumpversion.toml",
  ".readthedocs.yml",
  ".readthedocs.yaml",
]);

/** Name patterns of tool files. */
const TOOL_PATTERNS = [/^environment.*\.ya?ml$/u, /^requirements.*\.ya?ml$/u, /^\.?(?:flake8|isort|mypy|pylint|coverage|bandit|black)/u, /^(?:docker-)?compose\..*\.ya?ml$/u];

/** Folders of CI, documentation tooling and run snapshots (Hydra outputs, trackers, checkpoints). */
const NON_SETTINGS_FOLDERS = new Set([".circleci", ".gitlab", ".hydra", "outputs", "multirun", "mlruns", "wandb", "lightning_logs", "checkpoints", ".dvc", ".buildkite", ".azure-pipelines", "k8s", "kubernetes", "helm", "charts", "node_modules", "site-packages"]);

/** JSON file names that say they hold configuration. */
const JSON_CONFIG_NAME = /(?:^|[^a-z])(?:conf|config|cfg|settings|params|hparams|hyperparam|options)/iu;

function isToolFile(file: string): boolean {
  const segments = file.toLowerCase().split("/");
  const name = segments.pop()!;
  if (segments.some((segment) => NON_SETTINGS_FOLDERS.has(segment))) return true;
  return TOOL_FILES.has(name) || TOOL_PATTERNS.some((pattern) => pattern.test(name));
}

/** Top-level keys of documents that are infrastructure or exported artifacts, not settings (Kubernetes, OpenAPI, CloudFormation, saved Hugging Face models). */
function isInfrastructureDocument(config: ConfigFileModel): boolean {
  const top = new Set(config.keys.filter((key) => !key.path.includes(".") && !key.path.includes("[")).map((key) => key.name));
  return (top.has("apiVersion") && top.has("kind")) || top.has("openapi") || top.has("swagger") || top.has("AWSTemplateFormatVersion") || top.has("transformers_version") || top.has("_name_or_path");
}

/**
 * The settings files among `configFiles`: the ones in `loaded` (code loads them) or under a Hydra
 * config directory always; other YAML/TOML files unless they are tool, CI or infrastructure files;
 * other JSON files only when named like a config. `.env` files are environment, not settings files.
 */
export function settingsFilesOf(configFiles: ConfigFileModel[], loaded: Set<string>, hydraDirs: string[]): ConfigFileModel[] {
  return configFiles.filter((config) => {
    if (config.format === "env") return false;
    if (loaded.has(config.file) || hydraDirs.some((dir) => config.file.startsWith(dir === "." ? "" : `${dir}/`))) return true;
    if (isToolFile(config.file) || isInfrastructureDocument(config)) return false;
    if (config.format === "json") return JSON_CONFIG_NAME.test(posix.basename(config.file, ".json"));
    return true;
  });
}
