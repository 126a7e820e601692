/** How the native manager renders a row, reads times and reads a 26.2 request body (pure). */
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/sandbox/data/generate.ts';
import { IsoformatError, parseIsoformat, pythonIsoformat } from '../../src/sandbox/native-v2/datetimes.ts';
import { NATIVE_TRAITS } from '../../src/sandbox/native-v2/index.ts';
import { readStrawberryBody } from '../../src/sandbox/native-v2/request-body.ts';
import {
  acceleratorList,
  aliasRowId,
  nativeResourceLimits,
  platformTags,
  toNativeImage,
} from '../../src/sandbox/native-v2/values.ts';
import { PythonError } from '../../src/sandbox/python-compat.ts';

describe('pythonIsoformat', () => {
  it.each([
    ['whole seconds', '2024-01-08T09:00:00.000Z', '2024-01-08T09:00:00+00:00'],
    ['milliseconds as microseconds', '2024-01-08T09:00:00.120Z', '2024-01-08T09:00:00.120000+00:00'],
    ['another offset, in UTC', '2024-01-08T18:00:00+09:00', '2024-01-08T09:00:00+00:00'],
  ])('%s', (_name, iso, python) => expect(pythonIsoformat(iso)).toBe(python));
});

describe('parseIsoformat (datetime.fromisoformat)', () => {
  it.each([
    ['a date', '2024-01-08', '2024-01-08T00:00:00.000Z'],
    ['a naive time as UTC', '2024-01-08T09:30', '2024-01-08T09:30:00.000Z'],
    ['Z', '2024-01-08T09:30:00Z', '2024-01-08T09:30:00.000Z'],
    ['an offset', '2024-01-08T09:30:00.5+09:00', '2024-01-08T00:30:00.500Z'],
    ['a space separator', '2024-01-08 09:30:00', '2024-01-08T09:30:00.000Z'],
  ])('%s', (_name, text, iso) => expect(parseIsoformat(text)).toBe(Date.parse(iso)));

  it.each([['yesterday'], ['2024-02-30'], ['2024-01-08T25:00']])('refuses %s as Python does', (text) => {
    expect(() => parseIsoformat(text)).toThrow(new IsoformatError(`Invalid isoformat string: '${text}'`));
  });
});

describe('platformTags (PlatformTagSet)', () => {
  it.each([
    ['3.9-ubuntu20.04', [{ key: 'ubuntu', value: '20.04' }]],
    [
      '2.0-py311-cuda12.1',
      [
        { key: 'py', value: '311' },
        { key: 'cuda', value: '12.1' },
      ],
    ],
    ['latest', []],
    [
      '24.01-tf2-py3',
      [
        { key: 'tf', value: '2' },
        { key: 'py', value: '3' },
      ],
    ],
    [
      '3.9-ubuntu20.04-customized_9f3a',
      [
        { key: 'ubuntu', value: '20.04' },
        { key: 'customized_', value: '9f3a' },
      ],
    ],
  ])('%s', (tag, pairs) => expect(platformTags(tag, 'stable/python')).toEqual(pairs));

  it.each([
    ['a piece that does not parse', '1.0-py3-9x', "('9x', '3')"],
    ['a key given twice', '1.0-py3-py311', "('py311', '311')"],
    ['a first piece that does not parse names the image', '1.0-.x', "('.x', 'stable/python')"],
  ])('fails the query on %s', (_name, tag, message) => {
    expect(() => platformTags(tag, 'stable/python')).toThrow(new PythonError(message));
  });
});

describe('acceleratorList', () => {
  it.each([
    ['a stored list', 'cuda,rocm', [], ['cuda', 'rocm']],
    ['spaces and empty pieces dropped', ' cuda, ,rocm ', [], ['cuda', 'rocm']],
    ['none stored, 26.2-26.4.8', null, [], []],
    ['none stored, 26.4.9+', null, ['*'], ['*']],
    ['a blank text is stored, so not the default', ' ', ['*'], []],
  ])('%s', (_name, stored, fallback, list) => expect(acceleratorList(stored, fallback)).toEqual(list));
});

