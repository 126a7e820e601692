/**
 * Shadow mode with real servers: the gateway (release profile) in front of the sandbox, with SHADOW_V2_URL
 * pointing at a loopback server that stands in for a native v2 endpoint and answers as a test tells it:
 * with a planted difference, slowly (never), with an error page, or not at all (nothing listens).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningGateway, startGateway } from '../../src/gateway/start.ts';
import { shadowMismatchCount, shadowRequestCount } from '../../src/shadow/metrics.ts';
import {
  type AnsweringServer,
  closedEndpoint,
  type Reply,
  startAnsweringServer,
} from '../support/answering-server.ts';
import { type GraphQLResponse, postGraphQL } from '../support/client.ts';
import { managerToken } from '../support/rest.ts';
import { type Stack, startStack } from '../support/stack.ts';

const QUERY = /* GraphQL */ `
  query AdminImages {
    adminImagesV2(first: 5) { count edges { node { id metadata { digest } } } }
  }
`;

let stack: Stack;
let native: AnsweringServer;
let behaviour: () => Reply | Promise<Reply>;
let shadowed: RunningGateway;
let down: RunningGateway;
/** The gateway's answer to QUERY, read once from the stack's gateway, which has no shadow. */
let expected: GraphQLResponse;

/** The shadowing gateways' log lines (JSON), for what shadow mode logs. */
const logLines: string[] = [];

async function gatewayShadowing(url: string): Promise<RunningGateway> {
  return startGateway(
    {
      PORT: '0',
      LEGACY_URL: stack.sandbox.url,
      GATEWAY_ACCESS_KEY: stack.sandbox.credentials.superadmin.accessKey,
      GATEWAY_SECRET_KEY: stack.sandbox.credentials.superadmin.secretKey,
      V2_PROFILE: 'release',
      SHADOW_V2_URL: url,
      SHADOW_SAMPLE_RATE: '1',
      SHADOW_TIMEOUT_MS: '400',
      SHADOW_QUEUE_SIZE: '2',
      LOG_LEVEL: 'warn',
    },
    { logSink: (line) => logLines.push(line) },
  );
}

beforeAll(async () => {
  stack = await startStack({ env: { V2_PROFILE: 'release' } });
  native = await startAnsweringServer(() => behaviour());
  [shadowed, down] = await Promise.all([
    gatewayShadowing(`${native.url}/admin/gql/strawberry`),
    gatewayShadowing(await closedEndpoint()),
  ]);
  expected = await ask(stack.gateway);
  expect(expected.body.data).toBeTruthy();
});
afterAll(async () => {
  await Promise.all([shadowed?.close(), down?.close()]);
  await native?.close();
  await stack?.close();
});

const superadmin = () => stack.sandbox.credentials.superadmin;
const ask = (gateway: RunningGateway, options: Parameters<typeof postGraphQL>[2] = {}) =>
  postGraphQL(gateway.url, QUERY, { keypair: superadmin(), operationName: 'AdminImages', ...options });

/** The native answer: the gateway's own, with the first image's digest padded as a 26.x manager pads it. */
function plantedAnswer(): Reply {
  const body = structuredClone(expected.body) as {
    data: { adminImagesV2: { edges: { node: { metadata: { digest: string } } }[] } };
  };
  body.data.adminImagesV2.edges[0]!.node.metadata.digest += ' ';
  return { json: body };
}

const DIGEST = 'adminImagesV2.edges[].node.metadata.digest';

