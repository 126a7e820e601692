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

import { binarySize } from './image-views.ts';

export type UserRole = 'superadmin' | 'admin' | 'user';
export type ImageRowStatus = 'ALIVE' | 'DELETED';
export type ImageRowType = 'COMPUTE' | 'SYSTEM' | 'SERVICE';

export interface SandboxDomain {
  name: string;
  /** Registry host names the domain's users may use. */
  allowedRegistries: string[];
}

export interface SandboxProject {
  id: string;
  name: string;
  domain: string;
}

export interface SandboxUser {
  uuid: string;
  email: string;
  role: UserRole;
  domain: string;
  projectIds: string[];
  accessKey: string;
  secretKey: string;
}

export interface SandboxRegistry {
  id: string;
  /** The registry host, `registry_name` on the wire. */
  name: string;
  url: string;
  type: 'harbor2' | 'docker';
  project: string | null;
  isGlobal: boolean;
  /** Projects a non-global registry is open to. */
  projectIds: string[];
  /** The registry login, shown on the wire only as a placeholder password. */
  username: string | null;
}

export interface ResourceSpec {
  min?: string | null;
  max?: string | null;
}

export interface SandboxImage {
  id: string;
  /** The `name` column: the canonical `<registry>/<project>/<image>:<tag>`, stored on its own. */
  name: string;
  registryId: string;
  /** The registry host. */
  registry: string;
  project: string | null;
  /** `<project>/<image>`: the `image` column, `namespace` on the wire. */
  image: string;
  tag: string;
  architecture: string;
  /** `sha256:<hex>` padded to the CHAR(72) column width, as the database stores it. */
  configDigest: string;
  sizeBytes: number;
  isLocal: boolean;
  type: ImageRowType;
  /** Comma-separated accelerator names, or null when the image does not restrict them. */
  accelerators: string | null;
  labels: Record<string, string>;
  /** Custom resource limits set by an administrator (the `resources` column). */
  resources: Record<string, ResourceSpec>;
  status: ImageRowStatus;
  createdAt: string;
  lastUsedAt: string | null;
  aliases: string[];
  installedAgents: string[];
}

export interface Dataset {
  domains: SandboxDomain[];
  projects: SandboxProject[];
  users: SandboxUser[];
  registries: SandboxRegistry[];
  images: SandboxImage[];
}

export const DEFAULT_IMAGE_COUNT = 60;
export const DEFAULT_SEED = 'backend.ai';

