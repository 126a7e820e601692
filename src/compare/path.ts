/**
 * Field paths in a GraphQL answer, each in two spellings: the concrete one of one value
 * (`imagesV2.edges[3].node.metadata.digest`) and the normal one that list positions fold into
 * (`imagesV2.edges[].node.metadata.digest`), which is what answers are tallied and ignore rules matched by.
 */

/** One step of a path: a field, a list item, or the errors the answer holds at one place. */
export type Segment =
  | { kind: 'field'; name: string }
  | { kind: 'item'; label: string }
  | { kind: 'errors'; at: string; normalAt: string }
  | { kind: 'meta'; name: string };

export type Path = readonly Segment[];

export const field = (name: string): Segment => ({ kind: 'field', name });
/** A list item: `[3]` for a position, `[key=cpu]` for an item of a list compared as a set. */
export const item = (label: string | number): Segment => ({ kind: 'item', label: String(label) });
/** Outside the data: `(status)` for the HTTP status, `(transport)` when no answer came. */
export const meta = (name: string): Segment => ({ kind: 'meta', name });

/** Where a GraphQL error points (`imagesV2.edges.3.node`), spelled as a path. */
export function errorsAt(errorPath: readonly (string | number)[] | undefined): Segment {
  if (!errorPath || errorPath.length === 0) return { kind: 'errors', at: '-', normalAt: '-' };
  const concrete = errorPath.map((step) => (typeof step === 'number' ? item(step) : field(step)));
  return { kind: 'errors', at: formatPath(concrete), normalAt: normalPath(concrete) };
}

function format(path: Path, normal: boolean): string {
  let text = '';
  for (const segment of path) {
    if (segment.kind === 'field') text += text ? `.${segment.name}` : segment.name;
    else if (segment.kind === 'item') text += normal ? '[]' : `[${segment.label}]`;
    else if (segment.kind === 'errors') text += `errors[${normal ? segment.normalAt : segment.at}]`;
    else text += `(${segment.name})`;
  }
  return text;
}

export const formatPath = (path: Path): string => format(path, false);
export const normalPath = (path: Path): string => format(path, true);

/** The tokens a normal path is made of, which patterns are matched against. */
function tokensOf(path: Path): string[] {
  return path.map((segment) => format([segment], true));
}

/** The first field of a path (the root field an answer part belongs to), if it starts with one. */
export function rootFieldOf(path: Path): string | null {
  const first = path[0];
  return first?.kind === 'field' ? first.name : null;
}

/**
 * A path pattern of an ignore rule: a normal path whose steps may be `*` (any one field) or `**` (any
 * number of steps, none included): `**.metadata.digest`, `imagesV2.edges[].node.*.createdAt`.
 */
export interface PathPattern {
  source: string;
  tokens: string[];
}

const PATTERN_TOKEN = /\*\*|\*|\[\]|errors\[[^\][]*(?:\[\][^\][]*)*\]|\([a-z]+\)|[_A-Za-z][_0-9A-Za-z]*/y;

export function parsePattern(source: string): PathPattern {
  const tokens: string[] = [];
  let at = 0;
  while (at < source.length) {
    if (tokens.length > 0 && source[at] === '.') at += 1;
    PATTERN_TOKEN.lastIndex = at;
    const match = PATTERN_TOKEN.exec(source);
    if (!match) throw new Error(`"${source}" is not a field path (at "${source.slice(at)}")`);
    tokens.push(match[0]);
    at = PATTERN_TOKEN.lastIndex;
  }
  if (tokens.length === 0) throw new Error('an empty field path');
  return { source, tokens };
}

function matchTokens(pattern: string[], tokens: string[], p: number, t: number): boolean {
  if (p === pattern.length) return t === tokens.length;
  const head = pattern[p];
  if (head === '**') {
    for (let skip = t; skip <= tokens.length; skip += 1) {
      if (matchTokens(pattern, tokens, p + 1, skip)) return true;
    }
    return false;
  }
  if (t === tokens.length) return false;
  const token = tokens[t] as string;
  const fits = head === token || (head === '*' && /^[_A-Za-z]/.test(token));
  return fits && matchTokens(pattern, tokens, p + 1, t + 1);
}

export function matchesPattern(pattern: PathPattern, path: Path): boolean {
  return matchTokens(pattern.tokens, tokensOf(path), 0, 0);
}

/** Whether `path` (a normal path) is `prefix` or lies under it. */
export function isUnder(path: string, prefix: string): boolean {
  if (!path.startsWith(prefix)) return false;
  const next = path[prefix.length];
  return next === undefined || next === '.' || next === '[';
}
