import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `column` with Arabic ي, ى and ك written as Persian ی and ک (toPersianLetters), in PostgreSQL and SQLite alike. */
const persianLetters = (column: string) =>
  `replace(replace(replace(${column}, 'ي', 'ی'), 'ى', 'ی'), 'ك', 'ک')`;

/**
 * Renames the topics stored before a Persian article's topic names were spelled with Persian ی and
 * ک (`topicName` in @news/topics): a topic whose newest article is Persian gets the name that
 * article would give it now. New articles would rename a topic only when it is seen again, and a
 * topic of last month keeps its name in a 90-day timeseries. The same statement runs on SQLite.
 */
export const RESPELL_PERSIAN_TOPIC_NAMES = `
  UPDATE topics SET name = ${persianLetters('name')}
  WHERE name <> ${persianLetters('name')}
    AND (SELECT a.language FROM article_topics t JOIN articles a ON a.id = t.article_id
         WHERE t.topic_key = topics.key ORDER BY t.sort_at DESC LIMIT 1) = 'fa'`;

export class RespellTopicNames1765094400000 implements MigrationInterface {
  name = 'RespellTopicNames1765094400000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(RESPELL_PERSIAN_TOPIC_NAMES);
  }

  async down(): Promise<void> {
    // The spelling each article had is not kept; the Persian one is as good a name.
  }
}
