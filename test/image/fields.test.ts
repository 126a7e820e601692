import { describe, expect, it } from 'vitest';
import {
  canonicalName,
  labelEntries,
  normalizeDigest,
  parseSizeBytes,
  parseStatus,
  parseTags,
  resourceLimits,
  supportedAccelerators,
} from '../../src/image/index.ts';

describe('parseTags', () => {
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
      '22.04-cuda12.1.0-cudnn8',
      [
        { key: 'cuda', value: '12.1.0' },
        { key: 'cudnn', value: '8' },
      ],
    ],
    ['1.0-hpc', [{ key: 'hpc', value: '' }]],
    [
      '23.08-py3-tf2.13',
      [
        { key: 'py', value: '3' },
        { key: 'tf', value: '2.13' },
      ],
    ],
    ['1.0--ubuntu22.04', [{ key: 'ubuntu', value: '22.04' }]],
    ['20240101', []],
    ['1.0-2024', [{ key: '2024', value: '' }]],
    ['1.0-cuda11-cuda12', [{ key: 'cuda', value: '11' }]],
    [null, []],
  ])('%s', (tag, entries) => {
    expect(parseTags(tag)).toEqual(entries);
  });
});

describe('canonicalName', () => {
  it('joins registry, namespace and tag', () => {
    expect(
      canonicalName({ registry: 'cr.backend.ai', namespace: 'stable/python', tag: '3.9-ubuntu20.04' }),
    ).toBe('cr.backend.ai/stable/python:3.9-ubuntu20.04');
  });
});

describe('labelEntries', () => {
  it('keeps complete pairs in order and drops null ones', () => {
    expect(
      labelEntries([
        { key: 'ai.backend.kernelspec', value: '1' },
        { key: 'broken', value: null },
        { key: 'ai.backend.features', value: 'batch query' },
      ]),
    ).toEqual([
      { key: 'ai.backend.kernelspec', value: '1' },
      { key: 'ai.backend.features', value: 'batch query' },
    ]);
    expect(labelEntries(null)).toEqual([]);
  });
});

describe('normalizeDigest', () => {
  it.each([
    [`sha256:${'a'.repeat(64)} `, `sha256:${'a'.repeat(64)}`],
    ['  ', null],
    ['', null],
    [null, null],
  ])('%j -> %j', (digest, expected) => expect(normalizeDigest(digest)).toBe(expected));
});

describe('parseSizeBytes', () => {
  it.each([
    [12345678, 12345678],
    [2 ** 31, 2 ** 31],
    [9876543210, 9876543210],
    ['32212254720', 32212254720],
    [null, 0],
  ])('%j -> %j', (size, expected) => expect(parseSizeBytes(size)).toBe(expected));

  it.each([[-1], ['12x'], [2 ** 60]])('refuses %j', (size) => expect(() => parseSizeBytes(size)).toThrow());
});

describe('parseStatus', () => {
  it.each([
    ['ALIVE', 'ALIVE'],
    ['DELETED', 'DELETED'],
    [null, 'ALIVE'],
  ])('%j -> %s', (status, expected) => expect(parseStatus(status)).toBe(expected));
  it('refuses an unknown status', () => expect(() => parseStatus('PURGED')).toThrow(/PURGED/));
});

describe('resourceLimits', () => {
  it('sorts by slot, keeps the legacy minimum and says Infinity without a known maximum', () => {
    expect(
      resourceLimits([
        { key: 'mem', min: '1g', max: 'Infinity' },
        { key: 'cuda.shares', min: '0.1', max: 'Infinity' },
        { key: 'cpu', min: '1', max: 'Infinity' },
      ]),
    ).toEqual([
      { key: 'cpu', min: '1', max: 'Infinity' },
      { key: 'cuda.shares', min: '0.1', max: 'Infinity' },
      { key: 'mem', min: '1g', max: 'Infinity' },
    ]);
  });

  it('adds cpu and mem with the manager floor when missing', () => {
    expect(resourceLimits([{ key: 'cuda.device', min: '1', max: null }])).toEqual([
      { key: 'cpu', min: '1', max: 'Infinity' },
      { key: 'cuda.device', min: '1', max: 'Infinity' },
      { key: 'mem', min: '1073741824', max: 'Infinity' },
    ]);
    expect(resourceLimits(null).map((limit) => limit.key)).toEqual(['cpu', 'mem']);
  });

  it('uses a custom maximum a richer source knows', () => {
    const limits = resourceLimits([{ key: 'cpu', min: '1', max: 'Infinity' }], {
      cpu: '4',
      mem: '4294967296',
    });
    expect(limits).toEqual([
      { key: 'cpu', min: '1', max: '4' },
      { key: 'mem', min: '1073741824', max: '4294967296' },
    ]);
  });

  it("reads the 26.2-26.3 'None' maximum as no maximum", () => {
    expect(resourceLimits([{ key: 'cpu', min: '2', max: 'None' }])[0]).toEqual({
      key: 'cpu',
      min: '2',
      max: 'Infinity',
    });
  });
});

describe('supportedAccelerators', () => {
  it.each([
    [['cuda'], ['cuda']],
    [
      ['cuda', 'rocm'],
      ['cuda', 'rocm'],
    ],
    [[], ['*']],
    [null, ['*']],
    [[null, ''], ['*']],
  ])('%j -> %j', (stored, expected) => expect(supportedAccelerators(stored)).toEqual(expected));
});
