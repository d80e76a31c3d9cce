import '@fontsource/vazirmatn/400.css';
import '@fontsource/vazirmatn/700.css';
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import {
  articleTime,
  getJson,
  type ArticlePage,
  type FeedHealthList,
  type ListedArticle,
  type SourceSummary,
  type Stats,
  type TopicCount,
  type TopicList,
  type TopicSeries,
  type TrendingTopic,
} from './api.js';
import { byId, fill, h } from './dom.js';
import {
  EMPTY,
  feedLabel,
  formatClock,
  formatCount,
  formatDateTime,
  formatDuration,
  formatRelative,
  safeHttpUrl,
  searchableQuery,
} from './format.js';
import { IngestionChart } from './ingestion-chart.js';
import { sparkline } from './sparkline.js';

const LIVE_LIMIT = 40;
const TOPICS_SHOWN = 10;
/** Rows of the sources and feeds tables (they scroll in their panels); the rest are summed up in a last row. */
const TABLE_ROWS = 500;

function moreRow(hidden: number, columns: number, noun: string): HTMLElement | null {
  if (hidden <= 0) return null;
  return h(
    'tr',
    { class: 'more' },
    h('td', { text: `و ${formatCount(hidden)} ${noun} دیگر`, attrs: { colspan: String(columns) } }),
  );
}

/** Runs `task` now and every `ms`; a failure shows in its panel and the next round tries again. */
function every(ms: number, task: () => Promise<void>): void {
  const run = () => void task().catch(() => undefined);
  run();
  setInterval(run, ms);
}