describe('shadow mode', () => {
  it('replays a v2 query with the caller credentials and counts a planted mismatch by field path', async () => {
    behaviour = plantedAnswer;
    logLines.length = 0;
    const [mismatched, atDigest] = [
      await shadowRequestCount('mismatched'),
      await shadowMismatchCount(DIGEST),
    ];
    const arrived = native.nextRequest();
    const response = await ask(shadowed);
    expect(response.body).toEqual(expected.body);
    const replay = await arrived;
    expect(replay.path).toBe('/admin/gql/strawberry');
    expect(Object.keys(replay.body).sort()).toEqual(['operationName', 'query', 'variables']);
    expect(replay.body.query).toBe(QUERY);
    expect(replay.headers.authorization).toMatch(/^BackendAI signMethod=HMAC-SHA256, credential=AKIA/);
    expect(replay.headers['x-forwarded-url']).toBe(`${shadowed.url}/admin/gql`);
    await vi.waitFor(async () => expect(await shadowRequestCount('mismatched')).toBe(mismatched + 1));
    expect(await shadowMismatchCount(DIGEST)).toBe(atDigest + 1);
    const logged = logLines
      .map((line) => (JSON.parse(line) as { msg: string }).msg)
      .find((msg) => msg.includes('shadow: AdminImages'));
    expect(logged).toContain(`differs from the native answer at one field path (${DIGEST})`);
    expect(logged).toMatch(
      /adminImagesV2\.edges\[0\]\.node\.metadata\.digest: gateway "sha256:[0-9a-f]+", native "sha256:[0-9a-f]+ "/,
    );
  });

  it('counts an unchanged native answer as matched', async () => {
    behaviour = () => ({ json: expected.body });
    const matched = await shadowRequestCount('matched');
    await ask(shadowed);
    await vi.waitFor(async () => expect(await shadowRequestCount('matched')).toBe(matched + 1));
  });

  it("forwards a token caller's X-BackendAI-Token as is, and no signature", async () => {
    behaviour = () => ({ json: expected.body });
    const token = await managerToken(superadmin(), 'superadmin');
    const arrived = native.nextRequest();
    const response = await ask(shadowed, { keypair: null, headers: { 'x-backendai-token': token } });
    expect(response.body).toEqual(expected.body);
    const replay = await arrived;
    expect(replay.headers['x-backendai-token']).toBe(token);
    expect(replay.headers.authorization).toBeUndefined();
  });

  it('replays nothing for a caller without credentials (never the gateway keypair), nor for legacy queries', async () => {
    behaviour = () => ({ json: expected.body });
    const before = native.received.length;
    const withoutCredentials = await shadowRequestCount('no-credentials');
    const refused = await ask(shadowed, { keypair: null });
    expect(refused.status).toBe(401);
    await postGraphQL(shadowed.url, '{ images { id } }', { keypair: superadmin() });
    // A replayed request after both: once it arrives, anything the two had caused would have arrived first.
    const arrived = native.nextRequest();
    await ask(shadowed);
    await arrived;
    expect(native.received.length).toBe(before + 1);
    expect(await shadowRequestCount('no-credentials')).toBe(withoutCredentials + 1);
  });
});

describe('shadow mode leaves the client alone', () => {
  it('answers every client while the native side holds every replay, dropping what the queue cannot take', async () => {
    behaviour = () => 'hang';
    const [dropped, timedOut] = [await shadowRequestCount('dropped'), await shadowRequestCount('timeout')];
    const events: string[] = [];
    native.nextRequest().then(() => events.push('first replay arrived'));
    for (let n = 0; n < 8; n += 1) {
      const response = await ask(shadowed);
      events.push(`client ${n} answered`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual(expected.body);
    }
    // Replays start only once their response is sent; none has been answered, and every client was.
    expect(events.indexOf('client 0 answered')).toBe(0);
    await vi.waitFor(() => expect(events).toContain('first replay arrived'));
    await vi.waitFor(async () => expect(await shadowRequestCount('timeout')).toBeGreaterThan(timedOut));
    expect(await shadowRequestCount('dropped')).toBeGreaterThan(dropped);
  });

  it.each([
    ['an error page', { status: 502, text: '<html>Bad gateway</html>' }],
    ['a body that is not JSON', { text: '{"data": ' }],
  ] as const)('answers as without shadow mode when the native side answers %s', async (_name, reply) => {
    behaviour = () => reply;
    const failed = await shadowRequestCount('failed');
    const response = await ask(shadowed);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(expected.body);
    // Replays the previous test left waiting in the queue may meet this answer too: at least this one counts.
    await vi.waitFor(async () => expect(await shadowRequestCount('failed')).toBeGreaterThan(failed));
  });

  it('answers as without shadow mode when nothing listens at SHADOW_V2_URL', async () => {
    const failed = await shadowRequestCount('failed');
    const response = await ask(down);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(expected.body);
    await vi.waitFor(async () => expect(await shadowRequestCount('failed')).toBe(failed + 1));
  });

  it('keeps refusals and errors exactly as without shadow mode', async () => {
    behaviour = () => ({ json: expected.body });
    const query = '{ adminImagesV2(first: 0) { count } }';
    const [withShadow, without] = await Promise.all([
      postGraphQL(shadowed.url, query, { keypair: superadmin() }),
      postGraphQL(stack.gateway.url, query, { keypair: superadmin() }),
    ]);
    expect(without.body.errors?.[0]?.message).toContain('first must be positive');
    expect(withShadow.status).toBe(without.status);
    expect(withShadow.body).toEqual(without.body);
  });
});
