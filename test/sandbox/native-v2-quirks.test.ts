/**
 * The native manager's quirks, release by release, over real HTTP: the values it renders, who may list
 * what, how its filters read, and how it refuses. Each test names the manager behaviour it pins.
 */
import { describe, expect, it } from 'vitest';
import type { SandboxImage } from '../../src/sandbox/data/types.ts';
import { NATIVE_RELEASES, type Sandbox } from '../../src/sandbox/index.ts';
import { pythonIsoformat } from '../../src/sandbox/native-v2/datetimes.ts';
import { data as legacyData, sandboxesClosedAfterEach } from './helpers.ts';
import { native, nativeData, nativeError, nativeSandboxesPerRelease } from './native-v2-client.ts';

const INT_MAX = 2 ** 31 - 1;
const sandboxes = nativeSandboxesPerRelease();
const sandboxOf = sandboxesClosedAfterEach();

const rows = (sandbox: Sandbox) => sandbox.dataset.images;
const find = (sandbox: Sandbox, test: (image: SandboxImage) => boolean) =>
  rows(sandbox).find(test) as SandboxImage;
const small = (image: SandboxImage) => image.sizeBytes <= INT_MAX;

interface NativeNode {
  id: string;
  metadata: Record<string, unknown>;
  requirements: {
    resourceLimits: { key: string; min: string; max: string }[];
    supportedAccelerators: string[];
  };
  permission: unknown;
  lastUsed?: string;
}
const ONE_IMAGE = `query ($id: ID!) { imageV2(id: $id) {
  id permission { permissions }
  metadata { digest sizeBytes createdAt status }
  requirements { resourceLimits { key min max } supportedAccelerators } } }`;
const imageV2 = async (sandbox: Sandbox, image: SandboxImage, who: 'superadmin' | 'user' = 'user') =>
  (await nativeData<{ imageV2: NativeNode }>(sandbox, ONE_IMAGE, { who, variables: { id: image.id } }))
    .imageV2;

describe.each([
  ['26.2', 'None', []],
  ['26.4', 'Infinity', []],
  ['26.8', 'Infinity', ['*']],
] as const)('%s renders a row', (release, unsetMax, noAccelerators) => {
  const sandbox = () => sandboxes[release];

  it(`prints a resource limit without a maximum as "${unsetMax}", a custom maximum as stored`, async () => {
    const plain = find(sandbox(), (image) => small(image) && Object.keys(image.resources).length === 0);
    const limits = (await imageV2(sandbox(), plain)).requirements.resourceLimits;
    expect(limits.map((limit) => limit.key).sort()).toEqual(['cpu', 'mem']);
    expect(limits.every((limit) => limit.max === unsetMax)).toBe(true);
    const capped = find(sandbox(), (image) => small(image) && image.resources.cpu?.max != null);
    const cpu = (await imageV2(sandbox(), capped)).requirements.resourceLimits.find(
      (limit) => limit.key === 'cpu',
    );
    expect(cpu?.max).toBe(capped.resources.cpu?.max);
  });

  it(`gives ${JSON.stringify(noAccelerators)} for an image that stores no accelerators`, async () => {
    const none = find(sandbox(), (image) => small(image) && image.accelerators === null);
    expect((await imageV2(sandbox(), none)).requirements.supportedAccelerators).toEqual(noAccelerators);
  });

  it('keeps the CHAR(72) pad space of the digest, and writes createdAt in Python isoformat', async () => {
    const image = find(sandbox(), small);
    const node = await imageV2(sandbox(), image);
    expect(node.metadata.digest).toBe(image.configDigest);
    expect(node.metadata.digest).toMatch(/^sha256:[0-9a-f]{64} $/);
    expect(node.metadata.createdAt).toBe(pythonIsoformat(image.createdAt));
    expect(node.metadata.createdAt).toMatch(/\+00:00$/);
  });

  it('always answers permission: null', async () => {
    expect((await imageV2(sandbox(), find(sandbox(), small), 'superadmin')).permission).toBeNull();
  });

  it('nulls the whole connection for an image of 2 GiB or more (sizeBytes is a 32-bit Int!)', async () => {
    const response = await native(
      sandbox(),
      '{ adminImagesV2(limit: 100) { count edges { node { metadata { sizeBytes } } } } }',
    );
    const big = rows(sandbox()).filter((image) => !small(image));
    expect(big.length).toBeGreaterThan(0);
    expect(response.body.data).toEqual({ adminImagesV2: null });
    const error = response.body.errors?.[0];
    expect(error?.message).toMatch(/^Int cannot represent non 32-bit signed integer value: \d+$/);
    expect(big.map((image) => image.sizeBytes)).toContain(Number(error?.message.split(': ')[1]));
    expect(error?.path?.slice(-3)).toEqual(['node', 'metadata', 'sizeBytes']);
  });

  it('answers sizeBytes where every image on the page is below 2 GiB', async () => {
    const page = await nativeData<{
      adminImagesV2: { edges: { node: { metadata: { sizeBytes: number } } }[] };
    }>(
      sandbox(),
      '{ adminImagesV2(filter: { name: { contains: "/ssh:" } }) { edges { node { metadata { sizeBytes } } } } }',
    );
    const sizes = page.adminImagesV2.edges.map((edge) => edge.node.metadata.sizeBytes).sort();
    expect(sizes).toEqual(
      rows(sandbox())
        .filter((image) => image.name.includes('/ssh:'))
        .map((i) => i.sizeBytes)
        .sort(),
    );
  });
});

