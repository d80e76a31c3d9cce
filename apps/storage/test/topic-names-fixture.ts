/**
 * Topics stored before a Persian article's topic names were spelled in Persian letters, as SQL
 * that PostgreSQL and SQLite both run, and the names RESPELL_PERSIAN_TOPIC_NAMES should leave.
 */
export const TOPICS_STORED_AS_TYPED = [
  "INSERT INTO sources (id, name, domain) VALUES ('ilna', 'ایلنا', 'ilna.ir')",
  `INSERT INTO articles (id, url, canonical_url, source_id, language, title, body, body_html,
     fetched_at, parsed_at, content_hash, search_compact)
   VALUES
     ('fa-old', 'https://ilna.ir/1', 'https://ilna.ir/1', 'ilna', 'fa', 't', 'b', '', '2025-10-01T08:00:00.000Z', '2025-10-01T08:00:00.000Z', 'h1', 'tb'),
     ('fa-new', 'https://ilna.ir/2', 'https://ilna.ir/2', 'ilna', 'fa', 't', 'b', '', '2025-10-03T08:00:00.000Z', '2025-10-03T08:00:00.000Z', 'h2', 'tb'),
     ('ar-mid', 'https://ilna.ir/3', 'https://ilna.ir/3', 'ilna', 'ar', 't', 'b', '', '2025-10-02T08:00:00.000Z', '2025-10-02T08:00:00.000Z', 'h3', 'tb')`,
  `INSERT INTO topics (key, name) VALUES
     ('شورایعالیکار', 'شوراي عالي كار'),
     ('مصطفی', 'مصطفى'),
     ('سیاسی', 'سياسي'),
     ('کارگران', 'کارگران')`,
  `INSERT INTO article_topics (article_id, topic_key, kind, sort_at) VALUES
     ('fa-new', 'شورایعالیکار', 'phrase', '2025-10-03T08:00:00.000Z'),
     ('fa-old', 'مصطفی', 'tag', '2025-10-01T08:00:00.000Z'),
     ('fa-old', 'سیاسی', 'category', '2025-10-01T08:00:00.000Z'),
     ('ar-mid', 'سیاسی', 'category', '2025-10-02T08:00:00.000Z'),
     ('fa-new', 'کارگران', 'tag', '2025-10-03T08:00:00.000Z')`,
];

/**
 * Key → name after the migration, in key (code point) order. سیاسی's newest article is Arabic: its
 * name stays; کارگران was already spelled in Persian letters.
 */
export const TOPIC_NAMES_RESPELLED = [
  { key: 'سیاسی', name: 'سياسي' },
  { key: 'شورایعالیکار', name: 'شورای عالی کار' },
  { key: 'مصطفی', name: 'مصطفی' },
  { key: 'کارگران', name: 'کارگران' },
];
