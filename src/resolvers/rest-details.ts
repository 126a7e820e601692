/**
 * What the manager's REST image API (26.3 and later) knows and the legacy GraphQL API hides: an image's
 * creation time, its registry id and the custom maximum of each resource limit.
 *
 * Pages read the whole catalogue (`POST /admin/images/search`, 1000 images a call) once per TTL, so a page
 * costs no REST call while the catalogue is fresh, and never one call per image. A single image is read
 * with `GET /admin/images/{id}`. The catalogue holds attributes of images, the same for every caller, and
 * the gateway only ever attaches them to images the caller's own GraphQL answer returned. Where the REST
 * API refuses or fails, the fields stay as the legacy API gives them (null, "Infinity"); a failed catalogue
 * read is remembered for the TTL, like a successful one.
 */

import { type CacheObserver, UNOBSERVED } from './cache-observer.ts';

export interface RestImageItem {
  id: string;
  registry_id?: string | null;
  created_at?: string | null;
  resource_limits?: { key: string; min?: string | null; max?: string | null }[] | null;
}

export interface RestImageDetails {
  registryId: string | null;
  createdAt: string | null;
  /** Slot -> custom maximum, only for slots that have one. */
  customMax: Record<string, string>;
}

export function detailsOf(item: RestImageItem): RestImageDetails {
  const customMax: Record<string, string> = {};
  for (const limit of item.resource_limits ?? []) {
    if (limit.max != null && limit.max !== '' && limit.max !== 'Infinity')
      customMax[limit.key] = String(limit.max);
  }
  return { registryId: item.registry_id ?? null, createdAt: item.created_at ?? null, customMax };
}

export const REST_SEARCH_PAGE = 1000;

export interface RestSearchPage {
  items: RestImageItem[];
  pagination: { total: number };
}

/** Every image, page by page: `search(offset)` is one `POST /admin/images/search`. */
export async function scanCatalogue(
  search: (offset: number, limit: number) => Promise<RestSearchPage>,
): Promise<RestImageItem[]> {
  const items: RestImageItem[] = [];
  for (let offset = 0; ; offset += REST_SEARCH_PAGE) {
    const page = await search(offset, REST_SEARCH_PAGE);
    items.push(...page.items);
    if (page.items.length < REST_SEARCH_PAGE || items.length >= page.pagination.total) return items;
  }
}

export class RestImageCatalogue {
  private details = new Map<string, RestImageDetails>();
  private loadedAt = Number.NEGATIVE_INFINITY;
  private inflight: Promise<void> | null = null;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly observe: CacheObserver = UNOBSERVED,
  ) {}

  /** The details of an image, reading the catalogue first when it is stale; null when it is not there. */
  async lookup(id: string, scan: () => Promise<RestImageItem[]>): Promise<RestImageDetails | null> {
    const fresh = this.now() - this.loadedAt <= this.ttlMs;
    this.observe(fresh);
    if (!fresh) {
      this.inflight ??= scan()
        .then(
          (items) => {
            this.details = new Map(items.map((item) => [item.id.toLowerCase(), detailsOf(item)]));
            this.loadedAt = this.now();
          },
          () => {
            // The failure was reported where the scan read the manager (observed-port.ts).
            // A failed read is remembered for the TTL too: pages then carry the legacy values without
            // asking again each time (26.3 to 26.8 fail on most real images, see the README).
            this.details = new Map();
            this.loadedAt = this.now();
          },
        )
        .finally(() => {
          this.inflight = null;
        });
      await this.inflight;
    }
    return this.details.get(id.toLowerCase()) ?? null;
  }
}
