import { describe, expect, it } from '@jest/globals';
import { nonPublicAddressProblem, type AddressLookup } from './address-check.js';

const resolvesTo =
  (...addresses: string[]): AddressLookup =>
  async () =>
    addresses.map((address) => ({ address }));
const unresolvable: AddressLookup = async () => {
  throw new Error('ENOTFOUND');
};

describe('nonPublicAddressProblem', () => {
  it.each([
    ['http://127.0.0.1/rss', 'refusing non-public address 127.0.0.1'],
    ['http://10.1.2.3:8080/rss', 'refusing non-public address 10.1.2.3'],
    ['http://[::1]/rss', 'refusing non-public address ::1'],
  ])('refuses a literal non-public address %s', async (url, problem) => {
    expect(await nonPublicAddressProblem(url, resolvesTo('93.184.216.34'))).toBe(problem);
  });

  it('refuses a host that resolves only to non-public addresses', async () => {
    expect(await nonPublicAddressProblem('http://intranet.example/rss', resolvesTo('192.168.1.5'))).toBe(
      'refusing intranet.example: it resolves only to non-public addresses (192.168.1.5)',
    );
  });

  it('lets public hosts through, and hosts that do not resolve now (their polls will say why)', async () => {
    expect(await nonPublicAddressProblem('https://news.example/rss', resolvesTo('93.184.216.34'))).toBeNull();
    expect(await nonPublicAddressProblem('https://8.8.8.8/rss', unresolvable)).toBeNull();
    expect(await nonPublicAddressProblem('https://gone.example/rss', unresolvable)).toBeNull();
  });
});
