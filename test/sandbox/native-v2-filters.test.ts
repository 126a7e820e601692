/** The native manager's StringFilter, LIKE and image/alias filters, release by release (pure). */
import { describe, expect, it } from 'vitest';
import type { SandboxImage } from '../../src/sandbox/data/types.ts';
import {
  type AliasFilterInput,
  aliasConditions,
  allOf,
  type ImageFilterInput,
  imageConditions,
} from '../../src/sandbox/native-v2/filters.ts';
import { NATIVE_TRAITS, type NativeRelease } from '../../src/sandbox/native-v2/index.ts';
import {
  firstStringOperation,
  LikePatternError,
  likeMatcher,
  stringCondition,
} from '../../src/sandbox/native-v2/string-filter.ts';
import type { AliasRow } from '../../src/sandbox/native-v2/values.ts';

describe('firstStringOperation: only the first operation set applies', () => {
  const strict = { emptyStringIsNoOperation: false };
  it.each([
    ['equals before contains', { contains: 'py', equals: 'x' }, { kind: 'equals', value: 'x' }],
    ['iEquals before notEquals', { notEquals: 'a', iEquals: 'B' }, { kind: 'equals', caseInsensitive: true }],
    ['notEquals before contains', { contains: 'a', notEquals: 'b' }, { kind: 'equals', negated: true }],
    ['contains before startsWith', { startsWith: 'a', contains: 'b' }, { kind: 'contains', value: 'b' }],
    [
      'iNotContains before startsWith',
      { startsWith: 'a', iNotContains: 'b' },
      { kind: 'contains', negated: true },
    ],
    ['startsWith before endsWith', { endsWith: 'a', startsWith: 'b' }, { kind: 'startsWith' }],
    ['endsWith before in', { in: ['a'], endsWith: 'b' }, { kind: 'endsWith' }],
    ['in before iIn', { iIn: ['a'], in: ['b'] }, { kind: 'in', value: ['b'], caseInsensitive: false }],
    ['notIn before iIn', { iIn: ['a'], notIn: ['b'] }, { kind: 'in', negated: true }],
    ['nulls are unset', { equals: null, contains: 'x' }, { kind: 'contains' }],
  ])('%s', (_name, filter, expected) => {
    expect(firstStringOperation(filter, strict)).toMatchObject(expected);
  });

  it('takes an empty string from 26.4, skips it on 26.2 (which tests truth)', () => {
    const filter = { equals: '', contains: 'py' };
    expect(firstStringOperation(filter, { emptyStringIsNoOperation: false })).toMatchObject({
      kind: 'equals',
      value: '',
    });
    expect(firstStringOperation(filter, { emptyStringIsNoOperation: true })).toMatchObject({
      kind: 'contains',
    });
  });

  it('is null when nothing is set', () => expect(firstStringOperation({}, strict)).toBeNull());
});

describe('likeMatcher: the value goes into LIKE unescaped', () => {
  it.each([
    ['% matches any run', '%py%', 'stable/pytorch', true],
    ['_ matches one character', 'py_hon', 'python', true],
    ['_ needs exactly one', 'py_hon', 'pyhon', false],
    ['a backslash escapes %', '50\\%', '50%', true],
    ['an escaped % is literal', '50\\%', '500', false],
    ['regex characters are plain', 'a.b', 'axb', false],
    ['anchored at both ends', 'py', 'xpy', false],
  ])('%s', (_name, pattern, text, matches) => expect(likeMatcher(pattern, false)(text)).toBe(matches));

  it('ILIKE ignores case', () => expect(likeMatcher('%TORCH%', true)('pytorch')).toBe(true));

  it('fails as PostgreSQL does when the pattern ends with the escape character, once a row is compared', () => {
    const match = likeMatcher('abc\\', false);
    expect(() => match('abc')).toThrow(LikePatternError);
  });

  it('makes contains with a wildcard in the value match more than the text', () => {
    const containsUnderscore = stringCondition({
      kind: 'contains',
      value: '_',
      caseInsensitive: false,
      negated: false,
    });
    expect(containsUnderscore('python')).toBe(true);
  });
});

const image = (overrides: Partial<SandboxImage>): SandboxImage => ({
  id: '00000000-0000-4000-8000-000000000001',
  name: 'cr.backend.ai/stable/python:3.11-ubuntu22.04',
  registryId: 'aaaaaaaa-0000-4000-8000-000000000000',
  registry: 'cr.backend.ai',
  project: 'stable',
  image: 'stable/python',
  tag: '3.11-ubuntu22.04',
  architecture: 'x86_64',
  configDigest: 'sha256:00 ',
  sizeBytes: 1,
  isLocal: false,
  type: 'COMPUTE',
  accelerators: null,
  labels: {},
  resources: {},
  status: 'ALIVE',
  createdAt: '2024-01-01T00:00:00.000Z',
  lastUsedAt: null,
  aliases: [],
  installedAgents: [],
  ...overrides,
});

const ROWS: Record<string, SandboxImage> = {
  python: image({}),
  torchArm: image({
    id: '00000000-0000-4000-8000-000000000002',
    name: 'cr.backend.ai/stable/pytorch:2.1-py311-cuda12.1',
    architecture: 'aarch64',
    registryId: 'bbbbbbbb-0000-4000-8000-000000000000',
    aliases: ['pytorch'],
    lastUsedAt: '2024-06-01T00:00:00.000Z',
  }),
  deleted: image({
    id: '00000000-0000-4000-8000-000000000003',
    name: 'cr.backend.ai/community/ssh:latest',
    status: 'DELETED',
    aliases: ['ssh'],
  }),
};

