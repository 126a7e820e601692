/**
 * The sandbox manager's data: a deterministic, seeded picture of a real installation. The same seed and
 * size always give the same rows (ids, sizes, digests, dates), so tests and benchmarks can rely on them.
 *
 * What it holds: registries (`cr.backend.ai` with the stable/community/multiarch projects, all global, a
 * private `registry.example.com` open to one project only, and a private `registry.partner.example` of the
 * partner domain, which no scope of the demo users reaches), two domains, projects, a superadmin and a user
 * with their keypairs, and images: real kernel families and tags, x86_64/aarch64 twins, label sets as
 * Backend.AI kernels carry them, sizes from 100 MB to 30 GB, deleted and customized images, aliases, custom
 * resource limits, and some deliberate ties on `created_at`.
 */
import { binarySize } from './binary-size.ts';
import { FAMILIES, type Family, labelsOf, PARTNER_FAMILIES, PRIVATE_FAMILIES } from './families.ts';
import { hex, seededRandom, uuidFrom } from './random.ts';
import {
  type Dataset,
  DEFAULT_IMAGE_COUNT,
  DEFAULT_SEED,
  DEMO_KEYPAIRS,
  type ResourceSpec,
  type SandboxDomain,
  type SandboxImage,
  type SandboxProject,
  type SandboxRegistry,
  type SandboxUser,
} from './types.ts';

interface Entry {
  family: Family;
  tag: string;
  architecture: string;
  registry: SandboxRegistry;
}

/** The catalogue first, then synthetic builds of the same families, as many as asked for. */
function* entries(registries: Map<string, SandboxRegistry>): Generator<Entry> {
  const registryOf = (host: string, family: Family) =>
    registries.get(`${host}/${family.project}`) as SandboxRegistry;
  for (const [families, host] of [
    [FAMILIES, 'cr.backend.ai'],
    [PRIVATE_FAMILIES, 'registry.example.com'],
    [PARTNER_FAMILIES, 'registry.partner.example'],
  ] as const) {
    for (const family of families) {
      for (const tag of family.tags) {
        for (const architecture of family.architectures)
          yield { family, tag, architecture, registry: registryOf(host, family) };
      }
    }
  }
  for (let build = 1; ; build += 1) {
    for (const family of FAMILIES) {
      const [version] = (family.tags[0] as string).split('-');
      const rest = (family.tags[0] as string).split('-').slice(1);
      const tag = [`${version}.${build}`, ...rest].join('-');
      for (const architecture of family.architectures)
        yield { family, tag, architecture, registry: registryOf('cr.backend.ai', family) };
    }
  }
}

const DAY = 86_400_000;

/**
 * Custom limits for every slot, all decimal numbers with a maximum: the only rows 26.3.0's REST API can
 * render (see rest/image-items.ts). The memory minimum is the label's, written out in bytes.
 */
function cappedDecimalLimits(labels: Record<string, string>): Record<string, ResourceSpec> {
  const limits: Record<string, ResourceSpec> = {
    cpu: { min: '1', max: '16' },
    mem: {
      min: String(Math.max(binarySize(labels['ai.backend.resource.min.mem'] ?? '1g'), 2 ** 30)),
      max: String(64 * 2 ** 30),
    },
  };
  for (const [key, value] of Object.entries(labels)) {
    const slot = key.replace(/^ai\.backend\.resource\.min\./, '');
    if (slot !== key && !(slot in limits)) limits[slot] = { min: value, max: '8' };
  }
  return limits;
}

/**
 * The partner domain's registry, and `extra` global registries without images, drawn from their own random
 * stream so that every other row stays what it was.
 */
function asideRegistries(seed: string, partnerLab: SandboxProject, extra: number): SandboxRegistry[] {
  const random = seededRandom(`${seed}:partner`);
  const registries: SandboxRegistry[] = [
    {
      id: uuidFrom(random),
      name: 'registry.partner.example',
      url: 'https://registry.partner.example',
      type: 'docker',
      project: 'lab',
      isGlobal: false,
      projectIds: [partnerLab.id],
      username: null,
    },
  ];
  for (let index = 0; index < extra; index += 1) {
    const name = `mirror-${String(index).padStart(4, '0')}.example`;
    registries.push({
      id: uuidFrom(random),
      name,
      url: `https://${name}`,
      type: 'docker',
      project: 'mirror',
      isGlobal: true,
      projectIds: [],
      username: null,
    });
  }
  return registries;
}

export interface DatasetOptions {
  images?: number;
  /** Further global registries without images, beyond the catalogue's own (for listing many registries). */
  extraRegistries?: number;
  seed?: string;
  superadminKeypair?: { accessKey: string; secretKey: string };
}

