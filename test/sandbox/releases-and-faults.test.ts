/**
 * What differs per release (versions, schema, REST, request bodies), the manager's refusals of unknown
 * paths and bad bodies, and the test and benchmark knobs: faults, latency, counters, settings.
 */

import { buildASTSchema, parse } from 'graphql';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { legacySchemaSDL, parseFault, sandboxOptionsFromEnv } from '../../src/sandbox/index.ts';
import { call, data, gql, sandboxesClosedAfterEach } from './helpers.ts';

const sandboxOf = sandboxesClosedAfterEach();

describe('GET / and unknown paths', () => {
  it.each([
    ['25.6', 'v8.20240915', '25.6.0'],
    ['26.1', 'v9.20250722', '26.1.0'],
    ['26.3', 'v9.20250722', '26.3.0'],
  ] as const)(
    '%s answers GET / with its versions, without credentials',
    async (managerVersion, version, manager) => {
      const sandbox = await sandboxOf({ managerVersion });
      const response = await request(`${sandbox.url}/`);
      expect(response.headers.server).toBe('BackendAI');
      expect(await response.body.json()).toEqual({ version, manager });
    },
  );

  it('refuses an API version the release does not know, on every path', async () => {
    const sandbox = await sandboxOf({ managerVersion: '25.6' });
    const response = await call(sandbox, 'GET', '/', {
      who: null,
      headers: { 'x-backendai-version': 'v9.20250722' },
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      type: 'https://api.backend.ai/probs/generic-bad-request',
      title: 'Bad request.',
      msg: 'Unsupported API version.',
    });
  });

  it('answers unknown paths and methods with the manager problem bodies', async () => {
    const sandbox = await sandboxOf();
    const missing = await call(sandbox, 'POST', '/admin/images/search', { body: {} });
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.body).toEqual({
      type: 'https://api.backend.ai/probs/url-not-found',
      title: 'Unknown URL path.',
      error_code: 'api_read_not-found',
      data: '/admin/images/search',
    });
    const wrongMethod = await call(sandbox, 'GET', '/admin/gql');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body.title).toBe('HTTP Method Not Allowed.');
  });
});

