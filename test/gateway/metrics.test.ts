import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { postGraphQL } from '../support/client.ts';
import { eventually } from '../support/eventually.ts';
import { sample, scrape } from '../support/metrics.ts';
import { type Stack, type StackOptions, stacksClosedAfterEach } from '../support/stack.ts';

const stackOf = stacksClosedAfterEach(afterEach);
const OPERATIONS_DOC = readFileSync(new URL('../../docs/OPERATIONS.md', import.meta.url), 'utf8');
const ask = (stack: Stack, query: string, headers?: Record<string, string>) =>
  postGraphQL(stack.gateway.url, query, { keypair: stack.sandbox.credentials.superadmin, headers });

/** A stack whose warnings are kept, parsed, for the test to read. */
async function withLogs(options: StackOptions) {
  const lines: Record<string, unknown>[] = [];
  const stack = await stackOf({
    ...options,
    env: { LOG_LEVEL: 'warn', ...options.env },
    logSink: (line) => lines.push(JSON.parse(line)),
  });
  return { stack, lines };
}

describe('/metrics', () => {
  it('serves every metric docs/OPERATIONS.md lists, and lists every metric it serves', async () => {
    const stack = await stackOf({});
    const text = await scrape(stack.gateway.url);
    const served = new Set([...text.matchAll(/^# TYPE (imagev2_gateway_\w+) /gm)].map((match) => match[1]));
    const documented = new Set(
      [...OPERATIONS_DOC.matchAll(/`(imagev2_gateway_\w+)`/g)].map((match) =>
        match[1]!.replace(/_(bucket|sum|count)$/, ''),
      ),
    );
    expect([...documented].sort()).toEqual([...served].sort());
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it('counts requests by operation type and outcome, with their latency', async () => {
    const stack = await stackOf({});
    await ask(stack, '{ image_nodes(scope_id: "system", first: 1) { count } }');
    await ask(stack, 'mutation { dealias_image(alias: "no-such-alias") { ok msg } }');
    await ask(stack, '{ no_such_field }');
    const wrong = { ...stack.sandbox.credentials.superadmin, secretKey: 'wrong' };
    await postGraphQL(stack.gateway.url, '{ image_nodes(scope_id: "system") { count } }', { keypair: wrong });
    const text = await scrape(stack.gateway.url);
    const requests = (operation_type: string, outcome: string) =>
      sample(text, 'imagev2_gateway_requests_total', { operation_type, outcome });
    expect(requests('query', 'ok')).toBe(1);
    // The manager fails the alias (no such alias): `{dealias_image: null}` and an error.
    expect(requests('mutation', 'partial')).toBe(1);
    expect(requests('unknown', 'failed')).toBe(1);
    expect(requests('query', 'rejected')).toBe(1);
    expect(
      sample(text, 'imagev2_gateway_request_duration_seconds_count', {
        operation_type: 'query',
        outcome: 'ok',
      }),
    ).toBe(1);
  });

  it('counts upstream calls by source, and registry directory misses then hits', async () => {
    const stack = await stackOf({});
    const page = '{ imagesV2(first: 2) { edges { node { id registryId } } } }';
    // A plain user's page is one upstream request (a superadmin's reads the whole table: README).
    const asUser = () => postGraphQL(stack.gateway.url, page, { keypair: stack.sandbox.credentials.user });
    await asUser();
    let text = await scrape(stack.gateway.url);
    // Both images of the first page found the directory stale; the second joined the first one's read.
    expect(
      sample(text, 'imagev2_gateway_cache_lookups_total', { cache: 'registry_directory', result: 'miss' }),
    ).toBe(2);
    expect(sample(text, 'imagev2_gateway_upstream_requests_total', { source: 'Legacy', outcome: 'ok' })).toBe(
      2,
    );
    await asUser();
    text = await scrape(stack.gateway.url);
    expect(
      sample(text, 'imagev2_gateway_cache_lookups_total', { cache: 'registry_directory', result: 'hit' }),
    ).toBe(2);
    expect(sample(text, 'imagev2_gateway_upstream_requests_total', { source: 'Legacy', outcome: 'ok' })).toBe(
      3,
    );
    expect(
      sample(text, 'imagev2_gateway_upstream_request_duration_seconds_count', { source: 'Legacy' }),
    ).toBe(3);
  });
});

describe('failures the answer goes on without are logged with the request id and counted', () => {
  const warningsAbout = (lines: Record<string, unknown>[], read: string) =>
    lines.filter((line) => line.level === 'warn' && line.read === read);

  it('a REST catalogue read that fails (26.3 answers 500 for most real images)', async () => {
    const { stack, lines } = await withLogs({ sandbox: { managerVersion: '26.3' } });
    const response = await ask(
      stack,
      '{ imagesV2(first: 2) { edges { node { metadata { createdAt } } } } }',
      {
        'x-request-id': 'catalogue-1',
      },
    );
    expect(response.body.errors).toBeUndefined();
    const text = await scrape(stack.gateway.url);
    expect(sample(text, 'imagev2_gateway_auxiliary_read_failures_total', { read: 'rest_image_search' })).toBe(
      1,
    );
    expect(
      sample(text, 'imagev2_gateway_cache_lookups_total', { cache: 'rest_catalogue', result: 'miss' }),
    ).toBe(2);
    expect(warningsAbout(lines, 'rest_image_search')).toEqual([
      expect.objectContaining({
        requestId: 'catalogue-1',
        msg: expect.stringMatching(/^rest_image_search read failed; pages keep the legacy createdAt/),
      }),
    ]);
  });

  it('a registry list that cannot be read', async () => {
    const { stack, lines } = await withLogs({ proxy: true, env: { CIRCUIT_FAILURE_THRESHOLD: '0' } });
    stack.proxy!.rule = (request) =>
      request.body.includes('container_registry_nodes') ? { status: 500 } : 'pass';
    await ask(stack, '{ imagesV2(first: 1) { edges { node { registryId } } } }', {
      'x-request-id': 'registry-1',
    });
    const text = await scrape(stack.gateway.url);
    expect(sample(text, 'imagev2_gateway_auxiliary_read_failures_total', { read: 'registry_list' })).toBe(1);
    expect(warningsAbout(lines, 'registry_list')).toEqual([
      expect.objectContaining({ requestId: 'registry-1' }),
    ]);
  });

  it("a refresh of the manager's release that fails", async () => {
    const { stack, lines } = await withLogs({
      proxy: true,
      env: { CAPABILITY_REFRESH_SECONDS: '0', UPSTREAM_RETRY_BACKOFF_MS: '10' },
    });
    stack.proxy!.rule = (request) =>
      request.method === 'GET' && request.path === '/' ? { status: 503 } : 'pass';
    await ask(stack, '{ imagesV2(first: 1) { edges { node { metadata { createdAt } } } } }');
    await eventually(async () => {
      const text = await scrape(stack.gateway.url);
      expect(sample(text, 'imagev2_gateway_auxiliary_read_failures_total', { read: 'manager_release' })).toBe(
        1,
      );
    });
    expect(warningsAbout(lines, 'manager_release')).toHaveLength(1);
  });
});
