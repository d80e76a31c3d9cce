import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `article_revisions` keeps the version of an article that a new contentHash replaced.
 *
 * A row trigger does the copying rather than an `INSERT … SELECT` in the repository, because
 * the trigger sees exactly the row version the upsert replaces: under READ COMMITTED, a
 * concurrent writer (two storage instances during a rebalance) makes `ON CONFLICT DO UPDATE`
 * re-check against the newest committed row, which an earlier SELECT in the same transaction
 * would not have seen, so that version would be lost. It runs inside the batch's transaction,
 * and no second copy of the upsert's "is this newer" condition has to be kept in step: the
 * trigger fires on whatever update changed the hash.
 *
 * The old row is kept whole as JSON (minus the derived search keys), so fields added to the
 * contract later are archived without touching this trigger; what the API lists (revision,
 * hash, parse and store times) has columns of its own.
 */
export class AddArticleRevisions1764489600000 implements MigrationInterface {
  name = 'AddArticleRevisions1764489600000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE article_revisions (
        article_id    text NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        revision      int NOT NULL,
        content_hash  text NOT NULL,
        parsed_at     timestamptz NOT NULL,
        stored_at     timestamptz NOT NULL,
        superseded_at timestamptz NOT NULL DEFAULT now(),
        snapshot      jsonb NOT NULL,
        PRIMARY KEY (article_id, revision)
      )`);
    await runner.query(`
      CREATE FUNCTION archive_article_revision() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- updated_at is when this version was written: at insert it equals stored_at.
        INSERT INTO article_revisions (article_id, revision, content_hash, parsed_at, stored_at, snapshot)
        VALUES (OLD.id, OLD.revision, OLD.content_hash, OLD.parsed_at, OLD.updated_at,
                to_jsonb(OLD) - 'search_text' - 'search_compact');
        RETURN NULL;
      END
      $$`);
    await runner.query(`
      CREATE TRIGGER articles_archive_revision
        AFTER UPDATE ON articles FOR EACH ROW
        WHEN (OLD.content_hash IS DISTINCT FROM NEW.content_hash)
        EXECUTE FUNCTION archive_article_revision()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TRIGGER articles_archive_revision ON articles');
    await runner.query('DROP FUNCTION archive_article_revision()');
    await runner.query('DROP TABLE article_revisions');
  }
}
