import type blessed from 'blessed';
import type { AppState, PaneId } from '../../app/store/state.js';
import type { Theme } from '../../themes/tokens.js';
import type { Rect } from './layout.js';
import { createPaneFrame, wrapLine } from './pane-frame.js';
import { paint } from '../theme-style.js';

/** A pane that shows lines of text derived from the state: the first line plain, the rest muted. */
export function createTextPane(
  screen: blessed.Widgets.Screen,
  theme: Theme,
  pane: PaneId,
  title: string,
  linesOf: (state: AppState) => string[],
) {
  const frame = createPaneFrame(screen, title, theme);
  let lastContent = '';
  return {
    frame,
    update(state: AppState, rect: Rect | null) {
      const inner = frame.place(rect, state.ui.focus === pane && state.ui.modals.length === 0);
      if (!inner) return;
      const lines = linesOf(state).flatMap((l) => wrapLine(l, inner.width));
      const scroll = Math.min(state.ui.scroll[pane], Math.max(0, lines.length - inner.height));
      const content = lines
        .slice(scroll)
        .map((l, i) => paint(theme, i + scroll === 0 ? 'text' : 'muted', l))
        .join('\n');
      if (content !== lastContent) {
        lastContent = content;
        frame.box.setContent(content);
      }
    },
  };
}
