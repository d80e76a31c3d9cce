import ipaddr from 'ipaddr.js';

/**
 * Ranges ipaddr.js 1.x still calls unicast but that never hold a public news
 * site: benchmarking (198.18/15), deprecated IPv6 site-local (fec0::/10),
 * discard-only (100::/64) and IPv4-compatible IPv6 (::a.b.c.d).
 */
const ALSO_NON_PUBLIC: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [
  ipaddr.parseCIDR('198.18.0.0/15'),
  ipaddr.parseCIDR('fec0::/10'),
  ipaddr.parseCIDR('100::/64'),
  ipaddr.parseCIDR('::/96'),
];

/**
 * True when an address is anything but public unicast: loopback, private,
 * link-local, multicast, unspecified, carrier-grade NAT, reserved, … An
 * IPv4-mapped IPv6 address is judged as the IPv4 address it carries.
 */
export function isNonPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return true;
  const parsed = ipaddr.process(address);
  if (parsed.range() !== 'unicast') return true;
  // Kinds are compared first; the cast only picks one of ipaddr's overloads.
  return ALSO_NON_PUBLIC.some(
    ([range, bits]) =>
      parsed.kind() === range.kind() && (parsed as ipaddr.IPv6).match(range as ipaddr.IPv6, bits),
  );
}

export function isIpLiteral(hostname: string): boolean {
  return ipaddr.isValid(hostname.replace(/^\[|\]$/g, ''));
}
