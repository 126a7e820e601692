import { describe, expect, it, vi } from 'vitest';
import {
  detailsOf,
  REST_SEARCH_PAGE,
  RestImageCatalogue,
  type RestImageItem,
  RestImageLookups,
  scanCatalogue,
} from '../../src/resolvers/rest-details.ts';

const ID = '0b1a3ad2-5f5c-4c1b-9a7e-0f6b4d2c9e11';
const ITEM: RestImageItem = {
  id: ID,
  registry_id: 'registry-1',
  created_at: '2024-01-15T17:49:59.031000Z',
  resource_limits: [
    { key: 'cpu', min: '1', max: '8' },
    { key: 'mem', min: '1073741824', max: null },
    { key: 'cuda.device', min: '0', max: 'Infinity' },
  ],
};

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('detailsOf', () => {
  it('keeps only the slots that have a custom maximum', () => {
    expect(detailsOf(ITEM)).toEqual({
      registryId: 'registry-1',
      createdAt: '2024-01-15T17:49:59.031000Z',
      customMax: { cpu: '8' },
    });
  });

  it('reads missing fields as unknown', () => {
    expect(detailsOf({ id: ID })).toEqual({ registryId: null, createdAt: null, customMax: {} });
  });
});

describe('scanCatalogue', () => {
  it('reads page after page until the total is reached', async () => {
    const total = REST_SEARCH_PAGE + 2;
    const search = vi.fn(async (offset: number, limit: number) => ({
      items: Array.from({ length: Math.min(limit, total - offset) }, (_, index) => ({
        id: String(offset + index),
      })),
      pagination: { total },
    }));
    const items = await scanCatalogue(search);
    expect(items).toHaveLength(total);
    expect(search.mock.calls).toEqual([
      [0, REST_SEARCH_PAGE],
      [REST_SEARCH_PAGE, REST_SEARCH_PAGE],
    ]);
  });
});

describe('RestImageCatalogue', () => {
  it('finds an image by id in any letter case', async () => {
    const catalogue = new RestImageCatalogue(60_000);
    const details = await catalogue.lookup(ID.toUpperCase(), async () => [ITEM]);
    expect(details?.createdAt).toBe(ITEM.created_at);
    expect(await catalogue.lookup('ffffffff-ffff-4fff-8fff-ffffffffffff', async () => [ITEM])).toBeNull();
  });

  it('scans once per TTL and shares a scan between concurrent lookups', async () => {
    const time = clock();
    const scan = vi.fn(async () => [ITEM]);
    const catalogue = new RestImageCatalogue(60_000, time.now);
    await Promise.all([catalogue.lookup(ID, scan), catalogue.lookup(ID, scan)]);
    time.advance(59_000);
    await catalogue.lookup(ID, scan);
    expect(scan).toHaveBeenCalledTimes(1);
    time.advance(2_000);
    await catalogue.lookup(ID, scan);
    expect(scan).toHaveBeenCalledTimes(2);
  });

  // Regression: 26.3 to 26.8 answer HTTP 500 to a search holding almost any real image; without this,
  // every page paid a failing REST call.
  it('remembers a failed scan for the TTL and answers that nothing is known', async () => {
    const time = clock();
    const scan = vi.fn(async (): Promise<RestImageItem[]> => {
      throw new Error('HTTP 500');
    });
    const catalogue = new RestImageCatalogue(60_000, time.now);
    await expect(catalogue.lookup(ID, scan)).resolves.toBeNull();
    await expect(catalogue.lookup(ID, scan)).resolves.toBeNull();
    expect(scan).toHaveBeenCalledTimes(1);
    time.advance(61_000);
    await expect(catalogue.lookup(ID, async () => [ITEM])).resolves.toMatchObject({
      registryId: 'registry-1',
    });
  });

  it('forgets what a failed scan replaced', async () => {
    const time = clock();
    const catalogue = new RestImageCatalogue(60_000, time.now);
    await catalogue.lookup(ID, async () => [ITEM]);
    time.advance(61_000);
    const failed = await catalogue.lookup(ID, async () => {
      throw new Error('HTTP 500');
    });
    expect(failed).toBeNull();
  });

  it('tells its observer a miss for each lookup that found it stale, a hit for each served fresh', async () => {
    const time = clock();
    const seen: boolean[] = [];
    const catalogue = new RestImageCatalogue(60_000, time.now, (hit) => seen.push(hit));
    await catalogue.lookup(ID, async () => [ITEM]);
    await catalogue.lookup(ID, async () => [ITEM]);
    time.advance(61_000);
    await catalogue.lookup(ID, async () => [ITEM]);
    expect(seen).toEqual([false, true, false]);
  });
});

describe('RestImageLookups', () => {
  it('reads an image once per TTL, and again after it', async () => {
    const time = clock();
    const read = vi.fn(async () => ITEM);
    const lookups = new RestImageLookups({ ttlMs: 60_000, now: time.now });
    await lookups.lookup(ID, read);
    await lookups.lookup(ID.toUpperCase(), read);
    expect(read).toHaveBeenCalledTimes(1);
    time.advance(60_001);
    await expect(lookups.lookup(ID, read)).resolves.toEqual(detailsOf(ITEM));
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('remembers a failed read for the TTL as no details, without asking again', async () => {
    const time = clock();
    const read = vi.fn(async (): Promise<RestImageItem | null> => {
      throw new Error('HTTP 500');
    });
    const lookups = new RestImageLookups({ ttlMs: 60_000, now: time.now });
    await expect(lookups.lookup(ID, read)).resolves.toBeNull();
    await expect(lookups.lookup(ID, read)).resolves.toBeNull();
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('shares one read between concurrent asks', async () => {
    const read = vi.fn(async () => ITEM);
    const lookups = new RestImageLookups({ ttlMs: 60_000 });
    await Promise.all([lookups.lookup(ID, read), lookups.lookup(ID, read), lookups.lookup(ID, read)]);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('holds at most maxEntries images, dropping the oldest', async () => {
    const read = vi.fn(async (id: string) => ({ id }));
    const lookups = new RestImageLookups({ ttlMs: 60_000, maxEntries: 2 });
    for (const id of ['a', 'b', 'c']) await lookups.lookup(id, read);
    await lookups.lookup('c', read);
    await lookups.lookup('b', read);
    expect(read).toHaveBeenCalledTimes(3);
    await lookups.lookup('a', read);
    expect(read).toHaveBeenCalledTimes(4);
  });
});
