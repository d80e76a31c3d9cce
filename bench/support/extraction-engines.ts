import type { CorpusPage } from './extraction-corpus.js';

/** One way to get an article's body text from a page: ours, or what a user would pick instead. */
export type Engine = (page: CorpusPage) => string;

export const ENGINE_NAMES = ['ours', 'readability+linkedom', 'readability+jsdom'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/**
 * Each engine imports only its own libraries: the bench runs one engine per
 * process and reports its peak RSS, and loading jsdom alone adds some 75 MB
 * to a process, which is no part of the cost of the engines that do not use it.
 */
export async function createEngine(name: EngineName): Promise<Engine> {
  switch (name) {
    case 'ours': {
      const { extractArticle, loadDefaultProfiles } = await import('@news/extraction');
      const profiles = loadDefaultProfiles();
      return (page) => {
        try {
          return extractArticle({ html: page.html, url: page.url, fetchedAt: page.fetchedAt }, { profiles })
            .body;
        } catch {
          return '';
        }
      };
    }
    case 'readability+linkedom': {
      const { Readability } = await import('@mozilla/readability');
      const { parseHTML } = await import('linkedom');
      return (page) => {
        const { document } = parseHTML(page.html);
        return new Readability(document as unknown as Document).parse()?.textContent ?? '';
      };
    }
    case 'readability+jsdom': {
      const { Readability } = await import('@mozilla/readability');
      const { JSDOM } = await import('jsdom');
      return (page) => {
        const { window } = new JSDOM(page.html, { url: page.url });
        const text = new Readability(window.document).parse()?.textContent ?? '';
        window.close();
        return text;
      };
    }
  }
}
