/**
 * `imagev2-gateway compare` against real endpoints: the gateway (release profile, in front of the sandbox)
 * as the control, and small loopback servers as candidates that answer as the gateway does with planted
 * differences (the native API's release quirks among them), or that are noisy, failing or silent.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CompareCommandOptions, runCompareCommand } from '../../src/cli/compare-command.ts';
import { main } from '../../src/cli/main.ts';
import type { CompareReport } from '../../src/compare/index.ts';
import { type AnsweringServer, closedEndpoint, startAnsweringServer } from '../support/answering-server.ts';
import { postGraphQL } from '../support/client.ts';
import { type Stack, startStack } from '../support/stack.ts';

const OPERATIONS = /* GraphQL */ `
  query AdminImages($first: Int!) {
    adminImagesV2(first: $first) {
      count
      edges {
        cursor
        node {
          id
          identity { canonicalName }
          metadata { digest }
          requirements { resourceLimits { key min max } supportedAccelerators }
        }
      }
    }
  }
  query AdminImageSizes {
    adminImagesV2(first: 5) { edges { node { id metadata { sizeBytes } } } }
  }
`;

type Node = {
  metadata: { digest?: string; sizeBytes?: number };
  requirements?: { resourceLimits: { key: string; max: string }[]; supportedAccelerators: string[] };
};
type Page = { data: { adminImagesV2: { edges: { node: Node }[] } | null }; errors?: unknown[] };

/** The native API's answer as 26.2 would give it: padded digests, "None" maximums, limits unordered, `[]`. */
function asNative26_2(page: Page): Page {
  for (const { node } of page.data.adminImagesV2?.edges ?? []) {
    if (node.metadata.digest) node.metadata.digest += ' ';
    if (node.requirements) {
      node.requirements.resourceLimits.reverse();
      for (const limit of node.requirements.resourceLimits) if (limit.max === 'Infinity') limit.max = 'None';
      if (node.requirements.supportedAccelerators.join() === '*')
        node.requirements.supportedAccelerators = [];
    }
    if ((node.metadata.sizeBytes ?? 0) > 2 ** 31 - 1) {
      return {
        data: { adminImagesV2: null },
        errors: [
          {
            message: `Int cannot represent non 32-bit signed integer value: ${node.metadata.sizeBytes}`,
            path: ['adminImagesV2', 'edges', 0, 'node', 'metadata', 'sizeBytes'],
          },
        ],
      };
    }
  }
  return page;
}

