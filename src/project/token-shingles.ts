/**
 * Near-duplicate detection that is cheap and deterministic: Python source becomes a stream of
 * normalised tokens (comments dropped, every string literal `S`, every number `N`, names and
 * operators kept), the stream becomes the set of its overlapping 5-token shingles, and two texts
 * are as alike as the Jaccard index of their shingle sets. Renamed hyperparameters and edited
 * comments do not hide a copy; a rewritten algorithm does not look like one.
 */

/** Tokens per shingle. */
const SHINGLE = 5;
const TOKEN = /#[^\n]*|("""|''')[\s\S]*?\1|[rbuf]{0,2}(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|\d[\w.]*|[A-Za-z_]\w*|\*\*|\/\/|==|!=|<=|>=|->|[^\s\w]/giu;

/** The normalised tokens of Python source. */
export function pythonTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const token = match[0];
    if (token.startsWith("#")) continue;
    if (/^[rbuf]{0,2}["']/iu.test(token)) tokens.push("S");
    else if (/^\d/u.test(token)) tokens.push("N");
    else tokens.push(token);
  }
  return tokens;
}

/** The set of overlapping shingles of a token stream (one shingle for streams shorter than a shingle). */
export function shinglesOf(tokens: readonly string[]): Set<string> {
  const shingles = new Set<string>();
  if (tokens.length === 0) return shingles;
  for (let start = 0; start + SHINGLE <= Math.max(tokens.length, SHINGLE); start++) shingles.add(tokens.slice(start, start + SHINGLE).join(" "));
  return shingles;
}

/** Jaccard index of two shingle sets: 1 for identical token streams, 0 for nothing in common. */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const shingle of small) if (large.has(shingle)) shared++;
  return shared / (a.size + b.size - shared);
}
