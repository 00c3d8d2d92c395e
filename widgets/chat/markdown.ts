import { ansiWrap, stripAnsi } from './ansi-text.js';
import { importExternal } from '../../app/snapshot/import-external.js';

export type MarkdownRenderer = (markdown: string, width: number) => string[];

let loading: Promise<MarkdownRenderer> | null = null;

/**
 * Loads marked + marked-terminal + cli-highlight on first call (never on the first-frame path) and
 * returns a renderer from markdown to terminal lines (ANSI colours, fenced code highlighted by
 * language, links as text). `color: false` strips every colour (no-color theme).
 */
export function loadMarkdownRenderer(color = true): Promise<MarkdownRenderer> {
  loading ??= (async () => {
    // marked-terminal writes OSC 8 hyperlinks when it thinks the terminal supports them; blessed
    // prints those as garbage. It reads this at import time.
    process.env.FORCE_HYPERLINK = '0';
    const [{ Marked }, { markedTerminal }] = await Promise.all([
      importExternal<typeof import('marked')>('marked'),
      importExternal<typeof import('marked-terminal')>('marked-terminal'),
    ]);
    const byWidth = new Map<number, { parse(md: string, o: { async: false }): unknown }>();
    const instance = (width: number) => {
      let m = byWidth.get(width);
      if (!m) {
        m = new Marked(markedTerminal({ width, reflowText: true, tab: 2, emoji: false, showSectionPrefix: true }));
        byWidth.set(width, m);
      }
      return m;
    };
    return (markdown: string, width: number) => {
      let out: string;
      try {
        out = instance(width).parse(markdown, { async: false }) as string;
      } catch {
        out = markdown;
      }
      const lines = out.replace(/\n+$/, '').split('\n');
      return lines.flatMap((l) => ansiWrap(color ? l : stripAnsi(l), width));
    };
  })();
  return loading;
}
