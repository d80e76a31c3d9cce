/**
 * The agency a Persian report credits in its opening: `به گزارش ایلنا،`,
 * `به گزارش خبرنگار اقتصادی خبرگزاری فارس،`, `به گزارش همشهری آنلاین،`.
 * Reporter and desk words are dropped; what is left before the comma (or
 * before `از`, "from", as in `به گزارش ایرنا از تهران`) is the agency.
 */
const OPENING = /^به\s+گزارش\s+([^،,:.]{1,80})/;
const CREDIT_WORDS = /^(?:خبرنگار|گروه|سرویس|پایگاه\s+خبری|خبرگزاری)(?:\s|$)/;
const DESK_WORD = /^(?:اقتصادی|سیاسی|اجتماعی|فرهنگی|ورزشی|بین‌الملل|بین‌المللی|پارلمانی|علمی|استانی|حوزه)$/;

export function findAttribution(firstParagraph: string | undefined): string | null {
  const match = OPENING.exec(firstParagraph ?? '');
  if (!match) return null;
  let words = match[1]
    .split(/\s+از\s+/)[0]
    .trim()
    .split(/\s+/);
  // Drop credit words and the desk adjective that follows a reporter: خبرنگار اقتصادی …
  for (;;) {
    if (words.length > 1 && CREDIT_WORDS.test(words[0])) {
      words = words.slice(1);
      if (words.length > 1 && DESK_WORD.test(words[0])) words = words.slice(1);
      continue;
    }
    break;
  }
  const agency = words.join(' ').trim();
  return agency.length > 0 && agency.length <= 40 ? agency : null;
}
