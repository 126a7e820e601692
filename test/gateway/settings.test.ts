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
      restCacheTtlSeconds: 60,
      capabilityRefreshSeconds: 300,
      sandboxPort: 8091,
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

  it('refuses sign mode without a keypair to sign with', () => {
    expect(() => readSettings({ UPSTREAM_AUTH: 'sign' })).toThrow(
      /UPSTREAM_AUTH=sign needs GATEWAY_ACCESS_KEY/,
    );
  });
});
