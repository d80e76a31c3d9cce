import { Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { ArticleRepository, type StoredArticle } from './article.repository.js';
import { encodeCursor, parseListQuery } from './list-query.js';

@Controller('articles')
export class ArticlesController {
  constructor(@Inject(ArticleRepository) private readonly articles: ArticleRepository) {}

  @Get()
  async list(
    @Query() query: Record<string, unknown>,
  ): Promise<{ items: StoredArticle[]; nextCursor: string | null }> {
    const parsed = parseListQuery(query);
    const page = await this.articles.list({ ...parsed, limit: parsed.limit + 1 });
    const hasMore = page.items.length > parsed.limit;
    const items = page.items.slice(0, parsed.limit);
    return { items, nextCursor: hasMore ? encodeCursor(page.sortKeys[parsed.limit - 1]) : null };
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<StoredArticle> {
    const article = /^[0-9a-f]{32}$/.test(id) ? await this.articles.findById(id) : null;
    if (!article) throw new NotFoundException(`no article with id ${id}`);
    return article;
  }
}
