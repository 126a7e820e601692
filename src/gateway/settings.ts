/**
 * The gateway's settings, read once from the environment and checked strictly: an unknown value is refused
 * at start with a message naming the variable, never silently replaced by a default.
 */
import type { Keypair } from '../auth/index.ts';
import type { SizeBytesType, V2Profile } from '../schema/imagev2-typedefs.ts';
import { type ProxyTrust, parseTrustedProxies } from '../trust/trusted-proxies.ts';

export type { Keypair, SizeBytesType, V2Profile };

export interface GatewaySettings {
  host: string;
  port: number;
  /** Base URL of the fronted manager; null starts the embedded sandbox. */
  legacyUrl: string | null;
  /** An SDL file of the fronted manager's legacy schema; null reads it from the manager. */
  legacySchemaFile: string | null;
  v2Profile: V2Profile;
  sizeBytesType: SizeBytesType;
  /** The operator's keypair, for the gateway's own reads only (src/trust/gateway-reads.ts). */
  gatewayKeypair: Keypair | null;
  /** Peers whose forwarding headers are believed (`TRUSTED_PROXIES`). */
  trustedProxies: ProxyTrust;
  registryCacheTtlSeconds: number;
  upstreamTimeoutMs: number;
  restCacheTtlSeconds: number;
  capabilityRefreshSeconds: number;
  /** Rows one listing may read when the gateway must read it whole (`MAX_GATEWAY_SCAN_ROWS`). */
  maxGatewayScanRows: number;
  /** Ids one `nodes(ids)` may ask for (`NODES_MAX_IDS`). */
  nodesMaxIds: number;
  sandboxPort: number;
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
  const count = (name: string, fallback: number): number => {
    const raw = text(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) {
      problems.push(`${name} must be a whole number of 1 or more, got "${raw}"`);
      return fallback;
    }
    return value;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = text(name);
    if (raw === null) return fallback;
    const match = allowed.find((candidate) => candidate.toLowerCase() === raw.toLowerCase());
    if (!match) problems.push(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
    return match ?? fallback;
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

  const settings: GatewaySettings = {
    host: text('HOST') ?? '127.0.0.1',
    port: port('PORT', DEFAULT_PORT),
    legacyUrl: legacyUrl?.replace(/\/+$/, '') ?? null,
    legacySchemaFile: text('LEGACY_SCHEMA'),
    v2Profile: oneOf('V2_PROFILE', ['bep-1038', 'release'] as const, 'bep-1038'),
    sizeBytesType: oneOf('V2_SIZE_BYTES', ['BigInt', 'Int'] as const, 'BigInt'),
    gatewayKeypair,
    trustedProxies,
    registryCacheTtlSeconds: positiveNumber('REGISTRY_CACHE_TTL_SECONDS', 60),
    upstreamTimeoutMs: positiveNumber('UPSTREAM_TIMEOUT_MS', 30_000),
    restCacheTtlSeconds: positiveNumber('REST_CACHE_TTL_SECONDS', 60),
    capabilityRefreshSeconds: positiveNumber('CAPABILITY_REFRESH_SECONDS', 300),
    maxGatewayScanRows: count('MAX_GATEWAY_SCAN_ROWS', 10_000),
    nodesMaxIds: count('NODES_MAX_IDS', 100),
    sandboxPort: port('SANDBOX_PORT', DEFAULT_SANDBOX_PORT),
  };
  if (problems.length > 0) throw new SettingsError(problems);
  return settings;
}
