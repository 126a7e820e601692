/** The image mutations: each changes what later queries of the same sandbox answer, and refuses as the manager does. */
import { describe, expect, it } from 'vitest';
import type { Sandbox, SandboxImage } from '../../src/sandbox/index.ts';
import { toGlobalId } from '../../src/sandbox/python-compat.ts';
import { data, errorOf, gql, sandboxesClosedAfterEach } from './helpers.ts';

const sandboxOf = sandboxesClosedAfterEach();
const OWNER = 'ai.backend.customized-image.owner';

const publicImage = (sandbox: Sandbox) =>
  sandbox.dataset.images.find(
    (i) => i.status === 'ALIVE' && !i.labels[OWNER] && i.registry === 'cr.backend.ai',
  )!;
const ownImage = (sandbox: Sandbox) =>
  sandbox.dataset.images.find(
    (i) => i.status === 'ALIVE' && i.labels[OWNER] === `user:${sandbox.credentials.user.userId}`,
  )!;

async function node(sandbox: Sandbox, image: SandboxImage) {
  type Result = {
    image_node: {
      aliases: string[];
      status: string;
      labels: { key: string }[];
      resource_limits: { key: string; min: string }[];
    } | null;
  };
  return (
    await data<Result>(
      sandbox,
      `{ image_node(id: "${image.id}") { aliases status labels { key } resource_limits { key min } } }`,
    )
  ).image_node;
}

const count = async (sandbox: Sandbox) =>
  (await data<{ image_nodes: { count: number } }>(sandbox, '{ image_nodes(scope_id: "system") { count } }'))
    .image_nodes.count;

