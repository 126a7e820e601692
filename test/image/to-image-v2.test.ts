import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type LegacyImageRow, toImageV2 } from '../../src/image/index.ts';

const PYTORCH: LegacyImageRow = {
  row_id: 'c4e2a9f0-5b6d-4c7e-8f90-a1b2c3d4e5f6',
  namespace: 'stable/pytorch',
  project: 'stable',
  registry: 'cr.backend.ai',
  tag: '2.0-py311-cuda12.1',
  architecture: 'x86_64',
  digest: `sha256:${'a1'.repeat(32)}`,
  labels: [
    { key: 'ai.backend.kernelspec', value: '1' },
    { key: 'ai.backend.accelerators', value: 'cuda' },
  ],
  size_bytes: 9876543210,
  status: 'ALIVE',
  resource_limits: [
    { key: 'mem', min: '1g', max: 'Infinity' },
    { key: 'cpu', min: '1', max: 'Infinity' },
    { key: 'cuda.device', min: '1', max: 'Infinity' },
  ],
  supported_accelerators: ['cuda'],
  aliases: [],
};

describe('toImageV2', () => {
  it('regroups a legacy image into the ImageV2 info types', () => {
    expect(toImageV2(PYTORCH, { registryId: 'fe878f09-06cc-4b91-9242-4c71015cce04' })).toEqual({
      __typename: 'ImageV2',
      id: 'SW1hZ2VWMjpjNGUyYTlmMC01YjZkLTRjN2UtOGY5MC1hMWIyYzNkNGU1ZjY=',
      identity: {
        canonicalName: 'cr.backend.ai/stable/pytorch:2.0-py311-cuda12.1',
        namespace: 'stable/pytorch',
        architecture: 'x86_64',
      },
      metadata: {
        tags: [
          { key: 'py', value: '311' },
          { key: 'cuda', value: '12.1' },
        ],
        labels: [
          { key: 'ai.backend.kernelspec', value: '1' },
          { key: 'ai.backend.accelerators', value: 'cuda' },
        ],
        digest: `sha256:${'a1'.repeat(32)}`,
        sizeBytes: 9876543210,
        status: 'ALIVE',
        createdAt: null,
      },
      requirements: {
        resourceLimits: [
          { key: 'cpu', min: '1', max: 'Infinity' },
          { key: 'cuda.device', min: '1', max: 'Infinity' },
          { key: 'mem', min: '1g', max: 'Infinity' },
        ],
        supportedAccelerators: ['cuda'],
      },
      permission: null,
      registryId: 'fe878f09-06cc-4b91-9242-4c71015cce04',
      registry: 'cr.backend.ai',
    });
  });

  it('takes creation time and custom maximums from a richer source', () => {
    const image = toImageV2(PYTORCH, {
      registryId: null,
      createdAt: '2026-06-10T12:00:00+00:00',
      customMax: { cpu: '8' },
    });
    expect(image.metadata.createdAt).toBe('2026-06-10T12:00:00+00:00');
    expect(image.requirements.resourceLimits[0]).toEqual({ key: 'cpu', min: '1', max: '8' });
  });
});

// Checks the mapping against the native answers recorded in the shared reference data, when it is there.
const FIXTURES = path.resolve(import.meta.dirname, '../../../shared/reference/image-fixtures.json');

interface Fixture {
  db_row: { registry_id: string; created_at: string; id: string; project: string | null };
  legacy_ImageNode: LegacyImageRow & Record<string, unknown>;
  v2_ImageV2_head: Record<string, unknown> & {
    metadata: Record<string, unknown> & { digest: string };
    requirements: { resourceLimits: { key: string; max: string }[] };
  };
}

describe.skipIf(!existsSync(FIXTURES))('toImageV2 against the native answers in ../shared/reference', () => {
  const fixtures: Fixture[] = existsSync(FIXTURES) ? JSON.parse(readFileSync(FIXTURES, 'utf8')).images : [];
  it.each(fixtures.map((fixture) => [fixture.db_row.id, fixture] as const))('%s', (_id, fixture) => {
    const { legacy_ImageNode: legacy, v2_ImageV2_head: native, db_row: row } = fixture;
    const custom = Object.fromEntries(
      native.requirements.resourceLimits.map((limit) => [limit.key, limit.max]),
    );
    const image = toImageV2(legacy, {
      registryId: row.registry_id,
      createdAt: row.created_at,
      customMax: custom,
    });
    const { lastUsed, lastUsedAt, _edge_cursor, ...expected } = native as Record<string, unknown> & {
      metadata: { lastUsedAt?: unknown };
    };
    const { lastUsedAt: _ignored, ...nativeMetadata } = native.metadata;
    // Documented deviations: the digest is trimmed; limits are sorted by key.
    expect(image).toMatchObject({
      ...expected,
      metadata: { ...nativeMetadata, digest: native.metadata.digest.trim() },
      requirements: {
        ...native.requirements,
        resourceLimits: [...native.requirements.resourceLimits].sort((a, b) => a.key.localeCompare(b.key)),
      },
    });
  });
});
