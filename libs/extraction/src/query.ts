import type { Cheerio, CheerioAPI } from 'cheerio';
import { compile } from 'css-select';
import type { AnyNode, Element } from 'domhandler';
import type { Deadline } from './deadline.js';

type Matcher = (el: Element) => boolean;

/**
 * One comma-separated part of a selector, compiled, with what its last compound demands of an
 * element: its tag name, or attributes it must carry. Only the elements that can match are tested.
 */
interface SelectorPart {
  matches: Matcher;
  tag: string | null;
  attributes: string[];
  /** A class or id the element must have: the narrowest list of all. */
  className: string | null;
  id: string | null;
  /** Attribute values the element must contain: when no element of the page has one, nothing matches. */
  contains: Contains[];
  /** The same conditions tested on one element, before the full `matches`. */
  mayMatch: Matcher;
  /**
   * The compounds left of the last one that the index narrows down (by class, id or attribute,
   * like `[class*="byline"]` in `[class*="byline"] a`): each must match some element of the
   * page, or the part matches nothing and its candidates go untested.
   */
  context: string[];
  /**
   * The nearest of those compounds that the element must descend from (only descendant and
   * child combinators after it), and whether it must be the element's parent.
   */
  ancestor: { compound: string; parent: boolean } | null;
}

interface CompiledSelector {
  matches: Matcher;
  parts: SelectorPart[];
}

const compiled = new Map<string, CompiledSelector>();

function compileMatcher(selector: string): Matcher {
  // compile() is typed as matching any node, but a selector only ever matches elements.
  return compile<AnyNode, Element>(selector) as Matcher;
}

/** Splits at separators outside brackets, parentheses and quotes; the separators found are kept too. */
function splitTopLevel(
  selector: string,
  separator: (c: string) => boolean,
): { parts: string[]; separators: string[] } {
  const parts: string[] = [];
  const separators: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  let run = '';
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '\\') i++;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (depth === 0 && separator(c)) {
      const part = selector.slice(start, i).trim();
      if (part) {
        if (parts.length > 0) separators.push(run);
        parts.push(part);
        run = '';
      }
      run += c;
      start = i + 1;
      continue;
    }
  }
  const last = selector.slice(start).trim();
  if (last) {
    if (parts.length > 0) separators.push(run);
    parts.push(last);
  }
  return { parts, separators };
}

const COMBINATOR = (c: string): boolean =>
  c === ' ' || c === '>' || c === '+' || c === '~' || c === '\n' || c === '\t';

/** Attributes css-select compares as written; any other may be compared ignoring case. */
const CASE_SENSITIVE_ATTRIBUTES = new Set([
  'class',
  'id',
  'itemprop',
  'itemtype',
  'property',
  'name',
  'href',
  'content',
  'datetime',
]);

/** `[name*="value"]` and its kin: the attribute's value must contain the value, whatever the operator. */
/** An attribute value the element must contain (`[class*="lead"]`, `[rel="author"]`, …). */
interface Contains {
  name: string;
  value: string;
  ignoreCase: boolean;
}

function containsOf(outside: string): Contains[] {
  const found: Contains[] = [];
  const attribute = /\[\s*([\w:-]+)\s*([~|^$*]?)=\s*(?:"([^"\\]*)"|'([^'\\]*)'|([\w-]+))\s*([iIsS])?\s*\]/g;
  for (const m of outside.matchAll(attribute)) {
    const name = m[1].toLowerCase();
    const value = m[3] ?? m[4] ?? m[5] ?? '';
    const ignoreCase = !CASE_SENSITIVE_ATTRIBUTES.has(name) || m[6]?.toLowerCase() === 'i';
    found.push({ name, value: ignoreCase ? value.toLowerCase() : value, ignoreCase });
  }
  return found;
}

function containsTests(contains: readonly Contains[]): Matcher {
  const tests: Matcher[] = contains.map(({ name, value, ignoreCase }) =>
    ignoreCase
      ? (el) => el.attribs[name]?.toLowerCase().includes(value) ?? false
      : (el) => el.attribs[name]?.includes(value) ?? false,
  );
  return (el) => tests.every((test) => test(el));
}

