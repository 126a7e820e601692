/**
 * RBAC scopes for both demo users, and the other image queries (`image`, `images`, `customized_images`,
 * `image_node`, `node`, `container_registry_nodes`) with the values and refusals the manager gives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, type SandboxImage, startSandbox } from '../../src/sandbox/index.ts';
import { toGlobalId } from '../../src/sandbox/python-compat.ts';
import { data, errorOf, type Who } from './helpers.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

const OWNER = 'ai.backend.customized-image.owner';
const ALL = ['read_attribute', 'update_attribute', 'create_container', 'forget_image'];
const MEMBER = ['read_attribute', 'create_container'];

type Nodes = { image_nodes: { count: number; edges: { node: { row_id: string; permissions: string[] } }[] } };

async function scoped(scope: string, who: Who, permission = 'read_attribute') {
  const result = await data<Nodes>(
    sandbox,
    `query ($scope: ScopeField!, $permission: ImagePermissionValueField) {
       image_nodes(scope_id: $scope, permission: $permission, first: 500) { count edges { node { row_id permissions } } }
     }`,
    who,
    { scope, permission },
  );
  return new Map(result.image_nodes.edges.map((edge) => [edge.node.row_id, edge.node.permissions]));
}

const alive = () => sandbox.dataset.images.filter((image) => image.status === 'ALIVE');
const registryOf = (image: SandboxImage) =>
  sandbox.dataset.registries.find((r) => r.id === image.registryId)!;
const isGlobal = (image: SandboxImage) => registryOf(image).isGlobal;
const ownedBy = (image: SandboxImage, who: Who) =>
  image.labels[OWNER] === `user:${sandbox.credentials[who].userId}`;
const customized = (image: SandboxImage) => image.labels[OWNER] !== undefined;
const project = (name: string) => sandbox.dataset.projects.find((candidate) => candidate.name === name)!.id;
const ids = (images: SandboxImage[]) => new Set(images.map((image) => image.id));

describe('RBAC scopes, superadmin', () => {
  const publicImages = () =>
    alive().filter((i) => isGlobal(i) && (!customized(i) || ownedBy(i, 'superadmin')));
  const research = () => alive().filter((i) => registryOf(i).projectIds.includes(project('research')));

  it.each<[string, () => SandboxImage[]]>([
    ['system', () => [...publicImages(), ...research()]],
    ['domain:default', () => [...publicImages(), ...research()]],
    ['domain:partner', publicImages],
    ['project:research', () => [...publicImages(), ...research()]],
    ['project:partner-lab', publicImages],
    ['user:user', () => alive().filter((i) => ownedBy(i, 'user'))],
    ['user:superadmin', research],
  ])('%s', async (scope, expected) => {
    const resolved = scope
      .replace(/^project:(.*)$/, (_, name) => `project:${project(name)}`)
      .replace(/^user:(.*)$/, (_, who: Who) => `user:${sandbox.credentials[who].userId}`);
    const found = await scoped(resolved, 'superadmin');
    expect(new Set(found.keys())).toEqual(ids(expected()));
    expect(found.size).toBeGreaterThan(0);
    expect([...found.values()].every((permissions) => permissions.join() === ALL.join())).toBe(true);
  });
});

describe('RBAC scopes, regular user', () => {
  const publicImages = () => alive().filter((i) => isGlobal(i) && (!customized(i) || ownedBy(i, 'user')));
  const own = () => alive().filter((i) => ownedBy(i, 'user'));

  it.each<[string, () => SandboxImage[]]>([
    ['system', publicImages],
    ['domain:default', publicImages],
    // Another domain grants nothing, but the caller's own customized images come along with every domain.
    ['domain:partner', own],
    ['project:default', publicImages],
    ['project:research', () => []],
    ['user:user', own],
    ['user:superadmin', () => []],
  ])('%s', async (scope, expected) => {
    const resolved = scope
      .replace(/^project:(.*)$/, (_, name) => `project:${project(name)}`)
      .replace(/^user:(.*)$/, (_, who: Who) => `user:${sandbox.credentials[who].userId}`);
    expect(new Set((await scoped(resolved, 'user')).keys())).toEqual(ids(expected()));
  });

  it('lists a member permissions on public images and all of them on the caller own images', async () => {
    const found = await scoped('system', 'user');
    for (const image of publicImages())
      expect(found.get(image.id)).toEqual(ownedBy(image, 'user') ? ALL : MEMBER);
  });

  it('narrows to the images with the requested permission', async () => {
    expect(new Set((await scoped('system', 'user', 'forget_image')).keys())).toEqual(ids(own()));
  });
});

describe('RBAC refusals', () => {
  const missing = '00000000-0000-4000-8000-000000000001';
  const query = (scope: string) => `{ image_nodes(scope_id: "${scope}") { count } }`;

  it.each([
    ['domain:nowhere', 'Invalid scope specified. (Domain not found (n:nowhere))'],
    [`project:${missing}`, `Invalid scope specified. (Project not found (project_id: ${missing}))`],
    [`user:${missing}`, `Invalid scope specified. (User not found (id:${missing}))`],
  ])('%s', async (scope, message) => {
    expect(await errorOf(sandbox, query(scope), 'superadmin')).toBe(message);
  });

  it.each([
    [
      'galaxy:far',
      "Invalid scope specified. (Invalid scope (s: <class 'ai.backend.manager.models.rbac.UserScope'>))",
    ],
    ['project:nope', 'badly formed hexadecimal UUID string'],
  ])('refuses the scope %s while validating', async (scope, message) => {
    const text = await errorOf(sandbox, query(scope), 'user');
    expect(text).toContain('Expected value of type "ScopeField!"');
    expect(text).toContain(message);
  });

  it('refuses an unknown permission', async () => {
    const text = await errorOf(sandbox, '{ image_nodes(scope_id: "system", permission: "fly") { count } }');
    expect(text).toContain("'fly' is not a valid ImagePermission");
  });
});

describe('image_node and node', () => {
  const publicImage = () => alive().find((i) => isGlobal(i) && !customized(i))!;
  const researchImage = () => alive().find((i) => !isGlobal(i))!;

  it('takes a global id or a raw UUID, and answers null outside the caller reach', async () => {
    const image = publicImage();
    const result = await data<Record<string, { row_id: string } | null>>(
      sandbox,
      `{ a: image_node(id: "${toGlobalId('ImageNode', image.id)}") { row_id }
         b: image_node(id: "${image.id}") { row_id }
         c: image_node(id: "${researchImage().id}") { row_id } }`,
      'user',
    );
    expect(result).toEqual({ a: { row_id: image.id }, b: { row_id: image.id }, c: null });
  });

  it('refuses an id that is no UUID', async () => {
    expect(await errorOf(sandbox, '{ image_node(id: "nope") { row_id } }')).toBe(
      'badly formed hexadecimal UUID string',
    );
  });

  it('node(): registries resolve for anyone; an ImageNode id fails as in the manager', async () => {
    const registry = sandbox.dataset.registries[0]!;
    const result = await data<{ node: { row_id: string; registry_name: string } }>(
      sandbox,
      `{ node(id: "${toGlobalId('ContainerRegistryNode', registry.id)}") { ... on ContainerRegistryNode { row_id registry_name } } }`,
      'user',
    );
    expect(result.node).toEqual({ row_id: registry.id, registry_name: registry.name });
    const imageId = toGlobalId('ImageNode', publicImage().id);
    expect(await errorOf(sandbox, `{ node(id: "${imageId}") { id } }`)).toBe(
      "ImageNode.get_node() missing 1 required positional argument: 'scope_id'",
    );
    expect(await errorOf(sandbox, `{ node(id: "${toGlobalId('Nope', 'x')}") { id } }`)).toBe(
      'Relay Node "Nope" not found in schema',
    );
  });
});

describe('container registries', () => {
  const QUERY =
    '{ container_registry_nodes(first: 10, order: "registry_name") { count edges { node { row_id name registry_name project is_global url type password } } } }';

  it('lists registry rows to a superadmin, with ids and projects', async () => {
    type Result = { container_registry_nodes: { count: number; edges: { node: Record<string, unknown> }[] } };
    const result = await data<Result>(sandbox, QUERY);
    expect(result.container_registry_nodes.count).toBe(sandbox.dataset.registries.length);
    const research = result.container_registry_nodes.edges.find((edge) => edge.node.project === 'research')!;
    expect(research.node).toMatchObject({
      name: null,
      registry_name: 'registry.example.com',
      is_global: false,
      password: '*****',
    });
  });

  it('is superadmin-only', async () => {
    expect(await errorOf(sandbox, QUERY, 'user')).toBe(
      'Forbidden operation. (superadmin privilege required)',
    );
  });

  it('filters by registry_name and pages the allowed groups', async () => {
    type Result = {
      container_registry_nodes: { edges: { node: { project: string; allowed_groups: { count: number } } }[] };
    };
    const result = await data<Result>(
      sandbox,
      '{ container_registry_nodes(filter: "registry_name == \\"registry.example.com\\"") { edges { node { project allowed_groups { count } } } } }',
    );
    expect(result.container_registry_nodes.edges).toEqual([
      { node: { project: 'research', allowed_groups: { count: 1 } } },
    ]);
  });
});

describe('image, images and customized_images', () => {
  it('image(id) finds a live image, and refuses a deleted, missing or malformed one', async () => {
    const image = alive().find((i) => isGlobal(i))!;
    const deleted = sandbox.dataset.images.find((i) => i.status === 'DELETED')!;
    expect(
      (await data<{ image: { id: string } }>(sandbox, `{ image(id: "${image.id}") { id } }`)).image.id,
    ).toBe(image.id);
    expect(await errorOf(sandbox, `{ image(id: "${deleted.id}") { id } }`)).toBe(
      'No such environment image.',
    );
    expect(await errorOf(sandbox, '{ image(id: "nope") { id } }')).toBe(
      'badly formed hexadecimal UUID string',
    );
  });

  it('image(reference) finds by canonical name or alias, x86_64 by default', async () => {
    const twin = alive().find((i) => i.architecture === 'aarch64' && isGlobal(i) && !customized(i))!;
    const result = await data<{ a: { id: string; architecture: string }; b: { architecture: string } }>(
      sandbox,
      `{ a: image(reference: "${twin.name}", architecture: "aarch64") { id architecture } b: image(reference: "${twin.name}") { architecture } }`,
      'user',
    );
    expect(result).toEqual({ a: { id: twin.id, architecture: 'aarch64' }, b: { architecture: 'x86_64' } });
    const aliased = alive().find((i) => i.aliases.length > 0)!;
    const byAlias = await data<{ image: { id: string } }>(
      sandbox,
      `{ image(reference: "${aliased.aliases[0]}", architecture: "${aliased.architecture}") { id } }`,
    );
    expect(byAlias.image.id).toBe(aliased.id);
    expect(await errorOf(sandbox, '{ image(reference: "nowhere/x:1") { id } }')).toBe(
      "No such environment image. (Unknown image references: identifier:ImageIdentifier(canonical='nowhere/x:1', architecture='x86_64'), alias:'nowhere/x:1')",
    );
    expect(await errorOf(sandbox, '{ image { id } }')).toBe(
      "Missing or invalid API parameters. (reference/architecture and id can't be omitted at the same time!)",
    );
  });

  it('images() gives live general images and the caller own customized ones by default', async () => {
    const result = await data<{ images: { id: string }[] }>(sandbox, '{ images { id } }', 'user');
    const operational = (i: SandboxImage) => i.labels['ai.backend.features']?.includes('operation');
    // `Image.filter_allowed`: only registries the user's domain allows.
    const allowed = sandbox.dataset.domains.find((d) => d.name === 'default')!.allowedRegistries;
    const expected = alive().filter(
      (i) => allowed.includes(i.registry) && !operational(i) && (!customized(i) || ownedBy(i, 'user')),
    );
    expect(expected.length).toBeLessThan(alive().length);
    expect(new Set(result.images.map((i) => i.id))).toEqual(ids(expected));
  });

  it('images(load_filters) lets a superadmin list everything, customized images of everyone included', async () => {
    const result = await data<{ images: unknown[] }>(
      sandbox,
      '{ images(load_filters: ["general", "operational", "customized"], filter_by_statuses: [ALIVE, DELETED]) { id } }',
    );
    expect(result.images).toHaveLength(sandbox.dataset.images.length);
    expect(await errorOf(sandbox, '{ images(load_filters: ["secret"]) { id } }')).toBe(
      "Missing or invalid API parameters. ('secret' is not a valid PublicImageLoadFilter. All elements of `load_filters` should be one of (general, operational, customized))",
    );
  });

  it('customized_images lists the caller own customized images, without permissions', async () => {
    type Result = { customized_images: { row_id: string; permissions: string[] }[] };
    const result = await data<Result>(sandbox, '{ customized_images { row_id permissions } }', 'user');
    expect(new Set(result.customized_images.map((i) => i.row_id))).toEqual(
      ids(alive().filter((i) => ownedBy(i, 'user'))),
    );
    expect(result.customized_images.every((i) => i.permissions.length === 0)).toBe(true);
    expect(
      (await data<Result>(sandbox, '{ customized_images { row_id permissions } }')).customized_images,
    ).toEqual([]);
  });

  it('serves the legacy wire values: trimmed digest, parsed tags, BigInt sizes, Infinity maximums, type from the role label', async () => {
    const image = alive().find(
      (i) => i.sizeBytes > 2 ** 32 && i.tag.includes('cuda') && isGlobal(i) && !customized(i),
    )!;
    const filebrowser = alive().find((i) => i.image === 'community/filebrowser')!;
    const result = await data<{
      a: Record<string, unknown>;
      b: { type: string; supported_accelerators: string[] };
    }>(
      sandbox,
      `{ a: image_node(id: "${image.id}") { digest size_bytes tags { key value } version resource_limits { key min max } supported_accelerators status type }
         b: image_node(id: "${filebrowser.id}") { type supported_accelerators } }`,
    );
    expect(result.a).toMatchObject({
      digest: image.configDigest.trim(),
      size_bytes: image.sizeBytes,
      version: image.tag.split('-')[0],
      supported_accelerators: image.accelerators!.split(','),
      status: 'ALIVE',
      type: 'COMPUTE',
    });
    expect(result.a.tags).toContainEqual({ key: 'cuda', value: expect.any(String) });
    const limits = result.a.resource_limits as { key: string; max: string }[];
    expect(limits.map((l) => l.key)).toEqual(expect.arrayContaining(['cpu', 'mem', 'cuda.device']));
    expect(limits.every((l) => l.max === 'Infinity')).toBe(true);
    expect(result.b).toEqual({ type: 'SYSTEM', supported_accelerators: ['*'] });
  });
});
