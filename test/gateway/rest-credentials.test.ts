import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.ts';
import { dataOf, postGraphQL } from '../support/client.ts';
import { managerToken, restReadableImages } from '../support/rest.ts';
import { stacksClosedAfterEach, WITHOUT_GATEWAY_KEYPAIR } from '../support/stack.ts';

const stackOf = stacksClosedAfterEach(afterEach);

interface CreatedAt {
  imageV2: { metadata: { createdAt: string | null } } | null;
}

/** A public image (every user sees it) that 26.3's `GET /admin/images/{id}` can read. */
async function readablePublicImage(sandbox: Sandbox) {
  const image = (await restReadableImages(sandbox)).find(
    (candidate) =>
      candidate.registry === 'cr.backend.ai' && !candidate.labels['ai.backend.customized-image.owner'],
  );
  if (!image) throw new Error('the dataset has no public image that 26.3 can read over REST');
  return image;
}

const createdAtOf = (id: string) => `{ imageV2(id: "${id}") { metadata { createdAt } } }`;
const PAGE = '{ imagesV2(first: 5) { edges { node { id metadata { createdAt } } } } }';

describe('credentials for the REST image API (26.3)', () => {
  // The REST catalogue is shared by every caller, so only the gateway's own identity may fill it.
  it("never sends a caller's token to the REST image API: without a gateway keypair createdAt stays null", async () => {
    const stack = await stackOf({
      sandbox: { managerVersion: '26.3' },
      env: WITHOUT_GATEWAY_KEYPAIR,
    });
    const image = await readablePublicImage(stack.sandbox);
    const data = dataOf(
      await postGraphQL<CreatedAt>(stack.gateway.url, createdAtOf(image.id), {
        keypair: null,
        headers: {
          'x-backendai-token': await managerToken(stack.sandbox.credentials.superadmin, 'superadmin'),
        },
      }),
    );
    expect(image.createdAt).not.toBeNull();
    expect(data.imageV2!.metadata.createdAt).toBeNull();
  });

  it("never forwards a client's HMAC signature to a REST path: without a token or a gateway keypair the fields stay as the legacy API gives them", async () => {
    const stack = await stackOf({
      sandbox: { managerVersion: '26.3' },
      env: WITHOUT_GATEWAY_KEYPAIR,
    });
    const image = await readablePublicImage(stack.sandbox);
    stack.sandbox.stats.reset();
    const single = dataOf(
      await postGraphQL<CreatedAt>(stack.gateway.url, createdAtOf(image.id), {
        keypair: stack.sandbox.credentials.superadmin,
      }),
    );
    const page = dataOf(
      await postGraphQL<{ imagesV2: { edges: { node: { metadata: { createdAt: string | null } } }[] } }>(
        stack.gateway.url,
        PAGE,
        { keypair: stack.sandbox.credentials.superadmin },
      ),
    );
    expect(single.imageV2!.metadata.createdAt).toBeNull();
    expect(page.imagesV2.edges.every((edge) => edge.node.metadata.createdAt === null)).toBe(true);
    // The REST calls were made and refused (no usable credential), not skipped.
    expect(stack.sandbox.stats.byPath[`/admin/images/${image.id}`]).toBeGreaterThan(0);
    expect(stack.sandbox.stats.byPath['/admin/images/search']).toBeGreaterThan(0);
  });

  it('fills an image a regular user sees with the gateway keypair', async () => {
    const stack = await stackOf({ sandbox: { managerVersion: '26.3' } });
    const image = await readablePublicImage(stack.sandbox);
    const data = dataOf(
      await postGraphQL<CreatedAt>(stack.gateway.url, createdAtOf(image.id), {
        keypair: stack.sandbox.credentials.user,
      }),
    );
    expect(Date.parse(data.imageV2!.metadata.createdAt!)).toBe(Date.parse(image.createdAt!));
  });
});
