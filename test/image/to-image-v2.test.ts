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

/** A row as an old or sparse legacy answer may give it: every nullable field null. */
const SPARSE: LegacyImageRow = {
  row_id: '6a0b1c2d-0000-4000-8000-000000000001',
  namespace: 'community/hpc',
  project: null,
  registry: 'cr.backend.ai',
  tag: 'latest',
  architecture: 'aarch64',
  digest: null,
  labels: null,
  size_bytes: null,
  status: null,
  resource_limits: null,
  supported_accelerators: null,
  aliases: null,
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

  it('fills what a sparse legacy row leaves out with the native defaults', () => {
    const image = toImageV2(SPARSE, { registryId: null });
    expect(image.metadata).toEqual({
      tags: [],
      labels: [],
      digest: null,
      sizeBytes: 0,
      status: 'ALIVE',
      createdAt: null,
    });
    expect(image.requirements).toEqual({
      resourceLimits: [
        { key: 'cpu', min: '1', max: 'Infinity' },
        { key: 'mem', min: '1073741824', max: 'Infinity' },
      ],
      supportedAccelerators: ['*'],
    });
  });

  it('serves a deleted image as DELETED with its trimmed digest', () => {
    const image = toImageV2(
      { ...PYTORCH, status: 'DELETED', digest: `sha256:${'5e'.repeat(32)} ` },
      {
        registryId: null,
      },
    );
    expect(image.metadata.status).toBe('DELETED');
    expect(image.metadata.digest).toBe(`sha256:${'5e'.repeat(32)}`);
  });

  it('fails on a value it cannot represent instead of serving it wrong', () => {
    expect(() => toImageV2({ ...PYTORCH, status: 'PURGED' }, { registryId: null })).toThrow(/PURGED/);
  });
});
