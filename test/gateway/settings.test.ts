import { describe, expect, it } from 'vitest';
import { readSettings, SettingsError } from '../../src/gateway/settings.ts';

describe('readSettings', () => {
  it('gives the documented defaults for an empty environment', () => {
    const { trustedProxies, ...settings } = readSettings({});
    expect(trustedProxies.entries).toEqual([]);
    expect(settings).toEqual({
      host: '127.0.0.1',
      port: 4000,
      legacyUrl: null,
      legacySchemaFile: null,
      v2Profile: 'bep-1038',
      sizeBytesType: 'BigInt',
      federation: false,
      gatewayKeypair: null,
      registryCacheTtlSeconds: 60,
      upstreamTimeoutMs: 30000,
      upstreamRetries: 2,
      upstreamRetryBackoffMs: 100,
      circuitFailureThreshold: 5,
      circuitOpenSeconds: 10,
      shutdownGraceSeconds: 20,
      logLevel: 'info',
      restCacheTtlSeconds: 60,
      capabilityRefreshSeconds: 300,
      maxGatewayScanRows: 10000,
      nodesMaxIds: 100,
      sandboxPort: 8091,
      limits: {
        maxRequestBodyBytes: 1_048_576,
        maxBatchSize: 1,
        maxDepth: 15,
        maxTokens: 10_000,
        maxAliases: 30,
        maxRootFields: 30,
        maxDirectives: 50,
        introspection: true,
        csrfPrevention: true,
      },
      maxPageSize: 100,
      shadowV2Url: null,
      shadowSampleRate: 0.01,
      shadowTimeoutMs: 10000,
      shadowQueueSize: 100,
      shadowIgnoreFile: null,
    });
  });

  it('reads every variable', () => {
    const settings = readSettings({
      HOST: '0.0.0.0',
      PORT: '4100',
      LEGACY_URL: 'http://manager:8081/',
      LEGACY_SCHEMA: './legacy.graphql',
      V2_PROFILE: 'release',
      V2_SIZE_BYTES: 'int',
      FEDERATION: 'on',
      TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.7',
      GATEWAY_ACCESS_KEY: 'AK',
      GATEWAY_SECRET_KEY: 'SK',
      REGISTRY_CACHE_TTL_SECONDS: '5',
      MAX_GATEWAY_SCAN_ROWS: '500',
      NODES_MAX_IDS: '20',
      SANDBOX_PORT: '0',
    });
    expect(settings).toMatchObject({
      host: '0.0.0.0',
      port: 4100,
      legacyUrl: 'http://manager:8081',
      legacySchemaFile: './legacy.graphql',
      v2Profile: 'release',
      sizeBytesType: 'Int',
      federation: true,
      gatewayKeypair: { accessKey: 'AK', secretKey: 'SK' },
      registryCacheTtlSeconds: 5,
      maxGatewayScanRows: 500,
      nodesMaxIds: 20,
      sandboxPort: 0,
    });
    expect(settings.trustedProxies.entries).toEqual(['10.0.0.0/8', '192.0.2.7']);
  });

  it('names every bad variable at once', () => {
    const read = () =>
      readSettings({
        PORT: '99999',
        V2_PROFILE: 'v3',
        LEGACY_URL: 'manager:8081',
        GATEWAY_ACCESS_KEY: 'AK',
        MAX_GATEWAY_SCAN_ROWS: '0',
        NODES_MAX_IDS: '2.5',
      });
    expect(read).toThrow(SettingsError);
    try {
      read();
    } catch (error) {
      const { problems } = error as SettingsError;
      expect(problems).toHaveLength(6);
      expect(problems.join('\n')).toMatch(
        /MAX_GATEWAY_SCAN_ROWS must be a whole number of 1 or more, got "0"/,
      );
      expect(problems.join('\n')).toMatch(/NODES_MAX_IDS must be a whole number of 1 or more, got "2.5"/);
      expect(problems.join('\n')).toMatch(/PORT.*99999/);
      expect(problems.join('\n')).toMatch(/V2_PROFILE must be one of bep-1038, release/);
      expect(problems.join('\n')).toMatch(/LEGACY_URL/);
      expect(problems.join('\n')).toMatch(/set together/);
    }
  });

  it('refuses a FEDERATION value other than on or off', () => {
    expect(() => readSettings({ FEDERATION: 'yes' })).toThrow(/FEDERATION must be one of on, off, got "yes"/);
  });

  it('reads the request limits, 0 turning a limit off', () => {
    const settings = readSettings({
      MAX_REQUEST_BODY_BYTES: '0',
      MAX_BATCH_SIZE: '5',
      MAX_DEPTH: '8',
      MAX_TOKENS: '500',
      MAX_ALIASES: '0',
      MAX_ROOT_FIELDS: '4',
      MAX_DIRECTIVES: '3',
      INTROSPECTION: 'off',
      CSRF_PREVENTION: 'OFF',
      MAX_PAGE_SIZE: '50',
    });
    expect(settings.limits).toEqual({
      maxRequestBodyBytes: 0,
      maxBatchSize: 5,
      maxDepth: 8,
      maxTokens: 500,
      maxAliases: 0,
      maxRootFields: 4,
      maxDirectives: 3,
      introspection: false,
      csrfPrevention: false,
    });
    expect(settings.maxPageSize).toBe(50);
  });

  it.each([
    ['MAX_DEPTH', '-1', /MAX_DEPTH must be a whole number of 0 or more, got "-1"/],
    ['MAX_TOKENS', '1e3.5', /MAX_TOKENS must be a whole number/],
    ['MAX_BATCH_SIZE', '0', /MAX_BATCH_SIZE must be a whole number of 1 or more/],
    ['MAX_PAGE_SIZE', '0', /MAX_PAGE_SIZE must be a whole number of 1 or more/],
    ['INTROSPECTION', 'maybe', /INTROSPECTION must be on or off, got "maybe"/],
    ['CSRF_PREVENTION', 'yes please', /CSRF_PREVENTION must be on or off/],
  ])('refuses %s=%s', (name, value, message) => {
    expect(() => readSettings({ [name]: value })).toThrow(message);
  });

  it('reads the shadow settings, and takes a bare manager URL for its native v2 endpoint', () => {
    const env = {
      SHADOW_SAMPLE_RATE: '0.5',
      SHADOW_TIMEOUT_MS: '200',
      SHADOW_QUEUE_SIZE: '3',
      SHADOW_IGNORE: 'r.json',
    };
    expect(readSettings({ ...env, SHADOW_V2_URL: 'http://manager:8081/admin/gql/strawberry' })).toMatchObject(
      {
        shadowV2Url: 'http://manager:8081/admin/gql/strawberry',
        shadowSampleRate: 0.5,
        shadowTimeoutMs: 200,
        shadowQueueSize: 3,
        shadowIgnoreFile: 'r.json',
      },
    );
    expect(readSettings({ SHADOW_V2_URL: 'http://manager:8081/' }).shadowV2Url).toBe(
      'http://manager:8081/admin/gql/strawberry',
    );
  });

  it.each([
    ['SHADOW_V2_URL', 'manager:8081', /SHADOW_V2_URL must be an http\(s\) URL/],
    ['SHADOW_SAMPLE_RATE', '1.5', /SHADOW_SAMPLE_RATE must be a share from 0 to 1, got "1.5"/],
    ['SHADOW_SAMPLE_RATE', 'often', /SHADOW_SAMPLE_RATE must be a number/],
    ['SHADOW_QUEUE_SIZE', '0', /SHADOW_QUEUE_SIZE must be a whole number of 1 or more/],
  ])('refuses %s=%s', (name, value, message) => {
    expect(() => readSettings({ [name]: value })).toThrow(message);
  });

  it('reads the resilience, shutdown and log settings', () => {
    expect(
      readSettings({
        UPSTREAM_TIMEOUT_MS: '2500',
        UPSTREAM_RETRIES: '0',
        UPSTREAM_RETRY_BACKOFF_MS: '50',
        CIRCUIT_FAILURE_THRESHOLD: '3',
        CIRCUIT_OPEN_SECONDS: '0.5',
        SHUTDOWN_GRACE_SECONDS: '5',
        LOG_LEVEL: 'WARN',
      }),
    ).toMatchObject({
      upstreamTimeoutMs: 2500,
      upstreamRetries: 0,
      upstreamRetryBackoffMs: 50,
      circuitFailureThreshold: 3,
      circuitOpenSeconds: 0.5,
      shutdownGraceSeconds: 5,
      logLevel: 'warn',
    });
  });

  it.each([
    ['UPSTREAM_RETRIES', '1.5', /UPSTREAM_RETRIES must be a whole number of 0 or more, got "1.5"/],
    ['CIRCUIT_FAILURE_THRESHOLD', '-1', /CIRCUIT_FAILURE_THRESHOLD must be a whole number/],
    ['CIRCUIT_OPEN_SECONDS', 'soon', /CIRCUIT_OPEN_SECONDS must be a number of 0 or more/],
    ['SHUTDOWN_GRACE_SECONDS', '-5', /SHUTDOWN_GRACE_SECONDS must be a number of 0 or more/],
    ['LOG_LEVEL', 'verbose', /LOG_LEVEL must be one of debug, info, warn, error, silent, got "verbose"/],
  ])('refuses %s=%s', (name, value, message) => {
    expect(() => readSettings({ [name]: value })).toThrow(message);
  });

  // Regression: sign mode signed every client's call with the gateway's keypair.
  it('refuses UPSTREAM_AUTH=sign even with a keypair, rather than lending the keypair to every caller', () => {
    expect(() =>
      readSettings({ UPSTREAM_AUTH: 'sign', GATEWAY_ACCESS_KEY: 'AK', GATEWAY_SECRET_KEY: 'SK' }),
    ).toThrow(/UPSTREAM_AUTH=sign is not supported/);
    expect(readSettings({ UPSTREAM_AUTH: 'forward' }).gatewayKeypair).toBeNull();
  });

  it('refuses a TRUSTED_PROXIES entry that is not an address or a CIDR range, naming it', () => {
    expect(() => readSettings({ TRUSTED_PROXIES: '10.0.0.0/8, proxy.local, 10.1.0.0/33' })).toThrow(
      /TRUSTED_PROXIES: not an IP address or CIDR range: "proxy.local", "10.1.0.0\/33"/,
    );
  });
});
