/**
 * Ignore rules: what a comparison lets pass. They come from an ignore file (JSON) such as
 *
 *   { "skip": ["**.metadata.createdAt"],
 *     "sets": [{ "path": "**.supportedAccelerators" }, { "path": "**.resourceLimits", "key": "key" }],
 *     "quirks": ["digest-padding", "max-none"],
 *     "times": "instant" }
 *
 * and are checked strictly: an unknown key, quirk or malformed path is refused with a message naming it.
 */
import { matchesPattern, type Path, type PathPattern, parsePattern } from './path.ts';
import { type Effect, QUIRKS, quirkNamed } from './quirks.ts';
import { canonicalJson } from './values.ts';

type WithPatterns<E> = E extends { paths: string[] } ? Omit<E, 'paths'> & { patterns: PathPattern[] } : never;

/** A rule ready to apply; `reason` says where it came from, for the report. */
export type CompiledRule = { reason: string } & (
  | WithPatterns<Exclude<Effect, { kind: 'error' } | { kind: 'equivalent' } | { kind: 'set' }>>
  | { kind: 'equivalent'; patterns: PathPattern[]; values: string[] }
  | { kind: 'set'; patterns: PathPattern[]; key: string | null }
  | { kind: 'error'; message: RegExp }
);

export interface CompareRules {
  /** Date-time strings compare as instants (the default) or, with `"times": "exact"`, as text. */
  timesAsInstants: boolean;
  rules: CompiledRule[];
}

export const NO_RULES: CompareRules = { timesAsInstants: true, rules: [] };

export class RulesError extends Error {
  override name = 'RulesError';
}

function compile(effect: Effect, reason: string): CompiledRule {
  if (effect.kind === 'error') return { kind: 'error', message: new RegExp(effect.message), reason };
  const patterns = effect.paths.map(parsePattern);
  if (effect.kind === 'equivalent') {
    return { kind: 'equivalent', patterns, values: effect.values.map(canonicalJson), reason };
  }
  if (effect.kind === 'set') return { kind: 'set', patterns, key: effect.key ?? null, reason };
  const { paths: _paths, ...rest } = effect;
  return { ...rest, patterns, reason } as CompiledRule;
}

function stringList(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string')) {
    throw new RulesError(`${where} must be a list of strings`);
  }
  return value;
}

function checked<T>(where: string, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof RulesError) throw error;
    throw new RulesError(`${where}: ${(error as Error).message}`);
  }
}

function setEffects(value: unknown): Effect[] {
  if (!Array.isArray(value)) throw new RulesError('"sets" must be a list of { "path": ..., "key": ... }');
  return value.map((entry, index) => {
    const where = `"sets"[${index}]`;
    if (typeof entry !== 'object' || entry === null || typeof entry.path !== 'string') {
      throw new RulesError(`${where} must be an object with a "path" string`);
    }
    const unknown = Object.keys(entry).filter((key) => key !== 'path' && key !== 'key');
    if (unknown.length) throw new RulesError(`${where} has unknown keys: ${unknown.join(', ')}`);
    if (entry.key !== undefined && typeof entry.key !== 'string') {
      throw new RulesError(`${where}.key must be a field name`);
    }
    return { kind: 'set', paths: [entry.path], ...(entry.key ? { key: entry.key } : {}) };
  });
}

/** Reads an ignore file's parsed JSON; throws a RulesError that says what is wrong. */
export function parseRules(file: unknown): CompareRules {
  if (typeof file !== 'object' || file === null || Array.isArray(file)) {
    throw new RulesError('the ignore file must hold a JSON object');
  }
  const known = ['skip', 'sets', 'quirks', 'times'];
  const unknown = Object.keys(file).filter((key) => !known.includes(key));
  if (unknown.length) {
    throw new RulesError(
      `unknown keys in the ignore file: ${unknown.join(', ')} (known: ${known.join(', ')})`,
    );
  }
  const { skip, sets, quirks, times } = file as Record<string, unknown>;
  if (times !== undefined && times !== 'instant' && times !== 'exact') {
    throw new RulesError('"times" must be "instant" or "exact"');
  }
  const rules: CompiledRule[] = [];
  for (const path of skip === undefined ? [] : stringList(skip, '"skip"')) {
    rules.push(checked(`"skip" ${path}`, () => compile({ kind: 'skip', paths: [path] }, `skip ${path}`)));
  }
  for (const effect of sets === undefined ? [] : setEffects(sets)) {
    const path = (effect as { paths: string[] }).paths[0];
    rules.push(checked(`"sets" ${path}`, () => compile(effect, `set ${path}`)));
  }
  for (const name of quirks === undefined ? [] : stringList(quirks, '"quirks"')) {
    const quirk = quirkNamed(name);
    if (!quirk) {
      throw new RulesError(`unknown quirk "${name}" (known: ${QUIRKS.map((q) => q.name).join(', ')})`);
    }
    rules.push(...quirk.effects.map((effect) => compile(effect, `quirk ${name}`)));
  }
  return { timesAsInstants: times !== 'exact', rules };
}

/** The rules of one kind whose paths match `path`. */
export function rulesAt<K extends CompiledRule['kind']>(
  rules: CompareRules,
  kind: K,
  path: Path,
): Extract<CompiledRule, { kind: K }>[] {
  return rules.rules.filter(
    (rule): rule is Extract<CompiledRule, { kind: K }> =>
      rule.kind === kind &&
      'patterns' in rule &&
      rule.patterns.some((pattern) => matchesPattern(pattern, path)),
  );
}

export function errorRules(rules: CompareRules): Extract<CompiledRule, { kind: 'error' }>[] {
  return rules.rules.filter(
    (rule): rule is Extract<CompiledRule, { kind: 'error' }> => rule.kind === 'error',
  );
}
