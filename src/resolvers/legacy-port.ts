/**
 * The legacy manager as the ImageV2 resolvers see it (`LegacyImagePort`). GraphQL calls go through the
 * legacy transport (pre-built documents over Mesh's executor for the legacy source, see
 * legacy-transport.ts); the REST reads through Mesh's in-context SDK of the REST source, which returns
 * upstream errors as values: they are thrown here so that a resolver fails with the manager's own message.
 */

import { GraphQLError } from 'graphql';
import { ErrorCode, fieldUnavailable, upstreamFaultError } from '../errors/index.ts';
import type { LegacyImageRow } from '../image/index.ts';
import type { GatewayRead } from '../trust/gateway-reads.ts';
import { asGatewayRead } from '../trust/request-trust.ts';
import type { LegacyImageConnection, LegacyImagePort } from './image-v2.ts';
import {
  CALLER_ROLE_SELECTION,
  IMAGE_NODE_SELECTION,
  IMAGE_PAGE_SELECTION,
  IMAGE_TABLE_SELECTION,
  REGISTRY_SELECTION,
  SYSTEM_SCOPE,
} from './legacy-image-query.ts';
import type { LegacyTransport } from './legacy-transport.ts';
import type { RegistryRow } from './registry-directory.ts';
import type { RestImageItem } from './rest-details.ts';

type SdkCall = (options: Record<string, unknown>) => Promise<unknown>;
export type MeshContext = Record<string, unknown>;

/**
 * An SDK error carries the path of the upstream request's field (`image_nodes`); graphql-js keeps a path an
 * error already has, so it is rethrown without one, to be reported once under the client's own field.
 */
function unwrap<T>(value: unknown): T {
  if (value instanceof GraphQLError && value.path)
    throw new GraphQLError(value.message, { originalError: value, extensions: value.extensions });
  if (value instanceof Error) throw value;
  return value as T;
}

/** The SDK is keyed by the source's own root type name: `Query`, or `Queries` before 25.13. */
function queryApi(context: MeshContext, source: string): Record<string, SdkCall> {
  const sdk = context[source] as Record<string, Record<string, SdkCall>> | undefined;
  const api = sdk?.Query ?? sdk?.Queries;
  if (!api) throw new Error(`the Mesh context has no source named "${source}"`);
  return api;
}

interface LegacyRegistryConnection {
  count: number | null;
  edges: ({ node: { row_id: string; registry_name: string; project: string | null } | null } | null)[];
}

function registryRows(connection: LegacyRegistryConnection): RegistryRow[] {
  return connection.edges.flatMap((edge) =>
    edge?.node
      ? [{ id: edge.node.row_id, registry: edge.node.registry_name, project: edge.node.project }]
      : [],
  );
}

const REST_ITEM_FIELDS = 'id registry_id created_at resource_limits { key min max }';

export function legacyImagePort(
  context: MeshContext,
  transport: LegacyTransport,
  restSource = 'LegacyRest',
): LegacyImagePort {
  // The REST reads are the gateway's own (src/trust/gateway-reads.ts): signed with its keypair, never the
  // caller's, so what they return may be cached for everyone.
  const restCall = async <T>(
    read: GatewayRead,
    field: string,
    options: Record<string, unknown>,
  ): Promise<T> => {
    const as = asGatewayRead(context, read);
    const fn = queryApi(as, restSource)[field];
    if (!fn) throw new Error(`the REST source has no Query.${field}`);
    return unwrap<T>(await fn({ root: {}, context: as, ...options }));
  };
  const call = <T>(field: string, args: Record<string, unknown>, selection: string, as: object = context) =>
    transport.call<T>(as, { field, args, selection });
  const registryPage = (offset: number, size: number, reader: 'gateway' | 'caller') =>
    call<LegacyRegistryConnection>(
      'container_registry_nodes',
      { offset, first: size },
      REGISTRY_SELECTION,
      // The gateway's own read has a context of its own, which keeps it out of the caller's batched request.
      reader === 'gateway' ? asGatewayRead(context, 'registry-directory') : context,
    ).then((page) => ({ count: page.count, rows: registryRows(page) }));

  return {
    imagePage: (args, selection = IMAGE_PAGE_SELECTION) =>
      call<LegacyImageConnection>('image_nodes', args, selection),
    // Unpaginated: every row the caller may list (for a superadmin, the whole table).
    imageTable: <Row>(args: Record<string, unknown>, selection = IMAGE_TABLE_SELECTION) =>
      call<(Row | null)[] | null>('images', args, selection).then((rows) =>
        (rows ?? []).filter((row): row is Row => row !== null),
      ),
    // One `image_node` per id: calls made in the same tick, by `nodes` or by several `imageV2` fields,
    // share one upstream request, together with any legacy `node` calls beside them.
    imageById: (id) =>
      transport.call<LegacyImageRow | null>(context, {
        field: 'image_node',
        args: { id, scope_id: SYSTEM_SCOPE },
        selection: IMAGE_NODE_SELECTION,
      }),
    imageOutsideScopes: (id) =>
      call<LegacyImageRow | null>('image', { id }, IMAGE_TABLE_SELECTION).catch((error: unknown) => {
        // The manager's ImageNotFound: no such image (or, from 26.1, not a live one).
        if (error instanceof Error && error.message.startsWith('No such environment image.')) return null;
        throw error;
      }),
    callerRole: () =>
      transport
        .call<{ role: string | null } | null>(context, {
          field: 'user',
          args: {},
          selection: CALLER_ROLE_SELECTION,
        })
        .then((user) => user?.role ?? null),
    managerRelease: () =>
      restCall<{ manager: string }>('manager-version', 'legacyManagerVersion', {
        args: {},
        selectionSet: '{ manager }',
      }).then((answer) => answer.manager),
    restSearch: (offset, limit) =>
      restCall('image-catalogue', 'legacyImageSearch', {
        args: { input: { offset, limit } },
        selectionSet: `{ items { ${REST_ITEM_FIELDS} } pagination { total } }`,
      }),
    restImage: (id) =>
      restCall<{ item: RestImageItem | null } | null>('image-catalogue', 'legacyImage', {
        args: { id },
        selectionSet: `{ item { ${REST_ITEM_FIELDS} } }`,
      }).then((answer) => answer?.item ?? null),
    // The registry list is installation-wide configuration that only superadmins may list: the gateway
    // reads it with its own keypair, never a caller's, so one cache can serve every caller. A superadmin
    // caller may read it itself too (`caller`), for its own request only.
    registryPage: (offset, size, reader = 'gateway') =>
      registryPage(offset, size, reader).catch((error: unknown) => {
        if (upstreamFaultError(error)?.extensions.code !== ErrorCode.UpstreamRefused) throw error;
        throw fieldUnavailable(
          'registryId needs the registry list, which the manager gives superadmins only; set GATEWAY_ACCESS_KEY ' +
            'and GATEWAY_SECRET_KEY to a superadmin keypair so the gateway can look it up',
        );
      }),
  };
}
