/**
 * The gateway standing in as the v2 image subgraph of a legacy manager, as Backend.AI runs its API: the
 * legacy (graphene) subgraph and the gateway's ImageV2 subgraph composed into a supergraph by a real
 * composition library, served by a real Hive Gateway in-process. One query reads legacy `image_nodes` from
 * the manager and ImageV2 from the gateway; Hive Gateway signs every subgraph call as Backend.AI's web
 * server does for its sessions.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequestHeaders } from '../../src/auth/index.ts';
import { legacySchemaSDL } from '../../src/sandbox/graphql/legacy-schema.ts';
import { dataOf, type Keypair, postGraphQL } from '../support/client.ts';
import { legacyImageSubgraphSDL } from '../support/federation.ts';
import { referenceFile } from '../support/reference.ts';
import { type Stack, startStack } from '../support/stack.ts';

/** Signs each subgraph call for exactly the URL it goes to. */
function useSignedSubgraphCalls(keypair: Keypair): GatewayPlugin {
  return {
    onFetch({ url, options, setOptions }) {
      const headers = new Headers(options.headers as HeadersInit | undefined);
      for (const [name, value] of Object.entries(signRequestHeaders({ ...keypair, method: 'POST', url }))) {
        headers.set(name, value);
      }
      setOptions({ ...options, headers: Object.fromEntries(headers) });
    },
  };
}

let stack: Stack;
let hive: Server;
let hiveUrl: string;
let subgraphSDL: string;

beforeAll(async () => {
  stack = await startStack({ env: { FEDERATION: 'on' } });
  const { superadmin } = stack.sandbox.credentials;
  subgraphSDL = dataOf(
    await postGraphQL<{ _service: { sdl: string } }>(stack.gateway.url, '{ _service { sdl } }', {
      keypair: superadmin,
    }),
  )._service.sdl;
  const composed = composeServices([
    {
      name: 'legacy',
      typeDefs: parse(legacyImageSubgraphSDL(legacySchemaSDL('26.1'))),
      url: `${stack.sandbox.url}/admin/gql`,
    },
    { name: 'imagev2', typeDefs: parse(subgraphSDL), url: `${stack.gateway.url}/admin/gql` },
  ]);
  if (composed.errors?.length || !composed.supergraphSdl) {
    throw new Error(`composition failed: ${composed.errors?.map((error) => error.message).join('\n')}`);
  }
  const runtime = createGatewayRuntime({
    supergraph: composed.supergraphSdl,
    plugins: () => [useSignedSubgraphCalls(superadmin)],
    logging: false,
  });
  hive = createServer(runtime);
  await new Promise<void>((resolve) => hive.listen(0, '127.0.0.1', resolve));
  hiveUrl = `http://127.0.0.1:${(hive.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => (hive ? hive.close(() => resolve()) : resolve()));
  await stack?.close();
});

const LEGACY = '{ image_nodes(scope_id: "system", first: 3) { count edges { node { row_id name tag } } } }';
const V2 =
  '{ imagesV2(first: 3) { count edges { node { id identity { canonicalName } metadata { sizeBytes } } } } }';

describe('a Hive Gateway supergraph of the legacy subgraph and the gateway subgraph', () => {
  it('answers one query reading legacy image_nodes and ImageV2, each as its own subgraph answers it', async () => {
    const both = `{ ${LEGACY.slice(1, -1)} ${V2.slice(1, -1)} }`;
    const viaHive = dataOf(await postGraphQL<Record<string, unknown>>(hiveUrl, both, { path: '/graphql' }));
    const { superadmin } = stack.sandbox.credentials;
    const legacy = dataOf(
      await postGraphQL<Record<string, unknown>>(stack.sandbox.url, LEGACY, { keypair: superadmin }),
    );
    const v2 = dataOf(
      await postGraphQL<Record<string, unknown>>(stack.gateway.url, V2, { keypair: superadmin }),
    );
    expect(viaHive).toEqual({ ...legacy, ...v2 });
    expect((viaHive.imagesV2 as { count: number }).count).toBeGreaterThan(0);
    expect((viaHive.image_nodes as { edges: unknown[] }).edges).toHaveLength(3);
  });

  it('sends the ImageV2 part to the gateway and the legacy part to the manager only', async () => {
    stack.sandbox.stats.reset();
    dataOf(await postGraphQL(hiveUrl, V2, { path: '/graphql' }));
    // Hive asks the manager nothing: every call is the gateway's, here a superadmin's page, which reads the
    // whole table (its role, the manager's order, the table's keys, the page's rows; see the README).
    expect(stack.sandbox.stats.rootFields).toEqual({ user: 1, image_nodes: 3, images: 1 });
  });
});

// The whole schema of a real 26.1 manager is a federation subgraph itself (graphene, with @key/@shareable).
const LEGACY_26_1 = referenceFile('full/legacy-schema-26.1.0.graphql');

describe.skipIf(!LEGACY_26_1)('with the real 26.1 legacy subgraph', () => {
  it('composes with the gateway subgraph into one supergraph', () => {
    const composed = composeServices([
      {
        name: 'legacy',
        typeDefs: parse(readFileSync(LEGACY_26_1!, 'utf8')),
        url: 'http://manager/admin/gql',
      },
      { name: 'imagev2', typeDefs: parse(subgraphSDL), url: 'http://gateway/admin/gql' },
    ]);
    expect(composed.errors ?? []).toEqual([]);
    expect(composed.supergraphSdl).toContain('imagesV2');
  });
});
