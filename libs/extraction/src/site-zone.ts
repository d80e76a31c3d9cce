import { TEHRAN_ZONE } from '@news/persian';

/**
 * Time zones of the country-code domains whose sites write local times
 * without an offset (`"datePublished": "2025-09-22T14:30"`). Sites under
 * generic domains (.com, .org, …) and Iranian sites keep Tehran, the
 * product's home zone.
 */
const ZONE_BY_TLD: Readonly<Record<string, string>> = {
  ae: 'Asia/Dubai',
  af: 'Asia/Kabul',
  at: 'Europe/Vienna',
  az: 'Asia/Baku',
  br: 'America/Sao_Paulo',
  ch: 'Europe/Zurich',
  de: 'Europe/Berlin',
  eg: 'Africa/Cairo',
  es: 'Europe/Madrid',
  fr: 'Europe/Paris',
  in: 'Asia/Kolkata',
  iq: 'Asia/Baghdad',
  it: 'Europe/Rome',
  jp: 'Asia/Tokyo',
  lb: 'Asia/Beirut',
  pk: 'Asia/Karachi',
  pt: 'Europe/Lisbon',
  qa: 'Asia/Qatar',
  ru: 'Europe/Moscow',
  sa: 'Asia/Riyadh',
  tj: 'Asia/Dushanbe',
  tr: 'Europe/Istanbul',
  uk: 'Europe/London',
};

/** The zone an offset-less local time on this site is read in. */
export function siteZone(url: string): string {
  const tld = new URL(url).hostname.toLowerCase().split('.').at(-1) ?? '';
  return ZONE_BY_TLD[tld] ?? TEHRAN_ZONE;
}
