import { COUNTRIES, MONTHS, PLACES, TEAMS, WEEKDAYS, type Speaker } from './persian-text-bank.js';
import type { Dice } from './seeded-dice.js';

/** The values of the text bank's template slots ({name}, {place} …); {num} is drawn afresh each time. */
export interface SlotValues {
  name: string;
  role: string;
  place: string;
  team: string;
  country: string;
  city: string;
  month: string;
  weekday: string;
}

/** Fills a template's {slot}s, `num()` giving each {num}. */
export function fillTemplate(template: string, slots: SlotValues, num: () => string): string {
  const once = template.replace(/\{(\w+)\}/g, (_, slot: string) => {
    if (slot === 'num') return num();
    const value = slots[slot as keyof SlotValues];
    if (value === undefined) throw new Error(`the text bank has a template with an unknown slot {${slot}}`);
    return value;
  });
  // A role can itself hold a slot ("… استان {place}").
  return once.includes('{') ? fillTemplate(once, slots, num) : once;
}

/** One article's slot values around its speaker, drawn in a fixed order so that a seed gives the same article. */
export function drawSlots(dice: Dice, speaker: Speaker, num: () => string): SlotValues {
  const where = dice.pick(COUNTRIES);
  const partial: SlotValues = {
    name: speaker.name,
    role: '',
    place: dice.pick(PLACES),
    team: dice.pick(TEAMS),
    country: where.country,
    city: where.city,
    month: dice.pick(MONTHS),
    weekday: dice.pick(WEEKDAYS),
  };
  return { ...partial, role: fillTemplate(speaker.role, partial, num) };
}
