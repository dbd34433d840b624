/**
 * Whether a remote location names one version of its data. A URL or object key is read as
 * pinned when some part of it can only ever mean one snapshot: a commit hash, a version number,
 * a date, an immutable record id, an object version or generation in the query, a Hugging Face
 * `@revision`. It names a moving version when a part is a word like `latest`, `main` or
 * `current`. Anything else is unpinned; a pattern with unknown parts (`f"s3://b/{run}/x.csv"`)
 * may hold its version in those parts, so it is left alone unless a moving word is written.
 */

export type RemoteVersion =
  | { state: "pinned"; marker: string }
  | { state: "moving"; marker: string }
  | { state: "unpinned" }
  | { state: "unknown" };

/** Path segments (or Hugging Face revisions) that name whatever is newest. */
const MOVING_WORDS = new Set(["latest", "current", "newest", "nightly", "head", "main", "master"]);

/** Segments that can only mean one version. */
const PINNED_SEGMENTS: [RegExp, string][] = [
  [/^(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{7,64}$/iu, "a commit or content hash"],
  [/(?:^|[-_.])(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{8,64}(?:[-_.]|$)/iu, "a content hash in the file name"],
  [/^v\d+(?:[._-]\d+)*(?:[._-]?[a-z0-9]+)?$/iu, "a version"],
  [/[-_.]v\d+(?:[._-]\d+)*(?:[-_.]|$)/iu, "a version in the file name"],
  [/^(?:version|ver|rev|revision|snapshot|release|tag)[=_-]?[\w.-]*\d[\w.-]*$/iu, "a version"],
  [/(?:^|[^\d])\d+\.\d+(?:\.\d+)?(?:$|[^\d])/u, "a version number"],
  [/(?:19|20)\d{2}-?(?:0[1-9]|1[0-2])-?(?:0[1-9]|[12]\d|3[01])/u, "a date"],
  [/(?:^|[^\d])(?:19|20)\d{2}[-_](?:0[1-9]|1[0-2])(?:$|[^\d])/u, "a month"],
  [/^(?:dt|date|day|ds|snapshot_date|partition_date)=/iu, "a dated partition"],
  [/^\d{5,}$/u, "an immutable record id"],
];

/** Query parameters that select one object version. */
const PINNED_QUERY = /[?&](?:versionId|version|generation|rev|revision|sha|ref|snapshot)=/iu;

function segmentsOf(url: string): { segments: string[]; query: string; host: string } {
  const withoutScheme = url.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//u, "");
  const queryStart = withoutScheme.search(/[?#]/u);
  const path = queryStart >= 0 ? withoutScheme.slice(0, queryStart) : withoutScheme;
  const query = queryStart >= 0 ? withoutScheme.slice(queryStart) : "";
  const [host = "", ...segments] = path.split("/");
  return { segments: segments.filter(Boolean), query, host };
}

/** The version a remote URL or object key (`s3://…`, `https://…`, `hf://…`) names. */
export function remoteVersionOf(url: string): RemoteVersion {
  const { segments, query, host } = segmentsOf(url);
  for (const segment of [host, ...segments]) {
    const at = segment.lastIndexOf("@");
    if (at > 0) {
      const revision = segment.slice(at + 1);
      if (MOVING_WORDS.has(revision.toLowerCase())) return { state: "moving", marker: `@${revision}` };
      if (revision && !revision.includes("*")) return { state: "pinned", marker: `@${revision}` };
    }
  }
  for (const segment of segments) {
    const word = segment.toLowerCase().replace(/\.[a-z0-9]+$/u, "");
    if (MOVING_WORDS.has(word) || /^(?:latest|current)[-_]/u.test(word) || /[-_](?:latest|current)$/u.test(word)) return { state: "moving", marker: segment };
  }
  // `?` not starting a `key=value` query is a wildcard or a placeholder (`data_????.csv`).
  if (/\?(?![\w.-]+=)/u.test(url)) return { state: "unknown" };
  if (PINNED_QUERY.test(query)) return { state: "pinned", marker: "an object version in the query" };
  for (const segment of segments) {
    const found = PINNED_SEGMENTS.find(([pattern]) => pattern.test(segment));
    if (found) return { state: "pinned", marker: found[1] };
  }
  if (url.includes("*")) return { state: "unknown" };
  return { state: "unpinned" };
}

/** True when a Hugging Face or similar revision names a branch, not a version. */
export function isMovingRevision(revision: string): boolean {
  return MOVING_WORDS.has(revision.toLowerCase());
}

/** File extensions that say a URL returns data (for generic HTTP getters, whose URLs may be APIs). */
export const DATA_FILE_EXTENSION = /\.(?:csv|tsv|txt|json|jsonl|ndjson|parquet|feather|arrow|orc|avro|xlsx?|xml|h5|hdf5|npy|npz|pkl|pickle|joblib|pt|pth|bin|safetensors|onnx|ckpt|zip|tar|tgz|gz|bz2|xz|7z|data|names|mat|sav|dta|sqlite|db)$/iu;
