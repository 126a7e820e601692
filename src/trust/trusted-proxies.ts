/**
 * Which peers may speak for a client: `TRUSTED_PROXIES`, a comma-separated list of addresses and CIDR
 * ranges (IPv4 or IPv6). Only a request whose TCP peer is on this list may tell the gateway which URL the
 * client signed (`X-Forwarded-URL`, `Forwarded`, `X-Forwarded-Host`/`-Proto`/`-Prefix`) and which address it
 * came from (`X-Forwarded-For`); from anyone else those headers are dropped. Empty by default: nobody.
 */
import { BlockList, isIP } from 'node:net';

export interface ProxyTrust {
  /** The list as the operator wrote it, for logs and the readiness report. */
  readonly entries: readonly string[];
  trusts(address: string | null | undefined): boolean;
}

/** An IPv4-mapped IPv6 peer (`::ffff:127.0.0.1`) is the IPv4 address it maps. */
function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? (mapped[1] as string) : address;
}

function ipFamily(address: string): 'ipv4' | 'ipv6' | null {
  const family = isIP(address);
  return family === 4 ? 'ipv4' : family === 6 ? 'ipv6' : null;
}

/** Parses the list; throws with every entry that is not an address or a CIDR range. */
export function parseTrustedProxies(text: string | null | undefined): ProxyTrust {
  const entries = (text ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const list = new BlockList();
  const bad: string[] = [];
  for (const entry of entries) {
    const [address = '', prefixText, extra] = entry.split('/');
    const family = ipFamily(address);
    const prefix = prefixText === undefined ? null : Number(prefixText);
    const maxPrefix = family === 'ipv4' ? 32 : 128;
    if (
      family === null ||
      extra !== undefined ||
      (prefix !== null && (!/^\d+$/.test(prefixText as string) || prefix > maxPrefix))
    ) {
      bad.push(entry);
    } else if (prefix === null) {
      list.addAddress(address, family);
    } else {
      list.addSubnet(address, prefix, family);
    }
  }
  if (bad.length > 0) {
    throw new Error(`not an IP address or CIDR range: ${bad.map((entry) => `"${entry}"`).join(', ')}`);
  }
  return {
    entries,
    trusts(address) {
      if (!address || entries.length === 0) return false;
      const plain = plainAddress(address);
      const family = ipFamily(plain);
      return family !== null && list.check(plain, family);
    },
  };
}
