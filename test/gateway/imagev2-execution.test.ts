/**
 * How ImageV2 operations are executed and sent upstream: the manager is asked with pre-built documents
 * through Mesh's executor for the legacy source (src/resolvers/legacy-transport.ts), and operations made
 * only of ImageV2 root fields run compiled (src/gateway/plugins/compiled-execution.ts). Both must keep
 * the answers, the errors and the upstream request count a client relies on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, postGraphQL } from '../support/client.ts';
import { type Stack, startStack } from '../support/stack.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ sandbox: { images: 80, maxPageSize: 20 } });
});
afterAll(() => stack.close());

// A plain user: a superadmin's imagesV2 reads the whole table (src/resolvers/whole-table.ts), a user's page
// is one image_nodes call.
const ask = (query: string) =>
  postGraphQL<Record<string, { count: number; edges: { node: Record<string, unknown> }[] }>>(
    stack.gateway.url,
    query,
    { keypair: stack.sandbox.credentials.user },
  );

describe('ImageV2 execution', () => {
  it.each([
    ['alone, compiled', '{ small: imagesV2(first: 2) { count } big: imagesV2(first: 30) { count } }'],
    [
      'beside a legacy field',
      '{ small: imagesV2(first: 2) { count } big: imagesV2(first: 30) { count } image_nodes(scope_id: "system", first: 1) { count } }',
    ],
  ])("places the manager's error on a page at the field the client asked for, %s", async (_name, query) => {
    // The manager caps pages at 20 here, so `big` fails; the error used to name the manager's own field
    // (`image_nodes`), which the client never asked for, and had no location.
    const response = await ask(query);
    expect(response.body.errors).toEqual([
      {
        message: "Cannot fetch a page larger than 20. Set 'first' or 'last' to a smaller integer.",
        locations: [{ line: 1, column: 39 }],
        path: ['big'],
      },
    ]);
  });

  it('answers a repeated query with the fields of an image in the order asked, asynchronous ones too', async () => {
    // The spec orders an answer's fields as the selection; Mesh's executor puts createdAt (read
    // asynchronously, from the REST catalogue where the manager has one) last. A query seen before runs
    // compiled, which keeps the order.
    const query =
      '{ imagesV2(first: 1) { edges { node { metadata { createdAt status digest } id identity { architecture } } } } }';
    await ask(query);
    const response = await ask(query);
    const node = dataOf(response).imagesV2?.edges[0]?.node ?? {};
    expect(Object.keys(node)).toEqual(['metadata', 'id', 'identity']);
    expect(Object.keys(node.metadata as object)).toEqual(['createdAt', 'status', 'digest']);
  });

  it('asks the manager once for two pages, a single image and a legacy field beside them', async () => {
    const query = `{ a: imagesV2(first: 3) { count } b: imagesV2(last: 3) { count }
      imageV2(id: "00000000-0000-4000-8000-000000000000") { id } image_nodes(scope_id: "system", first: 1) { count } }`;
    await ask(query);
    stack.sandbox.stats.reset();
    const data = dataOf(await ask(query));
    expect(data.imageV2).toBeNull();
    expect(stack.sandbox.stats.graphqlRequests).toBe(1);
    // The caller's role (asked once per request, in the same tick) decides whose listing this is.
    expect(stack.sandbox.stats.rootFields).toEqual({ image_nodes: 3, image_node: 1, user: 1 });
  });
});
