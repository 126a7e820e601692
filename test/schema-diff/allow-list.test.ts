import { describe, expect, it } from 'vitest';
import {
  allowanceFor,
  type DiffReport,
  formatReport,
  parseAllowList,
  reportJson,
} from '../../src/schema-diff/index.ts';

const ENTRY = { change: 'FIELD_TYPE_CHANGED', path: 'ImageMetadataInfo.sizeBytes', reason: ' 64-bit sizes ' };

describe('parseAllowList', () => {
  it('reads entries and trims their reasons', () => {
    expect(parseAllowList({ allow: [ENTRY] }, 'a.yaml')).toEqual([{ ...ENTRY, reason: '64-bit sizes' }]);
  });

  it('reads an empty list', () => {
    expect(parseAllowList({ allow: [] }, 'a.yaml')).toEqual([]);
  });

  it.each([
    ['no allow list', {}, /must hold a mapping with an "allow" list/],
    ['a list at the top', [ENTRY], /must hold a mapping with an "allow" list/],
    ['an unknown top-level key', { allow: [], deny: [] }, /unknown top-level key "deny"/],
    [
      'an entry without a reason',
      { allow: [{ ...ENTRY, reason: undefined }] },
      /entry 1 needs a non-empty reason/,
    ],
    [
      'an entry with a blank reason',
      { allow: [{ ...ENTRY, reason: '  ' }] },
      /entry 1 needs a non-empty reason/,
    ],
    ['an entry without a path', { allow: [{ ...ENTRY, path: undefined }] }, /entry 1 needs a non-empty path/],
    [
      'an unknown change type',
      { allow: [{ ...ENTRY, change: 'FIELD_GONE' }] },
      /unknown change type "FIELD_GONE"/,
    ],
    ['an unknown entry key', { allow: [{ ...ENTRY, why: 'x' }] }, /entry 1 has an unknown key "why"/],
    ['an entry that is not a mapping', { allow: ['FIELD_REMOVED'] }, /entry 1 must be a mapping/],
  ])('refuses %s, naming the file', (_name, data, message) => {
    expect(() => parseAllowList(data, 'schema/allow-x.yaml')).toThrow(message);
    expect(() => parseAllowList(data, 'schema/allow-x.yaml')).toThrow(
      /schema\/allow-x\.yaml is not a valid allow-list/,
    );
  });
});

describe('allowanceFor', () => {
  const list = parseAllowList({ allow: [ENTRY] }, 'a.yaml');
  it.each([
    ['the same kind and path', { type: 'FIELD_TYPE_CHANGED', path: 'ImageMetadataInfo.sizeBytes' }, true],
    ['another kind at the path', { type: 'FIELD_REMOVED', path: 'ImageMetadataInfo.sizeBytes' }, false],
    [
      'the kind at another path',
      { type: 'FIELD_TYPE_CHANGED', path: 'ImageV2MetadataInfo.sizeBytes' },
      false,
    ],
    [
      'a path that only starts the same',
      { type: 'FIELD_TYPE_CHANGED', path: 'ImageMetadataInfo.size' },
      false,
    ],
  ])('matches %s: %s', (_name, change, matches) => {
    expect(allowanceFor(change, list) !== null).toBe(matches);
  });
});

describe('formatReport and reportJson', () => {
  const change = (
    level: 'breaking' | 'dangerous' | 'safe',
    path: string,
    allowedBecause: string | null = null,
  ) => ({
    level,
    type: 'FIELD_TYPE_CHANGED',
    path,
    message: `${path} changed`,
    why: level === 'safe' ? null : 'clients may break',
    allowedBecause,
  });
  const report: DiffReport = {
    scope: 'reference',
    breaking: [change('breaking', 'A.b')],
    dangerous: [change('dangerous', 'A.c')],
    safe: [change('safe', 'A.d')],
    allowed: [change('breaking', 'A.e', 'deliberate')],
    unmatched: [{ change: 'FIELD_REMOVED', path: 'A.f', reason: 'old' }],
    ok: false,
  };
  const labels = {
    schema: 'served schema (profile release)',
    against: 'ref.graphql',
    allowList: 'allow.yaml',
  };

  it('prints each group with its reasons and ends with the verdict', () => {
    const text = formatReport(report, labels);
    expect(text.split('\n')).toEqual([
      'schema diff: served schema (profile release) against ref.graphql (scope: reference)',
      'allow-list: allow.yaml',
      'BREAKING (1):',
      '  FIELD_TYPE_CHANGED A.b: A.b changed',
      '      clients may break',
      'dangerous (1):',
      '  FIELD_TYPE_CHANGED A.c: A.c changed',
      '      clients may break',
      'allowed (1):',
      '  FIELD_TYPE_CHANGED A.e: A.e changed',
      '      allowed: deliberate',
      'safe (1):',
      '  FIELD_TYPE_CHANGED A.d: A.d changed',
      'allow-list entries that matched nothing here (1):',
      '  FIELD_REMOVED A.f',
      'FAILED: 1 breaking change not in the allow-list',
    ]);
  });

  it('says OK when nothing breaking is left', () => {
    expect(formatReport({ ...report, breaking: [], ok: true }, labels)).toMatch(
      /\nOK: no breaking change outside the allow-list$/,
    );
  });

  it('gives the same report as JSON with what was compared', () => {
    expect(JSON.parse(reportJson(report, labels))).toEqual({ ...labels, ...report });
  });
});