function errorNote(message: string): HTMLElement {
  return h('p', { class: 'panel-error', text: message });
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A time element kept current by refreshTimes(). */
function timeAgo(iso: string | null | undefined): HTMLElement {
  const element = h('time', {
    class: 'ago',
    text: formatRelative(iso, new Date()),
    title: formatDateTime(iso),
  });
  if (iso) element.dataset.t = iso;
  return element;
}

function refreshTimes(): void {
  const now = new Date();
  for (const element of document.querySelectorAll<HTMLElement>('time.ago[data-t]')) {
    element.textContent = formatRelative(element.dataset.t, now);
  }
}

function stamp(): void {
  byId('updated-at').textContent = `به‌روز: ${formatClock(new Date())}`;
}

// ── ingestion, latency, dead letters ───────────────────────────────────────────────────────────

const chart = new IngestionChart(byId('ingestion-chart'));
let lastStats: Stats | undefined;

function showChart(): void {
  if (!lastStats) return;
  const hourly = byId('range-hour').classList.contains('active');
  chart.show(hourly ? lastStats.ingestion.perHour : lastStats.ingestion.perMinute, hourly);
}

async function refreshStats(): Promise<void> {
  try {
    const stats = await getJson<Stats>('/stats');
    lastStats = stats;
    byId('kpi-minute').textContent = formatCount(stats.ingestion.lastMinute);
    byId('kpi-hour').textContent = formatCount(stats.ingestion.lastHour);
    byId('kpi-p50').textContent = formatDuration(stats.latency.p50Ms);
    byId('kpi-p95').textContent = formatDuration(stats.latency.p95Ms);
    byId('kpi-p99').textContent = formatDuration(stats.latency.p99Ms);
    byId('kpi-latency-count').textContent = `از ${formatCount(stats.latency.count)} خبر`;
    const dlq = Object.entries(stats.deadLetters);
    const known = dlq.map(([, n]) => n).filter((n): n is number => n !== null);
    const total = known.reduce((sum, n) => sum + n, 0);
    const dlqValue = byId('kpi-dlq');
    dlqValue.textContent = known.length ? formatCount(total) : EMPTY;
    dlqValue.classList.toggle('bad', total > 0);
    byId('kpi-dlq-detail').textContent = dlq
      .map(([topic, n]) => `${topic.replace(/^news\./, '').replace(/\.v1\.dlq$/, '')}: ${formatCount(n)}`)
      .join(' · ');
    byId('kpi-dlq-detail').title = dlq.map(([topic, n]) => `${topic}: ${n ?? 'نامعلوم'}`).join('\n');
    showChart();
    stamp();
  } catch (error) {
    fill(byId('ingestion-chart'), errorNote(`آمار در دسترس نیست: ${reason(error)}`));
    throw error;
  }
}

for (const [id, other] of [
  ['range-minute', 'range-hour'],
  ['range-hour', 'range-minute'],
] as const) {
  byId(id).addEventListener('click', () => {
    byId(id).classList.add('active');
    byId(other).classList.remove('active');
    showChart();
  });
}

// ── topics ─────────────────────────────────────────────────────────────────────────────────────

function topicRow(topic: TopicCount, detail: string, spark: HTMLElement): HTMLElement {
  const name = h('button', {
    class: 'topic-name',
    text: topic.name,
    title: 'خبرهای این موضوع',
    attrs: { type: 'button', dir: 'auto' },
  });
  name.addEventListener('click', () => void showTopic(topic));
  return h(
    'li',
    { class: 'topic' },
    name,
    spark,
    h('span', { class: 'topic-count num', text: formatCount(topic.count) }),
    h('span', { class: 'topic-detail muted', text: detail }),
  );
}

async function fillSparkline(slot: HTMLElement, topic: TopicCount, from: string, to: string): Promise<void> {
  try {
    const series = await getJson<TopicSeries>(`/topics/${encodeURIComponent(topic.key)}/timeseries`, {
      bucket: 'hour',
      from,
      to,
    });
    fill(
      slot,
      sparkline(
        series.points.map((p) => p.count),
        `${topic.name}: ۲۴ ساعت اخیر`,
      ),
    );
  } catch {
    fill(slot, h('span', { class: 'muted', text: EMPTY }));
  }
}

async function refreshTopics(): Promise<void> {
  const now = Date.now();
  const hour = 3_600_000;
  const to = new Date(Math.ceil(now / hour) * hour).toISOString();
  const from = new Date(Math.ceil(now / hour) * hour - 24 * hour).toISOString();
  const sparks: Promise<void>[] = [];
  const render = async <T extends TopicCount>(
    listId: string,
    path: string,
    window: string,
    detail: (t: T) => string,
  ): Promise<void> => {
    const list = byId(listId);
    try {
      const topics = await getJson<TopicList<T>>(path, { window, limit: String(TOPICS_SHOWN) });
      if (topics.items.length === 0) {
        fill(list, h('li', { class: 'empty', text: 'هنوز موضوعی نیست' }));
        return;
      }
      fill(
        list,
        ...topics.items.map((topic) => {
          const slot = h('span', { class: 'spark-slot' });
          sparks.push(fillSparkline(slot, topic, from, to));
          return topicRow(topic, detail(topic), slot);
        }),
      );
    } catch (error) {
      fill(list, h('li', {}, errorNote(`موضوع‌ها در دسترس نیست: ${reason(error)}`)));
    }
  };
  await Promise.all([
    render<TopicCount>('top-topics', '/topics', '24h', () => ''),
    render<TrendingTopic>(
      'trending-topics',
      '/topics/trending',
      '6h',
      (t) =>
        `امتیاز ${formatCount(Math.round(t.zScore * 10) / 10)} · میانگین ${formatCount(Math.round(t.baseline * 10) / 10)}`,
    ),
  ]);
  await Promise.all(sparks);
}

// ── sources and feeds ──────────────────────────────────────────────────────────────────────────

async function refreshSources(): Promise<void> {
  const body = byId('sources');
  try {
    const { items } = await getJson<{ items: SourceSummary[] }>('/sources');
    const sorted = [...items].sort((a, b) => b.articleCount - a.articleCount);
    const max = Math.max(1, ...sorted.map((s) => s.articleCount));
    byId('sources-total').textContent = `${formatCount(items.length)} منبع`;
    fill(
      body,
      ...sorted.slice(0, TABLE_ROWS).map((source) => {
        const bar = h('span', { class: 'bar' });
        bar.style.inlineSize = `${Math.round((source.articleCount / max) * 100)}%`; // CSSOM, allowed by the CSP
        return h(
          'tr',
          {},
          h(
            'td',
            {},
            h('span', { class: 'source-name', text: source.name }),
            h('span', { class: 'muted small', text: ` ${source.domain}` }),
          ),
          h('td', { class: 'num' }, h('span', { class: 'bar-track' }, bar), formatCount(source.articleCount)),
          h('td', {}, timeAgo(source.lastArticleAt)),
        );
      }),
      moreRow(sorted.length - TABLE_ROWS, 3, 'منبع'),
    );
    if (sorted.length === 0)
      fill(body, h('tr', {}, h('td', { class: 'empty', text: 'هنوز منبعی نیست', attrs: { colspan: '3' } })));
  } catch (error) {
    fill(body, h('tr', {}, h('td', { attrs: { colspan: '3' } }, errorNote(reason(error)))));
    throw error;
  }
}

async function refreshFeeds(): Promise<void> {
  const body = byId('feeds');
  try {
    const { items, summary } = await getJson<FeedHealthList>('/feeds/health');
    byId('feeds-summary').textContent =
      `${formatCount(summary.healthy)} سالم · ${formatCount(summary.failing)} ناموفق از ${formatCount(summary.total)}`;
    fill(
      body,
      ...items.slice(0, TABLE_ROWS).map((feed) =>
        h(
          'tr',
          { class: feed.status === 'failing' ? 'row-bad' : '' },
          h('td', { class: 'feed-url', title: feed.feedUrl, text: feedLabel(feed.feedUrl) }),
          h(
            'td',
            {},
            h('span', {
              class: `pill ${feed.status === 'failing' ? 'pill-bad' : 'pill-good'}`,
              text: feed.status === 'failing' ? `ناموفق ×${formatCount(feed.consecutiveFailures)}` : 'سالم',
            }),
          ),
          h('td', {}, timeAgo(feed.lastSuccessAt)),
          h(
            'td',
            { class: 'feed-error' },
            feed.lastError
              ? h('span', {
                  class: 'error-text',
                  text: feed.lastError,
                  attrs: { dir: 'auto' }, // mostly English, from HTTP and the parser
                  title: `${feed.lastError}\n${formatDateTime(feed.lastErrorAt)}`,
                })
              : h('span', { class: 'muted', text: EMPTY }),
          ),
        ),
      ),
      moreRow(items.length - TABLE_ROWS, 4, 'خوراک'), // failing feeds come first, so none is hidden behind healthy ones
    );
    if (items.length === 0)
      fill(
        body,
        h('tr', {}, h('td', { class: 'empty', text: 'هنوز خوراکی گزارش نشده', attrs: { colspan: '4' } })),
      );
  } catch (error) {
    fill(body, h('tr', {}, h('td', { attrs: { colspan: '4' } }, errorNote(reason(error)))));
    throw error;
  }
}

// ── articles: live list and search ─────────────────────────────────────────────────────────────

function articleItem(article: ListedArticle, fresh = false): HTMLElement {
  const href = safeHttpUrl(article.url);
  const topics = article.topics?.map((t) => t.name) ?? article.tags ?? [];
  return h(
    'li',
    { class: fresh ? 'article fresh' : 'article', attrs: { 'data-id': article.id } },
    h(
      'div',
      { class: 'article-meta' },
      h('span', { class: 'source-tag', text: article.source.name }),
      timeAgo(articleTime(article)),
    ),
    article.kicker ? h('div', { class: 'kicker', text: article.kicker }) : null,
    href
      ? h('a', {
          class: 'article-title',
          text: article.title,
          attrs: { href, target: '_blank', rel: 'noopener noreferrer', dir: 'auto' },
        })
      : h('span', { class: 'article-title', text: article.title, attrs: { dir: 'auto' } }),
    article.lead ? h('p', { class: 'lead', text: article.lead, attrs: { dir: 'auto' } }) : null,
    topics.length
      ? h('div', { class: 'chips' }, ...topics.slice(0, 5).map((t) => h('span', { class: 'chip', text: t })))
      : null,
  );
}

let searching = false;
const live: ListedArticle[] = [];

function showLive(): void {
  if (searching) return;
  const list = byId('articles');
  fill(list, ...live.map((a) => articleItem(a)));
  if (live.length === 0) fill(list, h('li', { class: 'empty', text: 'هنوز خبری ذخیره نشده' }));
}

function addLive(article: ListedArticle, fresh: boolean): void {
  const existing = live.findIndex((a) => a.id === article.id);
  if (existing >= 0) live.splice(existing, 1);
  live.unshift(article);
  live.length = Math.min(live.length, LIVE_LIMIT);
  if (searching) return;
  const list = byId('articles');
  list.querySelector(`[data-id="${CSS.escape(article.id)}"]`)?.remove();
  list.querySelector('.empty')?.remove();
  list.prepend(articleItem(article, fresh));
  while (list.children.length > LIVE_LIMIT) list.lastElementChild?.remove();
}

async function loadLatest(): Promise<void> {
  try {
    const page = await getJson<ArticlePage>('/articles', { limit: '20', view: 'summary' });
    live.length = 0;
    live.push(...page.items);
    showLive();
  } catch (error) {
    if (!searching) fill(byId('articles'), h('li', {}, errorNote(`خبرها در دسترس نیست: ${reason(error)}`)));
  }
}

function connectLive(): void {
  const status = byId('live-status');
  const source = new EventSource('/articles/stream');
  let dropped = false;
  source.addEventListener('open', () => {
    status.textContent = 'زنده';
    status.className = 'pill pill-good';
    if (dropped) void loadLatest(); // what arrived while disconnected
    dropped = false;
  });
  source.addEventListener('error', () => {
    status.textContent = 'قطع · تلاش دوباره';
    status.className = 'pill pill-bad';
    dropped = true;
  });
  source.addEventListener('article', (event) => {
    addLive(JSON.parse((event as MessageEvent<string>).data) as ListedArticle, true);
    stamp();
  });
}

/** Shows the articles of a query (search or topic) in place of the live list, until cleared. */
async function showQuery(title: string, label: string, params: Record<string, string>): Promise<void> {
  const status = byId('search-status');
  const list = byId('articles');
  searching = true;
  byId('articles-title').textContent = title;
  byId('search-clear').hidden = false;
  status.hidden = false;
  status.textContent = 'در حال جست‌وجو…';
  try {
    const page = await getJson<ArticlePage>('/articles', { ...params, limit: '20', view: 'summary' });
    status.textContent = page.items.length
      ? `${formatCount(page.items.length)}${page.nextCursor ? '+' : ''} خبر برای «${label}»`
      : `خبری برای «${label}» پیدا نشد.`;
    fill(list, ...page.items.map((a) => articleItem(a)));
  } catch (error) {
    status.textContent = `جست‌وجو ناموفق بود: ${reason(error)}`;
    fill(list);
  }
}

async function search(text: string): Promise<void> {
  const q = searchableQuery(text);
  if (!q) {
    const status = byId('search-status');
    status.hidden = false;
    status.textContent = 'دست‌کم دو حرف یا رقم، و حداکثر ۲۰۰ نویسه بنویسید.';
    return;
  }
  await showQuery('نتیجهٔ جست‌وجو', q, { q });
}

async function showTopic(topic: TopicCount): Promise<void> {
  await showQuery('خبرهای موضوع', topic.name, { topic: topic.key });
}

byId<HTMLFormElement>('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void search(byId<HTMLInputElement>('search-input').value);
});

byId('search-clear').addEventListener('click', () => {
  searching = false;
  byId<HTMLInputElement>('search-input').value = '';
  byId('articles-title').textContent = 'تازه‌ترین خبرها';
  byId('search-clear').hidden = true;
  byId('search-status').hidden = true;
  showLive();
});

// ── start ──────────────────────────────────────────────────────────────────────────────────────

connectLive();
void loadLatest();
every(10_000, refreshStats);
every(30_000, refreshSources);
every(30_000, refreshFeeds);
every(60_000, refreshTopics);
setInterval(refreshTimes, 30_000);
