/**
 * What the ImageV2 resolvers read from the manager, and the caches they read through. One instance per
 * image-v2 transform (per gateway).
 *
 * - Shared caches hold only the gateway's own reads (src/trust/gateway-reads.ts): the registry directory,
 *   the REST catalogue and REST lookups by id.
 * - What is read with a caller's credentials is kept for that request only, keyed by its context: its
 *   role, a superadmin's own registry list, and each image's REST details.
 * - Per request, the port and the readers its fields share are made once, whichever fields ask.
 */
import type { GraphQLError, GraphQLSchema } from 'graphql';
import { ErrorCode } from '../errors/index.ts';
import { filterLanguageOf } from '../filters/index.ts';
import type { RegistryIdOf } from './held-rows.ts';
import type { ListingSource } from './image-listing.ts';
import type { ImageDetails, ImageV2Source, LegacyImagePort } from './image-v2.ts';
import type { ImageV2TransformConfig } from './image-v2-config.ts';
import { registryIdResolver } from './image-v2-release.ts';
import { legacyImagePort, type MeshContext } from './legacy-port.ts';
import { LegacyTransport } from './legacy-transport.ts';
import { type ManagerState, managerStateOf } from './manager-state.ts';
import { type AuxiliaryRead, withFailureReports } from './observed-port.ts';
import { PerRequest } from './per-request.ts';
import {
  type FetchRegistries,
  RegistryDirectory,
  type RegistryRow,
  readRegistryList,
  registryKey,
} from './registry-directory.ts';
import {
  RestImageCatalogue,
  type RestImageDetails,
  RestImageLookups,
  scanCatalogue,
} from './rest-details.ts';
import { ManagerPageCap, type ScanBudget } from './whole-match.ts';

/** How the reads report what the operator watches (metrics and logs, from the gateway's runtime). */
export interface ReadObserver {
  /** A lookup in a shared cache, hit or miss. */
  cacheLookup(cache: 'registry_directory' | 'rest_catalogue', hit: boolean): void;
  /** A read beside the main answer failed; the answer goes on without it. */
  auxiliaryReadFailed(read: AuxiliaryRead, error: unknown, context: MeshContext): void;
}

export class ImageV2Reads {
  private readonly registries: RegistryDirectory;
  private readonly catalogue: RestImageCatalogue;
  private readonly restLookups: RestImageLookups;
  private readonly manager: ManagerState;
  /** The manager's page cap, once a refusal has told it (installation configuration). */
  private readonly pageCap = new ManagerPageCap();
  private readonly budget: ScanBudget;
  /** The caller's role, its own registry list and each image's REST details, for one request only. */
  private readonly perRequest = new PerRequest<Promise<unknown>>();
  /** The stitched Mesh schema; the transport over its legacy source is made on first use. */
  private stitched: GraphQLSchema | null = null;
  private transport: LegacyTransport | null = null;
  private readonly ports = new WeakMap<object, LegacyImagePort>();
  private readonly detailReaders = new WeakMap<object, ImageDetails>();
  private readonly registryLookups = new WeakMap<object, RegistryIdOf>();

  constructor(
    private readonly config: ImageV2TransformConfig,
    private readonly observer: ReadObserver,
  ) {
    this.registries = new RegistryDirectory(config.registryCacheTtlSeconds * 1000, Date.now, (hit) =>
      observer.cacheLookup('registry_directory', hit),
    );
    this.catalogue = new RestImageCatalogue(config.restCacheTtlSeconds * 1000, Date.now, (hit) =>
      observer.cacheLookup('rest_catalogue', hit),
    );
    this.restLookups = new RestImageLookups({ ttlMs: config.restCacheTtlSeconds * 1000 });
    this.manager = managerStateOf(config.legacyUrl, config.capabilityRefreshSeconds * 1000);
    this.budget = { maxRows: config.maxScanRows, setting: 'MAX_GATEWAY_SCAN_ROWS' };
  }

  /** The stitched schema the transform was given, whose legacy source the reads go to. */
  useSchema(stitched: GraphQLSchema): void {
    this.stitched = stitched;
    this.transport = null;
  }

