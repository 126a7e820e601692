/**
 * Callers whose requests overlap in time each get their own answer. graphql-tools' HTTP executor shares one
 * upstream call among identical queries in flight at once (keyed by URL and body, before any caller's
 * credentials are added), so without care a user asking what a superadmin asks at the same moment got the
 * superadmin's answer. The manager adds latency here so that the two requests are always in flight together.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from '../support/client.ts';
import { type Stack, startStack } from '../support/stack.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ sandbox: { latencyMs: 150 }, env: { V2_PROFILE: 'release' } });
});
afterAll(() => stack.close());

const ask = (query: string, who: 'superadmin' | 'user') =>
  postGraphQL(stack.gateway.url, query, { keypair: stack.sandbox.credentials[who] }).then(
    (response) => response.body,
  );

describe('two callers asking the same thing at the same time', () => {
  it.each([
    ['a legacy count', '{ image_nodes(scope_id: "system") { count } }'],
    ['the caller itself', '{ user { email role } }'],
    ['an ImageV2 page for superadmins', '{ adminImagesV2(first: 2) { count edges { node { id } } } }'],
  ])('each get their own answer to %s', async (_name, query) => {
    const [superadminAlone, userAlone] = [await ask(query, 'superadmin'), await ask(query, 'user')];
    expect(superadminAlone).not.toEqual(userAlone);
    const [superadmin, user] = await Promise.all([ask(query, 'superadmin'), ask(query, 'user')]);
    expect(superadmin).toEqual(superadminAlone);
    expect(user).toEqual(userAlone);
  });
});
