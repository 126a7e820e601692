/**
 * FEDERATION=on: the gateway answers `_service { sdl }` with the ImageV2 subgraph SDL and resolves ImageV2
 * entities by id, many in one upstream request, each with the caller's own credentials.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/relay/index.ts';
import { imageV2SubgraphSDL } from '../../src/schema/federation.ts';
import { dataOf, postGraphQL } from '../support/client.ts';
import { type Stack, startStack } from '../support/stack.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ env: { FEDERATION: 'on' } });
});
afterAll(() => stack.close());

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on ImageV2 { id identity { canonicalName } }
  }
}`;

interface Entities {
  _entities: ({ __typename: string; id: string; identity: { canonicalName: string } } | null)[];
}

const representation = (id: string) => ({ __typename: 'ImageV2', id: encodeGlobalId('ImageV2', id) });

describe('the federation subgraph', () => {
  it('serves the subgraph SDL the served schema gives for the profile', async () => {
    const data = dataOf(
      await postGraphQL<{ _service: { sdl: string } }>(stack.gateway.url, '{ _service { sdl } }', {
        keypair: stack.sandbox.credentials.user,
      }),
    );
    expect(data._service.sdl).toBe(imageV2SubgraphSDL(stack.gateway.schema, 'bep-1038'));
    expect(data._service.sdl).toContain('type ImageV2 implements Node @key(fields: "id")');
  });

  it('resolves many ImageV2 entities, in order, in one upstream request, and one more for an id no scope holds', async () => {
    const images = stack.sandbox.dataset.images
      .filter((image) => image.registry === 'cr.backend.ai')
      .slice(0, 4);
    const missing = '00000000-0000-4000-8000-000000000000';
    stack.sandbox.stats.reset();
    const data = dataOf(
      await postGraphQL<Entities>(stack.gateway.url, ENTITIES, {
        keypair: stack.sandbox.credentials.superadmin,
        variables: {
          representations: [...images.map((image) => representation(image.id)), representation(missing)],
        },
      }),
    );
    expect(data._entities).toEqual([
      ...images.map((image) => ({
        __typename: 'ImageV2',
        id: encodeGlobalId('ImageV2', image.id),
        identity: { canonicalName: image.name },
      })),
      null,
    ]);
    // The caller's role beside them; a superadmin also looks the unknown id up outside its scopes.
    expect(stack.sandbox.stats.graphqlRequests).toBe(2);
    expect(stack.sandbox.stats.rootFields).toEqual({ image_node: images.length + 1, user: 1, image: 1 });
  });

  it("reads entities with the caller's credentials: a user gets null for an image of a project it is not in", async () => {
    const privateImage = stack.sandbox.dataset.images.find(
      (image) => image.registry === 'registry.example.com',
    );
    const variables = { representations: [representation(privateImage!.id)] };
    const [asUser, asSuperadmin] = [
      await postGraphQL<Entities>(stack.gateway.url, ENTITIES, {
        keypair: stack.sandbox.credentials.user,
        variables,
      }),
      await postGraphQL<Entities>(stack.gateway.url, ENTITIES, {
        keypair: stack.sandbox.credentials.superadmin,
        variables,
      }),
    ];
    expect(dataOf(asUser)._entities).toEqual([null]);
    expect(dataOf(asSuperadmin)._entities[0]?.id).toBe(encodeGlobalId('ImageV2', privateImage!.id));
  });

  it("refuses an unsigned entity request with the manager's status", async () => {
    const image = stack.sandbox.dataset.images[0]!;
    const response = await postGraphQL<Entities>(stack.gateway.url, ENTITIES, {
      keypair: null,
      variables: { representations: [representation(image.id)] },
    });
    const direct = await postGraphQL(stack.sandbox.url, '{ image_nodes(scope_id: "system") { count } }', {
      keypair: null,
    });
    expect(direct.status).toBe(401);
    // The manager's own refusal, status and problem body, as the caller would get it without the gateway.
    expect(response.status).toBe(direct.status);
    expect(response.body).toEqual(direct.body);
  });

  it('reports a bad representation at its own index and still resolves the others', async () => {
    const image = stack.sandbox.dataset.images.find((row) => row.registry === 'cr.backend.ai')!;
    const response = await postGraphQL<Entities>(stack.gateway.url, ENTITIES, {
      keypair: stack.sandbox.credentials.superadmin,
      variables: { representations: [{ __typename: 'ImageNode', id: image.id }, representation(image.id)] },
    });
    expect(response.body.data?._entities).toEqual([
      null,
      expect.objectContaining({ id: encodeGlobalId('ImageV2', image.id) }),
    ]);
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        message: 'Invalid GraphQL parameters. (ImageNode is not an entity of this subgraph)',
        path: ['_entities', 0],
        extensions: { code: 'api_generic_invalid-parameters' },
      }),
    ]);
  });
});

describe('without FEDERATION', () => {
  it('serves no _service field of its own', async () => {
    const plain = await startStack();
    try {
      const response = await postGraphQL(plain.gateway.url, '{ _service { sdl } }', {
        keypair: plain.sandbox.credentials.user,
      });
      expect(response.body.errors?.[0]?.message).toMatch(/Cannot query field "_service"/);
    } finally {
      await plain.close();
    }
  });
});
