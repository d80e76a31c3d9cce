import type { Cheerio, CheerioAPI } from 'cheerio';
import { compile, selectAll } from 'css-select';
import type { AnyNode, Element } from 'domhandler';

type Compiled = ReturnType<typeof compile<AnyNode, Element>>;
const compiled = new Map<string, Compiled>();

function compiledFor(selector: string): Compiled {
  let compiledQuery = compiled.get(selector);
  if (!compiledQuery) {
    compiledQuery = compile<AnyNode, Element>(selector);
    compiled.set(selector, compiledQuery);
  }
  return compiledQuery;
}

/** Whether one element matches a selector, compiled once like query's. */
export function matches(el: Element, selector: string): boolean {
  return compiledFor(selector)(el);
}

/**
 * `$(selector)` with the selector compiled once per process: profile and
 * generic selectors are the same on every page, and compiling them on each
 * call was a fifth of the extractor's time.
 */
export function query($: CheerioAPI, selector: string): Cheerio<Element> {
  const compiledQuery = compiledFor(selector);
  // compile() is typed as matching any node, but a selector only ever matches elements.
  return $(selectAll<AnyNode, Element>(compiledQuery as (node: Element) => boolean, $.root().toArray()));
}
