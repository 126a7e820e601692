/**
 * The ImageV2 transform's configuration (`.meshrc.yaml`), checked once at start with a message that names
 * the key. Values arrive as strings when they come from environment variables, so numbers are parsed here.
 */
import type { SizeBytesType, V2Profile } from '../schema/imagev2-typedefs.ts';

export interface ImageV2TransformConfig {
  /** The Mesh source name of the legacy GraphQL API. */
  source: string;
  /** The Mesh source name of the manager's REST API. */
  restSource: string;
  /** The fronted manager's base URL: the key of what is known of it (see manager-state.ts). */
  legacyUrl: string;
  profile: V2Profile;
  sizeBytes: SizeBytesType;
  registryCacheTtlSeconds: number;
  /** How long the REST image catalogue (creation times, registry ids, maximums) is reused. */
  restCacheTtlSeconds: number;
  /** How often, at most, the manager's release is read again while serving. */
  capabilityRefreshSeconds: number;
  defaultPageSize: number;
  maxPageSize: number;
  /** At most this many rows are read for one listing the gateway reads whole (`MAX_GATEWAY_SCAN_ROWS`). */
  maxScanRows: number;
  /** The running gateway whose metrics and logger the transform reports to; empty outside one. */
  instance: string;
}

const DEFAULTS: Omit<ImageV2TransformConfig, 'source' | 'legacyUrl' | 'instance'> = {
  restSource: 'LegacyRest',
  profile: 'bep-1038',
  sizeBytes: 'BigInt',
  registryCacheTtlSeconds: 60,
  restCacheTtlSeconds: 60,
  capabilityRefreshSeconds: 300,
  defaultPageSize: 10,
  maxPageSize: 100,
  maxScanRows: 10_000,
};

const KEYS = new Set(['source', 'legacyUrl', 'instance', ...Object.keys(DEFAULTS)]);

function fail(message: string): never {
  throw new Error(`image-v2 transform: ${message}`);
}

function numberAt(raw: Record<string, unknown>, key: keyof typeof DEFAULTS, min: number): number {
  const value = raw[key];
  if (value === undefined || value === '') return DEFAULTS[key] as number;
  const parsed = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(parsed) || parsed < min)
    fail(`${key} must be a number of at least ${min}, got ${JSON.stringify(value)}`);
  return parsed;
}

export function checkImageV2Config(raw: unknown): ImageV2TransformConfig {
  if (raw === null || typeof raw !== 'object') fail('its configuration must be an object');
  const config = raw as Record<string, unknown>;
  const unknown = Object.keys(config).filter((key) => !KEYS.has(key));
  if (unknown.length > 0)
    fail(`unknown key(s) ${unknown.join(', ')}; known keys are ${[...KEYS].join(', ')}`);
  if (typeof config.source !== 'string' || config.source === '')
    fail('source must name the legacy GraphQL source');
  if (typeof config.legacyUrl !== 'string' || !/^https?:\/\//.test(config.legacyUrl)) {
    fail(`legacyUrl must be the manager's http(s) URL, got ${JSON.stringify(config.legacyUrl)}`);
  }
  const restSource = config.restSource ?? DEFAULTS.restSource;
  if (typeof restSource !== 'string' || restSource === '') fail('restSource must name the REST source');
  const profile = config.profile ?? DEFAULTS.profile;
  if (profile !== 'bep-1038' && profile !== 'release')
    fail(`profile must be "bep-1038" or "release", got ${JSON.stringify(profile)}`);
  const sizeBytes = config.sizeBytes ?? DEFAULTS.sizeBytes;
  if (sizeBytes !== 'BigInt' && sizeBytes !== 'Int')
    fail(`sizeBytes must be "BigInt" or "Int", got ${JSON.stringify(sizeBytes)}`);
  const instance = config.instance ?? '';
  if (typeof instance !== 'string') fail(`instance must be a string, got ${JSON.stringify(instance)}`);
  const maxPageSize = numberAt(config, 'maxPageSize', 1);
  // A maximum below the default page shrinks the default with it (MAX_PAGE_SIZE=5 pages by 5); only a
  // default given on purpose above the maximum is a mistake.
  const defaultGiven = config.defaultPageSize !== undefined && config.defaultPageSize !== '';
  const defaultPageSize = defaultGiven
    ? numberAt(config, 'defaultPageSize', 1)
    : Math.min(DEFAULTS.defaultPageSize, maxPageSize);
  if (defaultPageSize > maxPageSize)
    fail(`defaultPageSize (${defaultPageSize}) exceeds maxPageSize (${maxPageSize})`);
  return {
    source: config.source,
    restSource,
    legacyUrl: config.legacyUrl,
    profile,
    sizeBytes,
    registryCacheTtlSeconds: numberAt(config, 'registryCacheTtlSeconds', 0),
    restCacheTtlSeconds: numberAt(config, 'restCacheTtlSeconds', 0),
    capabilityRefreshSeconds: numberAt(config, 'capabilityRefreshSeconds', 0),
    defaultPageSize,
    maxPageSize,
    maxScanRows: numberAt(config, 'maxScanRows', 1),
    instance,
  };
}
