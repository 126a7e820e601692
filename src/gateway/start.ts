/**
 * Starting the gateway: the upstream (the operator's manager, or the embedded sandbox when LEGACY_URL is
 * unset), its legacy schema, the Mesh built from .meshrc.yaml, and the HTTP server. Everything a running
 * gateway holds is released by `close()`.
 */
import { fileURLToPath } from 'node:url';
import { DefaultLogger } from '@graphql-mesh/utils';
import type { GraphQLSchema } from 'graphql';
import { request } from 'undici';
import { startManagerState } from '../resolvers/manager-state.ts';
import { DEMO_KEYPAIRS, type Sandbox, sandboxOptionsFromEnv, startSandbox } from '../sandbox/index.ts';
import { callerChecker } from './caller-check.ts';
import { sourcesOf } from './capabilities.ts';
import { readManagerVersion, resolveLegacySchemaFile } from './legacy-schema.ts';
import { buildMesh, type Variables } from './mesh-config.ts';
import { startGatewayServer } from './server.ts';
import { type GatewaySettings, readSettings } from './settings.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningGateway {
  url: string;
  /** The schema served at /admin/gql. */
  schema: GraphQLSchema;
  legacyUrl: string;
  settings: GatewaySettings;
  /** The embedded sandbox, when the gateway started one. */
  sandbox: Sandbox | null;
  close(): Promise<void>;
}

export async function startGateway(env: Variables = process.env): Promise<RunningGateway> {
  let settings = readSettings(env);
  let sandbox: Sandbox | null = null;
  if (settings.legacyUrl === null) {
    sandbox = await startSandbox({ ...sandboxOptionsFromEnv(env), port: settings.sandboxPort });
    // The embedded sandbox's superadmin doubles as the gateway's own keypair unless one is given.
    settings = {
      ...settings,
      legacyUrl: sandbox.url,
      gatewayKeypair: settings.gatewayKeypair ?? {
        accessKey: sandbox.credentials.superadmin.accessKey,
        secretKey: sandbox.credentials.superadmin.secretKey,
      },
    };
  }
  const legacyUrl = settings.legacyUrl as string;
  try {
    const manager = await readManagerVersion(legacyUrl);
    const state = startManagerState(legacyUrl, manager.manager, settings.capabilityRefreshSeconds * 1000);
    const capabilities = state.capabilities;
    const schema = await resolveLegacySchemaFile(
      legacyUrl,
      settings.legacySchemaFile,
      settings.gatewayKeypair,
      manager.apiVersion,
    );
    const logger = new DefaultLogger('imagev2-gateway');
    const mesh = await buildMesh(
      PROJECT_ROOT,
      {
        ...env,
        LEGACY_URL: legacyUrl,
        LEGACY_SCHEMA: schema.file,
        V2_PROFILE: settings.v2Profile,
        V2_SIZE_BYTES: settings.sizeBytesType,
        GATEWAY_ACCESS_KEY: settings.gatewayKeypair?.accessKey,
        GATEWAY_SECRET_KEY: settings.gatewayKeypair?.secretKey,
        LEGACY_API_VERSION: manager.apiVersion,
        LEGACY_FORWARD_HOST: String(!capabilities.readsForwardedUrl),
        REGISTRY_CACHE_TTL_SECONDS: String(settings.registryCacheTtlSeconds),
        UPSTREAM_TIMEOUT_MS: String(settings.upstreamTimeoutMs),
        REST_CACHE_TTL_SECONDS: String(settings.restCacheTtlSeconds),
        CAPABILITY_REFRESH_SECONDS: String(settings.capabilityRefreshSeconds),
        MAX_GATEWAY_SCAN_ROWS: String(settings.maxGatewayScanRows),
        NODES_MAX_IDS: String(settings.nodesMaxIds),
      },
      logger,
    );
    const server = await startGatewayServer({
      mesh,
      host: settings.host,
      port: settings.port,
      trustedProxies: settings.trustedProxies,
      checkCaller: callerChecker(
        {
          managerUrl: legacyUrl,
          graphqlEndpoint: `${legacyUrl}/admin/gql`,
          gatewayKeypair: null,
          forwardHost: !capabilities.readsForwardedUrl,
        },
        settings.upstreamTimeoutMs,
      ),
      readiness: () => ({
        ready: true,
        upstream: legacyUrl,
        manager: state.capabilities.release,
        apiVersion: manager.apiVersion,
        capabilities: state.capabilities,
        capabilitiesCheckedAt: state.lastChecked.toISOString(),
        sources: sourcesOf(state.capabilities),
        legacySchema: schema.origin,
        profile: settings.v2Profile,
      }),
      versionInfo: async () => {
        const response = await request(`${legacyUrl}/`, { method: 'GET' });
        return new Response(await response.body.text(), {
          status: response.statusCode,
          headers: { 'content-type': String(response.headers['content-type'] ?? 'application/json') },
        });
      },
    });
    return {
      url: server.url,
      schema: mesh.schema,
      legacyUrl,
      settings,
      sandbox,
      async close() {
        await server.close();
        mesh.destroy();
        await sandbox?.close();
      },
    };
  } catch (error) {
    await sandbox?.close();
    throw error;
  }
}

export { DEMO_KEYPAIRS };