  /** The legacy manager for one request. */
  port(context: MeshContext): LegacyImagePort {
    let port = this.ports.get(context);
    if (!port) {
      if (!this.stitched) throw new Error('the image-v2 transform has not seen the Mesh schema yet');
      this.transport ??= new LegacyTransport(this.stitched, this.config.source);
      port = withFailureReports(
        legacyImagePort(context, this.transport, this.config.restSource),
        (read, error) => this.observer.auxiliaryReadFailed(read, error, context),
      );
      this.ports.set(context, port);
    }
    return port;
  }

  /** The caller's role as the manager knows it, asked at most once per request. */
  role(context: MeshContext): () => Promise<string | null> {
    return () =>
      this.perRequest.get(context, 'role', () => this.port(context).callerRole()) as Promise<string | null>;
  }

  /**
   * Creation time, registry id and custom maximums from the REST image API, where the manager has it
   * (26.3+): a listed image from the catalogue, a single one by id. Null where the manager has no REST
   * image API or refuses it: the fields then stay as the legacy API gives them. Each image's details are
   * read once per request, whichever of its fields ask.
   */
  details(context: MeshContext): ImageDetails {
    let details = this.detailReaders.get(context);
    if (details) return details;
    const port = this.port(context);
    this.manager.refreshIfStale(() => port.managerRelease());
    const read = async (image: ImageV2Source): Promise<RestImageDetails | null> => {
      const id = image.row.row_id;
      if (image.single) return this.restLookups.lookup(id, (key) => port.restImage(key));
      return this.catalogue
        .lookup(id, () => scanCatalogue((offset, limit) => port.restSearch(offset, limit)))
        .catch(() => null);
    };
    details = (image) => {
      if (!this.manager.capabilities.restImageApi) return Promise.resolve(null);
      const key = `details:${image.single ? 'one' : 'listed'}:${image.row.row_id}`;
      return this.perRequest.get(context, key, () => read(image)) as Promise<RestImageDetails | null>;
    };
    this.detailReaders.set(context, details);
    return details;
  }

  /**
   * Registry ids by registry and project, from the shared directory (read with the gateway's keypair).
   * Without a keypair the manager refuses that read; a superadmin caller may list registries itself, so
   * its own list is read with its credentials and kept for its request only, never in the shared cache.
   */
  registryIdOf(context: MeshContext): RegistryIdOf {
    let lookup = this.registryLookups.get(context);
    if (lookup) return lookup;
    const shared = registryIdResolver(this.registries, this.gatewayRegistryList(context));
    const port = this.port(context);
    lookup = async (row) => {
      try {
        return await shared(row);
      } catch (error) {
        const refused = (error as GraphQLError).extensions?.code === ErrorCode.UpstreamFieldUnavailable;
        if (!refused || (await this.role(context)()) !== 'superadmin') throw error;
        const own = this.perRequest.get(context, 'registries', () =>
          readRegistryList(
            (offset, size) => port.registryPage(offset, size, 'caller'),
            this.budget,
            this.pageCap,
          ),
        ) as Promise<RegistryRow[]>;
        const key = registryKey(row.registry, row.project);
        return (await own).find((entry) => registryKey(entry.registry, entry.project) === key)?.id ?? null;
      }
    };
    this.registryLookups.set(context, lookup);
    return lookup;
  }

  /** What a listing reads through, for one request. */
  listingSource(context: MeshContext): ListingSource {
    const port = this.port(context);
    this.manager.refreshIfStale(() => port.managerRelease());
    const capabilities = this.manager.capabilities;
    return {
      port,
      limits: { defaultPageSize: this.config.defaultPageSize, maxPageSize: this.config.maxPageSize },
      budget: this.budget,
      pageCap: this.pageCap,
      traits: {
        language: filterLanguageOf(capabilities),
        countIgnoresCursor: capabilities.countIgnoresCursor,
      },
      role: this.role(context),
      registryIdOf: this.registryIdOf(context),
    };
  }

  /** The registry list, read whole with the gateway's keypair (a gateway read). */
  private gatewayRegistryList(context: MeshContext): FetchRegistries {
    const port = this.port(context);
    return () =>
      readRegistryList((offset, size) => port.registryPage(offset, size), this.budget, this.pageCap);
  }
}