describe('a dataset row as each release renders it', () => {
  const dataset = generateDataset({ images: 60 });
  const withCustomMax = dataset.images.find((row) => row.resources.cpu?.max != null)!;
  const plain = dataset.images.find(
    (row) => Object.keys(row.resources).length === 0 && row.accelerators === null,
  )!;

  it('prints an unset maximum as None on 26.2 and Infinity from 26.4, and a custom one as stored', () => {
    expect(nativeResourceLimits(plain, 'None').every((limit) => limit.max === 'None')).toBe(true);
    expect(nativeResourceLimits(plain, 'Infinity').every((limit) => limit.max === 'Infinity')).toBe(true);
    const cpu = nativeResourceLimits(withCustomMax, 'None').find((limit) => limit.key === 'cpu');
    expect(cpu?.max).toBe(withCustomMax.resources.cpu?.max);
  });

  it.each(['26.2', '26.4', '26.8'] as const)(
    '%s: untrimmed digest, raw size, isoformat times, no permission',
    (release) => {
      const native = toNativeImage(plain, NATIVE_TRAITS[release]);
      expect(native.metadata.digest).toHaveLength(72);
      expect(native.metadata.digest.endsWith(' ')).toBe(true);
      expect(native.metadata.sizeBytes).toBe(plain.sizeBytes);
      expect(native.metadata.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?\+00:00$/);
      expect(native.permission).toBeNull();
      expect(native.identity).toEqual({
        canonicalName: plain.name,
        namespace: plain.image,
        architecture: plain.architecture,
      });
      expect(native.id).toBe(Buffer.from(`ImageV2:${plain.id}`).toString('base64'));
    },
  );

  it('has no last use on 26.2; from 26.4 the creation time stands in for an image never used', () => {
    const unused = dataset.images.find((row) => row.lastUsedAt === null)!;
    expect(toNativeImage(unused, NATIVE_TRAITS['26.2']).lastUsed).toBeNull();
    const native = toNativeImage(unused, NATIVE_TRAITS['26.4']);
    expect(native.lastUsed).toBe(pythonIsoformat(unused.createdAt));
    expect(native.metadata.lastUsedAt).toBe(native.metadata.createdAt);
  });
});

describe('aliasRowId', () => {
  it('is a version-5-shaped uuid, the same for the same image and alias', () => {
    const id = aliasRowId('00000000-0000-4000-8000-000000000001', 'python');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(aliasRowId('00000000-0000-4000-8000-000000000001', 'python')).toBe(id);
    expect(aliasRowId('00000000-0000-4000-8000-000000000001', 'python3')).not.toBe(id);
  });
});

describe('readStrawberryBody (26.2)', () => {
  it('reads query, variables and operationName, and allows extensions', () => {
    expect(
      readStrawberryBody(
        'application/json',
        JSON.stringify({ query: '{ a }', variables: { x: 1 }, operationName: 'A', extensions: { p: 1 } }),
      ),
    ).toEqual({ query: '{ a }', variables: { x: 1 }, operationName: 'A' });
  });

  it.each([
    ['another content type', 'text/plain', '{"query": "{ a }"}', 'Unsupported content type'],
    ['bad JSON', 'application/json', '{', 'Unable to parse request body as JSON'],
    ['a JSON scalar', 'application/json', '5', 'Unable to parse request body as JSON'],
    ['a batch', 'application/json', '[]', 'Batching is not enabled'],
    [
      'a query that is no string',
      'application/json',
      '{"query": 5}',
      "The GraphQL operation's `query` must be a string or null, if provided.",
    ],
    [
      'variables that are no object',
      'application/json',
      '{"query": "{ a }", "variables": [1]}',
      "The GraphQL operation's `variables` must be an object or null, if provided.",
    ],
    [
      'extensions that are no object',
      'application/json',
      '{"query": "{ a }", "extensions": 1}',
      "The GraphQL operation's `extensions` must be an object or null, if provided.",
    ],
    ['no query', 'application/json', '{"variables": {}}', 'No GraphQL query found in the request'],
  ])('refuses %s', (_name, contentType, body, refusal) => {
    expect(readStrawberryBody(contentType, body)).toEqual({ refusal });
  });
});
