import htmlEncodingSniffer from 'html-encoding-sniffer';
import whatwgEncoding from 'whatwg-encoding';

export interface DecodedBody {
  text: string;
  /** WHATWG encoding name actually used, e.g. "UTF-8", "windows-1256". */
  charset: string;
}

function charsetFromContentType(contentType: string | null | undefined): string | undefined {
  const match = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '');
  return match?.[1];
}

/** The `encoding` of an XML prolog, read from the first bytes as ASCII. */
function xmlPrologEncoding(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 256)).toString('latin1');
  const match = /^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([\w.:-]{1,40})["']/.exec(head);
  const name = match ? whatwgEncoding.labelToName(match[1]) : null;
  // A prolog we could read as ASCII is not UTF-16, whatever it says (feeds
  // built with a .NET StringWriter declare utf-16 and are sent as UTF-8);
  // decoding it as UTF-16 would turn the whole feed into garbage. The HTML
  // spec treats a <meta> naming UTF-16 the same way.
  return name === 'UTF-16LE' || name === 'UTF-16BE' ? 'UTF-8' : name;
}

/**
 * Bytes to text with the right charset. Order, as browsers do it: BOM, then
 * the HTTP header, then what the document says (`<meta charset>` for HTML,
 * the XML prolog for feeds). With no signal at all we assume UTF-8, not the
 * spec's windows-1252 default, because the sites we read are either UTF-8 or
 * say otherwise.
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null, kind: 'html' | 'xml'): DecodedBody {
  const bom = whatwgEncoding.getBOMEncoding(bytes);
  const headerLabel = charsetFromContentType(contentType);
  const fromHeader = headerLabel ? whatwgEncoding.labelToName(headerLabel) : null;
  let charset: string;
  if (kind === 'html') {
    charset = htmlEncodingSniffer(bytes, {
      transportLayerEncodingLabel: fromHeader ?? undefined,
      defaultEncoding: 'UTF-8',
    });
  } else {
    charset = bom ?? fromHeader ?? xmlPrologEncoding(bytes) ?? 'UTF-8';
  }
  return { text: whatwgEncoding.decode(Buffer.from(bytes), charset), charset };
}
