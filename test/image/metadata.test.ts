import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { labelEntries, normalizeDigest, parseSizeBytes, parseStatus } from '../../src/image/index.ts';

const SHA = `sha256:${'3f'.repeat(32)}`;

describe('labelEntries', () => {
  it.each([
    [
      'keeps stored order',
      [
        { key: 'ai.backend.kernelspec', value: '1' },
        { key: 'ai.backend.features', value: 'batch query uid-match' },
      ],
      [
        { key: 'ai.backend.kernelspec', value: '1' },
        { key: 'ai.backend.features', value: 'batch query uid-match' },
      ],
    ],
    [
      'drops pairs with a null key or value',
      [
        { key: 'broken', value: null },
        { key: null, value: 'x' },
        { key: 'ai.backend.runtime-type', value: 'python' },
      ],
      [{ key: 'ai.backend.runtime-type', value: 'python' }],
    ],
    ['keeps an empty value', [{ key: 'maintainer', value: '' }], [{ key: 'maintainer', value: '' }]],
    ['no labels', null, []],
  ])('%s', (_name, labels, entries) => expect(labelEntries(labels)).toEqual(entries));
});

describe('normalizeDigest', () => {
  it.each([
    ['the native pad space', `${SHA} `, SHA],
    ['several pad spaces', `${SHA}       `, SHA],
    ['an already trimmed digest', SHA, SHA],
    ['blanks only', '   ', null],
    ['empty', '', null],
    ['null', null, null],
  ])('%s', (_name, digest, expected) => expect(normalizeDigest(digest)).toBe(expected));
});

describe('parseSizeBytes', () => {
  it.each([
    ['a JSON number', 12345678, 12345678],
    ['2 GiB, beyond the native 32-bit Int', 2 ** 31, 2147483648],
    ['above 2^32', 9876543210, 9876543210],
    ['a string of digits', '32212254720', 32212254720],
    ['the largest exact size', Number.MAX_SAFE_INTEGER, 2 ** 53 - 1],
    ['zero', 0, 0],
    ['null (the column default)', null, 0],
  ])('%s', (_name, size, bytes) => expect(parseSizeBytes(size)).toBe(bytes));

  it.each([
    ['negative', -1],
    ['fractional', 12.5],
    ['not digits', '12x'],
    ['an exponent', '1e9'],
    ['signed', '+12'],
    ['padded', ' 12'],
    ['beyond 2^53, no longer exact', 2 ** 60],
    ['a string beyond 2^53', '9007199254740993'],
  ])('refuses %s', (_name, size) => {
    expect(() => parseSizeBytes(size)).toThrow(GraphQLError);
    expect(() => parseSizeBytes(size)).toThrow(/size_bytes .* is not a byte count below 2\^53/);
  });
});

describe('parseStatus', () => {
  it.each([
    ['ALIVE', 'ALIVE'],
    ['DELETED', 'DELETED'],
    [null, 'ALIVE'],
  ])('%j -> %s', (status, expected) => expect(parseStatus(status)).toBe(expected));

  it.each(['PURGED', 'alive', ''])('refuses %j, naming it', (status) => {
    expect(() => parseStatus(status)).toThrow(
      `(status ${JSON.stringify(status)} is neither ALIVE nor DELETED)`,
    );
  });
});
