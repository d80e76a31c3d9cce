import type { Consumer } from 'kafkajs';
import { Gauge, type Registry } from 'prom-client';

/**
 * Consumer lag per topic and partition, as kafkajs reports it after each
 * batch: how far the service is behind what has been produced. One gauge for
 * all of a service's consumers (storage has two), since a metric name can be
 * registered only once.
 */
export function trackConsumerLag(
  consumers: Consumer | Consumer[],
  registry: Registry,
  service: string,
): void {
  const lag = new Gauge({
    name: `news_${service}_consumer_lag`,
    help: `${service}: messages behind the end of each partition`,
    labelNames: ['topic', 'partition'],
    registers: [registry],
  });
  for (const consumer of [consumers].flat()) {
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      lag.set({ topic: payload.topic, partition: String(payload.partition) }, Number(payload.offsetLag));
    });
  }
}
