/**
 * Comparing a schema (the one served, or any other) with a reference, with GraphQL Inspector: every change
 * from the reference to the schema, classified breaking, dangerous or safe by Inspector's rules, then
 * checked against the profile's allow-list. Description changes are left out (the gateway words its own
 * descriptions); additions inside an added type are folded into the type's addition.
 */
import { type Change, CriticalityLevel, DiffRule, diff } from '@graphql-inspector/core';
import { buildASTSchema } from 'graphql';
import { type Allowance, allowanceFor } from './allow-list.ts';
import { comparableSchema, type SchemaInput } from './comparable.ts';
import { restrictToReference } from './footprint.ts';

/** `reference`: what the reference defines (see footprint.ts); `full`: both whole schemas. */
export type DiffScope = 'reference' | 'full';

export type Level = 'breaking' | 'dangerous' | 'safe';

export interface SchemaChange {
  level: Level;
  type: string;
  path: string | null;
  message: string;
  /** Inspector's reason for a breaking or dangerous change. */
  why: string | null;
  /** The allow-list's reason, when the change is allow-listed. */
  allowedBecause: string | null;
}

export interface DiffReport {
  scope: DiffScope;
  /** Breaking changes not in the allow-list: any of these fails the check. */
  breaking: SchemaChange[];
  dangerous: SchemaChange[];
  safe: SchemaChange[];
  /** Breaking and dangerous changes the allow-list accepts, with its reasons. */
  allowed: SchemaChange[];
  /** Allow-list entries that matched nothing: stale, or meant for another reference. */
  unmatched: Allowance[];
  ok: boolean;
}

const LEVELS: Record<CriticalityLevel, Level> = {
  [CriticalityLevel.Breaking]: 'breaking',
  [CriticalityLevel.Dangerous]: 'dangerous',
  [CriticalityLevel.NonBreaking]: 'safe',
};

function classify(change: Change, allowList: Allowance[]): SchemaChange {
  const level = LEVELS[change.criticality.level];
  const allowance = level === 'safe' ? null : allowanceFor(change, allowList);
  return {
    level,
    type: change.type,
    path: change.path ?? null,
    message: change.message,
    why: change.criticality.reason ?? null,
    allowedBecause: allowance?.reason ?? null,
  };
}

/** Splits classified changes into the report's groups; the check fails on a breaking change not allowed. */
export function reportOf(changes: SchemaChange[], allowList: Allowance[], scope: DiffScope): DiffReport {
  const allowed = changes.filter((change) => change.allowedBecause !== null);
  const open = (level: Level) =>
    changes.filter((change) => change.level === level && change.allowedBecause === null);
  const breaking = open('breaking');
  return {
    scope,
    breaking,
    dangerous: open('dangerous'),
    safe: open('safe'),
    allowed,
    unmatched: allowList.filter(
      (entry) => !allowed.some((change) => change.type === entry.change && change.path === entry.path),
    ),
    ok: breaking.length === 0,
  };
}

export async function compareSchemas(
  schema: SchemaInput,
  reference: SchemaInput,
  options: { scope?: DiffScope; allowList?: Allowance[] } = {},
): Promise<DiffReport> {
  const scope = options.scope ?? 'reference';
  const allowList = options.allowList ?? [];
  const before = comparableSchema(reference);
  const whole = comparableSchema(schema);
  const after =
    scope === 'full' ? whole : buildASTSchema(restrictToReference(whole, before), { assumeValidSDL: true });
  const changes = await diff(before, after, [DiffRule.ignoreDescriptionChanges, DiffRule.simplifyChanges]);
  return reportOf(
    changes.map((change) => classify(change, allowList)),
    allowList,
    scope,
  );
}