describe('schema per release', () => {
  it('25.6 names its root types Queries/Mutations and lacks ImageNode.installed and type', async () => {
    const sandbox = await sandboxOf({ managerVersion: '25.6' });
    const result = await data<{ __typename: string; __type: { fields: { name: string }[] } }>(
      sandbox,
      '{ __typename __type(name: "ImageNode") { fields { name } } }',
      'user',
    );
    expect(result.__typename).toBe('Queries');
    const fields = result.__type.fields.map((field) => field.name);
    expect(fields).not.toContain('installed');
    expect(fields).not.toContain('type');
  });

  it.each(['25.6', '26.1', '26.3'] as const)(
    'legacySchemaSDL(%s) is a valid schema with the image root fields',
    (version) => {
      const schema = buildASTSchema(parse(legacySchemaSDL(version)));
      const fields = Object.keys(schema.getQueryType()!.getFields());
      expect(fields).toEqual(
        expect.arrayContaining([
          'image',
          'images',
          'image_node',
          'image_nodes',
          'customized_images',
          'container_registry_nodes',
          'node',
        ]),
      );
      const architecture = schema
        .getQueryType()!
        .getFields()
        .image!.args.find((arg) => arg.name === 'architecture')!;
      expect([String(architecture.type), architecture.defaultValue]).toEqual(
        version === '25.6' ? ['String', 'x86_64'] : ['String', null],
      );
    },
  );

  it('refuses introspection when asked to, as 26.x managers do by default', async () => {
    const sandbox = await sandboxOf({ introspection: false });
    const response = await gql(sandbox, '{ __schema { queryType { name } } }');
    expect(response.body).toEqual({
      data: null,
      errors: [
        {
          message: "Cannot query '__schema': introspection is disabled.",
          locations: [{ line: 1, column: 3 }],
        },
      ],
    });
    expect((await data(sandbox, '{ __typename }')).__typename).toBe('Query');
  });

  it('serves a caller-given schema with federation directives; root fields it does not know answer null', async () => {
    const sdl = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.0", import: ["@key"])
      ${legacySchemaSDL('26.1').replace('type ImageNode implements Node {', 'type ImageNode implements Node @key(fields: "id") {').replace('type Query {', 'type Query {\n  agents: [String]')}`;
    const sandbox = await sandboxOf({ schemaSDL: sdl });
    const result = await data<{ agents: null; image_nodes: { count: number } }>(
      sandbox,
      '{ agents image_nodes(scope_id: "system") { count } }',
    );
    expect(result.agents).toBeNull();
    expect(result.image_nodes.count).toBeGreaterThan(0);
  });
});

describe('request bodies', () => {
  const query = '{ image_nodes(scope_id: "system", first: 1) { count } }';

  it.each([
    [
      '26.1',
      'extra keys',
      { query, extensions: {} },
      400,
      { msg: 'Input validation error', data: { extensions: 'extensions is not allowed key' } },
    ],
    [
      '26.1',
      'no query',
      { variables: {} },
      400,
      { msg: 'Input validation error', data: { query: 'is required' } },
    ],
    [
      '26.1',
      'operation_name',
      { query, operation_name: null },
      200,
      { data: { image_nodes: { count: expect.any(Number) } } },
    ],
    [
      '26.3',
      'extra keys',
      { query, extensions: {} },
      200,
      { data: { image_nodes: { count: expect.any(Number) } }, errors: null },
    ],
    ['26.3', 'no query', { variables: {} }, 400, { title: 'Invalid or Missing API Parameters.' }],
  ] as const)('%s with %s', async (managerVersion, _, body, status, expected) => {
    const sandbox = await sandboxOf({ managerVersion });
    const response = await call(sandbox, 'POST', '/admin/gql', { body });
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject(expected);
  });

  it('answers a query that does not validate with data: null and the errors', async () => {
    const sandbox = await sandboxOf();
    const response = await call(sandbox, 'POST', '/admin/gql', {
      body: { query: '{ image_nodes { nope } }' },
    });
    expect(response.status).toBe(200);
    expect(response.body.data).toBeNull();
    expect(response.body.errors.length).toBeGreaterThan(0);
  });

  it('answers the deprecated /admin/graphql with bare data, and any error as a GraphQLError problem', async () => {
    const sandbox = await sandboxOf();
    const ok = await call(sandbox, 'POST', '/admin/graphql', { body: { query } });
    expect(ok.body).toEqual({ image_nodes: { count: expect.any(Number) } });
    const failed = await call(sandbox, 'POST', '/admin/graphql', {
      body: { query: '{ image(id: "nope") { id } }' },
    });
    expect(failed.status).toBe(400);
    expect(failed.body).toMatchObject({
      title: 'GraphQL-generated error.',
      data: [{ message: 'badly formed hexadecimal UUID string' }],
    });
  });
});

describe('REST image API (26.3)', () => {
  it('is not there before 26.3', async () => {
    const sandbox = await sandboxOf({ managerVersion: '26.1' });
    expect((await call(sandbox, 'GET', `/admin/images/${sandbox.dataset.images[0]!.id}`)).status).toBe(404);
  });

  it('is superadmin-only', async () => {
    const sandbox = await sandboxOf({ managerVersion: '26.3' });
    const refused = await call(sandbox, 'POST', '/admin/images/search', { body: {}, who: 'user' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ title: 'Forbidden operation.', msg: 'Insufficient privileges' });
  });

  it('searches, pages and gets rows whose limits are all capped decimals, with registry_id, created_at and the maximums', async () => {
    const sandbox = await sandboxOf({ managerVersion: '26.3', images: 200 });
    const capped = sandbox.dataset.images.filter(
      (image) =>
        Object.values(image.resources).length > 2 && Object.values(image.resources).every((r) => r.max),
    );
    const target = capped[0]!;
    const found = await call(sandbox, 'POST', '/admin/images/search', {
      body: {
        filter: { name: { equals: target.name }, architecture: { equals: target.architecture } },
        limit: 5,
      },
    });
    expect(found.status).toBe(200);
    expect(found.body.pagination).toEqual({ total: 1, offset: 0, limit: 5 });
    const item = found.body.items[0];
    expect(item).toMatchObject({
      id: target.id,
      name: target.name,
      registry_id: target.registryId,
      type: 'compute',
      status: target.status,
      // pydantic writes microseconds, and none when there are none.
      created_at: target.createdAt.replace(/\.(\d{3})Z$/, (_, ms) => (ms === '000' ? 'Z' : `.${ms}000Z`)),
      config_digest: target.configDigest,
    });
    expect(item.resource_limits).toContainEqual({ key: 'cpu', min: '1', max: '16' });
    if (target.status === 'ALIVE') {
      const got = await call(sandbox, 'GET', `/admin/images/${target.id}`);
      expect(got.body.item).toMatchObject({
        id: target.id,
        name: target.image,
        config_digest: target.configDigest.trim(),
      });
      expect(got.body.item.resource_limits.every((limit: { max: unknown }) => limit.max === null)).toBe(true);
    }
  });

  it('fails as 26.3.0 does (500) for rows whose limits are not all capped decimals', async () => {
    const sandbox = await sandboxOf({ managerVersion: '26.3' });
    const plain = sandbox.dataset.images.find(
      (image) => image.status === 'ALIVE' && Object.keys(image.resources).length === 0,
    )!;
    const search = await call(sandbox, 'POST', '/admin/images/search', {
      body: { filter: { name: { equals: plain.name } } },
    });
    expect(search.status).toBe(500);
    expect(search.body).toMatchObject({ title: 'Internal server error.' });
  });

  it.each([
    [{ limit: 5000 }, 'Input should be less than or equal to 1000'],
    [{ offset: -1 }, 'Input should be greater than or equal to 0'],
    [{ order: [{ field: 'size' }] }, "Input should be 'name', 'created_at' or 'last_used'"],
  ])('refuses the search body %j', async (body, message) => {
    const sandbox = await sandboxOf({ managerVersion: '26.3' });
    const response = await call(sandbox, 'POST', '/admin/images/search', { body });
    expect(response.status).toBe(400);
    expect(response.body.title).toBe('Invalid or Missing API Parameters.');
    expect(response.body.msg).toContain(message);
  });

  it('answers 404 for an unknown or deleted image, 400 for a malformed id', async () => {
    const sandbox = await sandboxOf({ managerVersion: '26.3' });
    const deleted = sandbox.dataset.images.find((image) => image.status === 'DELETED')!;
    expect((await call(sandbox, 'GET', `/admin/images/${deleted.id}`)).body).toMatchObject({
      title: 'No such environment image.',
      error_code: 'image_read_not-found',
    });
    expect((await call(sandbox, 'GET', '/admin/images/not-a-uuid')).status).toBe(400);
  });
});

describe('faults, latency and counters', () => {
  const QUERY = '{ image_nodes(scope_id: "system") { count } }';

  it('counts requests, paths and the root fields asked for', async () => {
    const sandbox = await sandboxOf();
    await gql(sandbox, '{ a: image_nodes(scope_id: "system") { count } customized_images { id } }', 'user');
    await request(`${sandbox.url}/?x=1`).then((response) => response.body.text());
    expect(sandbox.stats).toMatchObject({
      requests: 2,
      byPath: { '/admin/gql': 1, '/': 1 },
      graphqlRequests: 1,
      rootFields: { image_nodes: 1, customized_images: 1 },
    });
    sandbox.stats.reset();
    expect(sandbox.stats).toMatchObject({ requests: 0, byPath: {}, graphqlRequests: 0, rootFields: {} });
  });

  it('refuses connections while down and serves again on the same port after', async () => {
    const sandbox = await sandboxOf();
    await sandbox.setFault({ kind: 'down' });
    await expect(gql(sandbox, QUERY, 'user')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await sandbox.setFault(null);
    expect((await gql(sandbox, QUERY, 'user')).status).toBe(200);
  });

  it('answers with an HTTP error or broken JSON when told to', async () => {
    const sandbox = await sandboxOf({ fault: { kind: 'status', status: 503 } });
    expect((await gql(sandbox, QUERY, 'user')).status).toBe(503);
    await sandbox.setFault({ kind: 'status', status: 502, body: 'bad gateway' });
    const failed = await call(sandbox, 'POST', '/admin/gql', { body: { query: QUERY } });
    expect([failed.status, failed.body.raw]).toEqual([502, 'bad gateway']);
    await sandbox.setFault({ kind: 'malformed-json' });
    const broken = await gql(sandbox, QUERY, 'user');
    expect(broken.status).toBe(200);
    expect(broken.body.raw).toBeDefined();
  });

  it('delays answers while slow', async () => {
    const sandbox = await sandboxOf({ fault: { kind: 'slow', delayMs: 10 } });
    expect((await gql(sandbox, QUERY, 'user')).status).toBe(200);
  });

  it('reads its options and faults from the environment, naming bad values', () => {
    expect(
      sandboxOptionsFromEnv({
        SANDBOX_IMAGES: '10000',
        SANDBOX_MANAGER_VERSION: '26.3',
        SANDBOX_AUTH: 'off',
        SANDBOX_FAULT: 'slow:250',
        SANDBOX_LATENCY_MS: '5',
        SANDBOX_HOST: '0.0.0.0',
        SANDBOX_INTROSPECTION: 'off',
      }),
    ).toEqual({
      images: 10000,
      managerVersion: '26.3',
      auth: false,
      fault: { kind: 'slow', delayMs: 250 },
      latencyMs: 5,
      host: '0.0.0.0',
      introspection: false,
    });
    expect(() => sandboxOptionsFromEnv({ SANDBOX_MANAGER_VERSION: '24.9', SANDBOX_IMAGES: 'many' })).toThrow(
      /SANDBOX_IMAGES.*\n.*SANDBOX_MANAGER_VERSION/s,
    );
    expect(parseFault('status:502')).toEqual({ kind: 'status', status: 502 });
    expect(parseFault('down')).toEqual({ kind: 'down' });
    expect(parseFault('malformed-json')).toEqual({ kind: 'malformed-json' });
    expect(() => parseFault('explode')).toThrow(/SANDBOX_FAULT/);
  });
});
