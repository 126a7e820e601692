/**
 * The sandbox manager: a stand-in for a legacy Backend.AI manager with the real wire behaviour, for tests,
 * benchmarks and trying the gateway out. `startSandbox` runs one on loopback; see docs/sandbox.md.
 */
import {
  type Dataset,
  DEFAULT_IMAGE_COUNT,
  DEFAULT_SEED,
  DEMO_KEYPAIRS,
  generateDataset,
} from './dataset.ts';
import { buildSandboxSchema, SandboxState } from './graphql-api.ts';
import { legacySchemaSDL } from './legacy-schema.ts';
import { MANAGER_VERSIONS, type ManagerVersion, RELEASES } from './releases.ts';
import { createStats, type Fault, SandboxHttpServer, type SandboxStats } from './server.ts';

export type { SandboxImage, SandboxProject, SandboxRegistry, SandboxUser } from './dataset.ts';
export {
  type Dataset,
  DEMO_KEYPAIRS,
  type Fault,
  legacySchemaSDL,
  MANAGER_VERSIONS,
  type ManagerVersion,
  type SandboxStats,
};

export interface SandboxOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  images?: number;
  /** Further global registries without images (`SANDBOX_EXTRA_REGISTRIES`), for listing many registries. */
  extraRegistries?: number;
  seed?: string;
  managerVersion?: ManagerVersion;
  /** Added to every request, in milliseconds. */
  latencyMs?: number;
  /** false accepts unauthenticated requests as the superadmin (local experiments only). */
  auth?: boolean;
  superadminKeypair?: { accessKey: string; secretKey: string };
  /** The manager's `max_gql_connection_page_size`; null (the manager's default) means no cap. */
  maxPageSize?: number | null;
  /** Serve this legacy SDL instead of the release's own (for example a whole manager schema). */
  schemaSDL?: string;
  fault?: Fault | null;
  /** false refuses introspection as 26.x managers do by default; the gateway reads the schema through it. */
  introspection?: boolean;
}

export interface Credentials {
  accessKey: string;
  secretKey: string;
  userId: string;
}

export interface Sandbox {
  url: string;
  version: ManagerVersion;
  credentials: { superadmin: Credentials; user: Credentials };
  stats: SandboxStats;
  dataset: Dataset;
  setFault(fault: Fault | null): Promise<void>;
  close(): Promise<void>;
}

