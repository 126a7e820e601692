import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/relay/index.ts';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts';
import { dataOf, postGraphQL } from '../support/client.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

const countIn = async (scope: string, who: 'superadmin' | 'user') => {
  const response = await postGraphQL<{
    image_nodes: {
      count: number;
      edges: { node: { registry: string; labels: { key: string; value: string }[] } }[];
    };
  }>(
    sandbox.url,
    `{ image_nodes(scope_id: ${JSON.stringify(scope)}, first: 100) { count edges { node { registry labels { key value } } } } }`,
    { keypair: sandbox.credentials[who] },
  );
  return dataOf(response).image_nodes;
};

describe('RBAC scopes', () => {
  it('shows the private registry only to members of its project', async () => {
    const admin = await countIn('system', 'superadmin');
    const user = await countIn('system', 'user');
    expect(admin.edges.some((e) => e.node.registry === 'registry.example.com')).toBe(true);
    expect(user.edges.some((e) => e.node.registry === 'registry.example.com')).toBe(false);
  });

  it('shows customized images to their owner in the system scope, not to others', async () => {
    const isCustomized = (edge: { node: { labels: { key: string }[] } }) =>
      edge.node.labels.some((label) => label.key === 'ai.backend.customized-image.owner');
    expect((await countIn('system', 'user')).edges.some(isCustomized)).toBe(true);
    expect((await countIn('system', 'superadmin')).edges.some(isCustomized)).toBe(false);
  });

  it("lets a superadmin see a user's customized images in that user's scope", async () => {
    const scoped = await countIn(`user:${sandbox.credentials.user.userId}`, 'superadmin');
    expect(scoped.count).toBeGreaterThan(0);
  });

  it('gives a regular user nothing in scopes that are not theirs', async () => {
    const research = sandbox.dataset.projects.find((project) => project.name === 'research')!;
    expect((await countIn(`project:${research.id}`, 'user')).count).toBe(0);
    expect((await countIn('domain:elsewhere', 'user')).count).toBe(0);
    expect((await countIn(`user:${sandbox.credentials.superadmin.userId}`, 'user')).count).toBe(0);
  });

  it('refuses a malformed scope', async () => {
    const response = await postGraphQL(sandbox.url, '{ image_nodes(scope_id: "galaxy:far") { count } }', {
      keypair: sandbox.credentials.user,
    });
    expect(response.body.errors?.[0]?.message).toContain('Invalid scope');
  });

  it('keeps container_registry_nodes to superadmins', async () => {
    const query =
      '{ container_registry_nodes(first: 10) { count edges { node { row_id registry_name project is_global } } } }';
    const admin = dataOf(
      await postGraphQL<{ container_registry_nodes: { count: number } }>(sandbox.url, query, {
        keypair: sandbox.credentials.superadmin,
      }),
    );
    expect(admin.container_registry_nodes.count).toBe(sandbox.dataset.registries.length);
    const user = await postGraphQL(sandbox.url, query, { keypair: sandbox.credentials.user });
    expect(user.body.errors?.[0]?.message).toBe('Forbidden operation. (superadmin privilege required)');
  });
});

describe('other image queries', () => {
  const alive = () =>
    sandbox.dataset.images.find(
      (image) => image.status === 'ALIVE' && !image.labels['ai.backend.customized-image.owner'],
    )!;

  it('image(id) returns deleted images too, and errors for a missing one', async () => {
    const deleted = sandbox.dataset.images.find((image) => image.status === 'DELETED')!;
    const found = dataOf(
      await postGraphQL<{ image: { id: string; status: string } }>(
        sandbox.url,
        `{ image(id: "${deleted.id}") { id status } }`,
        { keypair: sandbox.credentials.superadmin },
      ),
    );
    expect(found.image).toEqual({ id: deleted.id, status: 'DELETED' });
    const missing = await postGraphQL(
      sandbox.url,
      '{ image(id: "00000000-0000-4000-8000-000000000000") { id } }',
      { keypair: sandbox.credentials.superadmin },
    );
    expect(missing.body.errors?.[0]?.message).toBe('No such environment image.');
  });

  it('image(reference, architecture) finds by canonical name', async () => {
    const image = alive();
    const data = dataOf(
      await postGraphQL<{ image: { id: string } }>(
        sandbox.url,
        `{ image(reference: "${image.registry}/${image.image}:${image.tag}", architecture: "${image.architecture}") { id } }`,
        { keypair: sandbox.credentials.user },
      ),
    );
    expect(data.image.id).toBe(image.id);
  });

  it('images() defaults to live general images plus the caller own customized ones', async () => {
    const data = dataOf(
      await postGraphQL<{ images: { id: string; status: string }[] }>(
        sandbox.url,
        '{ images { id status } }',
        { keypair: sandbox.credentials.user },
      ),
    );
    expect(data.images.every((image) => image.status === 'ALIVE')).toBe(true);
    const all = dataOf(
      await postGraphQL<{ images: unknown[] }>(
        sandbox.url,
        '{ images(load_filters: ["general", "operational", "customized"], filter_by_statuses: [ALIVE, DELETED]) { id } }',
        { keypair: sandbox.credentials.superadmin },
      ),
    );
    expect(all.images).toHaveLength(sandbox.dataset.images.length);
  });

  it('refuses an unknown load filter', async () => {
    const response = await postGraphQL(sandbox.url, '{ images(load_filters: ["secret"]) { id } }', {
      keypair: sandbox.credentials.user,
    });
    expect(response.body.errors?.[0]?.message).toContain("'secret' is not a valid PublicImageLoadFilter");
  });

  it('image_node and node take global ids; image_node takes raw UUIDs too', async () => {
    const image = alive();
    const globalId = encodeGlobalId('ImageNode', image.id);
    const data = dataOf(
      await postGraphQL<{ a: { row_id: string }; b: { row_id: string }; c: { row_id: string } }>(
        sandbox.url,
        `{ a: image_node(id: "${globalId}") { row_id } b: image_node(id: "${image.id}") { row_id } c: node(id: "${globalId}") { ... on ImageNode { row_id } } }`,
        { keypair: sandbox.credentials.superadmin },
      ),
    );
    expect([data.a.row_id, data.b.row_id, data.c.row_id]).toEqual([image.id, image.id, image.id]);
  });

  it('serves the legacy wire shapes: trimmed digest, parsed tags, BigInt sizes, Infinity maximums', async () => {
    const image = sandbox.dataset.images.find((i) => i.sizeBytes > 2 ** 32 && i.tag.includes('cuda'))!;
    const data = dataOf(
      await postGraphQL<{ image_node: Record<string, unknown> }>(
        sandbox.url,
        `{ image_node(id: "${image.id}") { digest size_bytes tags { key value } version resource_limits { key max } supported_accelerators status } }`,
        { keypair: sandbox.credentials.superadmin },
      ),
    );
    expect(data.image_node.digest).toBe(image.configDigest.trim());
    expect(data.image_node.size_bytes).toBe(image.sizeBytes);
    expect(data.image_node.version).toBe(image.tag.split('-')[0]);
    expect(data.image_node.tags).toContainEqual({ key: 'cuda', value: expect.any(String) });
    expect((data.image_node.resource_limits as { max: string }[]).every((l) => l.max === 'Infinity')).toBe(
      true,
    );
    expect(data.image_node.supported_accelerators).toEqual(image.accelerators!.split(','));
  });
});
