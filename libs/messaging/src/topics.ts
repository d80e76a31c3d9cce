import { deadLetterTopic, TOPICS } from '@news/contracts';
import kafkajs, { type Admin, type ITopicConfig, type Kafka } from 'kafkajs';

// kafkajs is CommonJS and Node's ESM loader does not see this export by name.
const { ConfigResourceTypes } = kafkajs;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface TopicSpec {
  topic: string;
  numPartitions: number;
  /** Kafka topic-level configs, e.g. retention.ms. */
  config?: Record<string, string>;
}

/**
 * The topics of the pipeline with explicit partition counts. Raw pages can be
 * up to the fetcher's 5 MB limit, so that topic accepts large messages; it is
 * kept long (30 days) so that a better parser can replay history.
 */
export const PIPELINE_TOPICS: readonly TopicSpec[] = [
  {
    topic: TOPICS.rawArticles,
    numPartitions: 6,
    config: { 'retention.ms': String(30 * DAY_MS), 'max.message.bytes': String(10 * 1024 * 1024) },
  },
  { topic: TOPICS.articles, numPartitions: 6, config: { 'retention.ms': String(30 * DAY_MS) } },
  { topic: TOPICS.feedStatus, numPartitions: 3, config: { 'retention.ms': String(7 * DAY_MS) } },
  {
    topic: deadLetterTopic(TOPICS.rawArticles),
    numPartitions: 1,
    config: { 'retention.ms': String(30 * DAY_MS), 'max.message.bytes': String(10 * 1024 * 1024) },
  },
  {
    topic: deadLetterTopic(TOPICS.articles),
    numPartitions: 1,
    config: { 'retention.ms': String(30 * DAY_MS) },
  },
];

/** Creates the topics that do not exist yet; existing ones are left as they are. */
export async function ensureTopics(
  admin: Admin,
  specs: readonly TopicSpec[] = PIPELINE_TOPICS,
): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing: ITopicConfig[] = specs
    .filter((s) => !existing.has(s.topic))
    .map((s) => ({
      topic: s.topic,
      numPartitions: s.numPartitions,
      replicationFactor: -1, // the broker's default, so the same code fits one node and a cluster
      configEntries: Object.entries(s.config ?? {}).map(([name, value]) => ({ name, value })),
    }));
  if (missing.length === 0) return;
  try {
    await admin.createTopics({ topics: missing, waitForLeaders: true });
  } catch (error) {
    // Another service may have created the same topics a moment ago: only a topic still missing is an error.
    const now = new Set(await admin.listTopics());
    if (missing.some((t) => !now.has(t.topic))) throw error;
  }
}

/** Creates the pipeline's topics through a short-lived admin connection. */
export async function ensurePipelineTopics(kafka: Kafka): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(admin);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Sets topic-level configs (retention, cleanup policy) on a topic that may
 * already exist: whichever service started first created it with defaults.
 */
export async function setTopicConfig(
  kafka: Kafka,
  topic: string,
  config: Record<string, string>,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: topic,
          configEntries: Object.entries(config).map(([name, value]) => ({ name, value })),
        },
      ],
    });
  } finally {
    await admin.disconnect();
  }
}

export const daysInMs = (days: number): string => String(days * DAY_MS);
