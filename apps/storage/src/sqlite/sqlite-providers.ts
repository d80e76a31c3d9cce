import type { InjectionToken, OnApplicationShutdown, Provider } from '@nestjs/common';
import { ArticleRepository } from '../articles/article.repository.js';
import { FeedStatusRepository } from '../feeds/feed-status.repository.js';
import { RevisionRepository } from '../revisions/revision.repository.js';
import { SourceRepository } from '../sources/source.repository.js';
import { StatsRepository } from '../stats/stats.repository.js';
import { ArticleTopicsRepository } from '../stream/article-topics.repository.js';
import { TopicRepository } from '../topics/topic.repository.js';
import { SqliteArticleRepository } from './sqlite-article.repository.js';
import { openSqliteDatabase, type SqliteDatabase } from './sqlite-database.js';
import { SqliteFeedStatusRepository } from './sqlite-feed-status.repository.js';
import { SqliteRevisionRepository } from './sqlite-revision.repository.js';
import { SqliteSourceRepository } from './sqlite-source.repository.js';
import { SqliteStatsRepository } from './sqlite-stats.repository.js';
import { SqliteArticleTopicsRepository, SqliteTopicRepository } from './sqlite-topic.repository.js';

/** The open SQLite file, closed (WAL checkpointed) when the application shuts down. */
export class SqliteStore implements OnApplicationShutdown {
  readonly db: SqliteDatabase;

  constructor(readonly path: string) {
    this.db = openSqliteDatabase(path);
  }

  onApplicationShutdown(): void {
    // A batch still arriving after this fails and is redelivered: its offsets were not committed.
    if (this.db.open) this.db.close();
  }
}

/**
 * The repositories on the embedded store, under the PostgreSQL repositories' tokens: the
 * controllers, writers and services inject them unchanged (same public methods, structurally
 * typed; each SQLite class declares the Pick of its PostgreSQL twin it implements).
 */
export function sqliteRepositoryProviders(path: string): Provider[] {
  const repositories: [InjectionToken, (db: SqliteDatabase) => unknown][] = [
    [ArticleRepository, (db) => new SqliteArticleRepository(db)],
    [RevisionRepository, (db) => new SqliteRevisionRepository(db)],
    [SourceRepository, (db) => new SqliteSourceRepository(db)],
    [FeedStatusRepository, (db) => new SqliteFeedStatusRepository(db)],
    [TopicRepository, (db) => new SqliteTopicRepository(db)],
    [ArticleTopicsRepository, (db) => new SqliteArticleTopicsRepository(db)],
    [StatsRepository, (db) => new SqliteStatsRepository(db)],
  ];
  return [
    { provide: SqliteStore, useFactory: () => new SqliteStore(path) },
    ...repositories.map(([token, make]) => ({
      provide: token,
      useFactory: (store: SqliteStore) => make(store.db),
      inject: [SqliteStore],
    })),
  ];
}
