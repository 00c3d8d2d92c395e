/**
 * The text of masked prompts (API keys, passphrases) is kept here, outside the store, so it is never
 * dispatched, never in the action log and never rendered: the store only learns its length.
 */
const buffers = new Map<string, string[]>();

export function appendMasked(id: string, text: string): number {
  const b = buffers.get(id) ?? [];
  b.push(...Array.from(text.replace(/[\r\n]+/g, '')));
  buffers.set(id, b);
  return b.length;
}

export function backspaceMasked(id: string): number {
  const b = buffers.get(id) ?? [];
  b.pop();
  buffers.set(id, b);
  return b.length;
}

/** Returns the value and forgets it. */
export function takeMasked(id: string): string {
  const b = buffers.get(id) ?? [];
  buffers.delete(id);
  const value = b.join('');
  b.fill('');
  return value;
}

export function discardMasked(id: string): void {
  takeMasked(id);
}
