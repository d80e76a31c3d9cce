import { readFile } from 'node:fs/promises';
import type { ArticleEvent } from '@news/contracts';
import { extractArticle, type SiteProfiles } from '@news/extraction';
import { decodeBody } from '@news/http-fetch';

/**
 * A saved page → the article JSON, through the same decoding and extraction
 * as the services: bytes are decoded with the charset the page declares.
 */
export async function extractSavedPage(
  path: string,
  url: string,
  profiles: SiteProfiles,
): Promise<ArticleEvent> {
  const bytes = await readFile(path);
  const { text } = decodeBody(bytes, null, 'html');
  return extractArticle({ html: text, url, fetchedAt: new Date().toISOString() }, { profiles });
}
