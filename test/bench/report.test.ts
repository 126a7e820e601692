/**
 * The benchmark's report (bench/report.ts): which targets of the performance issue each row is held to,
 * and the table people read. The figures themselves come from `npm run bench`, never from a test.
 */
import { describe, expect, it } from 'vitest';
import { checkTargets, table } from '../../bench/report.ts';
import type { RowResult } from '../../bench/scenarios.ts';

function row(scenario: string, name: string, values: Partial<RowResult> = {}): RowResult {
  return {
    scenario,
    row: name,
    requestsPerSecond: 100,
    p50Ms: 10,
    p99Ms: 20,
    ratioToDirect: 1,
    comparedWith: 'direct',
    cpuMsPerRequest: 1,
    upstreamCpuMsPerRequest: 5,
    peakRssMiB: 200,
    upstreamRequestsPerPage: 1,
    ...values,
  };
}

const targetsOf = (checks: ReturnType<typeof checkTargets>, name: string, scenario = 'base') =>
  checks.filter((check) => check.row === name && check.scenario === scenario).map((check) => check.target);

describe('checkTargets', () => {
  it('holds no direct row to a target', () => {
    expect(checkTargets([row('base', 'direct'), row('base', 'direct-filtered')])).toEqual([]);
  });

  it('holds an ImageV2 page to 0.8x, 2 ms of gateway CPU, one upstream request and 300 MiB', () => {
    const names = ['imagesV2', 'containerRegistryImagesV2', 'adminImagesV2-ids'];
    const checks = checkTargets(names.map((name) => row('base', name)));
    for (const name of names)
      expect(targetsOf(checks, name)).toEqual([
        'ratio >= 0.8',
        'gateway CPU <= 2 ms',
        'upstream requests per page = 1',
        'peak RSS < 300 MiB',
      ]);
  });

  it('holds the pass-through to 0.85x, with no CPU target, and every row to 0.95x with upstream latency', () => {
    const checks = checkTargets([row('base', 'pass-through'), row('latency-20ms', 'imagesV2')]);
    expect(targetsOf(checks, 'pass-through')).toEqual([
      'ratio >= 0.85',
      'upstream requests per page = 1',
      'peak RSS < 300 MiB',
    ]);
    expect(targetsOf(checks, 'imagesV2', 'latency-20ms')[0]).toBe('ratio >= 0.95');
  });

  it('marks each target met or missed from the measured value', () => {
    const checks = checkTargets([
      row('base', 'adminImagesV2', {
        ratioToDirect: 0.1,
        cpuMsPerRequest: 20,
        upstreamRequestsPerPage: 4,
        peakRssMiB: 299,
      }),
    ]);
    expect(checks.map(({ target, value, met }) => [target, value, met])).toEqual([
      ['ratio >= 0.8', 0.1, false],
      ['gateway CPU <= 2 ms', 20, false],
      ['upstream requests per page = 1', 4, false],
      ['peak RSS < 300 MiB', 299, true],
    ]);
  });
});

describe('table', () => {
  it('prints a line per row and names every missed target with its value', () => {
    const rows = [
      row('base', 'direct'),
      row('base', 'imagesV2', { ratioToDirect: 0.7, cpuMsPerRequest: 5.5 }),
    ];
    const text = table(rows, checkTargets(rows));
    expect(text).toMatch(/^base +imagesV2 +100 +10\.0 +20\.0 +0\.70 +5\.50 /m);
    expect(text).toContain('targets: 2 of 4 met; missed:');
    expect(text).toContain('base imagesV2: ratio >= 0.8 (got 0.70)');
    expect(text).toContain('base imagesV2: gateway CPU <= 2 ms (got 5.50)');
  });

  it('says so when every target is met', () => {
    const rows = [row('base', 'pass-through')];
    expect(table(rows, checkTargets(rows))).toContain('targets: all 3 met');
  });
});
