import { afterAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { POSTGRES_URL, uniqueName } from '../../../test/support/env.js';
import { groupCaughtUp, kafka, produceRaw } from '../../../test/support/kafka.js';
import { waitFor } from '../../../test/support/wait.js';
import { consumeBatches } from '../src/batch-consumer.js';

// The broker's smallest session timeout (group.min.session.timeout.ms): the member is removed
// from the group when it has not heartbeated for this long.
const SESSION_TIMEOUT_MS = 6000;
// The first batch's write waits on the real database for half as long again.
const SLOW_WRITE_SECONDS = 9;

describe('a batch slower than the session timeout', () => {
  const topic = uniqueName('slow-batch');
  const groupId = uniqueName('slow-batch-group');
  const consumer = kafka.consumer({ groupId, sessionTimeout: SESSION_TIMEOUT_MS, heartbeatInterval: 1000 });
  const database = new pg.Client({ connectionString: `${POSTGRES_URL}/postgres` });

  // Its topic stays on the broker, one partition, like the groups other tests leave.
  afterAll(async () => {
    await consumer.disconnect();
    await database.end();
  }, 60_000);

  it('is handled once, by a member that stays in the group, and its offsets committed', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
    await database.connect();
    await produceRaw(
      topic,
      ['a', 'b', 'c'].map((key) => ({ key, value: key })),
    );

    let joins = 0;
    consumer.on(consumer.events.GROUP_JOIN, () => joins++);
    const handled: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumeBatches(consumer, async (messages) => {
      if (handled.length === 0) await database.query('SELECT pg_sleep($1)', [SLOW_WRITE_SECONDS]);
      handled.push(...messages.map((m) => String(m.key)));
    });

    await waitFor('the group to commit the whole topic', async () =>
      (await groupCaughtUp(groupId, topic)) ? true : undefined,
    );
    expect(handled).toEqual(['a', 'b', 'c']);
    expect(joins).toBe(1);
  }, 60_000);
});
