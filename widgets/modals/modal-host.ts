import type blessed from 'blessed';
import * as ui from '../blessed-lite.js';
import type { Keymap } from '../../app/input/keymap.js';
import { selectTopModal } from '../../app/store/selectors.js';
import type { AppState, Modal } from '../../app/store/state.js';
import type { Theme } from '../../themes/tokens.js';
import { wrapLine } from '../shell/pane-frame.js';
import { blessedStyle, escapeTags, paint } from '../theme-style.js';
import { helpText } from '../../app/input/help-rows.js';

const TONE_TOKEN = { info: 'accent', success: 'success', warning: 'warning', danger: 'danger' } as const;

/** Renders the top of the store's modal stack in one centred box; hides when the stack is empty. */
export function createModalHost(screen: blessed.Widgets.Screen, theme: Theme, keymap: Keymap) {
  const box = ui.box({
    parent: screen,
    top: 'center',
    left: 'center',
    border: { type: 'line' },
    tags: true,
    hidden: true,
    style: { ...blessedStyle(theme.tokens.overlay), border: blessedStyle(theme.tokens.borderFocus), label: blessedStyle(theme.tokens.titleFocus) },
  });
  const help = helpText(keymap);
  let lastKey = '';

  function linesFor(modal: Modal, width: number): { title: string; lines: string[]; scroll: number } {
    if (modal.kind === 'help') {
      const lines = help.map((l) => (l.heading ? paint(theme, 'accent', l.text) : escapeTags(l.text)));
      return { title: 'Keyboard shortcuts', lines, scroll: modal.scroll };
    }
    const lines = modal.body.split('\n').flatMap((l) => wrapLine(l, width)).map((l) => paint(theme, TONE_TOKEN[modal.tone], l));
    return { title: modal.title, lines, scroll: 0 };
  }

  return {
    box,
    /** Returns the number of lines a page holds, for page-wise scrolling. */
    update(state: AppState, visible: boolean): void {
      const modal = selectTopModal(state);
      if (!modal || !visible) {
        if (!box.hidden) box.hide();
        lastKey = '';
        return;
      }
      const width = Math.min(state.ui.cols - 4, 90);
      const height = Math.min(state.ui.rows - 4, Math.max(8, (modal.kind === 'help' ? help.length : 6) + 4));
      const innerWidth = width - 4;
      const { title, lines, scroll } = linesFor(modal, innerWidth);
      const innerHeight = height - 3;
      const maxScroll = Math.max(0, lines.length - innerHeight);
      const from = Math.min(scroll, maxScroll);
      const shown = lines.slice(from, from + innerHeight).map((l) => ` ${l}`);
      const more = maxScroll > 0 ? ` ${from + 1}–${Math.min(lines.length, from + innerHeight)} of ${lines.length} (↑/↓ scroll)` : '';
      const footer = paint(theme, 'muted', ` Esc close${more}`);
      const content = [...shown, ...Array(Math.max(0, innerHeight - shown.length)).fill(''), footer].join('\n');
      const key = `${width}x${height}|${title}|${content}`;
      if (key === lastKey) return;
      lastKey = key;
      box.width = width;
      box.height = height;
      box.setLabel(` ${title} `);
      box.setContent(content);
      if (box.hidden) box.show();
      box.setFront();
    },
  };
}
