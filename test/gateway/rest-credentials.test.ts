import { SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { dataOf, postGraphQL } from '../support/client.ts';
import { stacksClosedAfterEach, WITHOUT_GATEWAY_KEYPAIR } from '../support/stack.ts';

const stackOf = stacksClosedAfterEach(afterEach);

const QUERY = '{ imagesV2(first: 5) { edges { node { id metadata { createdAt } } } } }';
const createdAts = (data: { imagesV2: { edges: { node: { metadata: { createdAt: string | null } } }[] } }) =>
  data.imagesV2.edges.map((edge) => edge.node.metadata.createdAt);

const jwt = (accessKey: string, secretKey: string) =>
  new SignJWT({ access_key: accessKey })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(secretKey));

describe('credentials for the REST image API (26.3)', () => {
  it("uses a superadmin caller's own token", async () => {
    const stack = await stackOf({
      sandbox: { managerVersion: '26.3' },
      env: WITHOUT_GATEWAY_KEYPAIR,
    });
    const { accessKey, secretKey } = stack.sandbox.credentials.superadmin;
    const data = dataOf(
      await postGraphQL<Parameters<typeof createdAts>[0]>(stack.gateway.url, QUERY, {
        keypair: null,
        headers: { 'x-backendai-token': await jwt(accessKey, secretKey) },
      }),
    );
    expect(createdAts(data).every((value) => value !== null)).toBe(true);
  });

  it("never forwards a client's HMAC signature to a REST path: without a token or a gateway keypair the fields stay as the legacy API gives them", async () => {
    const stack = await stackOf({
      sandbox: { managerVersion: '26.3' },
      env: WITHOUT_GATEWAY_KEYPAIR,
    });
    stack.sandbox.stats.reset();
    const data = dataOf(
      await postGraphQL<Parameters<typeof createdAts>[0]>(stack.gateway.url, QUERY, {
        keypair: stack.sandbox.credentials.superadmin,
      }),
    );
    expect(createdAts(data).every((value) => value === null)).toBe(true);
    // The REST call was made and refused (no usable credential), not skipped.
    expect(stack.sandbox.stats.byPath['/admin/images/search']).toBeGreaterThan(0);
  });

  it("fills a regular user's own images with the gateway keypair", async () => {
    const stack = await stackOf({ sandbox: { managerVersion: '26.3' } });
    const data = dataOf(
      await postGraphQL<Parameters<typeof createdAts>[0]>(stack.gateway.url, QUERY, {
        keypair: stack.sandbox.credentials.user,
      }),
    );
    expect(createdAts(data).every((value) => value !== null)).toBe(true);
  });
});