describe.each(NATIVE_RELEASES)('%s: who may read what', (release) => {
  const sandbox = () => sandboxes[release];
  const withCode = release !== '26.2';

  it('lists every row to a superadmin: every registry, every user customized image, ALIVE and DELETED', async () => {
    const page = await nativeData<{ adminImagesV2: { count: number; edges: { node: { id: string } }[] } }>(
      sandbox(),
      '{ adminImagesV2(limit: 1000) { count edges { node { id } } } }',
    );
    const expected = rows(sandbox()).map((image) => Buffer.from(`ImageV2:${image.id}`).toString('base64'));
    expect(page.adminImagesV2.count).toBe(expected.length);
    expect(page.adminImagesV2.edges.map((edge) => edge.node.id).sort()).toEqual(expected.sort());
    expect(new Set(rows(sandbox()).map((image) => image.status))).toEqual(new Set(['ALIVE', 'DELETED']));
  });

  it(`refuses adminImagesV2 to others with "Admin exclusive access"${withCode ? ' and the internal-error code' : ''}`, async () => {
    const error = await nativeError(sandbox(), '{ adminImagesV2 { count } }', { who: 'user' });
    expect(error).toEqual({
      message: 'Admin exclusive access',
      code: withCode ? 'backendai_generic_internal-error' : undefined,
      data: { adminImagesV2: null },
    });
  });

  it('lets any user list a registry, private ones included, with no status filter', async () => {
    const research = sandbox().dataset.registries.find((registry) => !registry.isGlobal)!;
    const query = `{ containerRegistryImagesV2(scope: { registryId: "${research.id}" }) { count edges { node { metadata { status } } } } }`;
    const response = await native(sandbox(), query.replace('metadata { status }', 'registryId'), {
      who: 'user',
    });
    expect(response.body.data).toEqual({
      containerRegistryImagesV2: {
        count: rows(sandbox()).filter((image) => image.registryId === research.id).length,
        edges: expect.arrayContaining([{ node: { registryId: research.id } }]),
      },
    });
  });

  it('answers count 0 for an unknown registry, and refuses a registry id that is no UUID', async () => {
    const unknown = await nativeData(
      sandbox(),
      '{ containerRegistryImagesV2(scope: { registryId: "00000000-0000-4000-8000-000000000000" }) { count } }',
      { who: 'user' },
    );
    expect(unknown).toEqual({ containerRegistryImagesV2: { count: 0 } });
    const bad = await nativeError(
      sandbox(),
      '{ containerRegistryImagesV2(scope: { registryId: "nope" }) { count } }',
    );
    expect(bad.message).toContain(
      'Value cannot represent a UUID: "nope". badly formed hexadecimal UUID string',
    );
  });

  it('finds any image by its raw UUID, DELETED ones too', async () => {
    const deleted = find(sandbox(), (image) => image.status === 'DELETED' && small(image));
    expect((await imageV2(sandbox(), deleted)).metadata.status).toBe('DELETED');
    expect(
      await nativeData(sandbox(), '{ imageV2(id: "00000000-0000-4000-8000-000000000000") { id } }'),
    ).toEqual({
      imageV2: null,
    });
  });

  it('lists an image aliases to any user, finds an alias by its row id, and keeps the alias list for superadmins', async () => {
    const aliased = find(sandbox(), (image) => image.aliases.length > 0);
    const scoped = await nativeData<{
      imageScopedAliases: { count: number; edges: { node: { id: string; alias: string } }[] };
    }>(
      sandbox(),
      `{ imageScopedAliases(scope: { imageId: "${aliased.id}" }) { count edges { node { id alias } } } }`,
      { who: 'user' },
    );
    expect(scoped.imageScopedAliases.count).toBe(aliased.aliases.length);
    const [edge] = scoped.imageScopedAliases.edges;
    expect(edge?.node.alias).toBe(aliased.aliases[0]);
    const rowId = Buffer.from(edge?.node.id as string, 'base64')
      .toString()
      .replace('ImageV2Alias:', '');
    expect(await nativeData(sandbox(), `{ imageAlias(id: "${rowId}") { alias } }`, { who: 'user' })).toEqual({
      imageAlias: { alias: aliased.aliases[0] },
    });
    const refused = await nativeError(sandbox(), '{ adminImageAliases { count } }', { who: 'user' });
    expect(refused.message).toBe('Admin exclusive access');
  });

  it('cannot take its own global id in imageV2: "badly formed hexadecimal UUID string"', async () => {
    const image = find(sandbox(), small);
    const globalId = Buffer.from(`ImageV2:${image.id}`).toString('base64');
    const error = await nativeError(sandbox(), ONE_IMAGE, { variables: { id: globalId } });
    expect(error).toEqual({
      message: 'badly formed hexadecimal UUID string',
      code: withCode ? 'backendai_generic_internal-error' : undefined,
      data: { imageV2: null },
    });
  });
});

