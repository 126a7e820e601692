/**
 * Allow-lists: the deliberate deviations of a profile from its references, each with the reason it is
 * deliberate. An entry matches one change exactly, by the change's kind and path, so it never hides
 * another change at the same place (allowing `sizeBytes` to change type does not allow removing it).
 *
 * The file's data (YAML or JSON, parsed by the caller):
 *   allow:
 *     - change: FIELD_TYPE_CHANGED
 *       path: ImageMetadataInfo.sizeBytes
 *       reason: why the deviation is deliberate
 */
import { type Change, ChangeType } from '@graphql-inspector/core';

export interface Allowance {
  /** A GraphQL Inspector change type, such as `FIELD_TYPE_CHANGED`. */
  change: string;
  /** The change's path, such as `ImageMetadataInfo.sizeBytes`. */
  path: string;
  reason: string;
}

export class AllowListError extends Error {
  constructor(origin: string, problems: string[]) {
    super(`${origin} is not a valid allow-list:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'AllowListError';
  }
}

const CHANGE_TYPES = new Set<string>(Object.values(ChangeType));
const ENTRY_KEYS = new Set(['change', 'path', 'reason']);

function entryProblems(entry: unknown, at: string): string[] {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return [`${at} must be a mapping with change, path and reason`];
  }
  const problems: string[] = [];
  const record = entry as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!ENTRY_KEYS.has(key)) problems.push(`${at} has an unknown key "${key}"`);
  }
  for (const key of ENTRY_KEYS) {
    const value = record[key];
    if (typeof value !== 'string' || value.trim() === '') problems.push(`${at} needs a non-empty ${key}`);
  }
  const change = record.change;
  if (typeof change === 'string' && change.trim() !== '' && !CHANGE_TYPES.has(change)) {
    problems.push(
      `${at} has an unknown change type "${change}" (GraphQL Inspector's names, e.g. FIELD_REMOVED)`,
    );
  }
  return problems;
}

/** Checks the parsed data of an allow-list file; `origin` names the file in error messages. */
export function parseAllowList(data: unknown, origin: string): Allowance[] {
  const list = (data as { allow?: unknown } | null)?.allow;
  if (typeof data !== 'object' || data === null || !Array.isArray(list)) {
    throw new AllowListError(origin, ['the file must hold a mapping with an "allow" list']);
  }
  const extra = Object.keys(data).filter((key) => key !== 'allow');
  const problems = [
    ...extra.map((key) => `unknown top-level key "${key}"`),
    ...list.flatMap((entry, index) => entryProblems(entry, `entry ${index + 1}`)),
  ];
  if (problems.length > 0) throw new AllowListError(origin, problems);
  return list.map((entry: Allowance) => ({
    change: entry.change,
    path: entry.path,
    reason: entry.reason.trim(),
  }));
}

export function allowanceFor(change: Pick<Change, 'type' | 'path'>, list: Allowance[]): Allowance | null {
  return list.find((entry) => entry.change === change.type && entry.path === change.path) ?? null;
}
