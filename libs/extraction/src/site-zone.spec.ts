import { describe, expect, it } from '@jest/globals';
import { siteZone } from './site-zone.js';

describe('siteZone', () => {
  it.each([
    ['https://ria-example.ru/20250922/x.html', 'Europe/Moscow'],
    ['https://www.bbc-example.co.uk/news/1', 'Europe/London'],
    ['https://g1-example.com.br/a', 'America/Sao_Paulo'],
    ['https://www.ilna.ir/news/1', 'Asia/Tehran'],
    ['https://example.com/a', 'Asia/Tehran'],
  ])('reads local times on %s in %s', (url, zone) => {
    expect(siteZone(url)).toBe(zone);
  });
});
