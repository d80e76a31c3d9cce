// A lightly normalized copy of a text for the date regexes, with a map back to
// the original positions so results can report `index` and `raw` in the
// caller's text. Unlike normalizeForSearch it changes nothing but what the date
// patterns need: digits → ASCII, ي/ى/ك → ی/ک, invisible characters, tatweel and
// diacritics dropped, each whitespace run → one space.

import { INVISIBLE_CLASS, YEH_KAF_TO_PERSIAN, isArabicMarkOrTatweel } from './arabic-chars.js';

export interface ScanText {
  text: string;
  /** `origin[i]` is the index in the source of `text[i]`. */
  origin: Int32Array;
}

const INVISIBLE = new RegExp(`[${INVISIBLE_CLASS}]`);
const WHITESPACE = /\s/;

export function toScanText(source: string): ScanText {
  const out: string[] = [];
  const origin = new Int32Array(source.length);
  let n = 0;
  let lastWasSpace = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    const code = source.charCodeAt(i);
    let mapped: string;
    if (code >= 0x06f0 && code <= 0x06f9) mapped = String.fromCharCode(0x30 + code - 0x06f0);
    else if (code >= 0x0660 && code <= 0x0669) mapped = String.fromCharCode(0x30 + code - 0x0660);
    else if (code < 0x80)
      mapped = ch === '\t' || ch === '\n' || ch === '\r' || ch === '\v' || ch === '\f' ? ' ' : ch;
    else if (isArabicMarkOrTatweel(code) || INVISIBLE.test(ch)) continue;
    else if (WHITESPACE.test(ch)) mapped = ' ';
    else mapped = YEH_KAF_TO_PERSIAN[ch] ?? ch;

    if (mapped === ' ') {
      if (lastWasSpace) continue;
      lastWasSpace = true;
    } else {
      lastWasSpace = false;
    }
    out.push(mapped);
    origin[n++] = i;
  }
  return { text: out.join(''), origin: origin.subarray(0, n) };
}

/** Source range `[start, end)` of the scan-text range `[from, to)` (to > from). */
export function sourceRange(scan: ScanText, from: number, to: number): { start: number; end: number } {
  return { start: scan.origin[from]!, end: scan.origin[to - 1]! + 1 };
}
