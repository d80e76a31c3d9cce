import type { Consumer } from 'kafkajs';
import { Gauge, type Registry } from 'prom-client';

/**
 * Consumer lag per topic and partition, as kafkajs reports it after each
 * batch: how far the service is behind what has been produced.
 */
export function trackConsumerLag(consumer: Consumer, registry: Registry, service: string): void {
  const lag = new Gauge({
    name: `news_${service}_consumer_lag`,
    help: `${service}: messages behind the end of each partition`,
    labelNames: ['topic', 'partition'],
    registers: [registry],
  });
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    lag.set({ topic: payload.topic, partition: String(payload.partition) }, Number(payload.offsetLag));
  });
}
