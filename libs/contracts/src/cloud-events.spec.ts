import { describe, expect, it } from '@jest/globals';
import { cloudEventHeaders } from './cloud-events.js';
import { ArticleEventSchema } from './article.js';

describe('cloudEventHeaders', () => {
  it('sets the CloudEvents 1.0 binary-mode attributes with a unique id per event', () => {
    const a = cloudEventHeaders({ type: 'ir.news.article.parsed.v1', source: 'parser', subject: 'abc' });
    const b = cloudEventHeaders({ type: 'ir.news.article.parsed.v1', source: 'parser' });
    expect(a).toMatchObject({
      ce_specversion: '1.0',
      ce_type: 'ir.news.article.parsed.v1',
      ce_source: 'parser',
      ce_subject: 'abc',
      'content-type': 'application/json',
    });
    expect(a.ce_id).not.toEqual(b.ce_id);
    expect(b.ce_subject).toBeUndefined();
    expect(new Date(a.ce_time).toISOString()).toEqual(a.ce_time);
  });
});

describe('ArticleEventSchema', () => {
  it('names the field that is wrong', () => {
    const result = ArticleEventSchema.safeParse({ id: 'x' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain('title');
  });
});
