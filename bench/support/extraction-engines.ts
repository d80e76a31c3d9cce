import { Readability } from '@mozilla/readability';
import { extractArticle, loadDefaultProfiles } from '@news/extraction';
import { JSDOM } from 'jsdom';
import { parseHTML } from 'linkedom';
import type { CorpusPage } from './extraction-corpus.js';

/** One way to get an article's body text from a page: ours, or what a user would pick instead. */
export type Engine = (page: CorpusPage) => string;

export const ENGINE_NAMES = ['ours', 'readability+linkedom', 'readability+jsdom'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

export function createEngine(name: EngineName): Engine {
  switch (name) {
    case 'ours': {
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
    case 'readability+linkedom':
      return (page) => {
        const { document } = parseHTML(page.html);
        return new Readability(document as unknown as Document).parse()?.textContent ?? '';
      };
    case 'readability+jsdom':
      return (page) => {
        const { window } = new JSDOM(page.html, { url: page.url });
        const text = new Readability(window.document).parse()?.textContent ?? '';
        window.close();
        return text;
      };
  }
}
