/**
 * The gateway's settings, read once from the environment and checked strictly: an unknown value is refused
 * at start with a message naming the variable, never silently replaced by a default.
 */
import type { Keypair } from '../auth/index.ts';
import type { SizeBytesType, V2Profile } from '../schema/imagev2-typedefs.ts';
import { type ProxyTrust, parseTrustedProxies } from '../trust/trusted-proxies.ts';
import { LOG_LEVELS, type LogLevel } from './observability/json-logger.ts';

export type { Keypair, SizeBytesType, V2Profile };

/**
 * What a request to `/admin/gql` may be, checked before anything runs or any upstream call is made
 * (src/gateway/limits/). For the numeric limits, 0 turns the check off.
 */
export interface RequestLimits {
  /** Largest request body in bytes; larger ones get HTTP 413, decided from Content-Length before reading. */
  maxRequestBodyBytes: number;
  /** Operations in one request; 1 refuses batches (JSON arrays), as the manager does. */
  maxBatchSize: number;
  maxDepth: number;
  maxTokens: number;
  maxAliases: number;
  maxRootFields: number;
  maxDirectives: number;
  /** Whether `__schema` and `__type` are answered (and GraphiQL served, and field suggestions given). */
  introspection: boolean;
  /** Refuse requests a browser could send cross-site without a CORS preflight. */
  csrfPrevention: boolean;
}

/** The defaults, documented in docs/OPERATIONS.md. */
export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  // The manager's own aiohttp default (`client_max_size`): what it accepts, the gateway accepts.
  maxRequestBodyBytes: 1_048_576,
  maxBatchSize: 1,
  // Far above the Backend.AI web UI's operations (depth 6, 164 tokens, 8 directives at most for images).
  maxDepth: 15,
  maxTokens: 10_000,
  maxAliases: 30,
  maxRootFields: 30,
  maxDirectives: 50,
  introspection: true,
  csrfPrevention: true,
};

export const DEFAULT_MAX_PAGE_SIZE = 100;

export interface GatewaySettings {
  host: string;
  port: number;
  /** Base URL of the fronted manager; null starts the embedded sandbox. */
  legacyUrl: string | null;
  /** An SDL file of the fronted manager's legacy schema; null reads it from the manager. */
  legacySchemaFile: string | null;
  v2Profile: V2Profile;
  sizeBytesType: SizeBytesType;
  /** Serve ImageV2 as an Apollo Federation v2 subgraph too (`_service`, `_entities`). */
  federation: boolean;
  /** The operator's keypair, for the gateway's own reads only (src/trust/gateway-reads.ts). */
  gatewayKeypair: Keypair | null;
  /** Peers whose forwarding headers are believed (`TRUSTED_PROXIES`). */
  trustedProxies: ProxyTrust;
  registryCacheTtlSeconds: number;
  /** Each upstream attempt's bound (0: none). */
  upstreamTimeoutMs: number;
  /** Extra attempts of an upstream read when the manager could not be reached. */
  upstreamRetries: number;
  /** The first retry's delay bound; each next one doubles (full jitter). */
  upstreamRetryBackoffMs: number;
  /** Failures in a row that open a source's circuit (0: never). */
  circuitFailureThreshold: number;
  /** How long an open circuit fails fast before one probe call goes through. */
  circuitOpenSeconds: number;
  /** How long a shutdown waits for requests in flight before closing their connections. */
  shutdownGraceSeconds: number;
  logLevel: LogLevel;
  restCacheTtlSeconds: number;
  capabilityRefreshSeconds: number;
  /** Rows one listing may read when the gateway must read it whole (`MAX_GATEWAY_SCAN_ROWS`). */
  maxGatewayScanRows: number;
  /** Ids one `nodes(ids)` may ask for (`NODES_MAX_IDS`). */
  nodesMaxIds: number;
  sandboxPort: number;
  limits: RequestLimits;
  /** Largest ImageV2 page (`first`, `last`, `limit`) a caller may ask for; larger is an error. */
  maxPageSize: number;
  /** Shadow mode: a native v2 endpoint to replay a share of live v2 queries against; null turns it off. */
  shadowV2Url: string | null;
  shadowSampleRate: number;
  shadowTimeoutMs: number;
  shadowQueueSize: number;
  /** An ignore-rules file (as for `compare --ignore`) for shadow comparisons. */
  shadowIgnoreFile: string | null;
}

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SettingsError';
  }
}

