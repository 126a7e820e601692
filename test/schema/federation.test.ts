import { composeServices } from '@theguild/federation-composition';
import { buildASTSchema, type GraphQLError, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/relay/index.ts';
import {
  entityReference,
  federationTypeDefs,
  imageV2SubgraphSDL,
  profileRootFields,
  withoutFederationFields,
} from '../../src/schema/federation.ts';

/** A served schema in miniature: a legacy API (root type `Queries`, as before 25.13) and ImageV2 beside it. */
const SERVED = buildASTSchema(
  parse(/* GraphQL */ `
    schema {
      query: Queries
    }
    interface Node {
      id: ID!
    }
    type PageInfo {
      hasNextPage: Boolean!
    }
    type ImageNode implements Node {
      id: ID!
      name: String
    }
    type ImageV2 implements Node {
      id: ID!
      identity: ImageIdentityInfo!
    }
    type ImageIdentityInfo {
      canonicalName: String!
    }
    type ImageConnectionV2 {
      pageInfo: PageInfo!
      edges: [ImageV2Edge!]!
    }
    type ImageV2Edge {
      node: ImageV2!
    }
    type _Service {
      sdl: String
    }
    type Queries {
      image_nodes: [ImageNode]
      node(id: ID!): Node
      imageV2(id: ID!): ImageV2
      imagesV2(first: Int): ImageConnectionV2!
      _service: _Service!
    }
  `),
);

describe('profileRootFields', () => {
  it.each([
    ['bep-1038', ['imageV2', 'imagesV2']],
    ['release', ['imageV2', 'adminImagesV2', 'containerRegistryImagesV2']],
  ] as const)('lists the root fields the %s profile adds', (profile, fields) => {
    expect(profileRootFields(profile)).toEqual(fields);
  });
});

describe('imageV2SubgraphSDL', () => {
  const sdl = imageV2SubgraphSDL(SERVED, 'bep-1038');
  const subgraph = buildASTSchema(parse(sdl), { assumeValidSDL: true });

  it('declares the profile root fields on Query, and no legacy or federation root field', () => {
    expect(Object.keys(subgraph.getQueryType()?.getFields() ?? {})).toEqual(['imageV2', 'imagesV2']);
    expect(subgraph.getQueryType()?.name).toBe('Query');
  });

  it('holds the types the root fields reach, and no other', () => {
    const types = Object.keys(subgraph.getTypeMap()).filter((name) => !name.startsWith('__'));
    expect(types.sort()).toEqual(
      [
        'Boolean',
        'ID',
        'ImageConnectionV2',
        'ImageIdentityInfo',
        'ImageV2',
        'ImageV2Edge',
        'Int',
        'Node',
        'PageInfo',
        'Query',
        'String',
      ].sort(),
    );
  });

  it('keys ImageV2 by id, shares PageInfo and links the federation spec', () => {
    expect(sdl).toMatch(
      /^extend schema @link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.3", import: \["@key", "@shareable"\]\)/,
    );
    expect(sdl).toContain('type ImageV2 implements Node @key(fields: "id") {');
    expect(sdl).toContain('type PageInfo @shareable {');
  });

  it('is a subgraph a federation composition accepts', () => {
    const result = composeServices([
      { name: 'imagev2', typeDefs: parse(sdl), url: 'http://127.0.0.1/admin/gql' },
    ]);
    expect(result.errors ?? []).toEqual([]);
  });
});

describe('withoutFederationFields and federationTypeDefs', () => {
  it('replaces a manager schema _service with the subgraph one', () => {
    const base = withoutFederationFields(SERVED);
    expect(base.getQueryType()?.getFields()._service).toBeUndefined();
    expect(base.getType('_Service')).toBeUndefined();
    expect(base.getType('ImageNode')).toBeDefined();
    const extended = buildASTSchema(
      parse(
        `schema { query: Queries } type Queries { x: Int } type ImageV2 { id: ID! } ${federationTypeDefs('Queries')}`,
      ),
    );
    expect(Object.keys(extended.getQueryType()?.getFields() ?? {})).toEqual(['x', '_entities', '_service']);
    expect(String(extended.getQueryType()?.getFields()._entities?.type)).toBe('[_Entity]!');
  });
});

describe('entityReference', () => {
  const uuid = '5a0b32d4-3b6e-4e54-9b3c-6f0a1a2b3c4d';
  it.each([
    ['a global id', { __typename: 'ImageV2', id: encodeGlobalId('ImageV2', uuid) }],
    ['a raw UUID', { __typename: 'ImageV2', id: uuid }],
    ['an upper-case UUID', { __typename: 'ImageV2', id: uuid.toUpperCase() }],
  ])('reads %s', (_name, representation) => {
    expect(entityReference(representation)).toEqual({ typeName: 'ImageV2', id: uuid });
  });

  it.each([
    ['no id', { __typename: 'ImageV2' }, /needs a __typename and an id/],
    ['no __typename', { id: uuid }, /needs a __typename and an id/],
    ['not an object', 'ImageV2', /needs a __typename and an id/],
    ['a type that is no entity here', { __typename: 'ImageNode', id: uuid }, /ImageNode is not an entity/],
    [
      'another type global id',
      { __typename: 'ImageV2', id: encodeGlobalId('ImageNode', uuid) },
      /ImageV2 global id or UUID/,
    ],
    ['a name', { __typename: 'ImageV2', id: 'python' }, /ImageV2 global id or UUID, got "python"/],
  ])('refuses %s with the native invalid-parameters error', (_name, representation, message) => {
    let error: GraphQLError | undefined;
    try {
      entityReference(representation);
    } catch (caught) {
      error = caught as GraphQLError;
    }
    expect(error?.message).toMatch(message);
    expect(error?.extensions.code).toBe('api_generic_invalid-parameters');
  });
});
