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
      gatewayKeypair: null,
      registryCacheTtlSeconds: 60,
      upstreamTimeoutMs: 30000,
      restCacheTtlSeconds: 60,
      capabilityRefreshSeconds: 300,
      maxGatewayScanRows: 10000,
      nodesMaxIds: 100,
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
