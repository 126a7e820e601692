/**
 * Registry ids by (registry host, project), for `ImageV2.registryId`.
 *
 * The legacy `ImageNode` names its registry but not the registry row's id, so the gateway looks the id up
 * in the manager's registry list. That list is installation-wide configuration, the same for every caller,
 * read with the gateway's own keypair, so one cache serves all callers; a caller still only ever sees the
 * ids of registries of images its own answer holds. The list is read whole, page after page past the
 * manager's page size (`readRegistryList`), and at most `MAX_GATEWAY_SCAN_ROWS` rows, which bounds the
 * cache too. Entries live for a bounded TTL; concurrent misses share one fetch.
 */

import { type CacheObserver, UNOBSERVED } from './cache-observer.ts';
import { type ManagerPageCap, type ReadPage, readWholeMatch, type ScanBudget } from './whole-match.ts';

export interface RegistryRow {
  id: string;
  registry: string;
  project: string | null;
}

export type FetchRegistries = () => Promise<RegistryRow[]>;

/** The whole registry list, read in pages (as many as it takes), bounded by `budget`. */
export function readRegistryList(
  readPage: ReadPage<RegistryRow>,
  budget: ScanBudget,
  cap: ManagerPageCap,
): Promise<RegistryRow[]> {
  return readWholeMatch(readPage, budget, cap);
}

export function registryKey(registry: string, project: string | null): string {
  return `${registry}\u0000${project ?? ''}`;
}

export class RegistryDirectory {
  private ids = new Map<string, string>();
  private loadedAt = Number.NEGATIVE_INFINITY;
  private inflight: Promise<void> | null = null;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly observe: CacheObserver = UNOBSERVED,
  ) {}

  isFresh(): boolean {
    return this.now() - this.loadedAt <= this.ttlMs;
  }

  /**
   * The id of a registry, fetching the list first when it is stale. Null when the list does not hold the
   * registry: a registry added since the last fetch shows up once the TTL has passed, so a page of images
   * from an unknown registry cannot turn into one fetch per image.
   */
  async lookup(registry: string, project: string | null, fetch: FetchRegistries): Promise<string | null> {
    const fresh = this.isFresh();
    this.observe(fresh);
    if (!fresh) await this.refresh(fetch);
    return this.ids.get(registryKey(registry, project)) ?? null;
  }

  private refresh(fetch: FetchRegistries): Promise<void> {
    this.inflight ??= fetch()
      .then((rows) => {
        this.ids = new Map(rows.map((row) => [registryKey(row.registry, row.project), row.id]));
        this.loadedAt = this.now();
      })
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }
}
