import type { Theme, TokenName, TokenStyle } from '../themes/tokens.js';

/** Escapes text for a tagged blessed element so user text can never inject style tags. */
export function escapeTags(text: string): string {
  return text.replace(/[{}]/g, (c) => (c === '{' ? '{open}' : '{close}'));
}

/** A blessed style object for a token. */
export function blessedStyle(t: TokenStyle): Record<string, unknown> {
  const s: Record<string, unknown> = {};
  if (t.fg) s.fg = t.fg;
  if (t.bg) s.bg = t.bg;
  if (t.bold) s.bold = true;
  if (t.underline) s.underline = true;
  if (t.inverse) s.inverse = true;
  return s;
}

/** Wraps escaped text in blessed tags for the token. */
export function paint(theme: Theme, token: TokenName, text: string): string {
  if (text === '') return '';
  const t = theme.tokens[token];
  let open = '';
  let close = '';
  const add = (tag: string) => {
    open += `{${tag}}`;
    close = `{/${tag}}` + close;
  };
  if (t.fg) add(`${t.fg}-fg`);
  if (t.bg) add(`${t.bg}-bg`);
  if (t.bold) add('bold');
  if (t.underline) add('underline');
  if (t.inverse) add('inverse');
  return open + escapeTags(text) + close;
}

export function paneStyle(theme: Theme, focused: boolean): Record<string, unknown> {
  return {
    ...blessedStyle(theme.tokens.text),
    border: blessedStyle(focused ? theme.tokens.borderFocus : theme.tokens.border),
    label: blessedStyle(focused ? theme.tokens.titleFocus : theme.tokens.title),
  };
}
