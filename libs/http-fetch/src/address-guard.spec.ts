import { describe, expect, it } from '@jest/globals';
import { isIpLiteral, isNonPublicAddress } from './address-guard.js';

describe('isNonPublicAddress', () => {
  it.each([
    // IPv4
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', '"this network" 0.0.0.0/8'],
    ['10.0.0.1', 'private 10/8'],
    ['10.255.255.255', 'private 10/8, last address'],
    ['172.16.0.1', 'private 172.16/12'],
    ['172.31.255.254', 'private 172.16/12, top end'],
    ['192.168.1.1', 'private 192.168/16'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback, anywhere in 127/8'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.254', 'carrier-grade NAT, top end'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast (SSDP)'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved 240/4'],
    ['192.0.2.1', 'documentation TEST-NET-1'],
    // IPv6
    ['::1', 'IPv6 loopback'],
    ['::', 'IPv6 unspecified'],
    ['fe80::1', 'IPv6 link-local'],
    ['fc00::1', 'IPv6 unique local'],
    ['fd12:3456:789a::1', 'IPv6 unique local fd00::/8'],
    ['ff02::1', 'IPv6 multicast'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback in hex, as URL prints it'],
    ['::ffff:169.254.169.254', 'IPv4-mapped link-local'],
    ['64:ff9b::a00:1', 'NAT64 (may carry a private IPv4)'],
    ['2001:db8::1', 'IPv6 documentation'],
    // Not addresses at all: refuse rather than guess.
    ['', 'empty string'],
    ['localhost', 'a host name'],
    ['999.1.1.1', 'an out-of-range octet'],
    ['[::1]', 'a bracketed URL host'],
  ])('%s is non-public (%s)', (address) => {
    expect(isNonPublicAddress(address)).toBe(true);
  });

  it.each([
    ['8.8.8.8', 'Google DNS'],
    ['1.1.1.1', 'Cloudflare DNS'],
    ['93.184.216.34', 'a public web server'],
    ['172.32.0.1', 'just above 172.16/12'],
    ['100.128.0.1', 'just above carrier-grade NAT'],
    ['11.0.0.1', 'just above 10/8'],
    ['2606:4700:4700::1111', 'Cloudflare DNS over IPv6'],
    ['2001:4860:4860::8888', 'Google DNS over IPv6'],
    ['::ffff:8.8.8.8', 'IPv4-mapped public'],
  ])('%s is public (%s)', (address) => {
    expect(isNonPublicAddress(address)).toBe(false);
  });
});

describe('isIpLiteral', () => {
  it.each(['127.0.0.1', '8.8.8.8', '::1', '[::1]', '[::ffff:7f00:1]', '[2606:4700:4700::1111]'])(
    '%s is an IP literal',
    (host) => {
      expect(isIpLiteral(host)).toBe(true);
    },
  );

  it.each(['localhost', 'example.com', '127.0.0.1.nip.io', ''])('%s is not an IP literal', (host) => {
    expect(isIpLiteral(host)).toBe(false);
  });
});

describe('isNonPublicAddress beyond what ipaddr.js 1.x classifies', () => {
  it.each(['198.18.0.1', '198.19.255.254', 'fec0::1', '100::1', '::7f00:1', '::a00:1'])(
    'refuses %s',
    (address) => {
      expect(isNonPublicAddress(address)).toBe(true);
    },
  );
});