type Env = Record<string, string | undefined>;

export const DEFAULT_PORT = 4000;
export const DEFAULT_SANDBOX_PORT = 8091;

export function readSettings(env: Env): GatewaySettings {
  const problems: string[] = [];
  const text = (name: string): string | null => {
    const value = env[name]?.trim();
    return value ? value : null;
  };
  const port = (name: string, fallback: number): number => {
    const raw = text(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0 || value > 65535) {
      problems.push(`${name} must be a port number from 0 to 65535, got "${raw}"`);
      return fallback;
    }
    return value;
  };
  const positiveNumber = (name: string, fallback: number): number => {
    const raw = text(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) {
      problems.push(`${name} must be a number of 0 or more, got "${raw}"`);
      return fallback;
    }
    return value;
  };
  const count = (name: string, fallback: number, min = 0): number => {
    const raw = text(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value < min) {
      problems.push(`${name} must be a whole number of ${min} or more, got "${raw}"`);
      return fallback;
    }
    return value;
  };
  const onOff = (name: string, fallback: boolean): boolean => {
    const raw = text(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['on', 'true', '1'].includes(raw)) return true;
    if (['off', 'false', '0'].includes(raw)) return false;
    problems.push(`${name} must be on or off, got "${text(name)}"`);
    return fallback;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = text(name);
    if (raw === null) return fallback;
    const match = allowed.find((candidate) => candidate.toLowerCase() === raw.toLowerCase());
    if (!match) problems.push(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
    return match ?? fallback;
  };

  const shareOfOne = (name: string, fallback: number): number => {
    const value = positiveNumber(name, fallback);
    if (value > 1) problems.push(`${name} must be a share from 0 to 1, got "${text(name)}"`);
    return value;
  };

  const legacyUrl = text('LEGACY_URL');
  if (legacyUrl !== null && !/^https?:\/\/[^/]+/.test(legacyUrl)) {
    problems.push(`LEGACY_URL must be an http(s) URL such as http://manager:8081, got "${legacyUrl}"`);
  }

  const accessKey = text('GATEWAY_ACCESS_KEY');
  const secretKey = text('GATEWAY_SECRET_KEY');
  if ((accessKey === null) !== (secretKey === null)) {
    problems.push('GATEWAY_ACCESS_KEY and GATEWAY_SECRET_KEY must be set together');
  }
  const gatewayKeypair = accessKey && secretKey ? { accessKey, secretKey } : null;

  // `sign` signed every client's call with the gateway's keypair, lending it to anyone who could reach the
  // gateway; it is gone, and a configuration that still asks for it is refused rather than changed silently.
  const upstreamAuth = text('UPSTREAM_AUTH');
  if (upstreamAuth !== null && upstreamAuth.toLowerCase() !== 'forward') {
    problems.push(
      `UPSTREAM_AUTH=${upstreamAuth} is not supported: every call carries the caller's own credentials (remove the setting)`,
    );
  }

  let trustedProxies = parseTrustedProxies(null);
  try {
    trustedProxies = parseTrustedProxies(text('TRUSTED_PROXIES'));
  } catch (error) {
    problems.push(`TRUSTED_PROXIES: ${(error as Error).message}`);
  }

  let shadowV2Url = text('SHADOW_V2_URL');
  if (shadowV2Url !== null) {
    if (!/^https?:\/\/[^/]+/.test(shadowV2Url)) {
      problems.push(
        `SHADOW_V2_URL must be an http(s) URL such as http://manager:8081/admin/gql/strawberry, got "${shadowV2Url}"`,
      );
    } else if (!/^https?:\/\/[^/]+\/./.test(shadowV2Url)) {
      // A bare manager URL means its native v2 endpoint.
      shadowV2Url = `${shadowV2Url.replace(/\/+$/, '')}/admin/gql/strawberry`;
    }
  }

  const settings: GatewaySettings = {
    host: text('HOST') ?? '127.0.0.1',
    port: port('PORT', DEFAULT_PORT),
    legacyUrl: legacyUrl?.replace(/\/+$/, '') ?? null,
    legacySchemaFile: text('LEGACY_SCHEMA'),
    v2Profile: oneOf('V2_PROFILE', ['bep-1038', 'release'] as const, 'bep-1038'),
    sizeBytesType: oneOf('V2_SIZE_BYTES', ['BigInt', 'Int'] as const, 'BigInt'),
    federation: oneOf('FEDERATION', ['on', 'off'] as const, 'off') === 'on',
    gatewayKeypair,
    trustedProxies,
    registryCacheTtlSeconds: positiveNumber('REGISTRY_CACHE_TTL_SECONDS', 60),
    upstreamTimeoutMs: positiveNumber('UPSTREAM_TIMEOUT_MS', 30_000),
    upstreamRetries: count('UPSTREAM_RETRIES', 2),
    upstreamRetryBackoffMs: positiveNumber('UPSTREAM_RETRY_BACKOFF_MS', 100),
    circuitFailureThreshold: count('CIRCUIT_FAILURE_THRESHOLD', 5),
    circuitOpenSeconds: positiveNumber('CIRCUIT_OPEN_SECONDS', 10),
    shutdownGraceSeconds: positiveNumber('SHUTDOWN_GRACE_SECONDS', 20),
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    restCacheTtlSeconds: positiveNumber('REST_CACHE_TTL_SECONDS', 60),
    capabilityRefreshSeconds: positiveNumber('CAPABILITY_REFRESH_SECONDS', 300),
    maxGatewayScanRows: count('MAX_GATEWAY_SCAN_ROWS', 10_000, 1),
    nodesMaxIds: count('NODES_MAX_IDS', 100, 1),
    sandboxPort: port('SANDBOX_PORT', DEFAULT_SANDBOX_PORT),
    limits: {
      maxRequestBodyBytes: count('MAX_REQUEST_BODY_BYTES', DEFAULT_REQUEST_LIMITS.maxRequestBodyBytes),
      maxBatchSize: count('MAX_BATCH_SIZE', DEFAULT_REQUEST_LIMITS.maxBatchSize, 1),
      maxDepth: count('MAX_DEPTH', DEFAULT_REQUEST_LIMITS.maxDepth),
      maxTokens: count('MAX_TOKENS', DEFAULT_REQUEST_LIMITS.maxTokens),
      maxAliases: count('MAX_ALIASES', DEFAULT_REQUEST_LIMITS.maxAliases),
      maxRootFields: count('MAX_ROOT_FIELDS', DEFAULT_REQUEST_LIMITS.maxRootFields),
      maxDirectives: count('MAX_DIRECTIVES', DEFAULT_REQUEST_LIMITS.maxDirectives),
      introspection: onOff('INTROSPECTION', DEFAULT_REQUEST_LIMITS.introspection),
      csrfPrevention: onOff('CSRF_PREVENTION', DEFAULT_REQUEST_LIMITS.csrfPrevention),
    },
    maxPageSize: count('MAX_PAGE_SIZE', DEFAULT_MAX_PAGE_SIZE, 1),
    shadowV2Url,
    shadowSampleRate: shareOfOne('SHADOW_SAMPLE_RATE', 0.01),
    shadowTimeoutMs: positiveNumber('SHADOW_TIMEOUT_MS', 10_000),
    shadowQueueSize: count('SHADOW_QUEUE_SIZE', 100, 1),
    shadowIgnoreFile: text('SHADOW_IGNORE'),
  };
  if (problems.length > 0) throw new SettingsError(problems);
  return settings;
}
