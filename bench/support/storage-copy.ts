import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ArticleEvent, Source } from '@news/contracts';
import pg from 'pg';
import pgCopyStreams from 'pg-copy-streams';
import { ARTICLE_COLUMNS } from '../../apps/storage/src/articles/article-row.js';
import { articleRowValues } from './storage-rows.js';

const { from: copyFrom } = pgCopyStreams;

/** A value in COPY's text format: `\N` for null, and backslash, tab and line breaks escaped. */
function copyField(value: string | null): string {
  if (value === null) return '\\N';
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** The articles as COPY text rows, columns as storage's upsert writes them (search key included). */
export function copyText(articles: readonly ArticleEvent[]): Buffer {
  return Buffer.from(
    articles.map((a) => `${articleRowValues(a).map(copyField).join('\t')}\n`).join(''),
    'utf8',
  );
}

/**
 * The baseline: `COPY articles (…) FROM STDIN` into a table with storage's definition, one
 * statement per chunk. Rows are encoded before the timer starts, so this is the database's
 * ingest rate (transfer, parsing, heap, TOAST, every index, WAL) and nothing of the client's.
 */
export class CopyLoader {
  private constructor(private readonly client: pg.Client) {}

  static async connect(url: string, sources: readonly Source[]): Promise<CopyLoader> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    // The foreign key needs the sources first; fifty rows, not part of what is timed.
    await client.query(
      `INSERT INTO sources (id, name, domain)
       SELECT id, name, domain FROM jsonb_to_recordset($1::jsonb) AS s(id text, name text, domain text)
       ON CONFLICT (id) DO NOTHING`,
      [JSON.stringify(sources)],
    );
    return new CopyLoader(client);
  }

  /** Copies one chunk of pre-encoded rows; resolves with the milliseconds the COPY took. */
  async copy(rows: Buffer): Promise<number> {
    const started = performance.now();
    const stream = this.client.query(copyFrom(`COPY articles (${ARTICLE_COLUMNS.join(', ')}) FROM STDIN`));
    await pipeline(Readable.from([rows]), stream);
    return performance.now() - started;
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
