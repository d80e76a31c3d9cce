import type { Admin, Kafka } from 'kafkajs';

async function withAdmin<T>(kafka: Kafka, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

const RETRIES = 8;

/**
 * The work, again after a growing pause while it fails with an error the broker calls retriable:
 * kafkajs's admin does not retry "not the leader for that topic-partition", which a broker that
 * has just started answers until it has taken its partitions' leadership back.
 */
async function retrying<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt > RETRIES || (error as { retriable?: boolean }).retriable !== true) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}

/**
 * Places a new consumer group at the end of each topic, so the services under
 * benchmark read only what this run produces, not what earlier runs left on
 * the shared broker.
 */
export async function startGroupAtEnd(kafka: Kafka, groupId: string, topics: string[]): Promise<void> {
  await withAdmin(kafka, async (admin) => {
    for (const topic of topics) {
      const offsets = await retrying(() => admin.fetchTopicOffsets(topic));
      await admin.setOffsets({
        groupId,
        topic,
        partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })),
      });
    }
  });
}

/**
 * Consumer groups with live members other than ours. The broker is shared: a
 * parser of someone else's test or `npm start` would also receive (and store)
 * every page this benchmark produces, and compete with it for the CPU.
 */
export async function otherActiveGroups(kafka: Kafka, ours: readonly string[]): Promise<string[]> {
  return withAdmin(kafka, async (admin) => {
    const { groups } = await admin.listGroups();
    const ids = groups.map((g) => g.groupId).filter((id) => !ours.includes(id));
    if (ids.length === 0) return [];
    const described = await admin.describeGroups(ids);
    return described.groups.filter((g) => g.members.length > 0).map((g) => g.groupId);
  });
}

export interface CommitLag {
  /** Messages up to the topic's end that the group has not committed: what a restart would read again. */
  uncommitted: number;
  partitions: number;
}

/** How far a group's committed offsets trail the end of a topic. */
export async function commitLag(kafka: Kafka, groupId: string, topic: string): Promise<CommitLag> {
  return withAdmin(kafka, async (admin) => {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const committedBy = new Map((committed?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
    let uncommitted = 0;
    for (const end of ends) {
      const at = committedBy.get(end.partition) ?? -1;
      uncommitted += Number(end.high) - (at >= 0 ? at : Number(end.low));
    }
    return { uncommitted, partitions: ends.length };
  });
}