describe.each(NATIVE_RELEASES)('%s: filters', (release) => {
  const sandbox = () => sandboxes[release];
  const count = async (filter: string) =>
    (
      await nativeData<{ adminImagesV2: { count: number } }>(
        sandbox(),
        `{ adminImagesV2(filter: ${filter}) { count } }`,
      )
    ).adminImagesV2.count;
  const countOf = (test: (image: SandboxImage) => boolean) => rows(sandbox()).filter(test).length;

  it('applies only the first StringFilter operation', async () => {
    expect(await count('{ name: { contains: "python" } }')).toBe(
      countOf((image) => image.name.includes('python')),
    );
    expect(await count('{ name: { equals: "nothing", contains: "python" } }')).toBe(0);
  });

  it('takes every condition of every OR item into one OR', async () => {
    const filter = '{ OR: [{ name: { contains: "/ssh:" }, architecture: { equals: "aarch64" } }] }';
    expect(await count(filter)).toBe(
      countOf((image) => image.name.includes('/ssh:') || image.architecture === 'aarch64'),
    );
  });

  it('negates the AND of every NOT item together', async () => {
    const filter = '{ NOT: [{ name: { contains: "python" } }, { architecture: { equals: "x86_64" } }] }';
    expect(await count(filter)).toBe(
      countOf((image) => !(image.name.includes('python') && image.architecture === 'x86_64')),
    );
  });

  it('reads LIKE wildcards in the value: "_" matches any one character', async () => {
    expect(await count('{ name: { contains: "pyt_on" } }')).toBe(
      countOf((image) => /pyt.on/.test(image.name)),
    );
  });

  it('names its input types as the release does', async () => {
    const [filterType, orderType] =
      release === '26.2'
        ? ['ImageV2FilterGQL', 'ImageV2OrderByGQL']
        : release === '26.4'
          ? ['ImageV2Filter', 'ImageV2OrderByGQL']
          : ['ImageV2Filter', 'ImageV2OrderBy'];
    const query = `query ($f: ${filterType}, $o: [${orderType}!]) { adminImagesV2(filter: $f, orderBy: $o, limit: 1) { count } }`;
    expect(await nativeData(sandbox(), query, { variables: { f: {}, o: [{ field: 'NAME' }] } })).toEqual({
      adminImagesV2: { count: rows(sandbox()).length },
    });
    const other = release === '26.8' ? 'ImageV2OrderByGQL' : 'ImageV2OrderBy';
    const refused = await nativeError(
      sandbox(),
      `query ($o: [${other}!]) { adminImagesV2(orderBy: $o) { count } }`,
    );
    expect(refused.message).toMatch(new RegExp(`^Unknown type "${other}"\\.`));
  });
});

