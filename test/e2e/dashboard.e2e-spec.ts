import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TOPICS, type FeedStatusEvent } from '@news/contracts';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { articleEvent, sendArticles, startStorage, testSource } from '../../apps/storage/test/storage-app.js';
import { uniqueName } from '../support/env.js';
import { produceRaw } from '../support/kafka.js';
import { waitFor } from '../support/wait.js';

type Storage = Awaited<ReturnType<typeof startStorage>>;

const ZWNJ = '\u200C';
const SCREENSHOT = 'test-results/dashboard.png';
const MINUTE = 60_000;

/**
 * The dashboard in headless Chromium against storage started in this process (no built
 * services needed): the bundle is built into a directory of its own by scripts/build-dashboard.mjs,
 * articles and feed status are seeded through Kafka.
 */
describe('dashboard in headless Chromium', () => {
  let storage: Storage;
  let bundle: string;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const source = testSource('خبرگزاری آزمون');
  const minutesAgo = (n: number) => new Date(Date.now() - n * MINUTE).toISOString();
  const seeded = [
    articleEvent(`dash-1-${source.id}`, {
      source,
      kicker: 'اقتصاد',
      title: `نشست نخست${ZWNJ}وزیر با کارگران درباره دستمزد`,
      lead: `نمایندگان کارگران می${ZWNJ}گویند دستمزد سال آینده باید با تورم هماهنگ شود.`,
      body: 'متن کامل خبر دستمزد',
      tags: ['دستمزد', `نخست${ZWNJ}وزیر`],
      category: 'اقتصادی',
      publishedAt: minutesAgo(30),
      fetchedAt: minutesAgo(29),
    }),
    articleEvent(`dash-2-${source.id}`, {
      source,
      title: `گزارش بازار کار در استان${ZWNJ}ها`,
      lead: 'نرخ بیکاری در فصل گذشته کاهش یافت.',
      body: 'متن گزارش بازار کار',
      tags: ['دستمزد', 'بازار کار'],
      category: 'اقتصادی',
      publishedAt: minutesAgo(20),
      fetchedAt: minutesAgo(19),
    }),
    articleEvent(`dash-3-${source.id}`, {
      source,
      title: 'برگزاری نمایشگاه کتاب تهران',
      lead: 'نمایشگاه از هفته آینده آغاز می‌شود.',
      body: 'متن خبر نمایشگاه کتاب',
      tags: ['کتاب'],
      category: 'فرهنگی',
      publishedAt: minutesAgo(10),
      fetchedAt: minutesAgo(9),
    }),
  ];
  const feedStatus = (
    feedId: string,
    outcome: FeedStatusEvent['outcome'],
    error: string | null,
  ): FeedStatusEvent => ({
    feedId,
    feedUrl: `https://${feedId.replaceAll('_', '-')}.example/rss`,
    outcome,
    httpStatus: outcome === 'error' ? 503 : 200,
    latencyMs: 120,
    newItems: outcome === 'ok' ? 3 : 0,
    error,
    polledAt: new Date().toISOString(),
  });

  beforeAll(async () => {
    bundle = await mkdtemp(join(tmpdir(), 'dashboard-'));
    await promisify(execFile)(process.execPath, ['scripts/build-dashboard.mjs', '--outdir', bundle]);
    storage = await startStorage({ module: { dashboardDir: bundle } });
    await sendArticles(seeded);
    await produceRaw(
      TOPICS.feedStatus,
      [
        feedStatus(uniqueName('feed_ok'), 'ok', null),
        feedStatus(uniqueName('feed_down'), 'error', 'HTTP 503 Service Unavailable'),
      ].map((e) => ({ key: e.feedId, value: JSON.stringify(e) })),
    );
    for (const event of seeded) {
      await waitFor(`article ${event.id}`, async () =>
        (await storage.get(`/articles/${event.id}`)).status === 200 ? true : undefined,
      );
    }
    await waitFor('the feeds', async () =>
      (await storage.get<{ summary: { failing: number } }>('/feeds/health')).body.summary.failing > 0
        ? true
        : undefined,
    );
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
    page = await browser.newPage({ viewport: { width: 1440, height: 1100 }, locale: 'fa-IR' });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(String(error)));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await storage?.stop();
    await rm(bundle, { recursive: true, force: true });
  }, 60_000);

  it('serves the page under a strict CSP and its hashed files with a long cache', async () => {
    const html = await storage.get('/');
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('cache-control')).toBe('no-cache');
    const csp = html.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("font-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(html.text).toContain('<html dir="rtl" lang="fa">');
    expect(html.text).not.toMatch(/<script>|<style>|style="/);
    expect(html.text).not.toMatch(/https?:\/\//); // nothing from another origin

    const files = await readdir(bundle);
    const script = files.find((f) => /^app-.*\.js$/.test(f));
    const font = files.find((f) => /^vazirmatn-arabic-400-normal-.*\.woff2$/.test(f));
    expect(html.text).toContain(`/dashboard/${script}`);
    for (const [file, type] of [
      [script, 'text/javascript; charset=utf-8'],
      [font, 'font/woff2'],
    ]) {
      const res = await storage.get(`/dashboard/${file}`);
      expect({ file, status: res.status, type: res.headers.get('content-type') }).toEqual({
        file,
        status: 200,
        type,
      });
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    for (const path of ['/dashboard/index.html', '/dashboard/..%2Fpackage.json', '/dashboard/.hidden.js']) {
      expect({ path, status: (await storage.get(path)).status }).toEqual({ path, status: 404 });
    }
  });

  it('shows the seeded articles, topics, sources, feeds and ingestion, without console errors', async () => {
    await page.goto(storage.url);
    const articles = page.locator('#articles');
    for (const event of seeded) await articles.getByText(event.title, { exact: true }).waitFor();
    // ZWNJ kept from the API to the screen.
    expect(await articles.getByText(seeded[0].title).textContent()).toContain(`نخست${ZWNJ}وزیر`);
    await page.locator('#top-topics').getByText('دستمزد', { exact: true }).waitFor();
    await page.locator('#top-topics svg.sparkline').first().waitFor();
    await page.locator('#sources').getByText(source.name, { exact: true }).waitFor();
    await page.locator('#feeds').getByText('HTTP 503 Service Unavailable').waitFor();
    await page.locator('#feeds .pill-bad').first().waitFor();
    await page.locator('#ingestion-chart canvas').first().waitFor();
    await waitFor('the ingestion figures', async () => {
      const value = await page.locator('#kpi-hour').textContent();
      return value && value !== '—' ? value : undefined;
    });
    await page.locator('#live-status.pill-good').waitFor();
    // The font is this origin's Vazirmatn, loaded.
    expect(await page.evaluate(() => document.fonts.check('16px Vazirmatn', 'خبر'))).toBe(true);
    expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toContain('Vazirmatn');
    expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe('rtl');
    expect(problems).toEqual([]);
  }, 60_000);

  it('searches, with Arabic letters finding Persian text, and lists the articles of a topic', async () => {
    // کارگران typed with an Arabic kaf: matched after normalization.
    await page.fill('#search-input', 'كارگران');
    await page.click('#search-form button[type=submit]');
    await page.locator('#search-status').getByText('«كارگران»').waitFor();
    const titles = await page.locator('#articles .article-title').allTextContents();
    expect(titles).toContain(seeded[0].title);
    expect(titles).not.toContain(seeded[2].title);
    await page.click('#search-clear');
    await page.locator('#articles').getByText(seeded[2].title, { exact: true }).waitFor();

    // A topic's name lists its articles.
    await page.locator('#top-topics').getByRole('button', { name: 'دستمزد', exact: true }).click();
    await page.locator('#search-status').getByText('«دستمزد»').waitFor();
    const ofTopic = await page.locator('#articles .article-title').allTextContents();
    expect(ofTopic).toEqual(expect.arrayContaining([seeded[0].title, seeded[1].title]));
    expect(ofTopic).not.toContain(seeded[2].title);
    await page.click('#search-clear');
    await page.locator('#articles').getByText(seeded[2].title, { exact: true }).waitFor();
    expect(problems).toEqual([]);
  }, 60_000);

  it('puts an article stored now at the top of the live list, over SSE, and keeps a screenshot', async () => {
    const live = articleEvent(`dash-live-${source.id}`, {
      source,
      kicker: 'فوری',
      title: `خبر زنده: افزایش حداقل دستمزد کارگران تصویب شد`,
      lead: `شورای عالی کار امروز درباره دستمزد سال آینده تصمیم گرفت؛ جزئیات در گزارش${ZWNJ}های بعدی.`,
      body: 'متن خبر زنده',
      tags: ['دستمزد'],
      publishedAt: new Date().toISOString(),
      fetchedAt: new Date().toISOString(),
    });
    await sendArticles([live]);
    const item = page.locator(`#articles li[data-id="${live.id}"]`);
    await item.waitFor();
    expect(await item.locator('.article-title').textContent()).toBe(live.title);
    expect(await item.getAttribute('class')).toContain('fresh');
    expect(await page.locator('#articles li').first().getAttribute('data-id')).toBe(live.id);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(2_600); // let the arrival highlight fade before the picture
    await mkdir('test-results', { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(problems).toEqual([]);
  }, 60_000);
});
