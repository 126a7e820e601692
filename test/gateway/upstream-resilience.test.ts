import { afterEach, describe, expect, it } from 'vitest';
import { dataOf, postGraphQL } from '../support/client.ts';
import { eventually } from '../support/eventually.ts';
import { sample, scrape } from '../support/metrics.ts';
import { type Stack, type StackOptions, stacksClosedAfterEach } from '../support/stack.ts';

const stackOf = stacksClosedAfterEach(afterEach);
const FAST = { UPSTREAM_TIMEOUT_MS: '500', UPSTREAM_RETRY_BACKOFF_MS: '20' };
const NO_CIRCUIT = { ...FAST, CIRCUIT_FAILURE_THRESHOLD: '0' };
const LEGACY = '{ image_nodes(scope_id: "system", first: 3) { count } }';

const start = (options: StackOptions) => stackOf(options);
const ask = (stack: Stack, query: string, headers?: Record<string, string>) =>
  postGraphQL(stack.gateway.url, query, { keypair: stack.sandbox.credentials.superadmin, headers });
const graphqlCalls = (stack: Stack) => stack.sandbox.stats.byPath['/admin/gql'] ?? 0;

describe('retries', () => {
  it('tries a read again when the manager answers 503, UPSTREAM_RETRIES times, then says so', async () => {
    const stack = await start({ env: { ...NO_CIRCUIT, UPSTREAM_RETRIES: '2' } });
    await stack.sandbox.setFault({ kind: 'status', status: 503 });
    stack.sandbox.stats.reset();
    const response = await ask(stack, LEGACY);
    expect(response.body.errors?.[0]?.message).toBe(
      'The legacy manager answered with an HTTP error. (HTTP 503)',
    );
    expect(graphqlCalls(stack)).toBe(3);
    expect(
      sample(await scrape(stack.gateway.url), 'imagev2_gateway_upstream_retries_total', { source: 'Legacy' }),
    ).toBe(2);
  });

  it('answers a read from the retry when the first attempt loses its connection', async () => {
    const stack = await start({ env: NO_CIRCUIT, proxy: true });
    const proxy = stack.proxy!;
    const firstCall = proxy.seen.length;
    proxy.rule = (request, index) =>
      index === firstCall && request.path === '/admin/gql' ? 'reset' : 'pass';
    const data = dataOf(await ask(stack, LEGACY));
    expect(data).toMatchObject({ image_nodes: { count: expect.any(Number) } });
    expect(proxy.seen.slice(firstCall).filter((seen) => seen.path === '/admin/gql')).toHaveLength(2);
  });

  it('never tries a mutation again, even when its connection is lost (it may have been applied)', async () => {
    const stack = await start({ env: NO_CIRCUIT, proxy: true });
    const proxy = stack.proxy!;
    const firstCall = proxy.seen.length;
    proxy.rule = (request) => (request.body.includes('dealias_image') ? 'reset' : 'pass');
    const response = await ask(stack, 'mutation { dealias_image(alias: "no-such-alias") { ok msg } }');
    expect(response.body.errors?.[0]?.extensions?.code).toBe('external-system_request_unreachable');
    expect(proxy.seen.slice(firstCall).filter((seen) => seen.body.includes('dealias_image'))).toHaveLength(1);
  });

  it('never tries a refusal again (the manager refuses a wrong key with 401)', async () => {
    const stack = await start({ env: NO_CIRCUIT });
    stack.sandbox.stats.reset();
    const wrong = { ...stack.sandbox.credentials.superadmin, secretKey: 'wrong' };
    const response = await postGraphQL(stack.gateway.url, LEGACY, { keypair: wrong });
    expect(response.status).toBe(401);
    expect(graphqlCalls(stack)).toBe(1);
  });

  it('does not try a 500 again: the manager answered, and its handler fails the same way each time', async () => {
    const stack = await start({ env: NO_CIRCUIT });
    await stack.sandbox.setFault({ kind: 'status', status: 500 });
    stack.sandbox.stats.reset();
    await ask(stack, LEGACY);
    expect(graphqlCalls(stack)).toBe(1);
  });
});

