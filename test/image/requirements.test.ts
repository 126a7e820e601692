import { describe, expect, it } from 'vitest';
import { normalizeMaximum, resourceLimits, supportedAccelerators } from '../../src/image/index.ts';

describe('normalizeMaximum', () => {
  it.each([
    ['4', '4'],
    ['4294967296', '4294967296'],
    ['Infinity', 'Infinity'],
    ['None', 'Infinity'],
    ['', 'Infinity'],
    [null, 'Infinity'],
    [undefined, 'Infinity'],
  ])('%j -> %s', (max, expected) => expect(normalizeMaximum(max)).toBe(expected));
});

describe('resourceLimits', () => {
  it.each([
    [
      'sorts by slot and keeps the raw minimum',
      [
        { key: 'mem', min: '1g', max: 'Infinity' },
        { key: 'cuda.shares', min: '0.1', max: 'Infinity' },
        { key: 'cpu', min: '1', max: 'Infinity' },
        { key: 'cuda.device', min: '1', max: 'Infinity' },
      ],
      {},
      [
        { key: 'cpu', min: '1', max: 'Infinity' },
        { key: 'cuda.device', min: '1', max: 'Infinity' },
        { key: 'cuda.shares', min: '0.1', max: 'Infinity' },
        { key: 'mem', min: '1g', max: 'Infinity' },
      ],
    ],
    [
      'adds cpu and mem at the manager floor when missing',
      [{ key: 'cuda.device', min: '1', max: null }],
      {},
      [
        { key: 'cpu', min: '1', max: 'Infinity' },
        { key: 'cuda.device', min: '1', max: 'Infinity' },
        { key: 'mem', min: '1073741824', max: 'Infinity' },
      ],
    ],
    [
      'gives an image without limits the floor',
      null,
      {},
      [
        { key: 'cpu', min: '1', max: 'Infinity' },
        { key: 'mem', min: '1073741824', max: 'Infinity' },
      ],
    ],
    [
      'uses custom maximums a richer source knows, also for added slots',
      [{ key: 'cpu', min: '1', max: 'Infinity' }],
      { cpu: '4', mem: '4294967296' },
      [
        { key: 'cpu', min: '1', max: '4' },
        { key: 'mem', min: '1073741824', max: '4294967296' },
      ],
    ],
    [
      "reads the 26.2-26.3 'None' maximum as no maximum",
      [{ key: 'cpu', min: '2', max: 'None' }],
      { mem: 'None' },
      [
        { key: 'cpu', min: '2', max: 'Infinity' },
        { key: 'mem', min: '1073741824', max: 'Infinity' },
      ],
    ],
    [
      'gives a slot without a minimum 0 and drops slots without a name',
      [
        { key: 'rocm.device', min: null, max: null },
        { key: null, min: '1', max: '2' },
      ],
      {},
      [
        { key: 'cpu', min: '1', max: 'Infinity' },
        { key: 'mem', min: '1073741824', max: 'Infinity' },
        { key: 'rocm.device', min: '0', max: 'Infinity' },
      ],
    ],
  ])('%s', (_name, limits, customMax, expected) => {
    expect(resourceLimits(limits, customMax)).toEqual(expected);
  });

  it('orders by code unit, not by locale (upper case first, "-" before ".")', () => {
    const limits = ['atom.device', 'atom-plus.device', 'Xpu'].map((key) => ({ key, min: '1', max: null }));
    expect(resourceLimits(limits).map((limit) => limit.key)).toEqual([
      'Xpu',
      'atom-plus.device',
      'atom.device',
      'cpu',
      'mem',
    ]);
  });

  it('gives the same order whatever order the legacy API lists the slots in', () => {
    const limits = [
      { key: 'mem', min: '1g', max: 'Infinity' },
      { key: 'cuda.device', min: '1', max: 'Infinity' },
      { key: 'cpu', min: '1', max: 'Infinity' },
    ];
    expect(resourceLimits([...limits].reverse())).toEqual(resourceLimits(limits));
  });
});

describe('supportedAccelerators', () => {
  it.each([
    ['one accelerator', ['cuda'], ['cuda']],
    ['stored order', ['rocm', 'cuda'], ['rocm', 'cuda']],
    ['trimmed, as natively', ['cuda', ' rocm '], ['cuda', 'rocm']],
    ['any, stored as "*"', ['*'], ['*']],
    ['unset', null, ['*']],
    ['empty', [], ['*']],
    ['only blank or null names', [null, '', ' '], ['*']],
  ])('%s', (_name, stored, expected) => expect(supportedAccelerators(stored)).toEqual(expected));
});
