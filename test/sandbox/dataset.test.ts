import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/sandbox/data/generate.ts';
import { isCustomized, legacyResourceLimits, mergedResources } from '../../src/sandbox/views/images.ts';

describe('sandbox dataset', () => {
  const dataset = generateDataset();

  it('is the same for the same seed and size, and differs for another seed', () => {
    expect(generateDataset()).toEqual(dataset);
    expect(generateDataset({ seed: 'other' }).images[0]?.id).not.toBe(dataset.images[0]?.id);
  });

  it('has about sixty images by default and scales to ten thousand unique ones', () => {
    expect(dataset.images).toHaveLength(60);
    const big = generateDataset({ images: 10_000 });
    expect(big.images).toHaveLength(10_000);
    expect(new Set(big.images.map((i) => i.id)).size).toBe(10_000);
    expect(new Set(big.images.map((i) => `${i.registry}/${i.image}:${i.tag}@${i.architecture}`)).size).toBe(
      10_000,
    );
  });

  it('adds registries without images on request, leaving every image as it was', () => {
    const many = generateDataset({ extraRegistries: 150 });
    expect(many.registries).toHaveLength(dataset.registries.length + 150);
    expect(new Set(many.registries.map((r) => r.id)).size).toBe(many.registries.length);
    expect(many.images).toEqual(dataset.images);
  });

  it('looks like a real installation', () => {
    const images = dataset.images;
    expect(images.every((i) => /^[0-9a-f-]{36}$/.test(i.id))).toBe(true);
    expect(images.filter((i) => i.sizeBytes > 2 ** 31).length).toBeGreaterThan(10);
    expect(Math.min(...images.map((i) => i.sizeBytes))).toBeGreaterThanOrEqual(100 * 2 ** 20);
    expect(Math.max(...images.map((i) => i.sizeBytes))).toBeLessThanOrEqual(30_000 * 2 ** 20);
    expect(images.some((i) => i.status === 'DELETED')).toBe(true);
    expect(images.some(isCustomized)).toBe(true);
    expect(images.some((i) => i.aliases.length > 0)).toBe(true);
    expect(images.some((i) => i.tag === 'latest')).toBe(true);
    expect(images.some((i) => Object.keys(i.resources).length > 0)).toBe(true);
    expect(images.every((i) => i.configDigest.length === 72)).toBe(true);
    expect(images.some((i) => i.registry === 'registry.example.com')).toBe(true);
  });

  it('has x86_64/aarch64 twins of the same image and tag', () => {
    const arm = dataset.images.filter((i) => i.architecture === 'aarch64' && !isCustomized(i));
    expect(arm.length).toBeGreaterThan(0);
    for (const image of arm) {
      expect(
        dataset.images.some(
          (i) => i.image === image.image && i.tag.startsWith(image.tag) && i.architecture === 'x86_64',
        ),
      ).toBe(true);
    }
  });

  it('ties some creation times, so pagination has ties to survive', () => {
    const times = dataset.images.map((i) => i.createdAt);
    expect(new Set(times).size).toBeLessThan(times.length);
  });

  it('has operational system images, a second domain and a private registry open to one project each', () => {
    expect(
      dataset.images.some(
        (i) =>
          i.labels['ai.backend.features']?.includes('operation') && i.labels['ai.backend.role'] === 'SYSTEM',
      ),
    ).toBe(true);
    expect(dataset.domains.map((d) => d.name)).toEqual(['default', 'partner']);
    const research = dataset.projects.find((p) => p.name === 'research')!;
    const partnerLab = dataset.projects.find((p) => p.name === 'partner-lab')!;
    expect(dataset.registries.filter((r) => !r.isGlobal)).toEqual([
      expect.objectContaining({ name: 'registry.example.com', projectIds: [research.id] }),
      expect.objectContaining({ name: 'registry.partner.example', projectIds: [partnerLab.id] }),
    ]);
    // The partner registry is allowed only in the partner domain, where no demo user is.
    expect(dataset.domains.find((d) => d.name === 'default')!.allowedRegistries).not.toContain(
      'registry.partner.example',
    );
    expect(
      dataset.images.filter((i) => i.registry === 'registry.partner.example').map((i) => i.status),
    ).toEqual(['ALIVE', 'DELETED']);
    const [superadmin, user] = dataset.users;
    expect(superadmin).toMatchObject({ role: 'superadmin', accessKey: 'AKIAIOSFODNN7EXAMPLE' });
    expect(user).toMatchObject({ role: 'user', accessKey: 'AKIANABBDUSEREXAMPLE' });
    expect(superadmin!.projectIds).toContain(research.id);
    expect(user!.projectIds).not.toContain(research.id);
  });

  it('stores each canonical name as the name column, unique per architecture', () => {
    for (const image of dataset.images)
      expect(image.name).toBe(`${image.registry}/${image.image}:${image.tag}`);
  });

  it('takes another superadmin keypair when given one', () => {
    const custom = generateDataset({ superadminKeypair: { accessKey: 'AKCUSTOM', secretKey: 'secret' } });
    expect(custom.users[0]).toMatchObject({ accessKey: 'AKCUSTOM', secretKey: 'secret' });
    expect(custom.images).toEqual(dataset.images);
  });

  it('keeps every registry an image points at', () => {
    const ids = new Set(dataset.registries.map((r) => r.id));
    expect(dataset.images.every((i) => ids.has(i.registryId))).toBe(true);
  });
});

describe('legacy resource limits', () => {
  const base = generateDataset().images[0]!;

  it('takes minimums from labels and defaults cpu and mem', () => {
    const image = { ...base, labels: {}, resources: { 'cuda.device': { min: '1', max: null } } };
    expect(Object.fromEntries(legacyResourceLimits(image).map((l) => [l.key, l]))).toEqual({
      cpu: { key: 'cpu', min: '1', max: 'Infinity' },
      mem: { key: 'mem', min: '1073741824', max: 'Infinity' },
      'cuda.device': { key: 'cuda.device', min: '1', max: 'Infinity' },
    });
  });

  it('keeps the larger of a custom and a label minimum for mem, and hides the custom maximum', () => {
    const image = {
      ...base,
      labels: { 'ai.backend.resource.min.mem': '512m' },
      resources: { mem: { min: '2g', max: '8g' } },
    };
    expect(mergedResources(image).mem).toEqual({ min: '2g', max: '8g' });
    expect(legacyResourceLimits(image).find((l) => l.key === 'mem')).toEqual({
      key: 'mem',
      min: '2g',
      max: 'Infinity',
    });
    const smaller = { ...image, resources: { mem: { min: '268435456', max: null } } };
    expect(mergedResources(smaller).mem?.min).toBe('512m');
  });
});