describe('mutations', () => {
  it('alias_image and dealias_image change what image(reference:) and aliases answer', async () => {
    const sandbox = await sandboxOf();
    const image = publicImage(sandbox);
    const alias = `mutation { alias_image(alias: "my-alias", target: "${image.name}", architecture: "${image.architecture}") { ok msg } }`;
    expect(await data(sandbox, alias)).toEqual({ alias_image: { ok: true, msg: '' } });
    expect((await node(sandbox, image))?.aliases).toContain('my-alias');
    const byAlias = await data<{ image: { id: string } }>(
      sandbox,
      `{ image(reference: "my-alias", architecture: "${image.architecture}") { id } }`,
    );
    expect(byAlias.image.id).toBe(image.id);
    expect(await errorOf(sandbox, alias)).toContain('Database error while managing image alias.');
    await data(sandbox, 'mutation { dealias_image(alias: "my-alias") { ok } }');
    expect((await node(sandbox, image))?.aliases).not.toContain('my-alias');
    expect(await errorOf(sandbox, 'mutation { dealias_image(alias: "my-alias") { ok } }')).toBe(
      "No such image alias. (Image alias 'my-alias' not found.)",
    );
  });

  it('modify_image replaces labels and custom limits; clear_image_custom_resource_limit drops the limits', async () => {
    const sandbox = await sandboxOf();
    const image = publicImage(sandbox);
    const modify = `mutation ($props: ModifyImageInput!) { modify_image(target: "${image.name}", architecture: "${image.architecture}", props: $props) { ok msg } }`;
    const props = {
      labels: [{ key: 'only', value: 'this' }],
      resource_limits: [{ key: 'cpu', min: '4', max: '8' }],
    };
    expect(await data(sandbox, modify, 'superadmin', { props })).toEqual({
      modify_image: { ok: true, msg: '' },
    });
    const modified = await node(sandbox, image);
    expect(modified?.labels).toEqual([{ key: 'only' }]);
    expect(modified?.resource_limits).toContainEqual({ key: 'cpu', min: '4' });
    const clear = `mutation { clear_image_custom_resource_limit(key: { image_canonical: "${image.name}", architecture: "${image.architecture}" }) { image_node { row_id resource_limits { key min } } } }`;
    type Cleared = {
      clear_image_custom_resource_limit: {
        image_node: { row_id: string; resource_limits: { key: string; min: string }[] };
      };
    };
    const cleared = await data<Cleared>(sandbox, clear);
    expect(cleared.clear_image_custom_resource_limit.image_node.row_id).toBe(image.id);
    expect(cleared.clear_image_custom_resource_limit.image_node.resource_limits).toContainEqual({
      key: 'cpu',
      min: '1',
    });
    expect(await errorOf(sandbox, modify.replace(image.name, 'nowhere/x:1'), 'superadmin', { props })).toBe(
      `No such environment image. (Unknown image references: identifier:ImageIdentifier(canonical='nowhere/x:1', architecture='${image.architecture}'), alias:'nowhere/x:1')`,
    );
  });

  it('forget_image_by_id marks the image DELETED, and listings follow', async () => {
    const sandbox = await sandboxOf();
    const image = publicImage(sandbox);
    const before = await count(sandbox);
    type Forgot = { forget_image_by_id: { ok: boolean; image: { row_id: string; status: string } } };
    const forgot = await data<Forgot>(
      sandbox,
      `mutation { forget_image_by_id(image_id: "${toGlobalId('ImageNode', image.id)}") { ok image { row_id status } } }`,
    );
    expect(forgot.forget_image_by_id).toEqual({ ok: true, image: { row_id: image.id, status: 'DELETED' } });
    expect(await count(sandbox)).toBe(before - 1);
    expect(await errorOf(sandbox, `mutation { forget_image_by_id(image_id: "${image.id}") { ok } }`)).toBe(
      'No such environment image.',
    );
    expect(await errorOf(sandbox, 'mutation { forget_image_by_id(image_id: "nope") { ok } }')).toBe(
      'No such object. (image)',
    );
  });

  it('purge_image_by_id removes the row for good', async () => {
    const sandbox = await sandboxOf();
    const image = publicImage(sandbox);
    const before = await count(sandbox);
    await data(sandbox, `mutation { purge_image_by_id(image_id: "${image.id}") { image { row_id } } }`);
    expect(await node(sandbox, image)).toBeNull();
    expect(await count(sandbox)).toBe(before - 1);
    expect(sandbox.dataset.images.some((i) => i.id === image.id)).toBe(false);
  });

  it('lets a regular user forget only images they own', async () => {
    const sandbox = await sandboxOf();
    const forget = (image: SandboxImage) => `mutation { forget_image_by_id(image_id: "${image.id}") { ok } }`;
    expect(await errorOf(sandbox, forget(publicImage(sandbox)), 'user')).toBe(
      'User does not have permission to access this image.',
    );
    expect(await data(sandbox, forget(ownImage(sandbox)), 'user')).toEqual({
      forget_image_by_id: { ok: true },
    });
  });

  it('answers a caller without the role as the privilege middleware does', async () => {
    const sandbox = await sandboxOf();
    expect(await data(sandbox, 'mutation { dealias: dealias_image(alias: "x") { ok msg } }', 'user')).toEqual(
      {
        dealias: { ok: false, msg: 'no permission to execute dealias' },
      },
    );
    const clear =
      'mutation { clear_image_custom_resource_limit(key: { image_canonical: "x" }) { image_node { id } } }';
    expect(await errorOf(sandbox, clear, 'user')).toBe('Permission Denied.');
  });

  it("answers preload/unload as the manager does, and names what the sandbox doesn't support", async () => {
    const sandbox = await sandboxOf();
    const preload = await data(
      sandbox,
      'mutation { preload_image(references: ["x"], target_agents: ["a"]) { ok msg task_id } }',
    );
    expect(preload).toEqual({ preload_image: { ok: false, msg: 'Not implemented.', task_id: null } });
    const response = await gql(sandbox, 'mutation { rescan_images { ok } }');
    expect(response.body.errors?.[0]?.message).toBe('The sandbox manager does not support rescan_images.');
  });

  it('keeps changes to its own instance', async () => {
    const [a, b] = [await sandboxOf(), await sandboxOf()];
    await data(a, `mutation { purge_image_by_id(image_id: "${publicImage(a).id}") { image { row_id } } }`);
    expect(await count(b)).toBe((await count(a)) + 1);
  });
});
