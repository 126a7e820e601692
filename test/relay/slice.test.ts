import { describe, expect, it } from 'vitest';
import { type PagePlan, slicePage } from '../../src/relay/index.ts';

const ITEMS = ['a', 'b', 'c', 'd', 'e'];
const page = (plan: PagePlan) => slicePage(ITEMS, plan, (item) => item);

describe('slicePage', () => {
  it.each<[string, PagePlan, string[], boolean]>([
    ['first page', { kind: 'forward', size: 2, afterId: null }, ['a', 'b'], true],
    ['after a cursor', { kind: 'forward', size: 2, afterId: 'b' }, ['c', 'd'], true],
    ['last forward page', { kind: 'forward', size: 2, afterId: 'c' }, ['d', 'e'], false],
    ['last page backward', { kind: 'backward', size: 2, beforeId: null }, ['d', 'e'], true],
    ['before a cursor', { kind: 'backward', size: 2, beforeId: 'c' }, ['a', 'b'], false],
    ['offset', { kind: 'offset', size: 2, offset: 1 }, ['b', 'c'], true],
    ['offset past the end', { kind: 'offset', size: 2, offset: 9 }, [], false],
    ['a cursor that names nothing', { kind: 'forward', size: 2, afterId: 'z' }, [], false],
    ['a before-cursor that names nothing', { kind: 'backward', size: 2, beforeId: 'z' }, [], false],
  ])('%s', (_name, plan, nodes, hasMore) => {
    expect(page(plan)).toEqual({ nodes, hasMore });
  });
});
