import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/relay/index.ts';
import type { SandboxImage } from '../../src/sandbox/index.ts';
import { dataOf, postGraphQL } from '../support/client.ts';
import { type Stack, startStack } from '../support/stack.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

const IMAGE_FIELDS = `id registryId registry
  identity { canonicalName namespace architecture }
  metadata { tags { key value } labels { key value } digest sizeBytes status createdAt }
  requirements { resourceLimits { key min max } supportedAccelerators }
  permission { permissions }`;

interface ImageV2 {
  id: string;
  registryId: string;
  registry: string;
  identity: { canonicalName: string; namespace: string; architecture: string };
  metadata: {
    tags: { key: string; value: string }[];
    labels: { key: string; value: string }[];
    digest: string | null;
    sizeBytes: number;
    status: string;
    createdAt: string | null;
  };
  requirements: {
    resourceLimits: { key: string; min: string; max: string }[];
    supportedAccelerators: string[];
  };
  permission: null;
}

const asSuperadmin = () => ({ keypair: stack.sandbox.credentials.superadmin });

async function imageV2(id: string): Promise<ImageV2> {
  const data = dataOf(
    await postGraphQL<{ imageV2: ImageV2 }>(
      stack.gateway.url,
      `{ imageV2(id: "${id}") { ${IMAGE_FIELDS} } }`,
      asSuperadmin(),
    ),
  );
  return data.imageV2;
}

const RESOURCE_LABEL = 'ai.backend.resource.min.';

/**
 * The resource limits of a row whose custom limits raise no minimum: one per `ai.backend.resource.min.*`
 * label, with the label's minimum, sorted by slot, no maximum (the legacy API knows none).
 */
function labelLimits(row: SandboxImage): ImageV2['requirements']['resourceLimits'] {
  return Object.entries(row.labels)
    .filter(([key]) => key.startsWith(RESOURCE_LABEL))
    .map(([key, min]) => ({ key: key.slice(RESOURCE_LABEL.length), min, max: 'Infinity' }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
}

/**
 * The ImageV2 a native manager would serve for a sandbox row, written out from the row's own facts (its
 * columns and labels), for rows whose custom limits raise no minimum above their labels'.
 */
function expectedOf(row: SandboxImage): ImageV2 {
  return {
    id: encodeGlobalId('ImageV2', row.id),
    registryId: row.registryId,
    registry: row.registry,
    identity: {
      canonicalName: `${row.registry}/${row.image}:${row.tag}`,
      namespace: row.image,
      architecture: row.architecture,
    },
    metadata: {
      tags: expect.any(Array) as unknown as ImageV2['metadata']['tags'],
      labels: Object.entries(row.labels).map(([key, value]) => ({ key, value })),
      digest: row.configDigest.trim(),
      sizeBytes: row.sizeBytes,
      status: row.status,
      createdAt: null,
    },
    requirements: {
      resourceLimits: labelLimits(row),
      supportedAccelerators: row.accelerators ? row.accelerators.split(',') : ['*'],
    },
    permission: null,
  };
}

const rows = () => stack.sandbox.dataset.images;

describe('ImageV2 fields over a legacy manager', () => {
  it('serves every field of a CUDA image larger than 4 GiB', async () => {
    const row = rows().find((image) => image.tag === '2.0-py311-cuda12.1')!;
    expect(row.sizeBytes).toBeGreaterThan(2 ** 32);
    // Its custom memory minimum (256 MiB) is below its label's (1g), so the label's stands.
    expect([row.resources.mem?.min, row.labels[`${RESOURCE_LABEL}mem`]]).toEqual(['268435456', '1g']);
    const image = await imageV2(row.id);
    expect(image).toEqual(expectedOf(row));
    expect(image.metadata.tags).toEqual([
      { key: 'py', value: '311' },
      { key: 'cuda', value: '12.1' },
    ]);
  });

  it.each([
    ['3.9-ubuntu20.04', [{ key: 'ubuntu', value: '20.04' }]],
    ['latest', []],
    [
      '23.08-tf2-py3',
      [
        { key: 'tf', value: '2' },
        { key: 'py', value: '3' },
      ],
    ],
  ])('parses the tag %s', async (tag, tags) => {
    const row = rows().find((image) => image.tag === tag)!;
    expect(row.resources).toEqual({});
    const image = await imageV2(row.id);
    expect(image).toEqual(expectedOf(row));
    expect(image.metadata.tags).toEqual(tags);
  });

  it('serves deleted images by id, with their status', async () => {
    const row = rows().find((image) => image.status === 'DELETED')!;
    expect((await imageV2(row.id)).metadata.status).toBe('DELETED');
  });

  it('shows the larger minimum where custom limits and labels disagree', async () => {
    const row = rows().find((image) => image.resources.mem?.min === '4g')!;
    const mem = (await imageV2(row.id)).requirements.resourceLimits.find((limit) => limit.key === 'mem');
    expect(mem).toEqual({ key: 'mem', min: '4g', max: 'Infinity' });
  });

  it('says "*" for images that do not restrict accelerators', async () => {
    const row = rows().find((image) => image.accelerators === null)!;
    expect((await imageV2(row.id)).requirements.supportedAccelerators).toEqual(['*']);
  });

  it('takes the raw UUID and the ImageV2 global id alike, and answers null for an unknown image', async () => {
    const row = rows()[3]!;
    expect(await imageV2(encodeGlobalId('ImageV2', row.id))).toEqual(await imageV2(row.id));
    const missing = await postGraphQL<{ imageV2: null }>(
      stack.gateway.url,
      '{ imageV2(id: "00000000-0000-4000-8000-000000000000") { id } }',
      asSuperadmin(),
    );
    expect(dataOf(missing).imageV2).toBeNull();
  });

  it('refuses an id that is neither, in the native error shape', async () => {
    const response = await postGraphQL(stack.gateway.url, '{ imageV2(id: "python") { id } }', asSuperadmin());
    expect(response.body.errors).toEqual([
      {
        message:
          'Invalid GraphQL parameters. (id must be an image UUID or an ImageV2 global id, got "python")',
        locations: [{ line: 1, column: 3 }],
        path: ['imageV2'],
        extensions: { code: 'api_generic_invalid-parameters' },
      },
    ]);
  });
});
