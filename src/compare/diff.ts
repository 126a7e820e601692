/**
 * Walks two JSON values side by side and says, for every field path, whether they match: each scalar is
 * one observation, and so is every place where the rules let a difference pass (a skipped path, an
 * equivalent value, a reversed list) or where the shapes part (a missing item, an object against null).
 */
import { field, formatPath, item, normalPath, type Path } from './path.ts';
import { type CompareRules, type CompiledRule, rulesAt } from './rules.ts';
import { canonicalJson, deepEqual, instantOf, isObject, type Json, sameScalar } from './values.ts';

export type Outcome = 'matched' | 'mismatched' | 'ignored';

export interface Observation {
  /** The normal path (`imagesV2.edges[].node.id`), what observations are tallied by. */
  path: string;
  /** The concrete path of this one value (`imagesV2.edges[3].node.id`). */
  at: string;
  outcome: Outcome;
  /** Both sides' values, kept for what did not match. */
  control?: Json | undefined;
  candidate?: Json | undefined;
  /** The rule that let a difference pass. */
  reason?: string;
}

export type Sink = (observation: Observation) => void;

function note(sink: Sink, path: Path, outcome: Outcome, control?: Json, candidate?: Json, reason?: string) {
  const observation: Observation = { path: normalPath(path), at: formatPath(path), outcome };
  if (outcome !== 'matched') Object.assign(observation, { control, candidate });
  if (reason) observation.reason = reason;
  sink(observation);
}

function swapFields(value: { [key: string]: Json }, [a, b]: [string, string]) {
  return { ...value, [a]: value[b] ?? null, [b]: value[a] ?? null };
}

/** Whether a value rule lets `c` and `d` pass as equal. */
function passes(rule: CompiledRule, c: Json, d: Json, rules: CompareRules): boolean {
  switch (rule.kind) {
    case 'trim':
      return typeof c === 'string' && typeof d === 'string' && c.trim() === d.trim();
    case 'instant':
      return (
        typeof c === 'string' &&
        typeof d === 'string' &&
        instantOf(c) !== null &&
        instantOf(c) === instantOf(d)
      );
    case 'equivalent':
      return rule.values.includes(canonicalJson(c)) && rule.values.includes(canonicalJson(d));
    case 'reversed':
      return Array.isArray(c) && Array.isArray(d) && deepEqual(c, [...d].reverse(), rules);
    case 'swapped':
      return isObject(c) && isObject(d) && deepEqual(c, swapFields(d, rule.fields), rules);
    default:
      return false;
  }
}

const VALUE_RULES = ['trim', 'instant', 'equivalent', 'reversed', 'swapped'] as const;

/** The rule that makes two unequal values pass at this path, if one does (equal values need none). */
function passingRule(rules: CompareRules, path: Path, c: Json, d: Json): string | null {
  const candidates = VALUE_RULES.flatMap((kind) => rulesAt(rules, kind, path));
  if (candidates.length === 0 || deepEqual(c, d, rules)) return null;
  return candidates.find((rule) => passes(rule, c, d, rules))?.reason ?? null;
}

type Pair = [label: string, control: Json | undefined, candidate: Json | undefined];

/** Items paired by the value of `key`, when every item has a distinct scalar one; else null. */
function pairByKey(c: Json[], d: Json[], key: string): Pair[] | null {
  const index = (list: Json[]) => {
    const byKey = new Map<string, Json>();
    for (const entry of list) {
      const value = isObject(entry) ? entry[key] : undefined;
      if (typeof value !== 'string' && typeof value !== 'number') return null;
      if (byKey.has(String(value))) return null;
      byKey.set(String(value), entry);
    }
    return byKey;
  };
  const left = index(c);
  const right = index(d);
  if (!left || !right) return null;
  const labels = [...new Set([...left.keys(), ...right.keys()])];
  return labels.map((label) => [`${key}=${label}`, left.get(label), right.get(label)]);
}

/** Items paired by their whole value (a multiset); the ones left over stand alone. */
function pairByValue(c: Json[], d: Json[]): Pair[] {
  const unmatched = new Map<string, number[]>();
  d.forEach((entry, position) => {
    const text = canonicalJson(entry);
    unmatched.set(text, [...(unmatched.get(text) ?? []), position]);
  });
  const pairs: Pair[] = [];
  c.forEach((entry, position) => {
    const other = unmatched.get(canonicalJson(entry))?.shift();
    pairs.push([String(position), entry, other === undefined ? undefined : d[other]]);
  });
  for (const positions of unmatched.values()) {
    for (const position of positions) pairs.push([`+${position}`, undefined, d[position]]);
  }
  return pairs;
}

function listPairs(rules: CompareRules, path: Path, c: Json[], d: Json[]): Pair[] {
  const [set] = rulesAt(rules, 'set', path);
  if (set) {
    const keyed = set.key ? pairByKey(c, d, set.key) : null;
    return keyed ?? pairByValue(c, d);
  }
  const length = Math.max(c.length, d.length);
  return Array.from({ length }, (_, position) => [String(position), c[position], d[position]]);
}

/** Compares `control` and `candidate` at `path` and everything under it. */
export function diffValues(
  control: Json | undefined,
  candidate: Json | undefined,
  path: Path,
  rules: CompareRules,
  sink: Sink,
): void {
  const [skip] = rulesAt(rules, 'skip', path);
  if (skip) {
    note(sink, path, 'ignored', control, candidate, skip.reason);
    return;
  }
  if (control === undefined || candidate === undefined) {
    if (control === candidate) return;
    note(sink, path, 'mismatched', control, candidate);
    return;
  }
  const reason = passingRule(rules, path, control, candidate);
  if (reason) {
    note(sink, path, 'ignored', control, candidate, reason);
    return;
  }
  if (Array.isArray(control) && Array.isArray(candidate)) {
    const pairs = listPairs(rules, path, control, candidate);
    const [set] = rulesAt(rules, 'set', path);
    // The same items in another order: a difference the set rule lets pass, noted once for the list.
    if (set && !deepEqual(control, candidate, rules) && pairs.every(([, c, d]) => deepEqual(c, d, rules))) {
      note(sink, path, 'ignored', control, candidate, set.reason);
      return;
    }
    for (const [label, c, d] of pairs) {
      diffValues(c, d, [...path, item(label)], rules, sink);
    }
    return;
  }
  if (isObject(control) && isObject(candidate)) {
    const keys = [...new Set([...Object.keys(control), ...Object.keys(candidate)])];
    for (const key of keys) diffValues(control[key], candidate[key], [...path, field(key)], rules, sink);
    return;
  }
  const scalars =
    !isObject(control) && !isObject(candidate) && !Array.isArray(control) && !Array.isArray(candidate);
  if (scalars && sameScalar(control, candidate, rules)) {
    note(sink, path, 'matched');
    return;
  }
  note(sink, path, 'mismatched', control, candidate);
}
