import type { Database } from 'better-sqlite3';
import { RESPELL_PERSIAN_TOPIC_NAMES } from '../database/respell-topic-names.js';

/**
 * The embedded store's schema: the PostgreSQL tables (database/migrations.ts and add-*.ts) in
 * SQLite's dialect. Each entry is one version; `PRAGMA user_version` records how many have run,
 * so a file made by an older build is brought up to date on open, and a new version is a new
 * entry at the end, never an edit of an old one.
 *
 * Timestamps are ISO-8601 UTC text with milliseconds (`Date#toISOString`), which sorts as the
 * instants do, so keyset order and comparisons work on the text. JSON fields are JSON text.
 * What PostgreSQL does with triggers (revision archive, per-source counts) SQLite's row
 * triggers do here too, for the same reason: every writer is covered, the counts cannot drift.
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE sources (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    domain        TEXT NOT NULL,
    article_count INTEGER NOT NULL DEFAULT 0
  );

  CREATE TABLE articles (
    id                  TEXT PRIMARY KEY,
    url                 TEXT NOT NULL,
    canonical_url       TEXT NOT NULL,
    source_id           TEXT NOT NULL REFERENCES sources (id),
    feed_url            TEXT,
    language            TEXT NOT NULL,
    kicker              TEXT,
    title               TEXT NOT NULL,
    lead                TEXT,
    body                TEXT NOT NULL,
    body_html           TEXT NOT NULL,
    author              TEXT,
    category            TEXT,
    tags                TEXT NOT NULL DEFAULT '[]',
    images              TEXT NOT NULL DEFAULT '[]',
    published_at        TEXT,
    published_at_jalali TEXT,
    fetched_at          TEXT NOT NULL,
    parsed_at           TEXT NOT NULL,
    content_hash        TEXT NOT NULL,
    subtitle            TEXT,
    news_code           TEXT,
    attribution         TEXT,
    quality             TEXT,
    revision            INTEGER NOT NULL DEFAULT 1,
    sort_at             TEXT GENERATED ALWAYS AS (COALESCE(published_at, fetched_at)) STORED,
    stored_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    -- The search key, as in PostgreSQL: normalized title, lead and body without spaces.
    search_compact      TEXT NOT NULL
  );
  CREATE INDEX articles_sort_idx ON articles (sort_at DESC, id DESC);
  CREATE INDEX articles_source_sort_idx ON articles (source_id, sort_at DESC, id DESC);

  CREATE TABLE article_revisions (
    article_id    TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    revision      INTEGER NOT NULL,
    content_hash  TEXT NOT NULL,
    parsed_at     TEXT NOT NULL,
    stored_at     TEXT NOT NULL,
    superseded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    snapshot      TEXT NOT NULL,
    PRIMARY KEY (article_id, revision)
  );

  -- The version a new contentHash replaces, kept whole (minus the search keys), as in PostgreSQL.
  CREATE TRIGGER articles_archive_revision AFTER UPDATE ON articles
  WHEN OLD.content_hash IS NOT NEW.content_hash
  BEGIN
    INSERT INTO article_revisions (article_id, revision, content_hash, parsed_at, stored_at, snapshot)
    VALUES (OLD.id, OLD.revision, OLD.content_hash, OLD.parsed_at, OLD.updated_at, json_object(
      'id', OLD.id, 'url', OLD.url, 'canonical_url', OLD.canonical_url, 'source_id', OLD.source_id,
      'feed_url', OLD.feed_url, 'language', OLD.language, 'kicker', OLD.kicker, 'title', OLD.title,
      'lead', OLD.lead, 'body', OLD.body, 'body_html', OLD.body_html, 'author', OLD.author,
      'category', OLD.category, 'tags', json(OLD.tags), 'images', json(OLD.images),
      'published_at', OLD.published_at, 'published_at_jalali', OLD.published_at_jalali,
      'fetched_at', OLD.fetched_at, 'parsed_at', OLD.parsed_at, 'content_hash', OLD.content_hash,
      'subtitle', OLD.subtitle, 'news_code', OLD.news_code, 'attribution', OLD.attribution,
      'quality', json(OLD.quality), 'revision', OLD.revision, 'sort_at', OLD.sort_at,
      'stored_at', OLD.stored_at, 'updated_at', OLD.updated_at));
  END;

  CREATE TRIGGER articles_count_inserted AFTER INSERT ON articles
  BEGIN
    UPDATE sources SET article_count = article_count + 1 WHERE id = NEW.source_id;
  END;
  CREATE TRIGGER articles_count_moved AFTER UPDATE OF source_id ON articles
  WHEN OLD.source_id <> NEW.source_id
  BEGIN
    UPDATE sources SET article_count = article_count - 1 WHERE id = OLD.source_id;
    UPDATE sources SET article_count = article_count + 1 WHERE id = NEW.source_id;
  END;
  CREATE TRIGGER articles_count_deleted AFTER DELETE ON articles
  BEGIN
    UPDATE sources SET article_count = article_count - 1 WHERE id = OLD.source_id;
  END;

  CREATE TABLE feed_status (
    feed_id              TEXT PRIMARY KEY,
    feed_url             TEXT NOT NULL,
    last_outcome         TEXT NOT NULL,
    last_http_status     INTEGER,
    last_latency_ms      REAL NOT NULL,
    last_new_items       INTEGER NOT NULL,
    last_polled_at       TEXT NOT NULL,
    last_success_at      TEXT,
    last_error           TEXT,
    last_error_at        TEXT,
    polls                INTEGER NOT NULL,
    failures             INTEGER NOT NULL,
    consecutive_failures INTEGER NOT NULL,
    updated_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  );
  `,
  // 2: topics (database/add-topics.ts). No per-hour/per-day count tables: at embedded sizes the
  // rankings and timeseries count article_topics through its sort_at index directly.
  `
  CREATE TABLE topics (
    key           TEXT PRIMARY KEY CHECK (key <> ''),
    name          TEXT NOT NULL,
    first_seen_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  );
  CREATE TABLE article_topics (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    topic_key  TEXT NOT NULL REFERENCES topics (key),
    kind       TEXT NOT NULL CHECK (kind IN ('category', 'tag', 'phrase')),
    sort_at    TEXT NOT NULL,
    PRIMARY KEY (article_id, topic_key)
  );
  CREATE INDEX article_topics_topic_sort_idx ON article_topics (topic_key, sort_at DESC, article_id DESC);
  CREATE INDEX article_topics_sort_idx ON article_topics (sort_at, topic_key);
  `,
  // 3: ingestion counters for /stats (database/add-ingestion-counters.ts), written by the upsert.
  `
  CREATE TABLE ingestion_counters (
    minute   TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('inserted', 'updated')),
    lower_ms INTEGER NOT NULL,
    upper_ms INTEGER,
    count    INTEGER NOT NULL,
    PRIMARY KEY (minute, kind, lower_ms)
  );
  `,
  // 4: a trigram index for search, PostgreSQL's pg_trgm index in SQLite's terms: an FTS5 table with
  // the trigram tokenizer over articles.search_compact (external content: the key is not stored
  // twice), kept in step by triggers, filled from the existing rows. It is keyed by the articles'
  // rowid, which a VACUUM may renumber: a search rechecks each hit against the article's own key,
  // and `INSERT INTO articles_search (articles_search) VALUES ('rebuild')` re-indexes after one.
  `
  CREATE VIRTUAL TABLE articles_search USING fts5(
    search_compact, content = 'articles', content_rowid = 'rowid', tokenize = 'trigram'
  );
  CREATE TRIGGER articles_search_inserted AFTER INSERT ON articles
  BEGIN
    INSERT INTO articles_search (rowid, search_compact) VALUES (NEW.rowid, NEW.search_compact);
  END;
  CREATE TRIGGER articles_search_updated AFTER UPDATE OF search_compact ON articles
  BEGIN
    INSERT INTO articles_search (articles_search, rowid, search_compact)
      VALUES ('delete', OLD.rowid, OLD.search_compact);
    INSERT INTO articles_search (rowid, search_compact) VALUES (NEW.rowid, NEW.search_compact);
  END;
  CREATE TRIGGER articles_search_deleted AFTER DELETE ON articles
  BEGIN
    INSERT INTO articles_search (articles_search, rowid, search_compact)
      VALUES ('delete', OLD.rowid, OLD.search_compact);
  END;
  INSERT INTO articles_search (articles_search) VALUES ('rebuild');
  `,
  // 5: the topic names of Persian articles in Persian letters (database/respell-topic-names.ts).
  RESPELL_PERSIAN_TOPIC_NAMES,
];

/** The schema version this build writes. */
export const SQLITE_SCHEMA_VERSION = SQLITE_MIGRATIONS.length;

/**
 * Runs the versions the file has not seen, each in its own transaction with its version bump,
 * so a crash leaves the file at a whole version. A file from a newer build is refused rather
 * than half understood.
 */
export function migrateSqlite(db: Database): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > SQLITE_SCHEMA_VERSION) {
    throw new Error(
      `the SQLite file has schema version ${from}, newer than this build's ${SQLITE_SCHEMA_VERSION}: upgrade storage`,
    );
  }
  for (let version = from; version < SQLITE_SCHEMA_VERSION; version += 1) {
    db.transaction(() => {
      db.exec(SQLITE_MIGRATIONS[version]);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  return { from, to: SQLITE_SCHEMA_VERSION };
}