/** The well-known example keypairs of Backend.AI's own fixtures. */
export const DEMO_KEYPAIRS = {
  superadmin: { accessKey: 'AKIAIOSFODNN7EXAMPLE', secretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  user: { accessKey: 'AKIANABBDUSEREXAMPLE', secretKey: 'C8qnIo29EZvXkPK_MXcuAakYTy4NYrxwmCEyNPlf' },
} as const;

/** mulberry32 over a string hash: small, fast and the same on every platform. */
export function seededRandom(seed: string): () => number {
  let state = 2166136261;
  for (const char of seed) state = Math.imul(state ^ char.charCodeAt(0), 16777619) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hex(random: () => number, length: number): string {
  let out = '';
  while (out.length < length) out += Math.floor(random() * 16).toString(16);
  return out;
}

export function uuidFrom(random: () => number): string {
  const h = hex(random, 32);
  const variant = ((Number.parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

interface Family {
  project: string;
  name: string;
  tags: string[];
  architectures: string[];
  accelerators: string | null;
  runtime: 'python' | 'app';
  /** Size range in MB. */
  sizeMb: [number, number];
  extraLabels?: Record<string, string>;
  minMem: string;
  servicePorts: string;
  /** Tags whose images are DELETED whatever their position. */
  retiredTags?: string[];
}

const JUPYTER =
  'ipython:pty:3000,jupyter:http:8081,jupyterlab:http:8090,vscode:http:8180,tensorboard:http:6006';

const FAMILIES: Family[] = [
  {
    project: 'stable',
    name: 'python',
    tags: ['3.9-ubuntu20.04', '3.10-ubuntu22.04', '3.11-ubuntu22.04', '3.12-ubuntu24.04'],
    architectures: ['x86_64'],
    accelerators: null,
    runtime: 'python',
    sizeMb: [400, 1400],
    minMem: '256m',
    servicePorts: 'jupyter:http:8080,jupyterlab:http:8090',
  },
  {
    project: 'stable',
    name: 'pytorch',
    tags: ['1.13-py310-cuda11.7', '2.0-py311-cuda12.1', '2.1-py311-cuda12.1', '2.3-py312-cuda12.4'],
    architectures: ['x86_64'],
    accelerators: 'cuda',
    runtime: 'python',
    sizeMb: [5000, 14000],
    minMem: '1g',
    servicePorts: JUPYTER,
  },
  {
    project: 'stable',
    name: 'tensorflow',
    tags: ['2.13-py311-cuda11.8', '2.15-py311-cuda12.2', '2.16-py312-cuda12.3'],
    architectures: ['x86_64'],
    accelerators: 'cuda',
    runtime: 'python',
    sizeMb: [4000, 11000],
    minMem: '1g',
    servicePorts: JUPYTER,
  },
  {
    project: 'stable',
    name: 'ngc-pytorch',
    tags: ['23.08-py3', '24.01-py3', '24.05-py3'],
    architectures: ['x86_64'],
    accelerators: 'cuda',
    runtime: 'python',
    sizeMb: [15000, 30000],
    minMem: '2g',
    servicePorts: JUPYTER,
    extraLabels: { 'com.nvidia.build.id': '7349345' },
  },
  {
    project: 'stable',
    name: 'ngc-tensorflow',
    tags: ['23.08-tf2-py3', '24.01-tf2-py3'],
    architectures: ['x86_64'],
    accelerators: 'cuda',
    runtime: 'python',
    sizeMb: [12000, 24000],
    minMem: '2g',
    servicePorts: JUPYTER,
  },
  {
    project: 'multiarch',
    name: 'python',
    tags: ['3.10-ubuntu20.04', '3.11-ubuntu22.04'],
    architectures: ['x86_64', 'aarch64'],
    accelerators: null,
    runtime: 'python',
    sizeMb: [300, 1200],
    minMem: '512m',
    servicePorts: 'jupyter:http:8080',
  },
  {
    project: 'multiarch',
    name: 'pytorch',
    tags: ['2.1-py311-cuda12.1'],
    architectures: ['x86_64', 'aarch64'],
    accelerators: 'cuda',
    runtime: 'python',
    sizeMb: [6000, 12000],
    minMem: '1g',
    servicePorts: JUPYTER,
  },
  {
    project: 'community',
    name: 'ssh',
    tags: ['1.0-ubuntu22.04', 'latest'],
    architectures: ['x86_64', 'aarch64'],
    accelerators: null,
    runtime: 'app',
    sizeMb: [100, 250],
    minMem: '256m',
    servicePorts: 'sshd:tcp:2200',
  },
  {
    // A system image for storage operations: `images` lists it only with the "operational" load filter.
    project: 'community',
    name: 'filebrowser',
    tags: ['21.02-ubuntu20.04', '24.03-ubuntu22.04', 'latest'],
    architectures: ['x86_64'],
    accelerators: null,
    runtime: 'app',
    sizeMb: [120, 400],
    minMem: '256m',
    servicePorts: 'filebrowser:http:8080',
    extraLabels: { 'ai.backend.role': 'SYSTEM', 'ai.backend.features': 'operation uid-match' },
  },
  {
    project: 'community',
    name: 'julia',
    tags: ['1.9-ubuntu22.04', '1.10-ubuntu22.04'],
    architectures: ['x86_64'],
    accelerators: null,
    runtime: 'app',
    sizeMb: [900, 2600],
    minMem: '1g',
    servicePorts: 'jupyter:http:8080',
  },
  {
    project: 'community',
    name: 'r-base',
    tags: ['4.3-ubuntu22.04'],
    architectures: ['x86_64'],
    accelerators: null,
    runtime: 'app',
    sizeMb: [700, 1800],
    minMem: '512m',
    servicePorts: 'rstudio:http:8787',
  },
  {
    project: 'stable',
    name: 'vllm',
    tags: ['0.4-py311-cuda12.1', '0.6-py312-cuda12.4'],
    architectures: ['x86_64'],
    accelerators: 'cuda,rocm',
    runtime: 'python',
    sizeMb: [9000, 20000],
    minMem: '4g',
    servicePorts: 'vllm-api:preopen:8000',
  },
];

/** The private registry's own images; only members of the `research` project see them. */
const PRIVATE_FAMILIES: Family[] = [
  {
    project: 'research',
    name: 'llm-finetune',
    tags: ['0.3-py311-cuda12.1', '0.4-py311-cuda12.4'],
    architectures: ['x86_64'],
    accelerators: 'cuda',
    runtime: 'python',
    sizeMb: [10000, 26000],
    minMem: '8g',
    servicePorts: JUPYTER,
  },
];

/**
 * The partner domain's private registry: open to the partner-lab project only, and its host is not allowed
 * in the demo users' domain, so none of their `image_nodes` scopes reaches these images; a superadmin still
 * lists them with `images`.
 */
const PARTNER_FAMILIES: Family[] = [
  {
    project: 'lab',
    name: 'fluid-sim',
    tags: ['1.0-ubuntu22.04', '0.9-ubuntu20.04'],
    architectures: ['x86_64'],
    accelerators: null,
    runtime: 'app',
    sizeMb: [800, 1600],
    minMem: '2g',
    servicePorts: 'jupyter:http:8080',
    retiredTags: ['0.9-ubuntu20.04'],
  },
];

function labelsOf(family: Family, random: () => number): Record<string, string> {
  const labels: Record<string, string> = {
    'ai.backend.kernelspec': '1',
    'ai.backend.features': family.runtime === 'python' ? 'batch query uid-match user-input' : 'uid-match',
    'ai.backend.base-distro': random() < 0.5 ? 'ubuntu22.04' : 'ubuntu20.04',
    'ai.backend.resource.min.cpu': '1',
    'ai.backend.resource.min.mem': family.minMem,
    'ai.backend.service-ports': family.servicePorts,
  };
  if (family.runtime === 'python') {
    labels['ai.backend.runtime-type'] = 'python';
    labels['ai.backend.runtime-path'] = '/usr/bin/python3';
  } else {
    labels['ai.backend.runtime-type'] = 'app';
    labels['ai.backend.runtime-path'] = '/bin/true';
  }
  if (family.accelerators) {
    labels['ai.backend.accelerators'] = family.accelerators;
    labels['ai.backend.resource.min.cuda.device'] = '1';
    labels['ai.backend.resource.min.cuda.shares'] = '0.1';
  }
  return { ...labels, ...family.extraLabels };
}

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
 * render (see rest.ts). The memory minimum is the label's, written out in bytes.
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
  // A second domain that allows only the public registry, and has no demo user in it.
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
  ];
  // Drawn from their own streams, so that the rows above and the images below stay what they were.
  const asideRandom = seededRandom(`${options.seed ?? DEFAULT_SEED}:partner`);
  registries.push({
    id: uuidFrom(asideRandom),
    name: 'registry.partner.example',
    url: 'https://registry.partner.example',
    type: 'docker',
    project: 'lab',
    isGlobal: false,
    projectIds: [partnerLab.id],
    username: null,
  });
  for (let index = 0; index < (options.extraRegistries ?? 0); index += 1) {
    const name = `mirror-${String(index).padStart(4, '0')}.example`;
    registries.push({
      id: uuidFrom(asideRandom),
      name,
      url: `https://${name}`,
      type: 'docker',
      project: 'mirror',
      isGlobal: true,
      projectIds: [],
      username: null,
    });
  }
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
