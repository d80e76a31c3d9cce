import type { QueryResult } from './storage-queries.js';
import { fmt, formatTable } from './text-table.js';

export const TARGETS = {
  upsertPerSecond: 5000,
  shareOfCopy: 0.25,
  queryP95Ms: 50,
} as const;

export interface StorageBenchReport {
  articles: number;
  batch: number;
  upsert: {
    /** Time inside ArticleWriter.writeBatch, summed over the batches. */
    elapsedMs: number;
    batches: number;
    /** Time inside the repository's transactions, from storage's own histogram. */
    databaseMs: number;
    rows: number;
    deadLetters: number;
  };
  copy: { elapsedMs: number; statements: number; rows: number };
  /** How many sampled rows were equal in both databases, of how many. */
  sameRows: { equal: number; sampled: number; firstDifference: string | null };
  queries: QueryResult[];
  sizes: {
    databaseBytes: number;
    articlesBytes: number;
    /** article_topics with its indexes, when the schema has it. */
    topicsBytes: number | null;
    copyDatabaseBytes: number;
  };
  peakRssBytes: number;
}

const perSecond = (count: number, ms: number) => (ms > 0 ? count / (ms / 1000) : 0);
const met = (ok: boolean) => (ok ? 'yes' : 'NO');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function queryRow(q: QueryResult): string[] {
  const o = q.outcome;
  if (o.kind === 'missing') return [q.label, `p95 ≤ ${TARGETS.queryP95Ms} ms`, 'n/a (404)', '', q.what];
  if (o.kind === 'failed')
    return [q.label, `p95 ≤ ${TARGETS.queryP95Ms} ms`, `HTTP ${o.status}`, 'NO', `${q.what}; ${o.message}`];
  return [
    q.label,
    `p95 ≤ ${TARGETS.queryP95Ms} ms`,
    `${o.p50.toFixed(1)} / ${o.p95.toFixed(1)} ms`,
    met(o.p95 <= TARGETS.queryP95Ms),
    `${q.what}; p50 / p95 of ${o.requests}, max ${o.max.toFixed(0)} ms, ${kb(o.bytes)} body`,
  ];
}

export function storageTable(r: StorageBenchReport): string {
  const upsertRate = perSecond(r.upsert.rows, r.upsert.elapsedMs);
  const copyRate = perSecond(r.copy.rows, r.copy.elapsedMs);
  const share = copyRate > 0 ? upsertRate / copyRate : 0;
  const rows: string[][] = [
    [
      'upsert, consumer path',
      `≥ ${fmt.int(TARGETS.upsertPerSecond)}/s`,
      `${fmt.int(upsertRate)}/s`,
      met(upsertRate >= TARGETS.upsertPerSecond),
      `${fmt.int(r.upsert.rows)} articles in ${fmt.seconds(r.upsert.elapsedMs)} inside ArticleWriter.writeBatch ` +
        `(decode + validate + upsertBatch), ${fmt.int(r.upsert.batches)} batches of ${r.batch}; ` +
        `${fmt.seconds(r.upsert.databaseMs)} of it in the repository’s transactions`,
    ],
    [
      'COPY, same rows',
      '',
      `${fmt.int(copyRate)}/s`,
      '',
      `COPY articles (…) FROM STDIN into a second database with the same migrations, ` +
        `${fmt.int(r.copy.statements)} statements, ${fmt.seconds(r.copy.elapsedMs)}; rows encoded before the timer` +
        (r.sizes.topicsBytes === null
          ? ''
          : '; articles only, where the consumer path also writes article_topics'),
    ],
    [
      'upsert / COPY',
      `≥ ${(TARGETS.shareOfCopy * 100).toFixed(0)}%`,
      `${(share * 100).toFixed(0)}%`,
      met(share >= TARGETS.shareOfCopy),
      'articles/s of the consumer path over articles/s of COPY',
    ],
    [
      'same rows in both',
      'all',
      `${r.sameRows.equal} / ${r.sameRows.sampled}`,
      met(r.sameRows.equal === r.sameRows.sampled),
      r.sameRows.firstDifference ?? 'sampled rows compared column by column (stored_at, updated_at aside)',
    ],
    ...r.queries.map(queryRow),
    [
      'database bytes / article',
      '',
      kb(r.sizes.databaseBytes / r.articles),
      '',
      `pg_database_size ${fmt.mb(r.sizes.databaseBytes)} after the consumer path (COPY’s database: ` +
        `${kb(r.sizes.copyDatabaseBytes / r.articles)}/article)`,
    ],
    [
      '  of which articles',
      '',
      kb(r.sizes.articlesBytes / r.articles),
      '',
      'pg_total_relation_size(articles): heap, TOAST, B-tree and trigram indexes',
    ],
    [
      '  of which article_topics',
      '',
      r.sizes.topicsBytes === null ? 'n/a' : kb(r.sizes.topicsBytes / r.articles),
      '',
      r.sizes.topicsBytes === null
        ? 'no article_topics table in this schema'
        : 'pg_total_relation_size(article_topics)',
    ],
    [
      'dead letters',
      '0',
      fmt.int(r.upsert.deadLetters),
      met(r.upsert.deadLetters === 0),
      'messages ArticleWriter sent to its dead-letter function',
    ],
    [
      'peak RSS',
      '',
      fmt.mb(r.peakRssBytes),
      '',
      'this process: generator, writer, and the storage app for queries',
    ],
  ];
  return formatTable(
    [
      { header: 'measure' },
      { header: 'target', align: 'right' },
      { header: 'measured', align: 'right' },
      { header: 'met' },
      { header: 'what it is' },
    ],
    rows,
  );
}
