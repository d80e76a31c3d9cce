import type { AnyNode, Element } from 'domhandler';

/**
 * Small walks over the parsed tree, for the hot paths where wrapping each
 * node in a cheerio object (and re-parsing a selector on each `.find`) cost
 * more than the work itself. None recurses: a page may nest deeply.
 */

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/** The text of a node and its descendants in document order, as cheerio's `.text()` gives it. */
export function textOf(node: AnyNode): string {
  if (node.type === 'text') return node.data;
  if (!('children' in node)) return '';
  let text = '';
  const stack: AnyNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as AnyNode;
    if (current.type === 'text') text += current.data;
    else if ('children' in current) {
      const children = current.children;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }
  return text;
}

/** Descendant elements (not the element itself) that pass the test, in document order. */
export function descendants(root: AnyNode, test: (el: Element) => boolean, limit = Infinity): Element[] {
  const found: Element[] = [];
  if (!('children' in root)) return found;
  const stack: AnyNode[] = [...root.children].reverse();
  while (stack.length > 0 && found.length < limit) {
    const node = stack.pop() as AnyNode;
    if (!isElement(node)) continue;
    if (test(node)) found.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return found;
}

/** The element itself or its nearest ancestor that passes the test, like cheerio's `.closest`. */
export function closest(el: Element, test: (el: Element) => boolean): Element | null {
  for (let node: AnyNode | null = el; node; node = node.parent) {
    if (isElement(node) && test(node)) return node;
  }
  return null;
}

/** The next sibling that is an element, like cheerio's `.next()`. */
export function nextElement(el: Element): Element | null {
  for (let node = el.next; node; node = node.next) if (isElement(node)) return node;
  return null;
}