let stack: Stack;
let dir: string;
const servers: AnsweringServer[] = [];
beforeAll(async () => {
  stack = await startStack({ env: { V2_PROFILE: 'release' } });
  dir = mkdtempSync(join(tmpdir(), 'compare-'));
  writeFileSync(join(dir, 'ops.graphql'), OPERATIONS);
  writeFileSync(join(dir, 'vars.json'), JSON.stringify({ AdminImages: { first: 20 } }));
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
afterAll(() => stack.close());

/** A candidate that asks the gateway itself (signed for the gateway) and changes its answer. */
async function gatewayWith(plant: (page: Page) => Page): Promise<AnsweringServer> {
  const server = await startAnsweringServer(async (request) => {
    const answer = await postGraphQL(stack.gateway.url, request.body.query ?? '', {
      keypair: stack.sandbox.credentials.superadmin,
      variables: request.body.variables ?? {},
    });
    return { status: answer.status, json: plant(answer.body as unknown as Page) };
  });
  servers.push(server);
  return server;
}

async function answering(answer: Parameters<typeof startAnsweringServer>[0]): Promise<AnsweringServer> {
  const server = await startAnsweringServer(answer);
  servers.push(server);
  return server;
}

async function compare(options: Partial<CompareCommandOptions> & { candidate: string }, rules?: unknown) {
  const json = join(dir, `report-${Math.random()}.json`);
  if (rules) writeFileSync(join(dir, 'rules.json'), JSON.stringify(rules));
  const lines: string[] = [];
  const status = await runCompareCommand(
    {
      control: `${stack.gateway.url}/admin/gql`,
      operations: join(dir, 'ops.graphql'),
      variables: join(dir, 'vars.json'),
      ...stack.sandbox.credentials.superadmin,
      timeout: '5000',
      json,
      ...(rules ? { ignore: join(dir, 'rules.json') } : {}),
      ...options,
    },
    { out: (line) => lines.push(line), err: process.stderr },
  );
  const report: CompareReport = JSON.parse(readFileSync(json, 'utf8'));
  const byPath = Object.fromEntries(report.paths.map((path) => [path.path, path]));
  return { status, report, byPath, lines };
}

const NODE = 'adminImagesV2.edges[].node';

describe('compare', () => {
  it('finds nothing between the gateway and an endpoint that answers as it does', async () => {
    const same = await gatewayWith((page) => page);
    const { status, report } = await compare({ candidate: same.endpoint });
    expect(report.mismatches).toBe(0);
    expect(report.matched).toBeGreaterThan(100);
    expect(status).toBe(0);
  });

  it("finds each of 26.2's planted quirks at its own field path, and fails", async () => {
    const native = await gatewayWith(asNative26_2);
    const { status, report, byPath, lines } = await compare({ candidate: native.endpoint });
    expect(status).toBe(1);
    expect(byPath[`${NODE}.metadata.digest`]).toMatchObject({ matched: 0, mismatched: 20 });
    expect(byPath[`${NODE}.metadata.digest`]?.examples[0]).toMatchObject({
      outcome: 'mismatched',
      operation: 'AdminImages',
      at: `adminImagesV2.edges[0].node.metadata.digest`,
    });
    expect(byPath[`${NODE}.metadata.digest`]?.examples[0]?.candidate).toMatch(/^"sha256:[0-9a-f]{64} "$/);
    expect(byPath[`${NODE}.requirements.resourceLimits[].max`]?.mismatched).toBeGreaterThan(20);
    expect(byPath[`${NODE}.requirements.supportedAccelerators[]`]?.mismatched).toBeGreaterThan(0);
    expect(byPath.adminImagesV2?.mismatched).toBe(1);
    expect(byPath['errors[adminImagesV2.edges[].node.metadata.sizeBytes]']?.mismatched).toBe(1);
    expect(byPath[`${NODE}.id`]).toMatchObject({ matched: 20, mismatched: 0 });
    expect(report.mismatches).toBeGreaterThan(60);
    expect(lines).toContain(`  MISMATCH ${NODE}.metadata.digest (20x)`);
  });

  it('lets the named quirks pass as ignored, and passes', async () => {
    const native = await gatewayWith(asNative26_2);
    const quirks = [
      'digest-padding',
      'max-none',
      'accelerators-empty',
      'resource-limits-order',
      'sizeBytes-int32',
    ];
    const { status, report, byPath } = await compare({ candidate: native.endpoint }, { quirks });
    expect(report.paths.filter((path) => path.mismatched > 0)).toEqual([]);
    expect(status).toBe(0);
    expect(byPath[`${NODE}.metadata.digest`]).toMatchObject({ ignored: 20, mismatched: 0 });
    expect(byPath[`${NODE}.metadata.digest`]?.examples[0]?.reason).toBe('quirk digest-padding');
    // Limits are paired by key whatever their order; a "None" maximum then passes as "Infinity".
    expect(byPath[`${NODE}.requirements.resourceLimits[].key`]?.mismatched).toBe(0);
    expect(byPath[`${NODE}.requirements.resourceLimits[].max`]?.ignored).toBeGreaterThan(20);
    expect(byPath[`${NODE}.requirements.supportedAccelerators`]?.ignored).toBeGreaterThan(0);
    expect(byPath.adminImagesV2).toMatchObject({ ignored: 1 });
    expect(report.rules).toEqual(quirks.map((name) => `quirk ${name}`));
  });

  it('honours skipped paths and lists compared as sets from the ignore file', async () => {
    const reordered = await gatewayWith((page) => {
      page.data.adminImagesV2?.edges.reverse();
      for (const { node } of page.data.adminImagesV2?.edges ?? []) {
        if (node.metadata.digest) node.metadata.digest = 'sha256:other';
      }
      return page;
    });
    const rules = { skip: ['**.metadata.digest'], sets: [{ path: 'adminImagesV2.edges', key: 'cursor' }] };
    const { status, byPath } = await compare({ candidate: reordered.endpoint }, rules);
    expect(status).toBe(0);
    // AdminImages' edges pair by cursor (their digests differ); AdminImageSizes selects no cursor, so its
    // edges pair by whole value and are the same edges in another order: one ignored list.
    expect(byPath['adminImagesV2.edges']).toMatchObject({ ignored: 1, mismatched: 0 });
    expect(byPath['adminImagesV2.edges[].node.metadata.digest']).toMatchObject({
      ignored: 20,
      mismatched: 0,
    });
    expect(byPath[`${NODE}.id`]).toMatchObject({ matched: 20 });
  });

  it('counts a path where the control disagrees with itself as noisy, not as a mismatch', async () => {
    let served = 0;
    const control = await answering(() => {
      served += 1;
      return { json: { data: { now: served, id: 'x' } } };
    });
    const same = await answering(() => ({ json: { data: { now: 0, id: 'x' } } }));
    const other = await answering(() => ({ json: { data: { now: 0, id: 'y' } } }));
    const quiet = await compare({ control: control.endpoint, candidate: same.endpoint });
    expect(quiet.byPath.now).toMatchObject({ noisy: 2, mismatched: 0 });
    expect(quiet.status).toBe(0);
    const loud = await compare({ control: control.endpoint, candidate: other.endpoint });
    expect(loud.byPath.id).toMatchObject({ mismatched: 2 });
    expect(loud.status).toBe(1);
  });

  it('compares errors by message and code at the place they point at', async () => {
    const answer = (code: string) => () => ({
      json: { data: null, errors: [{ message: 'Nope', path: ['adminImagesV2'], extensions: { code } }] },
    });
    const control = await answering(answer('a_b'));
    const candidate = await answering(answer('a_c'));
    const { status, byPath } = await compare({ control: control.endpoint, candidate: candidate.endpoint });
    expect(status).toBe(1);
    expect(byPath['errors[adminImagesV2].message']).toMatchObject({ matched: 2, mismatched: 0 });
    expect(byPath['errors[adminImagesV2].code']?.examples[0]).toMatchObject({
      control: '"a_b"',
      candidate: '"a_c"',
    });
  });

  it('reports a candidate that is down or silent as a mismatch, within the timeout', async () => {
    const silent = await answering(() => 'hang');
    for (const candidate of [await closedEndpoint(), silent.endpoint]) {
      const { status, byPath } = await compare({ candidate, timeout: '300' });
      expect(status).toBe(1);
      expect(byPath['(transport)']?.mismatched).toBe(2);
    }
    const { byPath } = await compare({ candidate: silent.endpoint, timeout: '300' });
    expect(byPath['(transport)']?.examples[0]?.candidate).toBe('"no answer within 300 ms"');
  });

  it('signs each request for the endpoint it goes to, and sends only query, variables and operationName', async () => {
    const candidate = await gatewayWith((page) => page);
    const { report } = await compare({ candidate: `${candidate.url}/some/graphql` });
    const request = candidate.received[0]!;
    expect(request.path).toBe('/some/graphql');
    expect(Object.keys(request.body).sort()).toEqual(['operationName', 'query', 'variables']);
    expect(request.headers.authorization).toMatch(/^BackendAI signMethod=HMAC-SHA256, credential=AKIA/);
    // The control (the gateway, checking the signature with the manager) answered with data, not a refusal.
    expect(report.mismatches).toBe(0);
    expect(report.paths.some((path) => path.path.startsWith('errors['))).toBe(false);
  });

  it('shows progress only on a terminal', async () => {
    const candidate = await gatewayWith((page) => page);
    const written: string[] = [];
    const err = Object.assign(
      { write: (chunk: string) => written.push(chunk) > 0 },
      { isTTY: true },
    ) as unknown as NodeJS.WritableStream & { isTTY: boolean };
    const options = {
      control: `${stack.gateway.url}/admin/gql`,
      candidate: candidate.endpoint,
      operations: join(dir, 'ops.graphql'),
      ...stack.sandbox.credentials.superadmin,
      timeout: '5000',
    };
    await runCompareCommand(options, { out: () => {}, err });
    expect(written.join('')).toContain('[2/2] AdminImageSizes');
    err.isTTY = false;
    written.length = 0;
    await runCompareCommand(options, { out: () => {}, err });
    expect(written).toEqual([]);
  });
});

describe('compare on bad usage', () => {
  const exitOf = async (args: string[]) => {
    const previous = process.exitCode;
    process.exitCode = undefined;
    await main(['compare', ...args]);
    const code = process.exitCode;
    process.exitCode = previous;
    return code;
  };

  it.each([
    ['a missing --candidate', ['--control', 'http://127.0.0.1:1', '--operations', 'x.graphql']],
    ['a control that is no URL', ['--control', 'manager', '--candidate', 'http://a', '--operations', 'x']],
    [
      'a missing operations file',
      ['--control', 'http://a', '--candidate', 'http://b', '--operations', '/nope.graphql'],
    ],
    [
      'an unknown quirk',
      ['--control', 'http://a', '--candidate', 'http://b', '--operations', 'OPS', '--ignore', 'BAD'],
    ],
    [
      'an unknown option',
      ['--control', 'http://a', '--candidate', 'http://b', '--operations', 'OPS', '--colour'],
    ],
  ])('exits with 2 for %s', async (_name, args) => {
    writeFileSync(join(dir, 'bad-rules.json'), JSON.stringify({ quirks: ['max-nothing'] }));
    const resolved = args.map((arg) =>
      arg === 'OPS' ? join(dir, 'ops.graphql') : arg === 'BAD' ? join(dir, 'bad-rules.json') : arg,
    );
    expect(await exitOf(resolved)).toBe(2);
  });
});
