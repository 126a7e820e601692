/**
 * Starting the gateway: the upstream (the operator's manager, or the embedded sandbox when LEGACY_URL is
 * unset), its legacy schema, the Mesh built from .meshrc.yaml, and the HTTP server. Everything a running
 * gateway holds is released by `close()`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { GraphQLSchema } from 'graphql';
import { type CompareRules, NO_RULES, parseRules } from '../compare/index.ts';
import { sourcesOf } from '../resolvers/capabilities.ts';
import { startManagerState } from '../resolvers/manager-state.ts';
import { DEMO_KEYPAIRS, type Sandbox, sandboxOptionsFromEnv, startSandbox } from '../sandbox/index.ts';
import { callerChecker } from './caller-check.ts';
import { type LegacySchemaFile, readManagerVersion, resolveLegacySchemaFile } from './legacy-schema.ts';
import { passManagerVersion } from './manager-version.ts';
import { buildMesh, type Variables } from './mesh-config.ts';
import { createRuntime, releaseRuntime } from './observability/gateway-runtime.ts';
import { JsonLogger, type LogSink, stdoutSink } from './observability/json-logger.ts';
import type { ShadowOptions } from './plugins/shadow-v2.ts';
import { ReachabilityProbe } from './reachability-probe.ts';
import { readinessReporter } from './readiness-report.ts';
import { startGatewayServer } from './server.ts';
import { type GatewaySettings, readSettings, SettingsError } from './settings.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningGateway {
  url: string;
  /** The schema served at /admin/gql. */
  schema: GraphQLSchema;
  /** The legacy schema file the Mesh was built from (removed on close when the gateway wrote it). */
  legacySchemaFile: string;
  legacyUrl: string;
  settings: GatewaySettings;
  /** The embedded sandbox, when the gateway started one. */
  sandbox: Sandbox | null;
  logger: JsonLogger;
  /** Stops accepting, finishes the requests in flight (up to SHUTDOWN_GRACE_SECONDS), releases the rest. */
  close(): Promise<void>;
}

/** The ignore rules of shadow comparisons, from SHADOW_IGNORE; a bad file stops the start. */
function shadowRules(file: string | null): CompareRules {
  if (file === null) return NO_RULES;
  try {
    return parseRules(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new SettingsError([`SHADOW_IGNORE ${file}: ${(error as Error).message}`]);
  }
}

function shadowOptions(settings: GatewaySettings, logger: ShadowOptions['logger']): ShadowOptions | null {
  if (settings.shadowV2Url === null) return null;
  return {
    url: settings.shadowV2Url,
    sampleRate: settings.shadowSampleRate,
    timeoutMs: settings.shadowTimeoutMs,
    queueSize: settings.shadowQueueSize,
    rules: shadowRules(settings.shadowIgnoreFile),
    logger,
  };
}

export interface StartOptions {
  /** Where log lines go (one JSON object each); stdout by default. */
  logSink?: LogSink;
}

export async function startGateway(
  env: Variables = process.env,
  options: StartOptions = {},
): Promise<RunningGateway> {
  let settings = readSettings(env);
  const logger = new JsonLogger('imagev2-gateway', settings.logLevel, options.logSink ?? stdoutSink);
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
  let schema: LegacySchemaFile | null = null;
  const runtime = createRuntime(logger);
  try {
    const manager = await readManagerVersion(legacyUrl);
    const state = startManagerState(legacyUrl, manager.manager, settings.capabilityRefreshSeconds * 1000);
    const capabilities = state.capabilities;
    schema = await resolveLegacySchemaFile(
      legacyUrl,
      settings.legacySchemaFile,
      settings.gatewayKeypair,
      manager.apiVersion,
    );
    const legacySchema = schema;
    const shadow = shadowOptions(settings, {
      warn: (message) => logger.warn(message),
      debug: (message) => logger.debug(message),
    });
    const mesh = await buildMesh(
      PROJECT_ROOT,
      {
        ...env,
        LEGACY_URL: legacyUrl,
        LEGACY_SCHEMA: schema.file,
        MAX_PAGE_SIZE: String(settings.maxPageSize),
        V2_PROFILE: settings.v2Profile,
        V2_SIZE_BYTES: settings.sizeBytesType,
        FEDERATION: settings.federation ? 'on' : 'off',
        GATEWAY_ACCESS_KEY: settings.gatewayKeypair?.accessKey,
        GATEWAY_SECRET_KEY: settings.gatewayKeypair?.secretKey,
        LEGACY_API_VERSION: manager.apiVersion,
        LEGACY_FORWARD_HOST: String(!capabilities.readsForwardedUrl),
        REGISTRY_CACHE_TTL_SECONDS: String(settings.registryCacheTtlSeconds),
        UPSTREAM_TIMEOUT_MS: String(settings.upstreamTimeoutMs),
        UPSTREAM_RETRIES: String(settings.upstreamRetries),
        UPSTREAM_RETRY_BACKOFF_MS: String(settings.upstreamRetryBackoffMs),
        CIRCUIT_FAILURE_THRESHOLD: String(settings.circuitFailureThreshold),
        CIRCUIT_OPEN_SECONDS: String(settings.circuitOpenSeconds),
        GATEWAY_INSTANCE: runtime.id,
        REST_CACHE_TTL_SECONDS: String(settings.restCacheTtlSeconds),
        CAPABILITY_REFRESH_SECONDS: String(settings.capabilityRefreshSeconds),
        MAX_GATEWAY_SCAN_ROWS: String(settings.maxGatewayScanRows),
        NODES_MAX_IDS: String(settings.nodesMaxIds),
      },
      logger,
    );
    const server = await startGatewayServer({
      mesh,
      shadow,
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
      limits: settings.limits,
      runtime,
      shutdownGraceMs: settings.shutdownGraceSeconds * 1000,
      readiness: readinessReporter({
        probe: new ReachabilityProbe(legacyUrl),
        runtime,
        schemaLoaded: () => mesh.schema !== undefined,
        details: () => ({
          upstream: legacyUrl,
          manager: state.capabilities.release,
          apiVersion: manager.apiVersion,
          capabilities: state.capabilities,
          capabilitiesCheckedAt: state.lastChecked.toISOString(),
          sources: sourcesOf(state.capabilities),
          legacySchema: legacySchema.origin,
          profile: settings.v2Profile,
        }),
      }),
      versionInfo: () => passManagerVersion(legacyUrl, settings.upstreamTimeoutMs),
    });
    return {
      url: server.url,
      schema: mesh.schema,
      legacySchemaFile: legacySchema.file,
      legacyUrl,
      settings,
      sandbox,
      logger,
      async close() {
        await server.close();
        mesh.destroy();
        await legacySchema.dispose();
        releaseRuntime(runtime);
        await sandbox?.close();
      },
    };
  } catch (error) {
    await schema?.dispose();
    releaseRuntime(runtime);
    await sandbox?.close();
    throw error;
  }
}

export { DEMO_KEYPAIRS };
