/**
 * Turning what a tool returned (MCP content items) into the capped text of a ToolResult.
 */

export const RESULT_CAP_BYTES = 64 * 1024;

type ContentItem = { type?: unknown; text?: unknown; mimeType?: unknown; data?: unknown; uri?: unknown; resource?: { uri?: unknown; text?: unknown } };

function describeItem(item: ContentItem): string {
  switch (item.type) {
    case 'text':
      return typeof item.text === 'string' ? item.text : '';
    case 'image':
    case 'audio': {
      const size = typeof item.data === 'string' ? Math.floor((item.data.length * 3) / 4) : 0;
      return `[${item.type}: ${String(item.mimeType ?? 'unknown type')}, ${size} bytes]`;
    }
    case 'resource':
      if (typeof item.resource?.text === 'string') return item.resource.text;
      return `[resource: ${String(item.resource?.uri ?? '')}]`;
    case 'resource_link':
      return `[link: ${String(item.uri ?? '')}]`;
    default:
      return `[${String(item.type ?? 'unknown')} content]`;
  }
}

/** The text of MCP `content` items, joined by newlines; non-text items are named, not inlined. */
export function contentText(content: unknown): string {
  if (!Array.isArray(content)) return '';
  return content
    .filter((item): item is ContentItem => typeof item === 'object' && item !== null)
    .map(describeItem)
    .join('\n');
}

/** Cuts `text` to `capBytes` of UTF-8 (on a character boundary) and says so in the text. */
export function capText(text: string, capBytes = RESULT_CAP_BYTES, originalBytes?: number): { text: string; truncated: boolean } {
  const bytes = Buffer.byteLength(text, 'utf8');
  const wasCut = originalBytes !== undefined && originalBytes > bytes;
  if (bytes <= capBytes && !wasCut) return { text, truncated: false };
  const kept = bytes <= capBytes ? text : Buffer.from(text, 'utf8').subarray(0, capBytes).toString('utf8').replace(/\uFFFD$/, '');
  const total = Math.max(bytes, originalBytes ?? 0);
  const note = `\n[truncated: the result was ${total.toLocaleString('en-US')} bytes; only the first ${Buffer.byteLength(kept).toLocaleString('en-US')} are shown]`;
  return { text: kept + note, truncated: true };
}

/** First line of an error text, short enough for a status line. */
export function oneLine(text: string, max = 300): string {
  const line = text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
  return line.length > max ? line.slice(0, max - 1) + '…' : line;
}
