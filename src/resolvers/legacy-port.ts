/**
 * The legacy manager as the ImageV2 resolvers see it (`LegacyImagePort`), implemented with Mesh's
 * in-context SDK of the legacy source. The SDK returns upstream errors as values; they are thrown here so
 * that a resolver fails with the manager's own message.
 */

import { GraphQLError } from 'graphql';
import { ErrorCode, fieldUnavailable } from '../errors/index.ts';
import { upstreamFaultError } from '../gateway/error-masking.ts';
import { asGatewayContext } from '../gateway/plugins/upstream-credentials.ts';
import type { LegacyImageRow } from '../image/index.ts';
import type { LegacyImageConnection, LegacyImagePort } from './image-v2.ts';
import {
  CALLER_ROLE_SELECTION,
  IMAGE_NODE_SELECTION,
  IMAGE_PAGE_SELECTION,
  REGISTRY_SELECTION,
  SYSTEM_SCOPE,
} from './legacy-image-query.ts';
import type { RegistryRow } from './registry-directory.ts';
import type { RestImageItem } from './rest-details.ts';

type SdkCall = (options: Record<string, unknown>) => Promise<unknown>;
export type MeshContext = Record<string, unknown>;

function unwrap<T>(value: unknown): T {
  // An SDK error carries the path of the upstream call (`container_registry_nodes`); thrown afresh, it is
  // reported at the field that needed the call, and nulls only that field's nearest nullable parent.
  if (value instanceof GraphQLError && value.path)
    throw new GraphQLError(value.message, { extensions: value.extensions, originalError: value });
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
  source: string,
  restSource = 'LegacyRest',
): LegacyImagePort {
  const api = queryApi(context, source);
  const rest = (as: MeshContext) => queryApi(as, restSource);
  const restCall = async <T>(field: string, options: Record<string, unknown>): Promise<T> => {
    const attempt = async (as: MeshContext) => {
      const fn = rest(as)[field];
      if (!fn) throw new Error(`the REST source has no Query.${field}`);
      return unwrap<T>(await fn({ root: {}, context: as, ...options }));
    };
    // The caller's token first where it sent one; the REST image API is for superadmins, so where the
    // caller is refused, the gateway asks with its own keypair.
    return attempt(context).catch((error: unknown) => {
      if (upstreamFaultError(error)?.extensions.code !== ErrorCode.UpstreamRefused) throw error;
      return attempt(asGatewayContext(context));
    });
  };
  const call = async <T>(field: string, options: Record<string, unknown>, as = context): Promise<T> => {
    const fn = api[field];
    if (!fn) throw new Error(`the legacy schema has no Query.${field}`);
    return unwrap<T>(await fn({ root: {}, context: as, ...options }));
  };
  const registries = (as: MeshContext) =>
    call<LegacyRegistryConnection>(
      'container_registry_nodes',
      { args: { first: 100 }, selectionSet: REGISTRY_SELECTION },
      as,
    ).then(registryRows);

  return {
    imagePage: (args) =>
      call<LegacyImageConnection>('image_nodes', { args, selectionSet: IMAGE_PAGE_SELECTION }),
    // One `image_node` per id: calls made in the same tick, by `nodes` or by several `imageV2` fields,
    // are merged by Mesh into one upstream request, together with any legacy `node` calls beside them.
    imageById: (id) =>
      call<LegacyImageRow | null>('image_node', {
        args: { id, scope_id: SYSTEM_SCOPE },
        selectionSet: IMAGE_NODE_SELECTION,
      }),
    callerRole: () =>
      call<{ role: string | null } | null>('user', { args: {}, selectionSet: CALLER_ROLE_SELECTION }).then(
        (user) => user?.role ?? null,
      ),
    managerRelease: () =>
      restCall<{ manager: string }>('legacyManagerVersion', { args: {}, selectionSet: '{ manager }' }).then(
        (answer) => answer.manager,
      ),
    restSearch: (offset, limit) =>
      restCall('legacyImageSearch', {
        args: { input: { offset, limit } },
        selectionSet: `{ items { ${REST_ITEM_FIELDS} } pagination { total } }`,
      }),
    restImage: (id) =>
      restCall<{ item: RestImageItem | null } | null>('legacyImage', {
        args: { id },
        selectionSet: `{ item { ${REST_ITEM_FIELDS} } }`,
      }).then((answer) => answer?.item ?? null),
    // The registry list is installation-wide; where the manager refuses it to the caller (only superadmins
    // may list registries), the gateway asks with its own keypair.
    registries: () =>
      registries(context).catch(() =>
        registries(asGatewayContext(context)).catch((error: unknown) => {
          if (upstreamFaultError(error)?.extensions.code !== ErrorCode.UpstreamRefused) throw error;
          throw fieldUnavailable(
            'registryId needs the registry list, which the manager gives superadmins only; set GATEWAY_ACCESS_KEY ' +
              'and GATEWAY_SECRET_KEY so the gateway can look it up',
          );
        }),
      ),
  };
}
