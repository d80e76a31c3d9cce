import { Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { ref } from '../http/openapi-schemas.js';
import { ArticleRepository, type StoredArticle } from './article.repository.js';
import { ARTICLE_VIEWS, encodeCursor, parseListQuery } from './list-query.js';
import { MAX_SEARCH_TERMS, MIN_TERM_LETTERS } from './search-key.js';
import { ApiDatabaseUnavailableResponse } from '../http/database-unavailable.filter.js';

export const ARTICLE_ID = /^[0-9a-f]{32}$/;

/** An article without its text: what a list shows with `view=summary`. */
export type ArticleSummary = Omit<StoredArticle, 'body' | 'bodyHtml'>;

function summary(article: StoredArticle): ArticleSummary {
  const { body, bodyHtml, ...rest } = article;
  return rest;
}

const instant = (description: string) => ({
  required: false,
  description,
  schema: { type: 'string', example: '2025-10-01T00:00:00Z' } as const,
});

@ApiDatabaseUnavailableResponse()
@ApiTags('articles')
@Controller('articles')
export class ArticlesController {
  constructor(@Inject(ArticleRepository) private readonly articles: ArticleRepository) {}

  @Get()
  @ApiOperation({
    summary: 'List and search articles, newest first',
    description:
      'Ordered by publishedAt (else fetchedAt), newest first, in pages joined by `cursor`. ' +
      'Filters combine: `q`, `source`, `topic`, `since`/`from`, `to`.',
  })
  @ApiQuery({
    name: 'q',
    required: false,
    description:
      `A phrase, or several separated by commas (, or ،), all of which an article must contain in its ` +
      `title, lead or body. Matched after Persian normalization: Arabic ي/ك match ی/ک, Persian and ` +
      `Arabic digits match ASCII, and spaces and ZWNJs are ignored (نخست وزیر = نخست‌وزیر = نخستوزیر). ` +
      `At most 200 characters and ${MAX_SEARCH_TERMS} phrases, each of at least ${MIN_TERM_LETTERS} letters or digits.`,
    schema: { type: 'string', maxLength: 200, example: 'نخست وزیر' },
  })
  @ApiQuery({
    name: 'source',
    required: false,
    description: 'A source id',
    schema: { type: 'string', maxLength: 100 },
  })
  @ApiQuery({
    name: 'topic',
    required: false,
    description:
      'Articles with this topic (category, tag or key phrase; see /topics), in any spelling: ' +
      'پزشكيان = پزشکیان, and ZWNJ, space or none between words.',
    schema: { type: 'string', maxLength: 200, example: 'پزشکیان' },
  })
  @ApiQuery({ name: 'since', ...instant('The same as from (its first name); both may be given') })
  @ApiQuery({
    name: 'from',
    ...instant('Articles at or after this instant: a date-time with an offset, or a date (UTC midnight)'),
  })
  @ApiQuery({
    name: 'to',
    ...instant('Articles before this instant (exclusive); must be later than from/since'),
  })
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
  })
  @ApiQuery({
    name: 'view',
    required: false,
    description:
      '`full`: every field. `summary`: every field but body and bodyHtml, about a seventh of the ' +
      'bytes, for lists and search results; GET /articles/{id} then gives the text.',
    schema: { type: 'string', enum: [...ARTICLE_VIEWS], default: 'full' },
  })
  @ApiQuery({
    name: 'cursor',
    required: false,
    description: 'nextCursor of the previous page',
    schema: { type: 'string' },
  })
  @ApiOkResponse({ description: 'A page of articles', schema: ref('ArticlePage') })
  @ApiBadRequestResponse({
    description: 'A parameter is wrong, unknown or given twice',
    schema: ref('Error'),
  })
  async list(
    @Query() query: Record<string, unknown>,
  ): Promise<{ items: (StoredArticle | ArticleSummary)[]; nextCursor: string | null }> {
    const parsed = parseListQuery(query);
    const page = await this.articles.list({ ...parsed, limit: parsed.limit + 1 });
    const hasMore = page.items.length > parsed.limit;
    const articles = page.items.slice(0, parsed.limit);
    const items = parsed.view === 'summary' ? articles.map(summary) : articles;
    return { items, nextCursor: hasMore ? encodeCursor(page.sortKeys[parsed.limit - 1]) : null };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One article' })
  @ApiParam({
    name: 'id',
    description: 'Article id: 32 hex characters',
    schema: { type: 'string', pattern: ARTICLE_ID.source },
  })
  @ApiOkResponse({ description: 'The article', schema: ref('Article') })
  @ApiNotFoundResponse({ description: 'No such article', schema: ref('Error') })
  async get(@Param('id') id: string): Promise<StoredArticle> {
    const article = ARTICLE_ID.test(id) ? await this.articles.findById(id) : null;
    if (!article) throw new NotFoundException(`no article with id ${id}`);
    return article;
  }
}
