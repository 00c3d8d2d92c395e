import type { CommandId } from '../../app/input/commands.js';
import { keyLabel } from '../../app/input/key-names.js';
import type { Keymap } from '../../app/input/keymap.js';
import { filteredItems } from '../../app/store/reducers/modal.js';
import type { Modal } from '../../app/store/state.js';
import type { Theme } from '../../themes/tokens.js';
import { wrapLine } from '../shell/pane-frame.js';
import { escapeTags, paint } from '../theme-style.js';
import { helpText } from '../../app/input/help-rows.js';

const TONE_TOKEN = { info: 'accent', success: 'success', warning: 'warning', danger: 'danger' } as const;
const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export interface ModalView {
  title: string;
  /** body lines (tagged) */
  lines: string[];
  /** the line to keep visible (list selection), if any */
  focusLine?: number;
  scroll: number;
  footer: string;
  /** preferred body height */
  want: number;
}

/** Builds what a modal shows: body lines and a footer with the keys that act on it, from the keymap. */
export function modalView(modal: Modal, theme: Theme, keymap: Keymap, width: number, tick: number): ModalView {
  const key = (c: CommandId) => keyLabel(keymap.keysFor('modal', c)[0] ?? '?');
  const hints = (pairs: [CommandId, string][]) => paint(theme, 'muted', pairs.map(([c, t]) => `${key(c)} ${t}`).join(' · '));
  const wrap = (text: string, token: 'text' | 'muted' | 'warning' | 'danger' | 'accent' | 'success') =>
    text.split('\n').flatMap((l) => wrapLine(l, width)).map((l) => (token === 'text' ? escapeTags(l) : paint(theme, token, l)));

  switch (modal.kind) {
    case 'help': {
      const lines = helpText(keymap).flatMap((l) => {
        if (l.heading) return [paint(theme, 'accent', l.text)];
        // "  Keys      Description (where)": wrap the description under itself
        const m = /^(\s+\S(?:.*?\S)?\s{2,})(.*)$/.exec(l.text);
        if (!m || m[1]!.length > width - 20) return wrapLine(l.text, width).map(escapeTags);
        const pad = ' '.repeat(m[1]!.length);
        return wrapLine(m[2]!, width - pad.length).map((part, i) => escapeTags((i === 0 ? m[1]! : pad) + part));
      });
      return { title: 'Keyboard shortcuts', lines, scroll: modal.scroll, footer: hints([['modal.close', 'close'], ['modal.lineDown', 'scroll']]), want: lines.length };
    }
    case 'message': {
      const lines = wrap(modal.body, TONE_TOKEN[modal.tone]);
      const footer = modal.busy
        ? paint(theme, 'accent', `${SPINNER[tick % SPINNER.length]} working…`)
        : hints([['modal.submit', 'ok'], ['modal.close', 'close']]);
      return { title: modal.title, lines, scroll: 0, footer, want: lines.length };
    }
    case 'confirm': {
      const lines = wrap(modal.body, TONE_TOKEN[modal.tone]);
      return { title: modal.title, lines, scroll: 0, footer: hints([['modal.yes', modal.confirmLabel], ['modal.submit', modal.confirmLabel], ['modal.no', 'cancel']]), want: lines.length };
    }
    case 'prompt': {
      const shown = modal.masked ? '•'.repeat(modal.maskedLength) : modal.value;
      const chars = Array.from(shown);
      const cursor = modal.masked ? chars.length : modal.cursor;
      const field = chars.map((c, i) => (i === cursor ? paint(theme, 'selection', c) : escapeTags(c))).join('') + (cursor >= chars.length ? paint(theme, 'selection', ' ') : '');
      const lines = [...wrap(modal.label, 'text'), '', paint(theme, 'accent', '› ') + field];
      if (modal.hint) lines.push('', ...wrap(modal.hint, 'muted'));
      if (modal.error) lines.push('', ...wrap(modal.error, 'danger'));
      return { title: modal.title, lines, scroll: 0, footer: hints([['modal.submit', 'ok'], ['modal.close', 'cancel']]), want: lines.length };
    }
    case 'list': {
      const items = filteredItems(modal);
      const lines: string[] = modal.search === false ? [] : [paint(theme, 'muted', 'Filter: ') + escapeTags(modal.filter) + paint(theme, 'selection', ' '), ''];
      const first = lines.length;
      items.forEach((item, i) => {
        const label = `${item.label}${item.detail ? `  ${item.detail}` : ''}`;
        const cut = Array.from(label).length > width - 2 ? Array.from(label).slice(0, width - 3).join('') + '…' : label;
        lines.push(i === modal.selected ? paint(theme, 'selection', `▸ ${cut}`) : `  ${escapeTags(item.label)}${item.detail ? paint(theme, 'muted', cut.slice(item.label.length)) : ''}`);
      });
      if (items.length === 0) {
        lines.push(paint(theme, 'muted', modal.items.length === 0 ? 'Nothing here yet.' : 'No match.'));
        if (modal.allowCustom && modal.filter.trim()) lines.push(paint(theme, 'accent', `Enter uses “${escapeTags(modal.filter.trim())}”.`));
      }
      if (modal.hint) lines.push('', ...wrap(modal.hint, 'muted'));
      if (modal.error) lines.push('', ...wrap(modal.error, 'danger'));
      const acts: [CommandId, string][] = [['modal.submit', 'choose']];
      if (modal.actions.includes('new')) acts.push(['list.new', 'new']);
      if (modal.actions.includes('rename')) acts.push(['list.rename', 'rename']);
      if (modal.actions.includes('delete')) acts.push(['list.delete', 'delete']);
      acts.push(['modal.close', 'cancel']);
      return { title: modal.title, lines, focusLine: first + modal.selected, scroll: 0, footer: hints(acts), want: Math.max(lines.length, 12) };
    }
    case 'form': {
      const lines: string[] = [];
      let focusLine = 0;
      modal.fields.forEach((f, i) => {
        const focused = i === modal.focus;
        const chars = Array.from(f.value);
        const value = focused
          ? chars.map((c, k) => (k === modal.cursor ? paint(theme, 'selection', c) : escapeTags(c))).join('') + (modal.cursor >= chars.length ? paint(theme, 'selection', ' ') : '')
          : escapeTags(f.value);
        const label = `${f.label}${f.required ? ' *' : ''} (${f.enum ? f.enum.join(' | ') : f.type})`;
        if (focused) focusLine = lines.length;
        lines.push(focused ? paint(theme, 'accent', `▸ ${label}`) : paint(theme, 'muted', `  ${label}`));
        lines.push(`    ${value}`);
        if (f.description && focused) lines.push(...wrap(f.description, 'muted').map((l) => `    ${l}`));
      });
      if (modal.hint) lines.push('', ...wrap(modal.hint, 'muted'));
      if (modal.error) lines.push('', ...wrap(modal.error, 'danger'));
      return { title: modal.title, lines, focusLine, scroll: 0, footer: hints([['modal.submit', 'submit'], ['modal.lineDown', 'next field'], ['modal.close', 'cancel']]), want: lines.length };
    }
  }
}