function credentialsOf(dataset: Dataset, role: 'superadmin' | 'user'): Credentials {
  const user = dataset.users.find((candidate) => candidate.role === role);
  if (!user) throw new Error(`the dataset has no ${role}`);
  return { accessKey: user.accessKey, secretKey: user.secretKey, userId: user.uuid };
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const version = options.managerVersion ?? '26.1';
  const dataset = generateDataset({
    images: options.images ?? DEFAULT_IMAGE_COUNT,
    seed: options.seed ?? DEFAULT_SEED,
    extraRegistries: options.extraRegistries ?? 0,
    ...(options.superadminKeypair ? { superadminKeypair: options.superadminKeypair } : {}),
  });
  const state = new SandboxState(dataset, version, options.maxPageSize ?? null);
  let fault: Fault | null = options.fault ?? null;
  const stats = createStats();
  const server = new SandboxHttpServer({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    version,
    managerVersion: RELEASES[version].managerVersion,
    introspection: options.introspection ?? true,
    schema: buildSandboxSchema(options.schemaSDL ?? legacySchemaSDL(version)),
    state,
    auth: options.auth ?? true,
    latencyMs: options.latencyMs ?? 0,
    stats,
    fault: () => fault,
  });
  await server.listen();
  const host = options.host ?? '127.0.0.1';
  if (fault?.kind === 'down') await server.stop();
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${server.port}`,
    version,
    credentials: { superadmin: credentialsOf(dataset, 'superadmin'), user: credentialsOf(dataset, 'user') },
    stats,
    dataset,
    async setFault(next) {
      const wasDown = fault?.kind === 'down';
      fault = next;
      if (next?.kind === 'down' && !wasDown) await server.stop();
      if (next?.kind !== 'down' && wasDown) await server.listen(server.port);
    },
    close: () => server.stop(),
  };
}

type Env = Record<string, string | undefined>;

/** `down`, `slow:<ms>`, `status:<code>` or `malformed-json`. */
export function parseFault(text: string): Fault {
  const [kind, argument] = text.split(':', 2);
  if (kind === 'down') return { kind: 'down' };
  if (kind === 'malformed-json') return { kind: 'malformed-json' };
  if (kind === 'slow' && Number(argument) >= 0) return { kind: 'slow', delayMs: Number(argument) };
  if (kind === 'status' && /^[1-5]\d\d$/.test(argument ?? ''))
    return { kind: 'status', status: Number(argument) };
  throw new Error(`SANDBOX_FAULT must be down, slow:<ms>, status:<code> or malformed-json, got "${text}"`);
}

/** Sandbox options from SANDBOX_* variables; a bad value is an error naming the variable. */
export function sandboxOptionsFromEnv(env: Env): SandboxOptions {
  const problems: string[] = [];
  const options: SandboxOptions = {};
  const integer = (name: string, min: number): number | undefined => {
    const raw = env[name]?.trim();
    if (!raw) return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) {
      problems.push(`${name} must be a whole number of at least ${min}, got "${raw}"`);
      return undefined;
    }
    return value;
  };
  const port = integer('SANDBOX_PORT', 0);
  if (port !== undefined) options.port = port;
  const images = integer('SANDBOX_IMAGES', 0);
  if (images !== undefined) options.images = images;
  const extraRegistries = integer('SANDBOX_EXTRA_REGISTRIES', 0);
  if (extraRegistries !== undefined) options.extraRegistries = extraRegistries;
  const latency = integer('SANDBOX_LATENCY_MS', 0);
  if (latency !== undefined) options.latencyMs = latency;
  const maxPageSize = integer('SANDBOX_MAX_PAGE_SIZE', 1);
  if (maxPageSize !== undefined) options.maxPageSize = maxPageSize;
  if (env.SANDBOX_HOST?.trim()) options.host = env.SANDBOX_HOST.trim();
  if (env.SANDBOX_SEED?.trim()) options.seed = env.SANDBOX_SEED.trim();
  const version = env.SANDBOX_MANAGER_VERSION?.trim();
  if (version) {
    if ((MANAGER_VERSIONS as readonly string[]).includes(version))
      options.managerVersion = version as ManagerVersion;
    else
      problems.push(
        `SANDBOX_MANAGER_VERSION must be one of ${MANAGER_VERSIONS.join(', ')}, got "${version}"`,
      );
  }
  const onOff = (name: string): boolean | undefined => {
    const value = env[name]?.trim().toLowerCase();
    if (!value) return undefined;
    if (value === 'on' || value === 'off') return value === 'on';
    problems.push(`${name} must be on or off, got "${env[name]}"`);
    return undefined;
  };
  const auth = onOff('SANDBOX_AUTH');
  if (auth === false) options.auth = false;
  const introspection = onOff('SANDBOX_INTROSPECTION');
  if (introspection === false) options.introspection = false;
  const accessKey = env.SANDBOX_ACCESS_KEY?.trim();
  const secretKey = env.SANDBOX_SECRET_KEY?.trim();
  if (accessKey && secretKey) options.superadminKeypair = { accessKey, secretKey };
  else if (accessKey || secretKey)
    problems.push('SANDBOX_ACCESS_KEY and SANDBOX_SECRET_KEY must be set together');
  if (env.SANDBOX_FAULT?.trim()) {
    try {
      options.fault = parseFault(env.SANDBOX_FAULT.trim());
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (problems.length > 0)
    throw new Error(`Invalid sandbox settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return options;
}

export { DEFAULT_IMAGE_COUNT, DEFAULT_SEED };
