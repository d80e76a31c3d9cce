// Iranian sites mix three digit sets: Persian (U+06F0–U+06F9), Arabic-Indic
// (U+0660–U+0669, from Arabic keyboards and old CMSes) and ASCII. Each digit is
// a single UTF-16 unit in every set, so these conversions never change string
// length — date-parse relies on that to keep match indexes valid.

const PERSIAN_ZERO = 0x06f0;
const ARABIC_INDIC_ZERO = 0x0660;
const ASCII_ZERO = 0x30;

const NON_ASCII_DIGIT = /[\u06F0-\u06F9\u0660-\u0669]/g;
const NON_PERSIAN_DIGIT = /[0-9\u0660-\u0669]/g;

/** Persian and Arabic-Indic digits → ASCII 0-9; every other character is left as is. */
export function toAsciiDigits(text: string): string {
  return text.replace(NON_ASCII_DIGIT, (d) => {
    const code = d.charCodeAt(0);
    const zero = code >= PERSIAN_ZERO ? PERSIAN_ZERO : ARABIC_INDIC_ZERO;
    return String.fromCharCode(ASCII_ZERO + code - zero);
  });
}

/** ASCII and Arabic-Indic digits → Persian ۰-۹ (for display); every other character is left as is. */
export function toPersianDigits(text: string): string {
  return text.replace(NON_PERSIAN_DIGIT, (d) => {
    const code = d.charCodeAt(0);
    const zero = code >= ARABIC_INDIC_ZERO ? ARABIC_INDIC_ZERO : ASCII_ZERO;
    return String.fromCharCode(PERSIAN_ZERO + code - zero);
  });
}
