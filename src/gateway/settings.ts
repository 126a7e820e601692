/**
 * The gateway's settings, read once from the environment and checked strictly: an unknown value is refused
 * at start with a message naming the variable, never silently replaced by a default.
 */
import type { SizeBytesType, V2Profile } from '../schema/imagev2-typedefs.ts';

export type { SizeBytesType, V2Profile };

export type UpstreamAuthMode = 'forward' | 'sign';

export interface Keypair {
  accessKey: string;
  secretKey: string;
}

export interface GatewaySettings {
  host: string;
  port: number;
  /** Base URL of the fronted manager; null starts the embedded sandbox. */
  legacyUrl: string | null;
  /** An SDL file of the fronted manager's legacy schema; null reads it from the manager. */
  legacySchemaFile: string | null;
  v2Profile: V2Profile;
  sizeBytesType: SizeBytesType;
  upstreamAuth: UpstreamAuthMode;
  /** The operator's keypair: reads the schema at start, and signs in `sign` mode. */
  gatewayKeypair: Keypair | null;
  registryCacheTtlSeconds: number;
  upstreamTimeoutMs: number;
  restCacheTtlSeconds: number;
  capabilityRefreshSeconds: number;
  sandboxPort: number;
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
  const count = (name: string, fallback: number): number => {
    const value = positiveNumber(name, fallback);
    if (!Number.isInteger(value) || value < 1) problems.push(`${name} must be a whole number of 1 or more`);
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

  const upstreamAuth = oneOf('UPSTREAM_AUTH', ['forward', 'sign'] as const, 'forward');
  if (upstreamAuth === 'sign' && gatewayKeypair === null) {
    problems.push('UPSTREAM_AUTH=sign needs GATEWAY_ACCESS_KEY and GATEWAY_SECRET_KEY');
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
    upstreamAuth,
    gatewayKeypair,
    registryCacheTtlSeconds: positiveNumber('REGISTRY_CACHE_TTL_SECONDS', 60),
    upstreamTimeoutMs: positiveNumber('UPSTREAM_TIMEOUT_MS', 30_000),
    restCacheTtlSeconds: positiveNumber('REST_CACHE_TTL_SECONDS', 60),
    capabilityRefreshSeconds: positiveNumber('CAPABILITY_REFRESH_SECONDS', 300),
    sandboxPort: port('SANDBOX_PORT', DEFAULT_SANDBOX_PORT),
    shadowV2Url,
    shadowSampleRate: shareOfOne('SHADOW_SAMPLE_RATE', 0.01),
    shadowTimeoutMs: positiveNumber('SHADOW_TIMEOUT_MS', 10_000),
    shadowQueueSize: count('SHADOW_QUEUE_SIZE', 100),
    shadowIgnoreFile: text('SHADOW_IGNORE'),
  };
  if (problems.length > 0) throw new SettingsError(problems);
  return settings;
}
