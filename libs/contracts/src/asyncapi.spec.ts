import { beforeAll, describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { DiagnosticSeverity, fromFile, Parser, type AsyncAPIDocumentInterface } from '@asyncapi/parser';
import { PIPELINE_TOPICS } from '@news/messaging';
import { schemaIdOf } from './json-schemas.js';
import { DEAD_LETTER_SOURCE_TOPICS, deadLetterTopic, EVENT_TYPES, TOPICS, type TopicName } from './topics.js';

const ASYNCAPI = fileURLToPath(new URL('../../../docs/asyncapi.yaml', import.meta.url));

describe('docs/asyncapi.yaml', () => {
  let document: AsyncAPIDocumentInterface;
  let problems: string[];

  beforeAll(async () => {
    const result = await fromFile(new Parser(), ASYNCAPI).parse();
    problems = result.diagnostics
      .filter((d) => d.severity === DiagnosticSeverity.Error)
      .map((d) => `${d.path.join('.')}: ${d.message}`);
    if (result.document) document = result.document;
  });

  const channel = (address: string) =>
    document
      .channels()
      .all()
      .find((c) => c.address() === address);

  it('is an AsyncAPI 3.0 document the parser accepts without errors', () => {
    expect(problems).toEqual([]);
    expect(document.version()).toBe('3.0.0');
  });

  it('has every topic and dead-letter topic of the pipeline, with its partitions and retention', () => {
    const addresses = document
      .channels()
      .all()
      .map((c) => c.address());
    expect(addresses.sort()).toEqual(PIPELINE_TOPICS.map((t) => t.topic).sort());
    for (const topic of [...Object.values(TOPICS), ...DEAD_LETTER_SOURCE_TOPICS.map(deadLetterTopic)]) {
      expect(addresses).toContain(topic);
    }
    for (const spec of PIPELINE_TOPICS) {
      const kafka = channel(spec.topic)?.bindings().get('kafka')?.value() as {
        partitions: number;
        topicConfiguration: Record<string, unknown>;
      };
      expect([spec.topic, kafka.partitions]).toEqual([spec.topic, spec.numPartitions]);
      for (const [name, value] of Object.entries(spec.config ?? {})) {
        expect([spec.topic, name, kafka.topicConfiguration[name]]).toEqual([spec.topic, name, Number(value)]);
      }
    }
  });

  it("gives each event its key, CloudEvents headers and payload from the topic's generated schemas", () => {
    for (const topic of Object.values(TOPICS) as TopicName[]) {
      const messages = channel(topic)?.messages().all() ?? [];
      expect(messages).toHaveLength(1);
      const [message] = messages;
      const payload = message.payload()?.json() as { $id?: string };
      const headers = message.headers()?.json() as {
        $id?: string;
        properties: Record<string, { const?: string }>;
      };
      expect([topic, payload.$id]).toEqual([topic, schemaIdOf(`${topic}.schema.json`)]);
      expect([topic, headers.$id]).toEqual([topic, schemaIdOf(`${topic}.headers.schema.json`)]);
      expect(headers.properties.ce_type.const).toBe(EVENT_TYPES[topic]);
      expect(message.bindings().get('kafka')?.value().key).toMatchObject({ type: 'string' });
    }
    for (const source of DEAD_LETTER_SOURCE_TOPICS) {
      const [message] = channel(deadLetterTopic(source))?.messages().all() ?? [];
      const headers = message.headers()?.json() as { $id?: string; properties: Record<string, object> };
      expect(headers.$id).toBe(schemaIdOf(`${deadLetterTopic(source)}.headers.schema.json`));
      expect(headers.properties.dlq_source_topic).toMatchObject({ const: source });
    }
  });

  it('says which service sends to and which receives from each topic', () => {
    const roles: Record<string, { send: string[]; receive: string[] }> = {};
    for (const operation of document.operations().all()) {
      const services = operation
        .tags()
        .all()
        .map((t) => t.name());
      expect(services).toHaveLength(1);
      for (const c of operation.channels().all()) {
        roles[c.address() ?? '?'] ??= { send: [], receive: [] };
        roles[c.address() ?? '?'][operation.isSend() ? 'send' : 'receive'].push(...services);
      }
    }
    expect(roles).toEqual({
      'news.raw-articles.v1': { send: ['fetcher'], receive: ['parser'] },
      'news.articles.v1': { send: ['parser'], receive: ['storage'] },
      'news.feed-status.v1': { send: ['fetcher'], receive: ['storage'] },
      'news.raw-articles.v1.dlq': { send: ['parser'], receive: ['cli'] },
      'news.articles.v1.dlq': { send: ['storage'], receive: ['cli'] },
    });
  });
});
