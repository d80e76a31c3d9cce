import sanitizeHtml from 'sanitize-html';
import { absoluteHttpUrl } from './url.js';

/**
 * Article HTML safe to show anywhere: structure and images only; no script,
 * style, event handler, iframe or `javascript:` URL survives, and relative
 * links are made absolute against the page URL.
 */
export function sanitizeArticleHtml(html: string, baseUrl: string): string {
  return sanitizeHtml(html, {
    allowedTags: [
      'p',
      'h2',
      'h3',
      'h4',
      'h5',
      'h6',
      'blockquote',
      'pre',
      'ul',
      'ol',
      'li',
      'a',
      'strong',
      'b',
      'em',
      'i',
      'u',
      'br',
      'figure',
      'figcaption',
      'img',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
      'sup',
      'sub',
    ],
    allowedAttributes: { a: ['href'], img: ['src', 'alt'] },
    allowedSchemes: ['http', 'https'],
    allowProtocolRelative: false,
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: withAbsolute(attribs, 'href', baseUrl) }),
      img: (tagName, attribs) => ({ tagName, attribs: withAbsolute(attribs, 'src', baseUrl) }),
    },
  }).trim();
}

function withAbsolute(
  attribs: sanitizeHtml.Attributes,
  name: string,
  baseUrl: string,
): sanitizeHtml.Attributes {
  const absolute = absoluteHttpUrl(attribs[name], baseUrl);
  const result = { ...attribs };
  if (absolute) result[name] = absolute;
  else delete result[name];
  return result;
}
