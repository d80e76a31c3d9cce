import { toJalaliParts, toPersianDigits } from '@news/persian';
import {
  CLOSING_SENTENCES,
  COMMENTER_NAMES,
  FIRST_OPENERS,
  KICKERS,
  LATER_OPENERS,
  LEAD_TEMPLATES,
  READER_COMMENTS,
  TOPICS,
  type Speaker,
  type Topic,
} from './persian-text-bank.js';
import { Dice, seededRandom } from './seeded-dice.js';
import { drawSlots, fillTemplate, type SlotValues } from './text-templates.js';

/** What the generator put on the page, kept so a sample can be checked against what the parser extracts. */
export interface SyntheticArticle {
  number: number;
  url: string;
  topic: Topic;
  kicker: string | null;
  title: string;
  lead: string;
  paragraphs: string[];
  tags: string[];
  publishedAt: Date;
  imageUrl: string | null;
  html: string;
}

/** A template's {num}: a small number, in Persian or ASCII digits, as ILNA mixes both. */
function smallNumber(dice: Dice): string {
  const n = String(dice.int(2, 48));
  return dice.chance(0.5) ? toPersianDigits(n) : n;
}

function fill(template: string, slots: SlotValues, dice: Dice): string {
  return fillTemplate(template, slots, () => smallNumber(dice));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const TEHRAN_OFFSET_MS = 3.5 * 60 * 60 * 1000;

/** ISO 8601 in Tehran time, as ILNA's meta tags write it; Iran has had no DST since 2022, so +03:30 holds. */
function tehranIso(date: Date): string {
  return `${new Date(date.getTime() + TEHRAN_OFFSET_MS).toISOString().slice(0, 19)}+03:30`;
}

/** The visible date line, e.g. ۱۴۰۴/۰۶/۳۱ - ۲۰:۳۰. */
function jalaliDateLine(date: Date): string {
  const p = toJalaliParts(date);
  const two = (n: number) => String(n).padStart(2, '0');
  return toPersianDigits(`${p.jy}/${two(p.jm)}/${two(p.jd)} - ${two(p.hour)}:${two(p.minute)}`);
}

function paragraph(opener: string, topic: Topic, slots: SlotValues, dice: Dice): string {
  const sentences = dice.sample(topic.sentences, dice.int(1, 3));
  if (dice.chance(0.35)) sentences.push(dice.pick(CLOSING_SENTENCES));
  return fill(opener + sentences.join(' '), slots, dice);
}

export const ARTICLE_NUMBER_BASE = 1_800_000;

export function articleUrl(number: number): string {
  return `https://www.ilna.ir/news/${number}/`;
}

/**
 * Article `number` as an ILNA (aasaam template) page: nav, breadcrumb, date
 * and «کد خبر» lines, kicker, title, lead, optional figure, 4–12 body
 * paragraphs, tags, share bar, related and most-viewed boxes, comments,
 * footer, an analytics script and a JSON-LD NewsArticle with datePublished.
 */
export function syntheticArticle(number: number, now: Date = new Date()): SyntheticArticle {
  const dice = new Dice(seededRandom(number * 2654435761));
  const topic = dice.pick(TOPICS);
  const speaker: Speaker = dice.pick(topic.speakers);
  const slots = drawSlots(dice, speaker, () => smallNumber(dice));

  const url = articleUrl(number);
  const title = fill(dice.pick(topic.titles), slots, dice);
  const kicker = dice.chance(0.85) ? fill(dice.pick(KICKERS), slots, dice) : null;
  const lead = fill(dice.pick(LEAD_TEMPLATES) + dice.pick(topic.sentences), slots, dice);
  const paragraphs = [paragraph(dice.pick(FIRST_OPENERS), topic, slots, dice)];
  const bodyLength = dice.int(4, 12);
  while (paragraphs.length < bodyLength)
    paragraphs.push(paragraph(dice.pick(LATER_OPENERS), topic, slots, dice));
  const tags = dice.sample(topic.tags, dice.int(2, 4));
  // Whole minutes within the last 30 days: pages show minutes, and the parser keeps what the page says.
  const publishedAt = new Date(
    Math.floor((now.getTime() - dice.int(10, 30 * 24 * 60) * 60_000) / 60_000) * 60_000,
  );
  const jalali = toJalaliParts(publishedAt);
  const imageUrl = dice.chance(0.7)
    ? `https://www.ilna.ir/files/fa/news/${jalali.jy}/${jalali.jm}/${jalali.jd}/${number}_${dice.int(100, 999)}.jpg`
    : null;
  const html = renderPage(
    { number, url, topic, kicker, title, lead, paragraphs, tags, publishedAt, imageUrl, html: '' },
    slots,
    dice,
  );
  return { number, url, topic, kicker, title, lead, paragraphs, tags, publishedAt, imageUrl, html };
}

function headlines(count: number, dice: Dice, slots: SlotValues): string[] {
  return Array.from({ length: count }, () => fill(dice.pick(dice.pick(TOPICS).titles), slots, dice));
}

function renderPage(a: SyntheticArticle, slots: SlotValues, dice: Dice): string {
  const e = escapeHtml;
  const published = tehranIso(a.publishedAt);
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    mainEntityOfPage: { '@type': 'WebPage', '@id': a.url },
    headline: a.title,
    description: a.lead,
    datePublished: published,
    ...(a.imageUrl ? { image: [a.imageUrl] } : {}),
    author: { '@type': 'Organization', name: 'ایلنا' },
    publisher: {
      '@type': 'Organization',
      name: 'ایلنا',
      logo: { '@type': 'ImageObject', url: 'https://www.ilna.ir/client/themes/fa/main/img/logo.png' },
    },
    articleSection: a.topic.service,
    keywords: a.tags.join(', '),
    inLanguage: 'fa-IR',
  };
  const related = headlines(4, dice, slots)
    .map(
      (h, i) =>
        `      <li><a href="/news/${a.number - 100 - i * 37}/"><img class="thumb" src="/files/fa/news/thumb_${a.number - 100 - i * 37}.jpg" alt="">${e(h)}</a></li>`,
    )
    .join('\n');
  const mostViewed = headlines(5, dice, slots)
    .map((h, i) => {
      const when = new Date(a.publishedAt.getTime() - (i + 1) * dice.int(30, 600) * 60_000);
      return `      <li><a href="/news/${a.number - 500 - i * 61}/">${e(h)}</a> <span class="date">${jalaliDateLine(when)}</span></li>`;
    })
    .join('\n');
  const comments = dice
    .sample(READER_COMMENTS, dice.int(0, 2))
    .map((c, i) => {
      const when = new Date(a.publishedAt.getTime() + (i + 1) * dice.int(20, 300) * 60_000);
      return `      <li>
        <div class="comment_header"><span class="author">${e(dice.pick(COMMENTER_NAMES))}</span> <span class="date">${jalaliDateLine(when)}</span></div>
        <div class="comment-body">${e(c)}</div>
      </li>`;
    })
    .join('\n');
  const figure = a.imageUrl
    ? `      <div class="primary_files">
        <figure class="news_image">
          <img src="${e(a.imageUrl)}" alt="${e(slots.name)}" width="800" height="533">
          <figcaption>${e(`${slots.name}، ${slots.role}`)}</figcaption>
        </figure>
      </div>\n`
    : '';
  return `<!doctype html>
<html lang="fa" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(a.title)} - ایلنا</title>
<meta name="description" content="${e(a.lead)}">
<meta name="keywords" content="${e(a.tags.join(', '))}">
<link rel="canonical" href="${a.url}">
<meta property="og:site_name" content="خبرگزاری ایلنا">
<meta property="og:type" content="article">
<meta property="og:locale" content="fa_IR">
<meta property="og:title" content="${e(a.title)}">
<meta property="og:description" content="${e(a.lead)}">
${a.imageUrl ? `<meta property="og:image" content="${e(a.imageUrl)}">\n` : ''}<meta property="og:url" content="${a.url}">
<meta property="article:published_time" content="${published}">
<meta property="article:section" content="${e(a.topic.service)}">
<script type="application/ld+json">
${JSON.stringify(jsonLd, null, 2)}
</script>
<style>
  body { font-family: Vazirmatn, Tahoma, sans-serif; background: #f4f4f4; margin: 0; }
  .main_menu ul { list-style: none; display: flex; gap: 12px; }
  .uptitle { color: #b30000; font-size: 14px; }
  h1.title { font-size: 24px; line-height: 1.6; }
  .lead { background: #eef3f8; border-right: 4px solid #1d4e89; padding: 10px; }
  #echo_detail p { text-align: justify; line-height: 2; }
</style>
</head>
<body class="news">
<header class="site_header">
  <div class="header_top">
    <a class="logo" href="/"><img src="/client/themes/fa/main/img/logo.png" alt="خبرگزاری کار ایران - ایلنا" width="180" height="60"></a>
    <form class="search_form" action="/newsstudios/search" method="get">
      <input type="text" name="q" placeholder="جست‌وجو">
      <button type="submit">جست‌وجو</button>
    </form>
  </div>
  <nav class="main_menu">
    <ul>
      <li><a href="/">صفحه نخست</a></li>
${TOPICS.map((t) => `      <li><a href="/fa/services/${t.serviceId}">${e(t.service)}</a></li>`).join('\n')}
      <li><a href="/fa/archive">آرشیو</a></li>
      <li><a href="/fa/rss">آر اس اس</a></li>
    </ul>
  </nav>
</header>

<main class="main_content">
  <article class="news_content">
    <ul class="breadcrumb_list">
      <li><a href="/">صفحه نخست</a></li>
      <li><a href="/fa/services/${a.topic.serviceId}">${e(a.topic.service)}</a></li>
    </ul>

    <div class="news_nav">
      <div class="news_pdate_c"><span class="news_date_label">تاریخ انتشار :</span> <span class="news_date">${jalaliDateLine(a.publishedAt)}</span></div>
      <div class="news_id_c">کد خبر : ${a.number}</div>
    </div>

    <header class="article_header">
${a.kicker ? `      <div class="uptitle">${e(a.kicker)}</div>\n` : ''}      <h1 class="title">${e(a.title)}</h1>
      <p class="lead">${e(a.lead)}</p>
    </header>

    <div class="article_body">
${figure}      <div id="echo_detail" class="echo_detail">
${a.paragraphs.map((p) => `        <p>${e(p)}</p>`).join('\n')}
        <p class="news_end">انتهای پیام/</p>
      </div>
    </div>

    <div class="article_tags">
      <span class="tags_title">برچسب‌ها:</span>
      <ul>
${a.tags.map((t) => `        <li><a href="/tags/${e(t.replace(/ /g, '_'))}">${e(t)}</a></li>`).join('\n')}
      </ul>
    </div>

    <div class="share_bar">
      <span class="share_title">اشتراک‌گذاری:</span>
      <a class="share_telegram" href="https://t.me/share/url?url=${a.url}" target="_blank" rel="noopener">تلگرام</a>
      <a class="share_print" href="#" onclick="window.print(); return false;">چاپ خبر</a>
    </div>
  </article>

  <section class="related_news">
    <h3 class="box_title">اخبار مرتبط</h3>
    <ul>
${related}
    </ul>
  </section>

  <section class="comments" id="comments">
    <h3 class="box_title">نظرات بینندگان</h3>
    <ul class="comments-list">
${comments}
    </ul>
  </section>
</main>

<aside class="sidebar">
  <section class="most_viewed">
    <h3 class="box_title">پربازدیدترین</h3>
    <ul>
${mostViewed}
    </ul>
  </section>
</aside>

<footer class="site_footer">
  <ul class="footer_links">
    <li><a href="/fa/about">درباره ما</a></li>
    <li><a href="/fa/contact">تماس با ما</a></li>
  </ul>
  <p class="copyright">کلیه حقوق مادی و معنوی این سایت متعلق به خبرگزاری کار ایران (ایلنا) است و استفاده از مطالب با ذکر منبع بلامانع است.</p>
</footer>

<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){ dataLayer.push(arguments); }
  gtag('config', 'G-ILNA0000FAKE');
  console.log('ilna analytics loaded: بازدید ثبت شد');
</script>
</body>
</html>
`;
}
