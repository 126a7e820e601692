import { getIntrospectionQuery } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { dataOf, postGraphQL } from '../support/client.ts';
import { type Stack, stacksClosedAfterEach, WITHOUT_GATEWAY_KEYPAIR } from '../support/stack.ts';

const stackOf = stacksClosedAfterEach(afterEach);

async function fieldType(stack: Stack, type: string, field: string) {
  const data = dataOf(
    await postGraphQL<{
      __type: { fields: { name: string; type: { kind: string; ofType: { name: string } | null } }[] };
    }>(stack.gateway.url, `{ __type(name: "${type}") { fields { name type { kind ofType { name } } } } }`, {
      keypair: stack.sandbox.credentials.user,
    }),
  );
  return data.__type.fields.find((candidate) => candidate.name === field)?.type;
}

describe('sizeBytes', () => {
  it('is a 64-bit safe BigInt by default, so no page fails on a large image', async () => {
    const stack = await stackOf({});
    expect(await fieldType(stack, 'ImageMetadataInfo', 'sizeBytes')).toEqual({
      kind: 'NON_NULL',
      ofType: { name: 'BigInt' },
    });
    const data = dataOf(
      await postGraphQL<{ imagesV2: { edges: { node: { metadata: { sizeBytes: number } } }[] } }>(
        stack.gateway.url,
        '{ imagesV2(first: 50) { edges { node { metadata { sizeBytes } } } } }',
        { keypair: stack.sandbox.credentials.superadmin },
      ),
    );
    expect(data.imagesV2.edges.some((edge) => edge.node.metadata.sizeBytes > 2 ** 31)).toBe(true);
  });

  it('is the native Int! with V2_SIZE_BYTES=Int, failing on 2 GiB and more as the native API does', async () => {
    const stack = await stackOf({ env: { V2_SIZE_BYTES: 'Int' } });
    expect(await fieldType(stack, 'ImageMetadataInfo', 'sizeBytes')).toEqual({
      kind: 'NON_NULL',
      ofType: { name: 'Int' },
    });
    const small = stack.sandbox.dataset.images.find((image) => image.sizeBytes < 2 ** 31)!;
    const large = stack.sandbox.dataset.images.find((image) => image.sizeBytes > 2 ** 31)!;
    const ok = await postGraphQL(
      stack.gateway.url,
      `{ imageV2(id: "${small.id}") { metadata { sizeBytes } } }`,
      { keypair: stack.sandbox.credentials.superadmin },
    );
    expect(ok.body.data).toEqual({ imageV2: { metadata: { sizeBytes: small.sizeBytes } } });
    const failed = await postGraphQL(
      stack.gateway.url,
      `{ imageV2(id: "${large.id}") { metadata { sizeBytes } } }`,
      { keypair: stack.sandbox.credentials.superadmin },
    );
    expect(failed.body.errors?.[0]?.message).toContain(
      'Int cannot represent non 32-bit signed integer value',
    );
  });
});

describe('registry ids for callers who may not list registries', () => {
  it("are filled from the registry list the gateway reads with its own keypair, for the images the caller's own page holds", async () => {
    const stack = await stackOf({});
    const data = dataOf(
      await postGraphQL<{ imagesV2: { edges: { node: { id: string; registryId: string } }[] } }>(
        stack.gateway.url,
        '{ imagesV2(first: 30) { edges { node { id registryId } } } }',
        { keypair: stack.sandbox.credentials.user },
      ),
    );
    const rows = new Map(
      stack.sandbox.dataset.images.map((image) => [
        Buffer.from(`ImageV2:${image.id}`).toString('base64'),
        image,
      ]),
    );
    expect(data.imagesV2.edges.length).toBeGreaterThan(0);
    for (const edge of data.imagesV2.edges)
      expect(edge.node.registryId).toBe(rows.get(edge.node.id)?.registryId);
    // The page is the caller's own: exactly what the manager lists for that user, not the gateway's view.
    const direct = dataOf(
      await postGraphQL<{ image_nodes: { edges: { node: { row_id: string } }[] } }>(
        stack.sandbox.url,
        '{ image_nodes(scope_id: "system", first: 30, filter_by_statuses: [ALIVE], order: "-created_at") { edges { node { row_id } } } }',
        { keypair: stack.sandbox.credentials.user },
      ),
    );
    expect(data.imagesV2.edges.map((edge) => edge.node.id)).toEqual(
      direct.image_nodes.edges.map((edge) => Buffer.from(`ImageV2:${edge.node.row_id}`).toString('base64')),
    );
  });

  it('fail clearly when the gateway has no keypair of its own', async () => {
    const stack = await stackOf({
      env: WITHOUT_GATEWAY_KEYPAIR,
    });
    const response = await postGraphQL(
      stack.gateway.url,
      '{ imagesV2(first: 2) { edges { node { id registryId } } } }',
      { keypair: stack.sandbox.credentials.user },
    );
    expect(response.body.data).toBeNull();
    expect(response.body.errors?.[0]?.message).toMatch(/registry/i);
    expect(JSON.stringify(response.body)).not.toMatch(/stack|at .*\.ts/);
  });
});

describe('the legacy schema', () => {
  it('is read from the manager, so its whole API passes through', async () => {
    const stack = await stackOf({});
    const data = dataOf(
      await postGraphQL<{ __schema: { queryType: { name: string }; types: { name: string }[] } }>(
        stack.gateway.url,
        getIntrospectionQuery(),
        { keypair: stack.sandbox.credentials.user },
      ),
    );
    const names = new Set(data.__schema.types.map((type) => type.name));
    for (const name of [
      'ImageNode',
      'Image',
      'ContainerRegistryNode',
      'ModifyImageInput',
      'ImageV2',
      'ImageConnectionV2',
    ])
      expect(names).toContain(name);
  });

  it('comes from LEGACY_SCHEMA when the operator names a file', async () => {
    const stack = await stackOf({ env: { LEGACY_SCHEMA: 'src/sandbox/schema/legacy-26.1.graphql' } });
    const ready = await (await fetch(`${stack.gateway.url}/readiness`)).json();
    expect(ready).toMatchObject({ ready: true, legacySchema: 'file', manager: '26.1.0' });
  });

  it('refuses to start without a way to read it, saying what to set', async () => {
    await expect(stackOf({ env: { GATEWAY_ACCESS_KEY: '', GATEWAY_SECRET_KEY: '' } })).rejects.toThrow(
      /LEGACY_SCHEMA.*GATEWAY_ACCESS_KEY/,
    );
  });
});
