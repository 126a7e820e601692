import { describe, expect, it } from 'vitest';
import { ManagerPageCap, pageCapOf, type ReadPage, readWholeMatch } from '../../src/resolvers/whole-match.ts';

const BUDGET = { maxRows: 10, setting: 'MAX_GATEWAY_SCAN_ROWS' };

/** A manager holding `total` rows, with an optional page cap and an optional missing count. */
function manager(total: number, options: { cap?: number; count?: 'null' } = {}) {
  const calls: { offset: number; size: number; tick: number }[] = [];
  let tick = 0;
  const read: ReadPage<number> = async (offset, size) => {
    calls.push({ offset, size, tick });
    queueMicrotask(() => {
      tick += 1;
    });
    if (options.cap !== undefined && size > options.cap)
      throw new Error(
        `Cannot fetch a page larger than ${options.cap}. Set 'first' or 'last' to a smaller integer.`,
      );
    const rows = Array.from({ length: Math.max(0, Math.min(size, total - offset)) }, (_, i) => offset + i);
    return { count: options.count === 'null' ? null : total, rows };
  };
  return { read, calls };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('reading a whole match, bounded', () => {
  it('reads it in one call when the manager has no page cap', async () => {
    const upstream = manager(7);
    await expect(readWholeMatch(upstream.read, BUDGET)).resolves.toEqual(range(7));
    expect(upstream.calls).toEqual([{ offset: 0, size: 11, tick: 0 }]);
  });

  it('reads exactly the limit', async () => {
    await expect(readWholeMatch(manager(10).read, BUDGET)).resolves.toEqual(range(10));
  });

  it('refuses one row past the limit with an error naming the setting, reading no further', async () => {
    const upstream = manager(25);
    await expect(readWholeMatch(upstream.read, BUDGET)).rejects.toThrow(
      '25 rows match, MAX_GATEWAY_SCAN_ROWS is 10',
    );
    expect(upstream.calls).toHaveLength(1);
  });

  it("learns the manager's page cap from its refusal, then asks the other pages in one tick", async () => {
    const upstream = manager(10, { cap: 3 });
    const cap = new ManagerPageCap();
    await expect(readWholeMatch(upstream.read, BUDGET, cap)).resolves.toEqual(range(10));
    expect(cap.value).toBe(3);
    const paged = upstream.calls.slice(1);
    expect(paged.map((call) => call.offset)).toEqual([0, 3, 6, 9]);
    expect(new Set(paged.slice(1).map((call) => call.tick)).size).toBe(1);
    // Known from then on: no refused call first.
    upstream.calls.length = 0;
    await readWholeMatch(upstream.read, BUDGET, cap);
    expect(upstream.calls[0]).toMatchObject({ offset: 0, size: 3 });
  });

  it('passes any other upstream error on', async () => {
    const failing: ReadPage<number> = async () => {
      throw new Error('The legacy manager is unreachable.');
    };
    await expect(readWholeMatch(failing, BUDGET)).rejects.toThrow('unreachable');
  });

  it('reads a manager that gives no count page after page, until a short page', async () => {
    const upstream = manager(8, { cap: 3, count: 'null' });
    await expect(readWholeMatch(upstream.read, BUDGET)).resolves.toEqual(range(8));
    expect(upstream.calls.slice(1).map((call) => call.offset)).toEqual([0, 3, 6]);
  });

  it('stops a read without a count one page past the limit', async () => {
    const upstream = manager(1000, { cap: 4, count: 'null' });
    await expect(readWholeMatch(upstream.read, BUDGET)).rejects.toThrow(
      'more than 10 rows match, MAX_GATEWAY_SCAN_ROWS is 10',
    );
    expect(upstream.calls.slice(1).map((call) => call.offset)).toEqual([0, 4, 8]);
  });

  it.each([
    ["Cannot fetch a page larger than 100. Set 'first' or 'last' to a smaller integer.", 100],
    ['Query filter parsing error: Cannot fetch a page larger than 1.', null],
    ['something else', null],
  ])('reads the page cap of %j as %j', (message, cap) => {
    expect(pageCapOf(new Error(message))).toBe(cap);
  });
});
