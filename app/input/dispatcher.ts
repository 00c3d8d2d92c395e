import { commandInfo, type CommandId } from './commands.js';
import { isPrintableKeyName } from './key-names.js';
import type { Keymap, Scope } from './keymap.js';

export interface KeyContext {
  /** The scope of the top modal, when one is open. */
  modal: Scope | null;
  /** The scope of the focused pane. */
  pane: Scope;
  /** A text input has focus (the chat input, or a prompt or list filter in the top modal): printable keys are text. */
  textInput: boolean;
}

export interface KeyEvent {
  /** blessed's key.full, e.g. 'C-c', 'S-tab', 'q'. */
  full: string;
  /** The character typed, when there is one. */
  ch?: string;
}

export type Route = { command: CommandId } | { text: string } | null;

function printableText(ev: KeyEvent): string | null {
  if (!ev.ch || ev.full.startsWith('C-') || ev.full.startsWith('M-')) return null;
  if (ev.full === 'space') return ' ';
  const code = ev.ch.codePointAt(0)!;
  return code >= 0x20 && code !== 0x7f ? ev.ch : null;
}

/**
 * One place decides what a key does: the top modal first (only commands marked `anywhere`, such as
 * Ctrl-C, get past it), then the focused pane, then global bindings. In a text input printable keys
 * are text, so `q` and `?` type themselves there.
 */
export function routeKey(keymap: Keymap, ctx: KeyContext, ev: KeyEvent): Route {
  if (ctx.modal) {
    const typed = ctx.textInput ? printableText(ev) : null;
    const own = keymap.lookup(ctx.modal, ev.full);
    if (own && !(typed !== null && isPrintableKeyName(ev.full))) return { command: own };
    if (typed !== null) return { text: typed };
    const global = keymap.lookup('global', ev.full);
    if (global && commandInfo(global).anywhere && !isPrintableKeyName(ev.full)) return { command: global };
    return null;
  }
  const text = ctx.textInput ? printableText(ev) : null;
  const pane = keymap.lookup(ctx.pane, ev.full);
  if (pane && !(text !== null && isPrintableKeyName(ev.full))) return { command: pane };
  if (text !== null) return { text };
  const global = keymap.lookup('global', ev.full);
  return global ? { command: global } : null;
}
