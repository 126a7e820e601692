import { describe, expect, it } from 'vitest';
import { readSettings, SettingsError } from '../../src/gateway/settings.ts';

describe('readSettings', () => {
  it('gives the documented defaults for an empty environment', () => {
    expect(readSettings({})).toEqual({
      host: '127.0.0.1',
      port: 4000,
      legacyUrl: null,
      legacySchemaFile: null,
      v2Profile: 'bep-1038',
      sizeBytesType: 'BigInt',
      upstreamAuth: 'forward',
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
      sandboxPort: 8091,
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
      UPSTREAM_AUTH: 'sign',
      GATEWAY_ACCESS_KEY: 'AK',
      GATEWAY_SECRET_KEY: 'SK',
      REGISTRY_CACHE_TTL_SECONDS: '5',
      SANDBOX_PORT: '0',
    });
    expect(settings).toMatchObject({
      host: '0.0.0.0',
      port: 4100,
      legacyUrl: 'http://manager:8081',
      legacySchemaFile: './legacy.graphql',
      v2Profile: 'release',
      sizeBytesType: 'Int',
      upstreamAuth: 'sign',
      gatewayKeypair: { accessKey: 'AK', secretKey: 'SK' },
      registryCacheTtlSeconds: 5,
      sandboxPort: 0,
    });
  });

  it('names every bad variable at once', () => {
    const read = () =>
      readSettings({ PORT: '99999', V2_PROFILE: 'v3', LEGACY_URL: 'manager:8081', GATEWAY_ACCESS_KEY: 'AK' });
    expect(read).toThrow(SettingsError);
    try {
      read();
    } catch (error) {
      const { problems } = error as SettingsError;
      expect(problems).toHaveLength(4);
      expect(problems.join('\n')).toMatch(/PORT.*99999/);
      expect(problems.join('\n')).toMatch(/V2_PROFILE must be one of bep-1038, release/);
      expect(problems.join('\n')).toMatch(/LEGACY_URL/);
      expect(problems.join('\n')).toMatch(/set together/);
    }
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

  it('refuses sign mode without a keypair to sign with', () => {
    expect(() => readSettings({ UPSTREAM_AUTH: 'sign' })).toThrow(
      /UPSTREAM_AUTH=sign needs GATEWAY_ACCESS_KEY/,
    );
  });
});
