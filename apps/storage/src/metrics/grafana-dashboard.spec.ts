import { describe, expect, it } from '@jest/globals';
import { httpRequestMetrics, ProgressCounters, trackConsumerLag } from '@news/observability';
import type { Consumer } from 'kafkajs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { parse } from 'yaml';
import { FETCHER_COUNTERS } from '../../../fetcher/src/polling/fetcher-counters.js';
import { FetcherMetrics } from '../../../fetcher/src/polling/fetcher-metrics.js';
import { PARSER_COUNTERS } from '../../../parser/src/article-parser.service.js';
import { ParserMetrics } from '../../../parser/src/parser-metrics.js';
import { STORAGE_COUNTERS } from '../articles/article-writer.js';
import { StorageMetrics } from './storage-metrics.js';

/**
 * The Grafana dashboard and the Prometheus alert rules under deploy/ name metrics by string; a
 * renamed metric would leave a panel empty or an alert that never fires, silently. So every
 * `news_…` name they use must be one the services register, collected here by building each
 * service's metrics the way its module does.
 */

const DEPLOY = join(process.cwd(), 'deploy');

/** A consumer as far as trackConsumerLag needs one: it only subscribes to an event. */
const consumerStub = { events: { END_BATCH_PROCESS: 'consumer.end_batch_process' }, on: () => () => {} };

async function registeredMetrics(): Promise<Map<string, string>> {
  const parser = new ParserMetrics();
  trackConsumerLag(consumerStub as unknown as Consumer, parser.registry, 'parser');
  const storage = new StorageMetrics();
  trackConsumerLag([consumerStub, consumerStub] as unknown as Consumer[], storage.registry, 'storage');
  httpRequestMetrics(storage.registry, 'storage');
  const fetcher = new Registry();
  new FetcherMetrics(fetcher, { countDue: async () => 0 });
  httpRequestMetrics(fetcher, 'fetcher');
  const registries = [
    storage.registry,
    new ProgressCounters('storage', STORAGE_COUNTERS).registry,
    parser.registry,
    new ProgressCounters('parser', PARSER_COUNTERS).registry,
    fetcher,
    new ProgressCounters('fetcher', FETCHER_COUNTERS).registry,
  ];
  const types = new Map<string, string>();
  for (const registry of registries)
    for (const metric of await registry.getMetricsAsJSON()) types.set(metric.name, String(metric.type));
  return types;
}

/** The series names an expression reads; a histogram's _bucket/_sum/_count map to the histogram. */
function metricNames(expression: string, registered: Map<string, string>): string[] {
  return [...expression.matchAll(/\bnews_[a-z0-9_]+/g)].map(([name]) => {
    const base = name.replace(/_(bucket|sum|count)$/, '');
    return base !== name && registered.get(base) === 'histogram' ? base : name;
  });
}

interface Panel {
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  targets?: { expr: string; datasource?: { uid: string } }[];
  panels?: Panel[];
}

function dashboard(): { schemaVersion: number; panels: Panel[]; templating: { list: { name: string }[] } } {
  return JSON.parse(readFileSync(join(DEPLOY, 'grafana', 'news-ingestion.json'), 'utf8'));
}

const allPanels = (panels: Panel[]): Panel[] => panels.flatMap((p) => [p, ...allPanels(p.panels ?? [])]);

function alertExpressions(): { alert: string; expr: string }[] {
  const rules = parse(readFileSync(join(DEPLOY, 'prometheus', 'alerts.yml'), 'utf8')) as {
    groups: { rules: { alert: string; expr: string }[] }[];
  };
  return rules.groups.flatMap((g) => g.rules);
}

describe('deploy/grafana/news-ingestion.json', () => {
  it('reads only metrics the services register', async () => {
    const registered = await registeredMetrics();
    const queried = allPanels(dashboard().panels).flatMap((panel) =>
      (panel.targets ?? []).flatMap((t) =>
        metricNames(t.expr, registered).map((name) => ({ panel: panel.title, name })),
      ),
    );
    expect(queried.length).toBeGreaterThan(20);
    expect(queried.filter(({ name }) => !registered.has(name))).toEqual([]);
  });

  it('has a panel on each of the issue’s subjects', async () => {
    const registered = await registeredMetrics();
    const used = new Set(
      allPanels(dashboard().panels).flatMap((p) =>
        (p.targets ?? []).flatMap((t) => metricNames(t.expr, registered)),
      ),
    );
    for (const name of [
      'news_storage_articles_stored_total',
      'news_storage_fetch_to_store_seconds',
      'news_parser_consumer_lag',
      'news_storage_consumer_lag',
      'news_storage_messages_processed_total',
      'news_storage_messages_failed_total',
      'news_storage_batch_size',
      'news_storage_db_write_duration_seconds',
      'news_fetcher_polls_total',
      'news_fetcher_feeds_due',
      'news_parser_articles_parsed_total',
    ])
      expect(used).toContain(name);
  });

  it('queries the Prometheus chosen by its DS_PROMETHEUS variable', () => {
    const board = dashboard();
    expect(board.schemaVersion).toBe(39);
    expect(board.templating.list.map((v) => v.name)).toContain('DS_PROMETHEUS');
    const queried = allPanels(board.panels).filter((p) => p.type !== 'row');
    expect(queried.length).toBeGreaterThan(0);
    for (const panel of queried) {
      expect(panel.datasource?.uid).toBe('${DS_PROMETHEUS}');
      for (const target of panel.targets ?? []) expect(target.datasource?.uid).toBe('${DS_PROMETHEUS}');
    }
  });
});

describe('deploy/prometheus', () => {
  it('alerts only on metrics the services register', async () => {
    const registered = await registeredMetrics();
    const alerts = alertExpressions();
    expect(alerts.length).toBeGreaterThan(0);
    const unknown = alerts.flatMap(({ alert, expr }) =>
      metricNames(expr, registered)
        .filter((name) => !registered.has(name))
        .map((name) => ({ alert, name })),
    );
    expect(unknown).toEqual([]);
  });

  it('scrapes the three services on their default ports', () => {
    const config = parse(readFileSync(join(DEPLOY, 'prometheus', 'prometheus.yml'), 'utf8')) as {
      rule_files: string[];
      scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
    };
    const targets = Object.fromEntries(
      config.scrape_configs.map((job) => [job.job_name, job.static_configs.flatMap((s) => s.targets)]),
    );
    expect(targets).toEqual({
      'news-fetcher': ['fetcher:3001'],
      'news-parser': ['parser:3002'],
      'news-storage': ['storage:3000'],
    });
    expect(config.rule_files).toEqual(['alerts.yml']);
  });
});
