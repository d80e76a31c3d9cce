import ipaddr from 'ipaddr.js';

/**
 * True when an address is anything but public unicast: loopback, private,
 * link-local, multicast, unspecified, carrier-grade NAT, reserved, … An
 * IPv4-mapped IPv6 address is judged as the IPv4 address it carries.
 */
export function isNonPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return true;
  const parsed = ipaddr.process(address);
  return parsed.range() !== 'unicast';
}

export function isIpLiteral(hostname: string): boolean {
  return ipaddr.isValid(hostname.replace(/^\[|\]$/g, ''));
}
