import { describe, expect, it, vi } from 'vitest';
import { RegistryDirectory, type RegistryRow } from '../../src/resolvers/registry-directory.ts';

const ROWS: RegistryRow[] = [
  { id: 'id-stable', registry: 'cr.backend.ai', project: 'stable' },
  { id: 'id-community', registry: 'cr.backend.ai', project: 'community' },
];

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('RegistryDirectory', () => {
  it('finds an id by registry and project', async () => {
    const directory = new RegistryDirectory(60_000);
    await expect(directory.lookup('cr.backend.ai', 'community', async () => ROWS)).resolves.toBe(
      'id-community',
    );
  });

  it('serves repeated lookups from one fetch while the list is fresh', async () => {
    const time = clock();
    const fetch = vi.fn(async () => ROWS);
    const directory = new RegistryDirectory(60_000, time.now);
    await directory.lookup('cr.backend.ai', 'stable', fetch);
    time.advance(59_000);
    await directory.lookup('cr.backend.ai', 'community', fetch);
    expect(fetch).toHaveBeenCalledTimes(1);
    time.advance(2_000);
    await directory.lookup('cr.backend.ai', 'stable', fetch);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('shares one fetch between concurrent misses', async () => {
    const fetch = vi.fn(async () => ROWS);
    const directory = new RegistryDirectory(60_000);
    const ids = await Promise.all(
      ['stable', 'community', 'stable'].map((project) => directory.lookup('cr.backend.ai', project, fetch)),
    );
    expect(ids).toEqual(['id-stable', 'id-community', 'id-stable']);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('answers null for an unknown registry without fetching again while fresh', async () => {
    const fetch = vi.fn(async () => ROWS);
    const directory = new RegistryDirectory(60_000);
    await expect(directory.lookup('registry.local', null, fetch)).resolves.toBeNull();
    await expect(directory.lookup('registry.local', null, fetch)).resolves.toBeNull();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('retries after a failed fetch instead of caching the failure', async () => {
    const fetch = vi.fn<() => Promise<RegistryRow[]>>().mockRejectedValueOnce(new Error('refused'));
    fetch.mockResolvedValueOnce(ROWS);
    const directory = new RegistryDirectory(60_000);
    await expect(directory.lookup('cr.backend.ai', 'stable', fetch)).rejects.toThrow('refused');
    await expect(directory.lookup('cr.backend.ai', 'stable', fetch)).resolves.toBe('id-stable');
  });

  it('tells its observer a miss when it reads the list and a hit when the list is fresh', async () => {
    const time = clock();
    const seen: boolean[] = [];
    const directory = new RegistryDirectory(60_000, time.now, (hit) => seen.push(hit));
    await directory.lookup('cr.backend.ai', 'stable', async () => ROWS);
    await directory.lookup('cr.backend.ai', 'community', async () => ROWS);
    time.advance(61_000);
    await directory.lookup('cr.backend.ai', 'stable', async () => ROWS);
    expect(seen).toEqual([false, true, false]);
  });
});
