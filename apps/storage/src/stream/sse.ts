/**
 * One Server-Sent Event. `data` is JSON, which never holds a raw line break (JSON.stringify
 * escapes them), so it fits on one `data:` line.
 */
export function sseEvent(event: string, data: unknown, id?: string): string {
  const lines = [`event: ${event}`];
  if (id !== undefined) lines.push(`id: ${id}`);
  lines.push(`data: ${JSON.stringify(data)}`);
  return `${lines.join('\n')}\n\n`;
}

/** A comment line: ignored by EventSource, it keeps proxies and idle timeouts from closing the stream. */
export function sseComment(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;
}