describe('filters that differ between releases', () => {
  it('filters status by a list on 26.2 and by operators from 26.4', async () => {
    const deleted = rows(sandboxes['26.2']).filter((image) => image.status === 'DELETED').length;
    expect(
      await nativeData(sandboxes['26.2'], '{ adminImagesV2(filter: { status: [DELETED] }) { count } }'),
    ).toEqual({
      adminImagesV2: { count: deleted },
    });
    const operators =
      '{ adminImagesV2(filter: { status: { in: [ALIVE, DELETED], notEquals: ALIVE } }) { count } }';
    expect(await nativeData(sandboxes['26.4'], operators)).toEqual({ adminImagesV2: { count: deleted } });
  });

  it('skips an empty string operation on 26.2 and applies it from 26.4', async () => {
    const query = '{ adminImagesV2(filter: { name: { equals: "", contains: "python" } }) { count } }';
    const pythons = rows(sandboxes['26.2']).filter((image) => image.name.includes('python')).length;
    expect(await nativeData(sandboxes['26.2'], query)).toEqual({ adminImagesV2: { count: pythons } });
    expect(await nativeData(sandboxes['26.4'], query)).toEqual({ adminImagesV2: { count: 0 } });
  });

  it('matches images without any alias for a negated alias operation (NOT EXISTS)', async () => {
    const sandbox = sandboxes['26.8'];
    const aliased = find(sandbox, (image) => image.aliases.length > 0);
    const query = `{ adminImagesV2(filter: { alias: { alias: { notEquals: "${aliased.aliases[0]}" } } }) { count } }`;
    expect(await nativeData(sandbox, query)).toEqual({ adminImagesV2: { count: rows(sandbox).length - 1 } });
  });

  it('gives lastUsed from 26.4, the creation time for an image never used', async () => {
    const sandbox = sandboxes['26.4'];
    const unused = find(sandbox, (image) => image.lastUsedAt === null);
    const answer = await nativeData<{ imageV2: { lastUsed: string; metadata: { createdAt: string } } }>(
      sandbox,
      `{ imageV2(id: "${unused.id}") { lastUsed metadata { createdAt } } }`,
    );
    expect(answer.imageV2.lastUsed).toBe(answer.imageV2.metadata.createdAt);
    const refused = await nativeError(sandboxes['26.2'], `{ imageV2(id: "${unused.id}") { lastUsed } }`);
    expect(refused.message).toBe('Cannot query field "lastUsed" on type "ImageV2".');
  });
});

describe('the same dataset as the legacy API', () => {
  it('shows what legacy mutations changed: a forgotten image is DELETED, a new alias is listed', async () => {
    const sandbox = await sandboxOf({ managerVersion: '26.8' });
    const image = find(sandbox, (row) => row.status === 'ALIVE' && small(row) && row.aliases.length === 0);
    await legacyData(
      sandbox,
      `mutation { alias_image(alias: "native-check", target: "${image.name}", architecture: "${image.architecture}") { ok } }`,
    );
    await legacyData(sandbox, `mutation { forget_image_by_id(image_id: "${image.id}") { ok } }`);
    const answer = await nativeData<{
      imageV2: { metadata: { status: string }; aliases: { edges: { node: { alias: string } }[] } };
    }>(
      sandbox,
      `{ imageV2(id: "${image.id}") { metadata { status } aliases { edges { node { alias } } } } }`,
    );
    expect(answer.imageV2.metadata.status).toBe('DELETED');
    expect(answer.imageV2.aliases.edges.map((edge) => edge.node.alias)).toEqual(['native-check']);
  });
});
