/**
 * The sandbox manager: a stand-in for a legacy Backend.AI manager with the real wire behaviour, for tests,
 * benchmarks and trying the gateway out. `startSandbox` runs one on loopback; see docs/sandbox.md.
 */
import { generateDataset } from './data/generate.ts';
import { type Dataset, DEFAULT_IMAGE_COUNT, DEFAULT_SEED, DEMO_KEYPAIRS } from './data/types.ts';
import { legacySchemaSDL } from './graphql/legacy-schema.ts';
import { buildSandboxSchema } from './graphql/schema.ts';
import { type Fault, parseFault } from './http/faults.ts';
import { SandboxHttpServer } from './http/server.ts';
import { createStats, type SandboxStats } from './http/stats.ts';
import {
  isNativeRelease,
  legacyReleaseOf,
  NATIVE_RELEASES,
  NATIVE_TRAITS,
  type NativeRelease,
  nativeSchemaSDL,
  nativeV2Route,
  SANDBOX_RELEASES,
  type SandboxRelease,
} from './native-v2/index.ts';
import type { SandboxOptions } from './options.ts';
import { MANAGER_VERSIONS, type ManagerVersion, RELEASES } from './releases.ts';
import { SandboxState } from './state.ts';

export type { SandboxImage, SandboxProject, SandboxRegistry, SandboxUser } from './data/types.ts';
export { sandboxOptionsFromEnv } from './env-options.ts';
export {
  type Dataset,
  DEFAULT_IMAGE_COUNT,
  DEFAULT_SEED,
  DEMO_KEYPAIRS,
  type Fault,
  legacySchemaSDL,
  MANAGER_VERSIONS,
  type ManagerVersion,
  NATIVE_RELEASES,
  type NativeRelease,
  nativeSchemaSDL,
  parseFault,
  SANDBOX_RELEASES,
  type SandboxOptions,
  type SandboxRelease,
  type SandboxStats,
};

export interface Credentials {
  accessKey: string;
  secretKey: string;
  userId: string;
}

export interface Sandbox {
  url: string;
  version: SandboxRelease;
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
  // The legacy API is the nearest legacy release's; native releases add their v2 route beside it.
  const legacy = legacyReleaseOf(version);
  const state = new SandboxState(dataset, legacy, options.maxPageSize ?? null);
  let fault: Fault | null = options.fault ?? null;
  const stats = createStats();
  const server = new SandboxHttpServer({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    version: legacy,
    managerVersion: isNativeRelease(version)
      ? NATIVE_TRAITS[version].managerVersion
      : RELEASES[legacy].managerVersion,
    introspection: options.introspection ?? true,
    schema: buildSandboxSchema(options.schemaSDL ?? legacySchemaSDL(legacy)),
    state,
    auth: options.auth ?? true,
    latencyMs: options.latencyMs ?? 0,
    stats,
    fault: () => fault,
    extraRoutes: isNativeRelease(version)
      ? [
          nativeV2Route({
            traits: NATIVE_TRAITS[version],
            state,
            auth: options.auth ?? true,
            introspection: options.introspection ?? true,
          }),
        ]
      : [],
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
