import { describe, expect, it } from 'vitest';
import { OperationsError, planRuns } from '../../src/compare/index.ts';

const FILE = `
query One($id: ID!) { image(id: $id) { ...Parts } }
query Two { images { id } }
mutation Change { forget_image(id: "x") { ok } }
fragment Parts on Image { id name }
fragment Unused on Image { tag }
`;

describe('planRuns', () => {
  it('sends each query alone with the fragments it uses, once per variable set, and no mutation', () => {
    const plan = planRuns(FILE, { One: [{ id: 'a' }, { id: 'b' }] });
    expect(plan.runs.map((run) => [run.label, run.operationName, run.variables])).toEqual([
      ['One #1', 'One', { id: 'a' }],
      ['One #2', 'One', { id: 'b' }],
      ['Two', 'Two', {}],
    ]);
    expect(plan.runs[0]!.query).toContain('fragment Parts on Image');
    expect(plan.runs[0]!.query).not.toContain('Unused');
    expect(plan.runs[0]!.query).not.toContain('query Two');
    expect(plan.skipped).toEqual(['Change: a mutation, not sent']);
  });

  it('runs a single anonymous query', () => {
    expect(planRuns('{ a }').runs).toEqual([
      { label: '(anonymous)', operationName: null, query: '{\n  a\n}', variables: {} },
    ]);
  });

  it.each([
    ['no GraphQL', '{ a', undefined, 'the operations file is not GraphQL: Syntax Error'],
    ['no operation', 'fragment F on T { a }', undefined, 'holds no operation'],
    ['an unnamed operation among several', '{ a } query B { b }', undefined, 'must name every one'],
    ['variables for an operation the file lacks', FILE, { Three: {} }, 'names "Three", which is no query'],
    ['variables that are not an object', FILE, [1], 'must hold an object'],
    ['a variable set that is not an object', FILE, { One: [1] }, 'must be an object or a non-empty list'],
  ])('refuses %s', (_name, text, variables, message) => {
    expect(() => planRuns(text, variables)).toThrow(OperationsError);
    expect(() => planRuns(text, variables)).toThrow(message);
  });
});
