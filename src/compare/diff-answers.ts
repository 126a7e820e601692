/**
 * Compares two whole answers to one operation: the HTTP status, the data field by field, and the errors
 * place by place (`errors[imagesV2.edges[].node.metadata.sizeBytes].message`). An error an `error` rule
 * names takes the answer of its root field, on both sides, out of the comparison.
 */
import type { Answer, ErrorEntry } from './answer.ts';
import { diffValues, type Observation, type Sink } from './diff.ts';
import { errorsAt, field, formatPath, meta, normalPath, type Path } from './path.ts';
import { type CompareRules, errorRules } from './rules.ts';
import { canonicalJson, isObject, type Json } from './values.ts';

/** Every part of the data is masked. */
const WHOLE = '*';

/** Root fields whose answers an error rule takes out, with the rule that does. */
function maskedRoots(rules: CompareRules, answers: Answer[]): Map<string, string> {
  const masked = new Map<string, string>();
  const matchers = errorRules(rules);
  if (matchers.length === 0) return masked;
  for (const answer of answers) {
    for (const error of answer.errors) {
      const rule = matchers.find((candidate) => candidate.message.test(String(error.message)));
      if (!rule) continue;
      const root = typeof error.path?.[0] === 'string' ? error.path[0] : WHOLE;
      if (!masked.has(root)) masked.set(root, rule.reason);
    }
  }
  return masked;
}

function maskFor(masked: Map<string, string>, root: string | undefined): string | undefined {
  return masked.get(WHOLE) ?? (root === undefined ? undefined : masked.get(root));
}

function ignoredWhole(
  sink: Sink,
  path: Path,
  control: Json | undefined,
  candidate: Json | undefined,
  reason: string,
) {
  const observation: Observation = {
    path: normalPath(path),
    at: formatPath(path),
    outcome: 'ignored',
    reason,
  };
  sink({ ...observation, control, candidate });
}

function errorEntryJson(error: ErrorEntry): Json {
  return { message: error.message, code: error.code };
}

function groupErrors(errors: ErrorEntry[]): Map<string, { path: Path; entries: Json[] }> {
  const groups = new Map<string, { path: Path; entries: Json[] }>();
  for (const error of errors) {
    const path = [errorsAt(error.path)];
    const key = formatPath(path);
    const group = groups.get(key) ?? { path, entries: [] };
    group.entries.push(errorEntryJson(error));
    groups.set(key, group);
  }
  for (const group of groups.values())
    group.entries.sort((a, b) => (canonicalJson(a) < canonicalJson(b) ? -1 : 1));
  return groups;
}

function diffErrors(
  control: Answer,
  candidate: Answer,
  rules: CompareRules,
  masked: Map<string, string>,
  sink: Sink,
) {
  const left = groupErrors(control.errors);
  const right = groupErrors(candidate.errors);
  const rootOf = (errors: ErrorEntry[], key: string) => {
    const error = errors.find((entry) => formatPath([errorsAt(entry.path)]) === key);
    return typeof error?.path?.[0] === 'string' ? error.path[0] : undefined;
  };
  for (const key of new Set([...left.keys(), ...right.keys()])) {
    const path = (left.get(key) ?? right.get(key))!.path;
    const c = left.get(key)?.entries;
    const d = right.get(key)?.entries;
    const reason = maskFor(masked, rootOf(control.errors, key) ?? rootOf(candidate.errors, key));
    if (reason) {
      ignoredWhole(sink, path, c, d, reason);
      continue;
    }
    // One error at a place on each side (the usual case) is compared as itself, not as a list of one.
    const single = (c?.length ?? 0) <= 1 && (d?.length ?? 0) <= 1;
    diffValues(single ? c?.[0] : (c ?? []), single ? d?.[0] : (d ?? []), path, rules, sink);
  }
}

function diffData(
  control: Answer,
  candidate: Answer,
  rules: CompareRules,
  masked: Map<string, string>,
  sink: Sink,
) {
  // A null `data` is every root field null (GraphQL propagates nulls up to it), so it is compared root field
  // by root field against an answer that has them; an error rule can then take out just its root field.
  const rootsOf = (data: Json | undefined, other: Json | undefined) =>
    isObject(data) || !isObject(other) || data === undefined
      ? data
      : Object.fromEntries(Object.keys(other).map((root) => [root, null]));
  const c = rootsOf(control.data, candidate.data);
  const d = rootsOf(candidate.data, control.data);
  if (isObject(c) && isObject(d)) {
    for (const root of new Set([...Object.keys(c), ...Object.keys(d)])) {
      const reason = maskFor(masked, root);
      if (reason) ignoredWhole(sink, [field(root)], c[root], d[root], reason);
      else diffValues(c[root], d[root], [field(root)], rules, sink);
    }
    return;
  }
  const reason = maskFor(masked, WHOLE);
  if (reason) ignoredWhole(sink, [meta('data')], c, d, reason);
  else diffValues(c, d, [meta('data')], rules, sink);
}

/** Every observation of one operation's two answers, in answer order. */
export function diffAnswers(control: Answer, candidate: Answer, rules: CompareRules): Observation[] {
  const observations: Observation[] = [];
  const sink: Sink = (observation) => observations.push(observation);
  if (control.transportError !== null || candidate.transportError !== null) {
    // No answer is never a match, even when both sides failed alike: there was nothing to compare.
    const path = [meta('transport')];
    sink({
      path: normalPath(path),
      at: formatPath(path),
      outcome: 'mismatched',
      control: control.transportError,
      candidate: candidate.transportError,
    });
    return observations;
  }
  diffValues(control.status, candidate.status, [meta('status')], rules, sink);
  diffValues(control.otherBody ?? undefined, candidate.otherBody ?? undefined, [meta('body')], rules, sink);
  const masked = maskedRoots(rules, [control, candidate]);
  diffData(control, candidate, rules, masked, sink);
  diffErrors(control, candidate, rules, masked, sink);
  return observations;
}
