import type { Cheerio, CheerioAPI } from 'cheerio';
import { compile, selectAll } from 'css-select';
import type { AnyNode, Element } from 'domhandler';

type Compiled = ReturnType<typeof compile<AnyNode, Element>>;
const compiled = new Map<string, Compiled>();

/**
 * `$(selector)` with the selector compiled once per process: profile and
 * generic selectors are the same on every page, and compiling them on each
 * call was a fifth of the extractor's time.
 */
export function query($: CheerioAPI, selector: string): Cheerio<Element> {
  let compiledQuery = compiled.get(selector);
  if (!compiledQuery) {
    compiledQuery = compile<AnyNode, Element>(selector);
    compiled.set(selector, compiledQuery);
  }
  // compile() is typed as matching any node, but a selector only ever matches elements.
  return $(selectAll<AnyNode, Element>(compiledQuery as (node: Element) => boolean, $.root().toArray()));
}
