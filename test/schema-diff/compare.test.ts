import { buildASTSchema, getIntrospectionQuery, graphqlSync, type IntrospectionQuery, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { type Allowance, compareSchemas, type DiffReport } from '../../src/schema-diff/index.ts';

/** A reference in the shape of the manager's image type files: some types, and a subset of Query. */
const REFERENCE = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])

  """An image."""
  type ImageV2 implements Node @key(fields: "id") {
    id: ID!
    metadata: ImageMetadataInfo!
  }
  type ImageMetadataInfo {
    digest: String
    sizeBytes: Int!
    status: ImageStatus!
  }
  enum ImageStatus {
    ALIVE
    DELETED
  }
  interface Node {
    id: ID!
  }
  type PageInfo @shareable {
    hasNextPage: Boolean!
  }
  extend type ImageNode @key(fields: "id") {
    id: ID! @external
  }
  # Subset of Query
  type Query {
    imageV2(id: ID!): ImageV2
    imagesV2(first: Int = null): [ImageV2!]!
  }
`;

/** What a gateway serves: the reference's part with the deliberate BigInt, plus a legacy API around it. */
const SERVED = /* GraphQL */ `
  scalar BigInt
  type ImageV2 implements Node {
    id: ID!
    metadata: ImageMetadataInfo!
    registry: String!
  }
  type ImageMetadataInfo {
    "worded differently"
    digest: String
    sizeBytes: BigInt!
    status: ImageStatus!
  }
  enum ImageStatus {
    ALIVE
    DELETED
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
  type Query {
    imageV2(id: ID!): ImageV2
    imagesV2(first: Int = null): [ImageV2!]!
    image_nodes: [ImageNode]
    _service: _Service!
  }
  type _Service {
    sdl: String
  }
  type Mutation {
    forget_image(id: ID!): Boolean
  }
`;

const SIZE_BYTES: Allowance = {
  change: 'FIELD_TYPE_CHANGED',
  path: 'ImageMetadataInfo.sizeBytes',
  reason: 'BigInt never fails on images of 2 GiB and more',
};

const summary = (report: DiffReport) => ({
  breaking: report.breaking.map((change) => `${change.type} ${change.path}`),
  dangerous: report.dangerous.map((change) => `${change.type} ${change.path}`),
  safe: report.safe.map((change) => `${change.type} ${change.path}`),
  allowed: report.allowed.map((change) => `${change.type} ${change.path}`),
  ok: report.ok,
});

describe('compareSchemas against a reference that covers only some types', () => {
  it('reports the changed field type, the type it needs and the added field, and nothing of the rest', async () => {
    expect(summary(await compareSchemas(SERVED, REFERENCE))).toEqual({
      breaking: ['FIELD_TYPE_CHANGED ImageMetadataInfo.sizeBytes'],
      dangerous: [],
      safe: ['TYPE_ADDED BigInt', 'FIELD_ADDED ImageV2.registry'],
      allowed: [],
      ok: false,
    });
  });

  it('passes when the allow-list accepts the one breaking change, and gives its reason', async () => {
    const report = await compareSchemas(SERVED, REFERENCE, { allowList: [SIZE_BYTES] });
    expect(report.ok).toBe(true);
    expect(report.allowed).toEqual([
      expect.objectContaining({ path: 'ImageMetadataInfo.sizeBytes', allowedBecause: SIZE_BYTES.reason }),
    ]);
    expect(report.unmatched).toEqual([]);
  });

  it('fails on a planted breaking change that the allow-list does not name', async () => {
    const planted = SERVED.replace('    digest: String\n', '');
    const report = await compareSchemas(planted, REFERENCE, { allowList: [SIZE_BYTES] });
    expect(summary(report).breaking).toEqual(['FIELD_REMOVED ImageMetadataInfo.digest']);
    expect(report.ok).toBe(false);
  });

  it('does not let an allowance for one change at a path hide another change there', async () => {
    const planted = SERVED.replace('    sizeBytes: BigInt!\n', '');
    const report = await compareSchemas(planted, REFERENCE, { allowList: [SIZE_BYTES] });
    expect(summary(report).breaking).toEqual(['FIELD_REMOVED ImageMetadataInfo.sizeBytes']);
    expect(report.unmatched).toEqual([SIZE_BYTES]);
  });

  it('reports a dangerous change without failing', async () => {
    const planted = SERVED.replace('    DELETED\n', '    DELETED\n    PURGED\n');
    const report = await compareSchemas(planted, REFERENCE, { allowList: [SIZE_BYTES] });
    expect(summary(report).dangerous).toEqual(['ENUM_VALUE_ADDED ImageStatus.PURGED']);
    expect(report.ok).toBe(true);
  });

  it('reports a root field of the reference that is not served as removed', async () => {
    const planted = SERVED.replace('    imagesV2(first: Int = null): [ImageV2!]!\n', '');
    expect(summary(await compareSchemas(planted, REFERENCE)).breaking).toContain(
      'FIELD_REMOVED Query.imagesV2',
    );
  });

  it('reports a changed argument default as dangerous', async () => {
    const planted = SERVED.replace('imagesV2(first: Int = null)', 'imagesV2(first: Int = 10)');
    expect(summary(await compareSchemas(planted, REFERENCE)).dangerous).toEqual([
      'FIELD_ARGUMENT_DEFAULT_CHANGED Query.imagesV2.first',
    ]);
  });
});

describe('compareSchemas with the full scope', () => {
  it('also lists what the schema adds beyond the reference, and reaches the same verdict', async () => {
    const [reference, full] = [
      await compareSchemas(SERVED, REFERENCE, { allowList: [SIZE_BYTES] }),
      await compareSchemas(SERVED, REFERENCE, { allowList: [SIZE_BYTES], scope: 'full' }),
    ];
    expect(summary(full).safe).toEqual(
      expect.arrayContaining([
        'TYPE_ADDED ImageNode',
        'FIELD_ADDED Query.image_nodes',
        'TYPE_ADDED Mutation',
      ]),
    );
    expect(full.ok).toBe(reference.ok);
  });
});

describe('what the comparison leaves out', () => {
  it('sees no change between a schema and itself read by introspection, federation plumbing aside', async () => {
    const schema = buildASTSchema(parse(SERVED));
    const introspection = graphqlSync({ schema, source: getIntrospectionQuery() })
      .data as unknown as IntrospectionQuery;
    const report = await compareSchemas(introspection, SERVED, { scope: 'full' });
    expect(summary(report)).toEqual({ breaking: [], dangerous: [], safe: [], allowed: [], ok: true });
  });

  it('ignores descriptions, federation directives and _service, and keeps deprecations', async () => {
    const deprecated = SERVED.replace(
      'registry: String!',
      'registry: String! @deprecated(reason: "use registryId")',
    );
    const subgraph =
      `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])\n${SERVED}`
        .replace('type ImageV2 implements Node {', 'type ImageV2 implements Node @key(fields: "id") {')
        .replace('"worded differently"', '"the config digest"')
        .replace('_service: _Service!', '');
    const report = await compareSchemas(deprecated, subgraph, { scope: 'full' });
    expect(summary(report).safe).toEqual(['FIELD_DEPRECATION_ADDED ImageV2.registry.@deprecated']);
  });

  it('refuses a document of operations', async () => {
    await expect(compareSchemas('query { imagesV2 { id } }', REFERENCE)).rejects.toThrow(
      /operations, not a schema/,
    );
  });
});