describe('the circuit of the legacy GraphQL endpoint', () => {
  it('opens after repeated failures, fails fast without calling the manager, shows in /readiness and /metrics, and closes by itself once the manager is back', async () => {
    const stack = await start({
      env: { ...FAST, CIRCUIT_FAILURE_THRESHOLD: '3', CIRCUIT_OPEN_SECONDS: '0.5', UPSTREAM_RETRIES: '2' },
    });
    await stack.sandbox.setFault({ kind: 'status', status: 503 });
    // Three attempts of one read: the third failure in a row opens the circuit.
    expect((await ask(stack, LEGACY)).body.errors?.[0]?.message).toMatch(/HTTP 503/);

    stack.sandbox.stats.reset();
    const refused = await ask(stack, LEGACY);
    expect(refused.body.errors?.[0]).toEqual(
      expect.objectContaining({
        message: expect.stringMatching(
          /^The legacy manager is unavailable; the gateway stopped calling it after repeated failures\. \(retry in \d+ s\)$/,
        ),
        extensions: { code: 'external-system_request_unavailable' },
      }),
    );
    expect(graphqlCalls(stack)).toBe(0);

    const readiness = await fetch(`${stack.gateway.url}/readiness`);
    expect(readiness.status).toBe(503);
    expect(await readiness.json()).toMatchObject({
      ready: false,
      reasons: expect.arrayContaining(['the circuit to Legacy is open after repeated failures']),
      circuits: { Legacy: 'open' },
    });
    expect(
      sample(await scrape(stack.gateway.url), 'imagev2_gateway_circuit_state', { source: 'Legacy' }),
    ).toBe(2);

    await stack.sandbox.setFault(null);
    await eventually(async () => {
      expect(dataOf(await ask(stack, LEGACY))).toMatchObject({ image_nodes: { count: expect.any(Number) } });
    });
    await eventually(async () => expect((await fetch(`${stack.gateway.url}/readiness`)).status).toBe(200));
    expect(
      sample(await scrape(stack.gateway.url), 'imagev2_gateway_circuit_state', { source: 'Legacy' }),
    ).toBe(0);
  });

  it('a failed probe opens it again', async () => {
    const stack = await start({
      env: { ...FAST, CIRCUIT_FAILURE_THRESHOLD: '1', CIRCUIT_OPEN_SECONDS: '0.3', UPSTREAM_RETRIES: '0' },
    });
    await stack.sandbox.setFault({ kind: 'status', status: 503 });
    await ask(stack, LEGACY);
    await new Promise((resolve) => setTimeout(resolve, 350));
    stack.sandbox.stats.reset();
    // The probe goes to the manager and fails; the next call is refused without a call.
    expect((await ask(stack, LEGACY)).body.errors?.[0]?.message).toMatch(/HTTP 503/);
    expect((await ask(stack, LEGACY)).body.errors?.[0]?.message).toMatch(/stopped calling it/);
    expect(graphqlCalls(stack)).toBe(1);
  });
});

describe('/readiness and /healthcheck', () => {
  it('/readiness is 503 while the manager does not answer and 200 once it does; /healthcheck stays 200', async () => {
    const stack = await start({ env: NO_CIRCUIT });
    const readiness = () => fetch(`${stack.gateway.url}/readiness`);
    expect((await readiness()).status).toBe(200);
    await stack.sandbox.setFault({ kind: 'down' });
    await eventually(async () => {
      const response = await readiness();
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        ready: false,
        reasons: ['the legacy manager is unreachable'],
        managerReachable: false,
      });
    });
    expect((await fetch(`${stack.gateway.url}/healthcheck`)).status).toBe(200);
    await stack.sandbox.setFault(null);
    await eventually(async () => expect((await readiness()).status).toBe(200));
  });
});

