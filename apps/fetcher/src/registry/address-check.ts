import { lookup as dnsLookup } from 'node:dns/promises';
import { isIpLiteral, isNonPublicAddress } from '@news/http-fetch';

export type AddressLookup = (hostname: string) => Promise<{ address: string }[]>;

const systemLookup: AddressLookup = (hostname) => dnsLookup(hostname, { all: true });

/**
 * Why a feed at `url` would be refused by the SSRF guard, checked when the
 * feed is registered so the caller hears it at once; null when it looks
 * public. The guard at fetch time still decides (DNS can change): a host
 * that does not resolve now is let through, and its polls will say why
 * they fail.
 */
export async function nonPublicAddressProblem(
  url: string,
  lookup: AddressLookup = systemLookup,
): Promise<string | null> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (isIpLiteral(host)) return isNonPublicAddress(host) ? `refusing non-public address ${host}` : null;
  let addresses: { address: string }[];
  try {
    addresses = await lookup(host);
  } catch {
    return null;
  }
  if (addresses.length > 0 && addresses.every((a) => isNonPublicAddress(a.address))) {
    return `refusing ${host}: it resolves only to non-public addresses (${addresses.map((a) => a.address).join(', ')})`;
  }
  return null;
}
