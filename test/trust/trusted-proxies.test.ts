import { describe, expect, it } from 'vitest';
import { parseTrustedProxies } from '../../src/trust/trusted-proxies.ts';

describe('parseTrustedProxies', () => {
  const trust = parseTrustedProxies('10.0.0.0/8, 192.0.2.7, fd00::/8, ::1');

  it.each([
    ['10.255.0.1', true],
    ['::ffff:10.0.0.5', true],
    ['192.0.2.7', true],
    ['192.0.2.8', false],
    ['fd12::1', true],
    ['::1', true],
    ['127.0.0.1', false],
    ['', false],
    ['not-an-ip', false],
  ])('%s is trusted: %s', (address, expected) => {
    expect(trust.trusts(address)).toBe(expected);
  });

  it('trusts nobody when empty', () => {
    expect(parseTrustedProxies('').trusts('127.0.0.1')).toBe(false);
    expect(parseTrustedProxies(undefined).entries).toEqual([]);
  });

  it('names every entry that is not an address or a range', () => {
    expect(() => parseTrustedProxies('10.0.0.0/8,proxy,10.0.0.0/40,1.2.3.4/8/9')).toThrow(
      'not an IP address or CIDR range: "proxy", "10.0.0.0/40", "1.2.3.4/8/9"',
    );
  });
});