describe('timeouts', () => {
  it('GET / (the manager version) is answered within 5 s when the manager hangs', async () => {
    const stack = await start({ env: NO_CIRCUIT });
    await stack.sandbox.setFault({ kind: 'slow', delayMs: 8000 });
    const startedAt = performance.now();
    const response = await fetch(`${stack.gateway.url}/`);
    expect(performance.now() - startedAt).toBeLessThan(5000);
    expect(response.status).toBe(504); // the manager did not answer in time (src/gateway/manager-version.ts)
    await stack.sandbox.setFault(null);
  });

  it('bounds REST calls too: a page whose REST catalogue hangs is served with the legacy values', async () => {
    const stack = await start({ sandbox: { managerVersion: '26.3' }, env: NO_CIRCUIT, proxy: true });
    stack.proxy!.rule = (request) => (request.path.startsWith('/admin/images') ? { delayMs: 8000 } : 'pass');
    const startedAt = performance.now();
    const data = dataOf(
      await ask(stack, '{ imagesV2(first: 2) { edges { node { id metadata { createdAt } } } } }'),
    ) as { imagesV2: { edges: { node: { metadata: { createdAt: string | null } } }[] } };
    expect(performance.now() - startedAt).toBeLessThan(5000);
    expect(data.imagesV2.edges.map((edge) => edge.node.metadata.createdAt)).toEqual([null, null]);
    const metrics = await scrape(stack.gateway.url);
    expect(
      sample(metrics, 'imagev2_gateway_upstream_requests_total', {
        source: 'LegacyRest',
        outcome: 'timeout',
      }),
    ).toBe(3);
  });
});

describe('request ids', () => {
  const PAGE_WITH_REGISTRY = '{ imagesV2(first: 2) { edges { node { id registryId } } } }';

  it("keeps a client's well-formed x-request-id, answers with it, and sends it with every upstream call", async () => {
    const stack = await start({ proxy: true });
    const firstCall = stack.proxy!.seen.length;
    const response = await ask(stack, PAGE_WITH_REGISTRY, { 'x-request-id': 'web-ui.req-42' });
    dataOf(response);
    expect(response.headers['x-request-id']).toBe('web-ui.req-42');
    const upstream = stack.proxy!.seen.slice(firstCall).filter((seen) => seen.path === '/admin/gql');
    // The page, then the registry list (a separate request: it is read once the page has answered).
    expect(upstream.length).toBeGreaterThanOrEqual(2);
    expect(upstream.map((seen) => seen.headers['x-request-id'])).toEqual(upstream.map(() => 'web-ui.req-42'));
  });

  it.each([
    ['a forged log line', 'abc\tdef'],
    ['an overlong id', 'x'.repeat(200)],
    ['no id at all', undefined],
  ])('replaces %s with an id of its own, used upstream too', async (_name, sent) => {
    const stack = await start({ proxy: true });
    const firstCall = stack.proxy!.seen.length;
    const response = await ask(stack, LEGACY, sent === undefined ? undefined : { 'x-request-id': sent });
    const id = response.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const upstream = stack.proxy!.seen.slice(firstCall).filter((seen) => seen.path === '/admin/gql');
    expect(upstream.map((seen) => seen.headers['x-request-id'])).toEqual([id]);
  });
});

describe('a partial upstream failure', () => {
  const imageId = (stack: Stack) =>
    stack.sandbox.dataset.images.find(
      (image) => image.status === 'ALIVE' && image.registry === 'cr.backend.ai',
    )!.id;

  it('nulls only what needed the failed call: a registry list that fails nulls the image, not the legacy field beside it', async () => {
    const stack = await start({ env: NO_CIRCUIT, proxy: true });
    stack.proxy!.rule = (request) => (request.body.includes('container_registry_nodes') ? 'reset' : 'pass');
    const response = await ask(
      stack,
      `{ imageV2(id: "${imageId(stack)}") { id registryId } image_nodes(scope_id: "system", first: 1) { count } }`,
    );
    expect(response.status).toBe(200);
    // imageV2 and image_nodes went in one upstream request, which answered; the registry list went in a
    // later one, which failed. registryId is non-null, so its error nulls the nearest nullable field, imageV2.
    expect(response.body.data).toEqual({ imageV2: null, image_nodes: { count: expect.any(Number) } });
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        path: ['imageV2', 'registryId'],
        extensions: { code: 'external-system_request_unreachable' },
      }),
    ]);
  });

  it('fails together the fields Mesh sent in one upstream request (calls made in the same tick are merged)', async () => {
    const stack = await start({ env: NO_CIRCUIT, proxy: true });
    stack.proxy!.rule = (request) => (request.body.includes('image_node') ? { status: 503 } : 'pass');
    const response = await ask(
      stack,
      `{ imageV2(id: "${imageId(stack)}") { id } image_nodes(scope_id: "system", first: 1) { count } }`,
    );
    expect(response.body.data).toEqual({ imageV2: null, image_nodes: null });
    expect(response.body.errors?.map((error) => error.path)).toEqual(
      expect.arrayContaining([['imageV2'], ['image_nodes']]),
    );
  });
});