export function generateDataset(options: DatasetOptions = {}): Dataset {
  const random = seededRandom(options.seed ?? DEFAULT_SEED);
  const count = options.images ?? DEFAULT_IMAGE_COUNT;
  const domain: SandboxDomain = {
    name: 'default',
    allowedRegistries: ['cr.backend.ai', 'registry.example.com'],
  };
  // A second domain with a registry of its own, and no demo user in it.
  const partner: SandboxDomain = {
    name: 'partner',
    allowedRegistries: ['cr.backend.ai', 'registry.partner.example'],
  };
  const projects: SandboxProject[] = ['default', 'research', 'model-store'].map((name) => ({
    id: uuidFrom(random),
    name,
    domain: domain.name,
  }));
  projects.push({ id: uuidFrom(random), name: 'partner-lab', domain: partner.name });
  const [defaultProject, research, , partnerLab] = projects as [
    SandboxProject,
    SandboxProject,
    SandboxProject,
    SandboxProject,
  ];
  const superadmin = options.superadminKeypair ?? DEMO_KEYPAIRS.superadmin;
  const users: SandboxUser[] = [
    {
      uuid: uuidFrom(random),
      email: 'admin@lablup.com',
      role: 'superadmin',
      domain: 'default',
      projectIds: [defaultProject.id, research.id],
      ...superadmin,
    },
    {
      uuid: uuidFrom(random),
      email: 'user@lablup.com',
      role: 'user',
      domain: 'default',
      projectIds: [defaultProject.id],
      ...DEMO_KEYPAIRS.user,
    },
  ];
  const registries: SandboxRegistry[] = [
    ...['stable', 'community', 'multiarch'].map((project) => ({
      id: uuidFrom(random),
      name: 'cr.backend.ai',
      url: 'https://cr.backend.ai',
      type: 'harbor2' as const,
      project,
      isGlobal: true,
      projectIds: [],
      username: null,
    })),
    {
      id: uuidFrom(random),
      name: 'registry.example.com',
      url: 'https://registry.example.com',
      type: 'harbor2',
      project: 'research',
      isGlobal: false,
      projectIds: [research.id],
      username: 'robot$research',
    },
    ...asideRegistries(options.seed ?? DEFAULT_SEED, partnerLab, options.extraRegistries ?? 0),
  ];
  const byKey = new Map(registries.map((registry) => [`${registry.name}/${registry.project}`, registry]));

  const images: SandboxImage[] = [];
  const start = Date.parse('2024-01-08T09:00:00Z');
  let clock = start;
  const user = users[1] as SandboxUser;
  // Aliases are unique across the installation, as the image_aliases table makes them.
  const aliases = new Set<string>();
  const aliasFor = (family: Family, tag: string, architecture: string): string[] => {
    const suffix = architecture === 'aarch64' ? '-arm' : '';
    const candidate = [`${family.name}${suffix}`, `${family.name}:${tag.split('-')[0]}${suffix}`].find(
      (a) => !aliases.has(a),
    );
    if (!candidate) return [];
    aliases.add(candidate);
    return [candidate];
  };
  for (const { family, tag, architecture, registry } of entries(byKey)) {
    if (images.length >= count) break;
    const index = images.length;
    // Every seventh image shares its creation time with the one before: pagination must survive ties.
    if (index % 7 !== 6) clock += Math.floor(random() * 3 * DAY) + 60_000;
    const labels = labelsOf(family, random);
    const customized = index % 13 === 12;
    if (customized) labels['ai.backend.customized-image.owner'] = `user:${user.uuid}`;
    const [minMb, maxMb] = family.sizeMb;
    const sizeBytes = Math.round((minMb + random() * (maxMb - minMb)) * 1024 * 1024);
    const resources: Record<string, ResourceSpec> = {};
    if (index % 9 === 4) {
      resources.cpu = { min: '2', max: '8' };
      resources.mem = { min: '4g', max: '64g' };
    }
    if (index % 11 === 5) resources.mem = { min: '268435456', max: '4294967296' };
    if (index % 8 === 3) Object.assign(resources, cappedDecimalLimits(labels));
    const imageTag = customized ? `${tag}-customized_${hex(random, 12)}` : tag;
    images.push({
      id: uuidFrom(random),
      name: `${registry.name}/${family.project}/${family.name}:${imageTag}`,
      registryId: registry.id,
      registry: registry.name,
      project: registry.project,
      image: `${family.project}/${family.name}`,
      tag: imageTag,
      architecture,
      configDigest: `sha256:${hex(random, 64)}`.padEnd(72, ' '),
      sizeBytes,
      isLocal: false,
      type: family.name === 'filebrowser' ? 'SYSTEM' : 'COMPUTE',
      accelerators: family.accelerators,
      labels,
      resources,
      status: index % 10 === 9 || family.retiredTags?.includes(tag) ? 'DELETED' : 'ALIVE',
      createdAt: new Date(clock).toISOString(),
      lastUsedAt: random() < 0.4 ? new Date(clock + Math.floor(random() * 30 * DAY)).toISOString() : null,
      aliases: customized || index % 4 !== 0 ? [] : aliasFor(family, tag, architecture),
      installedAgents: random() < 0.6 ? ['i-agent-01'] : [],
    });
  }
  return { domains: [domain, partner], projects, users, registries, images };
}
