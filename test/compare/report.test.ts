import { describe, expect, it } from 'vitest';
import {
  buildReport,
  classify,
  EXAMPLES_PER_KIND,
  exitStatusOf,
  noisyPaths,
  type Observation,
  type OperationResult,
} from '../../src/compare/index.ts';

const seen = (path: string, outcome: Observation['outcome'], at = path): Observation =>
  outcome === 'matched' ? { path, at, outcome } : { path, at, outcome, control: 1, candidate: 2 };

const report = (results: OperationResult[]) =>
  buildReport({ control: 'c', candidate: 'd', generatedAt: 't', rules: [], skipped: [], results });

describe('the noise baseline', () => {
  it('makes noisy what the control disagrees with itself on, and everything under it', () => {
    const noisy = noisyPaths([
      seen('a.now', 'mismatched'),
      seen('a.list', 'mismatched'),
      seen('a.id', 'matched'),
    ]);
    expect(classify(seen('a.now', 'mismatched'), noisy)).toBe('noisy');
    expect(classify(seen('a.list[].x', 'mismatched'), noisy)).toBe('noisy');
    expect(classify(seen('a.id', 'mismatched'), noisy)).toBe('mismatched');
    expect(classify(seen('a.nowhere', 'mismatched'), noisy)).toBe('mismatched');
  });

  it('never excuses a missing answer, and takes no noise from what the rules let pass', () => {
    expect(noisyPaths([seen('(transport)', 'mismatched'), seen('a', 'ignored')])).toEqual([]);
  });
});

describe('buildReport', () => {
  const results: OperationResult[] = [
    {
      operation: 'Q1',
      baseline: [seen('x.now', 'mismatched')],
      observations: [
        seen('x.id', 'matched'),
        seen('x.now', 'mismatched'),
        seen('x.name', 'mismatched', 'x.name'),
        seen('x.digest', 'ignored'),
      ],
    },
    { operation: 'Q2', baseline: [], observations: [seen('x.now', 'mismatched'), seen('x.id', 'matched')] },
  ];

  it('tallies each path per kind, noise per operation, with totals and per-operation counts', () => {
    const built = report(results);
    expect(built).toMatchObject({ operations: 2, mismatches: 2, matched: 2, ignored: 1, noisy: 1 });
    expect(built.paths.map((p) => [p.path, p.matched, p.mismatched, p.ignored, p.noisy])).toEqual([
      ['x.name', 0, 1, 0, 0],
      ['x.now', 0, 1, 0, 1],
      ['x.digest', 0, 0, 1, 0],
      ['x.id', 2, 0, 0, 0],
    ]);
    expect(built.perOperation).toEqual([
      { name: 'Q1', matched: 1, mismatched: 1, ignored: 1, noisy: 1 },
      { name: 'Q2', matched: 1, mismatched: 1, ignored: 0, noisy: 0 },
    ]);
    expect(exitStatusOf(built)).toBe(1);
  });

  it('keeps a few examples of each kind, naming the operation and the value', () => {
    const many = Array.from({ length: 10 }, (_, n) => seen('x.v', 'mismatched', `x[${n}].v`));
    const built = report([{ operation: 'Q', baseline: [], observations: many }]);
    expect(built.paths[0]!.mismatched).toBe(10);
    expect(built.paths[0]!.examples).toHaveLength(EXAMPLES_PER_KIND);
    expect(built.paths[0]!.examples[0]).toEqual({
      outcome: 'mismatched',
      operation: 'Q',
      at: 'x[0].v',
      control: '1',
      candidate: '2',
    });
  });

  it('passes when nothing unexpected differs, noise and ignored differences included', () => {
    const quiet = report([
      {
        operation: 'Q',
        baseline: [seen('n', 'mismatched')],
        observations: [seen('n', 'mismatched'), seen('i', 'ignored')],
      },
    ]);
    expect(quiet.mismatches).toBe(0);
    expect(exitStatusOf(quiet)).toBe(0);
  });
});