const matching = (filter: ImageFilterInput, release: NativeRelease) => {
  const passes = allOf(imageConditions(filter, NATIVE_TRAITS[release]));
  return Object.entries(ROWS)
    .filter(([, row]) => passes(row))
    .map(([name]) => name);
};

describe('imageConditions', () => {
  it.each<[string, NativeRelease, ImageFilterInput, string[]]>([
    ['a name operation', '26.4', { name: { contains: 'py' } }, ['python', 'torchArm']],
    ['only the first name operation', '26.4', { name: { equals: 'nothing', contains: 'py' } }, []],
    ['an empty equals on 26.4', '26.4', { name: { equals: '', contains: 'py' } }, []],
    [
      'an empty equals skipped on 26.2',
      '26.2',
      { name: { equals: '', contains: 'py' } },
      ['python', 'torchArm'],
    ],
    ['the status list on 26.2', '26.2', { status: ['DELETED'] }, ['deleted']],
    [
      'an empty status list on 26.2 is no condition',
      '26.2',
      { status: [] },
      ['python', 'torchArm', 'deleted'],
    ],
    [
      'status operators ANDed',
      '26.4',
      { status: { in: ['ALIVE', 'DELETED'], notEquals: 'ALIVE' } },
      ['deleted'],
    ],
    // OR takes every condition of every item into one OR: {name, architecture} is not one alternative.
    [
      'OR flattens its items',
      '26.4',
      { OR: [{ name: { contains: 'ssh' }, architecture: { equals: 'aarch64' } }] },
      ['torchArm', 'deleted'],
    ],
    // NOT negates the AND of every condition of every item.
    [
      'NOT negates all items together',
      '26.4',
      { NOT: [{ name: { contains: 'py' } }, { architecture: { equals: 'x86_64' } }] },
      ['torchArm', 'deleted'],
    ],
    [
      'AND adds every condition',
      '26.2',
      { AND: [{ name: { contains: 'py' } }, { status: ['ALIVE'] }] },
      ['python', 'torchArm'],
    ],
    ['an empty OR adds nothing', '26.4', { OR: [] }, ['python', 'torchArm', 'deleted']],
    ['an alias', '26.4', { alias: { alias: { equals: 'pytorch' } } }, ['torchArm']],
    // notEquals is NOT EXISTS(alias = x): images without any alias match too.
    [
      'a negated alias means no such alias',
      '26.4',
      { alias: { alias: { notEquals: 'pytorch' } } },
      ['python', 'deleted'],
    ],
    [
      'lastUsed before (never used counts as created)',
      '26.4',
      { lastUsed: { before: Date.parse('2024-03-01T00:00:00Z') } },
      ['python', 'deleted'],
    ],
    ['lastUsed after', '26.8', { lastUsed: { after: Date.parse('2024-03-01T00:00:00Z') } }, ['torchArm']],
    [
      'registryId equals',
      '26.4',
      { registryId: { equals: 'bbbbbbbb-0000-4000-8000-000000000000' } },
      ['torchArm'],
    ],
    [
      'registryId notEquals ignored on 26.4.0',
      '26.4',
      { registryId: { notEquals: 'bbbbbbbb-0000-4000-8000-000000000000' } },
      ['python', 'torchArm', 'deleted'],
    ],
    [
      'registryId notEquals on 26.8',
      '26.8',
      { registryId: { notEquals: 'bbbbbbbb-0000-4000-8000-000000000000' } },
      ['python', 'deleted'],
    ],
    [
      'an empty registryId in is no condition on 26.4.0',
      '26.4',
      { registryId: { in: [] } },
      ['python', 'torchArm', 'deleted'],
    ],
    ['an empty registryId in matches nothing on 26.8', '26.8', { registryId: { in: [] } }, []],
    ['id on 26.8', '26.8', { id: { in: ['00000000-0000-4000-8000-000000000003'] } }, ['deleted']],
    [
      'id is no filter before 26.4.4',
      '26.4',
      { id: { equals: '00000000-0000-4000-8000-000000000003' } },
      ['python', 'torchArm', 'deleted'],
    ],
  ])('%s (%s)', (_name, release, filter, expected) => expect(matching(filter, release)).toEqual(expected));
});

describe('aliasConditions', () => {
  const rows: AliasRow[] = [
    { id: 'a1', alias: 'python', imageId: 'i1' },
    { id: 'a2', alias: 'pytorch', imageId: 'i2' },
  ];
  const matchingAliases = (filter: AliasFilterInput, release: NativeRelease) =>
    rows.filter(allOf(aliasConditions(filter, NATIVE_TRAITS[release]))).map((row) => row.alias);

  it.each<[string, NativeRelease, AliasFilterInput, string[]]>([
    ['alias startsWith', '26.2', { alias: { startsWith: 'pyto' } }, ['pytorch']],
    ['imageId equals from 26.4', '26.4', { imageId: { equals: 'i1' } }, ['python']],
    ['imageId, only equals before in', '26.8', { imageId: { equals: 'i1', in: ['i2'] } }, ['python']],
    [
      'OR of aliases',
      '26.4',
      { OR: [{ alias: { equals: 'python' } }, { alias: { equals: 'pytorch' } }] },
      ['python', 'pytorch'],
    ],
  ])('%s (%s)', (_name, release, filter, expected) =>
    expect(matchingAliases(filter, release)).toEqual(expected),
  );
});