/** What the last compound of one selector part (`div.a > p[itemprop="x"]:not(.y)`) requires. */
function requirementsOf(part: string): Omit<SelectorPart, 'matches'> {
  const { parts: compounds, separators } = splitTopLevel(part, COMBINATOR);
  const compound = compounds.at(-1) ?? '';
  // Pseudo-class arguments (`:not(…)`, `:has(…)`) say nothing about what the element must carry.
  let outside = '';
  let depth = 0;
  for (const c of compound) {
    if (c === '(') depth++;
    if (depth === 0) outside += c;
    if (c === ')') depth--;
  }
  const tag = /^([a-zA-Z][\w-]*)/.exec(outside)?.[1]?.toLowerCase() ?? null;
  const attributes: string[] = [];
  for (const m of outside.matchAll(/\[\s*([\w:-]+)\s*(!)?/g)) if (!m[2]) attributes.push(m[1].toLowerCase());
  const plain = outside.replace(/\[[^\]]*\]/g, '');
  // Only plain names: an escaped character (`.a\:b`) is left to css-select alone.
  const className = plain.includes('\\') ? null : (/\.([\w-]+)(?=$|[.#:])/.exec(plain)?.[1] ?? null);
  const id = plain.includes('\\') ? null : (/#([\w-]+)(?=$|[.#:])/.exec(plain)?.[1] ?? null);
  if (className) attributes.push('class');
  if (id) attributes.push('id');
  const context = compounds.slice(0, -1).filter(isNarrow);
  let ancestor: SelectorPart['ancestor'] = null;
  for (let i = compounds.length - 2; i >= 0; i--) {
    if (/[+~]/.test(separators[i])) break; // a sibling, not an ancestor, from here on
    if (isNarrow(compounds[i])) {
      ancestor = {
        compound: compounds[i],
        parent: i === compounds.length - 2 && separators[i].includes('>'),
      };
      break;
    }
  }
  const contains = containsOf(outside);
  return { tag, attributes, className, id, contains, mayMatch: containsTests(contains), context, ancestor };
}

/** A compound the index narrows to a few elements: one that names a class, an id or an attribute. */
function isNarrow(compound: string): boolean {
  const { parts } = splitTopLevel(compound, COMBINATOR);
  if (parts.length !== 1) return false;
  const outside = compound.replace(/\((?:[^()]|\([^()]*\))*\)/g, '');
  return /[.#[]/.test(outside);
}

function compiledFor(selector: string): CompiledSelector {
  let found = compiled.get(selector);
  if (!found) {
    // The whole selector first: an invalid one fails here with css-select's own message.
    const matches = compileMatcher(selector);
    const parts = splitTopLevel(selector, (c) => c === ',').parts.map((part) => ({
      matches: compileMatcher(part),
      ...requirementsOf(part),
    }));
    found = { matches, parts };
    compiled.set(selector, found);
  }
  return found;
}

/** Whether one element matches a selector, compiled once like query's. */
export function matches(el: Element, selector: string): boolean {
  return compiledFor(selector).matches(el);
}

/**
 * Every element of the page in document order, and the same lists by tag name, attribute, class
 * word and id. Removals do not rebuild it: removed elements are remembered and skipped.
 */
interface ElementIndex {
  all: Element[];
  /** Document order of each element, built the first time results of several parts are merged. */
  position: Map<Element, number> | null;
  byTag: Map<string, Element[]>;
  byAttribute: Map<string, Element[]>;
  byClass: Map<string, Element[]>;
  byId: Map<string, Element[]>;
  /** Elements taken out of the page since it was indexed, with everything inside them. */
  removed: Set<AnyNode>;
  /** Every value of an attribute on the page, joined (as written, and lower-cased), built on demand. */
  valuesText: Map<string, string>;
}

function push<K>(map: Map<K, Element[]>, key: K, el: Element): void {
  const list = map.get(key);
  if (list) list.push(el);
  else map.set(key, [el]);
}

function isElement(node: AnyNode): node is Element {
  // script and style elements are their own node types in domhandler, but elements all the same.
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

function indexElements(root: AnyNode, deadline: Deadline | null): ElementIndex {
  const index: ElementIndex = {
    all: [],
    position: null,
    byTag: new Map(),
    byAttribute: new Map(),
    byClass: new Map(),
    byId: new Map(),
    removed: new Set(),
    valuesText: new Map(),
  };
  const stack: AnyNode[] = 'children' in root ? [...root.children].reverse() : [];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (!isElement(node)) continue;
    deadline?.tick();
    index.all.push(node);
    push(index.byTag, node.tagName, node);
    const attribs = node.attribs;
    for (const name in attribs) push(index.byAttribute, name, node);
    if (attribs.class) {
      // Split as css-select reads `.name`: whitespace-separated words, each listed once per element.
      const words = attribs.class.split(/\s+/);
      for (let i = 0; i < words.length; i++) {
        if (words[i] && words.indexOf(words[i]) === i) push(index.byClass, words[i], node);
      }
    }
    if (attribs.id) push(index.byId, attribs.id, node);
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return index;
}

function positionOf(index: ElementIndex): Map<Element, number> {
  if (!index.position) {
    index.position = new Map();
    for (let i = 0; i < index.all.length; i++) index.position.set(index.all[i], i);
  }
  return index.position;
}

/** Per parsed page: its element index (built on first query) and its deadline. */
interface PageState {
  index: ElementIndex | null;
  deadline: Deadline | null;
  /**
   * The elements matching each context compound. Kept when elements are removed: an element
   * inside a removed anchor is removed too, and a removed anchor only costs a full test.
   */
  anchors: Map<string, Element[]>;
}

/**
 * The page being extracted. Extraction is synchronous, one page at a time, so one slot is
 * enough; a WeakMap keyed by page made the collector trace each page's whole tree as an ephemeron.
 */
let current: { $: CheerioAPI; state: PageState } | null = null;

function stateOf($: CheerioAPI): PageState {
  if (current?.$ !== $) current = { $, state: { index: null, deadline: null, anchors: new Map() } };
  return current.state;
}

/** Lets go of the page's index once its extraction is over. */
export function releasePage($: CheerioAPI): void {
  if (current?.$ === $) current = null;
}

/** Ties a page to the deadline its queries check while they walk it. */
export function bindDeadline($: CheerioAPI, deadline: Deadline): void {
  stateOf($).deadline = deadline;
}

/**
 * Removes elements (with their content) from the page and from its index.
 * All removals go through here, so that queries never return an element
 * that is no longer in the page.
 */
export function removeElements($: CheerioAPI, elements: readonly Element[]): void {
  const index = stateOf($).index;
  if (index) {
    const { removed } = index;
    for (const root of elements) {
      if (removed.has(root)) continue; // inside an element already removed
      const stack: AnyNode[] = [root];
      while (stack.length > 0) {
        const node = stack.pop() as AnyNode;
        if (!isElement(node)) continue;
        removed.add(node);
        for (const child of node.children) stack.push(child);
      }
    }
  }
  $(elements).remove();
}

/**
 * Whether some element of the page has the attribute value: one `includes` over all of the
 * attribute's values at once, so a selector looking for a class word the page never uses
 * (`[class*="kicker"]`) costs nothing per element.
 */
function pageMayContain(index: ElementIndex, { name, value, ignoreCase }: Contains): boolean {
  const key = ignoreCase ? `${name} i` : name;
  let text = index.valuesText.get(key);
  if (text === undefined) {
    text = (index.byAttribute.get(name) ?? []).map((el) => el.attribs[name]).join('\n');
    if (ignoreCase) text = text.toLowerCase();
    index.valuesText.set(key, text);
  }
  return text.includes(value);
}

function candidatesFor(index: ElementIndex, part: SelectorPart): Element[] {
  if (part.id) return index.byId.get(part.id) ?? [];
  if (part.className) return index.byClass.get(part.className) ?? [];
  if (part.tag) return index.byTag.get(part.tag) ?? [];
  let smallest: Element[] | null = null;
  for (const name of part.attributes) {
    const list = index.byAttribute.get(name) ?? [];
    if (!smallest || list.length < smallest.length) smallest = list;
  }
  return smallest ?? index.all;
}

/** The elements matching one compound of a context, once per page, in document order. */
function anchorsFor($: CheerioAPI, state: PageState, compound: string): Element[] {
  let found = state.anchors.get(compound);
  if (!found) {
    found = select($, compound);
    state.anchors.set(compound, found);
  }
  return found;
}

function hasAncestorIn(el: Element, anchors: Set<Element>): boolean {
  for (let node = el.parent; node; node = node.parent) if (anchors.has(node as Element)) return true;
  return false;
}

/** Below this many anchors, walking down from them beats walking up from every candidate. */
const FEW_ANCHORS = 16;

/**
 * The elements under a few anchors that could match the part: each anchor's subtree (its
 * children only, for `>`) in document order, an anchor inside another walked once.
 */
function candidatesUnder(anchors: readonly Element[], part: SelectorPart, removed: Set<AnyNode>): Element[] {
  const found: Element[] = [];
  const walked = new Set<Element>();
  const fits = (el: Element): boolean =>
    part.tag !== null
      ? el.tagName === part.tag
      : part.attributes.every((name) => el.attribs[name] !== undefined);
  for (const anchor of anchors) {
    if (removed.has(anchor) || hasAncestorIn(anchor, walked)) continue;
    walked.add(anchor);
    if (part.ancestor?.parent) {
      for (const child of anchor.children) if (isElement(child) && fits(child)) found.push(child);
      continue;
    }
    const stack: AnyNode[] = [...anchor.children].reverse();
    while (stack.length > 0) {
      const node = stack.pop() as AnyNode;
      if (!isElement(node)) continue;
      if (fits(node)) found.push(node);
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    }
  }
  return found;
}

/**
 * The elements to test for one part: none when a compound it needs is missing from the page;
 * those under its ancestor compound's matches, walked down when they are few and checked
 * upwards when they are many; otherwise the index's narrowest list.
 */
function candidatesOf($: CheerioAPI, state: PageState, index: ElementIndex, part: SelectorPart): Element[] {
  if (!part.contains.every((c) => pageMayContain(index, c))) return [];
  if (!part.context.every((compound) => anchorsFor($, state, compound).length > 0)) return [];
  if (!part.ancestor) return candidatesFor(index, part);
  const anchors = anchorsFor($, state, part.ancestor.compound);
  if (anchors.length <= FEW_ANCHORS) return candidatesUnder(anchors, part, index.removed);
  const anchorSet = new Set(anchors);
  const parent = part.ancestor.parent;
  return candidatesFor(index, part).filter((el) =>
    parent ? anchorSet.has(el.parent as Element) : hasAncestorIn(el, anchorSet),
  );
}

/** The elements of the page that carry an attribute, in document order: `[name]` without a selector. */
export function withAttribute($: CheerioAPI, name: string): Element[] {
  const state = stateOf($);
  if (!state.index) {
    const root = $.root().get(0);
    if (!root) return [];
    state.index = indexElements(root, state.deadline);
  }
  const { removed } = state.index;
  return (state.index.byAttribute.get(name) ?? []).filter((el) => !removed.has(el));
}

/**
 * `$(selector)` over the whole page, in document order. Selectors are
 * compiled once per process (profile and generic selectors are the same on
 * every page), and the page is indexed once by tag, attribute, class and id,
 * so each selector tests only the elements that can match instead of
 * walking the whole tree: thirty-odd selectors per page made those walks a
 * third of the extractor's time.
 */
export function query($: CheerioAPI, selector: string): Cheerio<Element> {
  return $(select($, selector));
}

/** Like query, as a plain array: for loops that need no cheerio object per element. */
export function select($: CheerioAPI, selector: string): Element[] {
  const { parts } = compiledFor(selector);
  const state = stateOf($);
  if (!state.index) {
    const root = $.root().get(0);
    if (!root) return [];
    state.index = indexElements(root, state.deadline);
  }
  const index = state.index;
  const { removed } = index;
  const deadline = state.deadline;
  const found: Element[] = [];
  for (const part of parts) {
    for (const el of candidatesOf($, state, index, part)) {
      deadline?.tick();
      if (removed.has(el) || !part.mayMatch(el)) continue;
      if (part.matches(el)) found.push(el);
    }
  }
  if (parts.length > 1 && found.length > 1) {
    const unique = [...new Set(found)];
    const position = positionOf(index);
    unique.sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
    return unique;
  }
  return found;
}
