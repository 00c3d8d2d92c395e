import type blessed from 'blessed';
import * as ui from '../blessed-lite.js';
import type { Keymap } from '../../app/input/keymap.js';
import { selectApprovalVisible, selectTopModal } from '../../app/store/selectors.js';
import type { AppState } from '../../app/store/state.js';
import type { Theme } from '../../themes/tokens.js';
import { blessedStyle, paint } from '../theme-style.js';
import { approvalView } from './approval-view.js';
import { modalView, type ModalView } from './modal-content.js';

/** Renders the top of the store's modal stack in one centred box; hides when the stack is empty. */
export function createModalHost(screen: blessed.Widgets.Screen, theme: Theme, keymap: Keymap) {
  const box = ui.box({
    parent: screen,
    top: 'center',
    left: 'center',
    border: { type: 'line' },
    tags: true,
    wrap: false,
    hidden: true,
    style: { ...blessedStyle(theme.tokens.overlay), border: blessedStyle(theme.tokens.borderFocus), label: blessedStyle(theme.tokens.titleFocus) },
  });
  let lastKey = '';
  let tick = 0;

  return {
    box,
    /** True while something animates (a busy modal), so the dashboard keeps frames coming. */
    animating(state: AppState): boolean {
      const top = selectTopModal(state);
      return top?.kind === 'message' && Boolean(top.busy);
    },
    update(state: AppState, visible: boolean): void {
      const modal = selectTopModal(state);
      const approval = selectApprovalVisible(state);
      if ((!modal && !approval) || !visible) {
        if (!box.hidden) box.hide();
        lastKey = '';
        return;
      }
      tick++;
      const width = Math.min(state.ui.cols - 4, 90);
      const innerWidth = width - 4;
      const view: ModalView = modal ? modalView(modal, theme, keymap, innerWidth, tick) : approvalView(state.approvals, theme, keymap, innerWidth);
      const height = Math.min(state.ui.rows - 4, Math.max(7, view.want + 4));
      const innerHeight = height - 3;
      const maxScroll = Math.max(0, view.lines.length - innerHeight);
      let from = Math.min(view.scroll, maxScroll);
      if (view.focusLine !== undefined) {
        if (view.focusLine >= from + innerHeight) from = view.focusLine - innerHeight + 1;
        from = Math.min(from, view.focusLine);
        from = Math.max(0, Math.min(from, maxScroll));
      }
      const shown = view.lines.slice(from, from + innerHeight).map((l) => ` ${l}`);
      const more = maxScroll > 0 ? paint(theme, 'muted', `  ${from + 1}–${Math.min(view.lines.length, from + innerHeight)} of ${view.lines.length}`) : '';
      const content = [...shown, ...Array(Math.max(0, innerHeight - shown.length)).fill(''), ` ${view.footer}${more}`].join('\n');
      const key = `${width}x${height}|${view.title}|${content}`;
      if (key === lastKey) return;
      lastKey = key;
      box.width = width;
      box.height = height;
      box.setLabel(` ${view.title.replace(/[{}]/g, '')} `);
      box.setContent(content);
      if (box.hidden) box.show();
      box.setFront();
    },
  };
}
