import type { ChatMessage } from '../../app/store/state.js';
import type { Theme } from '../../themes/tokens.js';
import { wrapLine } from '../shell/pane-frame.js';
import { escapeTags, paint } from '../theme-style.js';
import type { MarkdownRenderer } from './markdown.js';

const INDENT = '  ';

/** Splits markdown into blocks at blank lines outside fenced code, so finished blocks render once. */
export function splitBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    const m = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (m) fence = fence === null ? m[1]![0]! : line.trim().startsWith(fence) ? null : fence;
    if (line.trim() === '' && fence === null) {
      if (current.length > 0) blocks.push(current.join('\n'));
      current = [];
    } else current.push(line);
  }
  if (current.length > 0) blocks.push(current.join('\n'));
  return blocks;
}

function header(theme: Theme, m: ChatMessage): string {
  const label = m.role === 'user' ? 'You' : m.role === 'assistant' ? 'Pyra' : m.role === 'error' ? 'Error' : m.role === 'tool' ? 'Tool' : 'System';
  const token = m.role === 'user' ? 'accent' : m.role === 'error' ? 'danger' : m.role === 'assistant' ? 'success' : 'muted';
  const state =
    m.status === 'streaming' ? ' …' : m.status === 'cancelled' ? ' — cancelled' : m.status === 'error' && m.role === 'assistant' ? ' — failed' : '';
  return paint(theme, token, `▍${label}`) + (state ? paint(theme, m.status === 'cancelled' ? 'warning' : 'muted', state) : '');
}

/**
 * Turns messages into display lines (tagged text for the chat box) and caches them per message and
 * width. Finished markdown blocks of a streaming reply are cached too, so each frame re-renders only
 * the block still growing.
 */
export class MessageLineCache {
  private byMessage = new Map<string, { key: string; lines: string[] }>();
  private blocks = new Map<string, string[]>();

  constructor(private theme: Theme) {}

  /** Forget everything (theme or renderer changed). */
  clear(): void {
    this.byMessage.clear();
    this.blocks.clear();
  }

  lines(m: ChatMessage, width: number, md: MarkdownRenderer | null): string[] {
    const key = `${width}|${m.text.length}|${m.status ?? ''}|${md ? 1 : 0}|${m.warning ?? ''}`;
    const hit = this.byMessage.get(m.id);
    if (hit && hit.key === key) return hit.lines;
    const lines = this.render(m, width, md);
    this.byMessage.set(m.id, { key, lines });
    return lines;
  }

  private renderBody(m: ChatMessage, width: number, md: MarkdownRenderer | null): string[] {
    const inner = Math.max(10, width - INDENT.length);
    if (m.role !== 'assistant' || !md) {
      return m.text.split('\n').flatMap((l) => wrapLine(l, inner)).map((l) => INDENT + escapeTags(l));
    }
    const out: string[] = [];
    const blocks = splitBlocks(m.text);
    blocks.forEach((block, i) => {
      const last = i === blocks.length - 1;
      const cacheKey = `${inner}\u0000${block}`;
      let rendered = last && m.status === 'streaming' ? undefined : this.blocks.get(cacheKey);
      if (!rendered) {
        rendered = md(block, inner).map((l) => INDENT + escapeTags(l));
        if (!(last && m.status === 'streaming')) this.blocks.set(cacheKey, rendered);
      }
      if (out.length > 0) out.push('');
      out.push(...rendered);
    });
    if (this.blocks.size > 20000) this.blocks.clear();
    return out;
  }

  private render(m: ChatMessage, width: number, md: MarkdownRenderer | null): string[] {
    const lines = [header(this.theme, m), ...this.renderBody(m, width, md)];
    if (m.remedy) lines.push(...wrapLine(m.remedy, width - INDENT.length).map((l) => INDENT + paint(this.theme, 'warning', l)));
    if (m.warning) lines.push(...wrapLine(`⚠ ${m.warning}`, width - INDENT.length).map((l) => INDENT + paint(this.theme, 'danger', l)));
    lines.push('');
    return lines;
  }
}

/**
 * The lines visible in a window of `height` rows, `scroll` lines up from the bottom, rendering only
 * the messages needed (from the newest backwards). Returns the window and whether more is above.
 */
export function visibleWindow(
  messages: readonly ChatMessage[],
  height: number,
  scroll: number,
  linesOf: (m: ChatMessage) => string[],
): { lines: string[]; scroll: number; atTop: boolean } {
  const need = height + scroll;
  const collected: string[][] = [];
  let count = 0;
  let i = messages.length - 1;
  for (; i >= 0 && count < need; i--) {
    const l = linesOf(messages[i]!);
    collected.push(l);
    count += l.length;
  }
  const all = collected.reverse().flat();
  const atTop = i < 0;
  const maxScroll = atTop ? Math.max(0, all.length - height) : scroll;
  const s = Math.min(scroll, maxScroll);
  const end = all.length - s;
  return { lines: all.slice(Math.max(0, end - height), end), scroll: s, atTop: atTop && end - height <= 0 };
}
