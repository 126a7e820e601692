/**
 * What the manager's REST image API (26.3 and later) knows and the legacy GraphQL API hides: an image's
 * creation time, its registry id and the custom maximum of each resource limit.
 *
 * Pages read the whole catalogue (`POST /admin/images/search`, 1000 images a call) once per TTL, so a page
 * costs no REST call while the catalogue is fresh, and never one call per image. A single image is read
 * with `GET /admin/images/{id}`. The catalogue holds attributes of images, the same for every caller, and
 * the gateway only ever attaches them to images the caller's own GraphQL answer returned. Where the REST
 * API refuses or fails, the fields stay as the legacy API gives them (null, "Infinity"); a failed catalogue
 * read is remembered for the TTL, like a successful one, and so is each image read by id (found, missing
 * or failed), in a bounded cache (`RestImageLookups`). Within one request, each image's details are read
 * once whatever the number of fields asking (the transform keeps them per request).
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

export interface RestLookupOptions {
  ttlMs: number;
  /** At most this many images are remembered; the oldest entry goes first. */
  maxEntries?: number;
  now?: () => number;
}

/**
 * `GET /admin/images/{id}` answers, remembered for the TTL by image id: found, missing (null) and failed
 * (null too; 26.3 to 26.8 fail on any image with a unit in a minimum) alike, so a failing image costs one
 * call per TTL, not one per field and request. Concurrent asks for one image share one call.
 */
export class RestImageLookups {
  private readonly entries = new Map<string, { at: number; details: Promise<RestImageDetails | null> }>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(private readonly options: RestLookupOptions) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  lookup(id: string, read: (id: string) => Promise<RestImageItem | null>): Promise<RestImageDetails | null> {
    const key = id.toLowerCase();
    const cached = this.entries.get(key);
    if (cached && this.now() - cached.at <= this.options.ttlMs) return cached.details;
    const details = read(id).then(
      (item) => (item ? detailsOf(item) : null),
      () => null,
    );
    this.entries.delete(key);
    this.entries.set(key, { at: this.now(), details });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return details;
  }
}
