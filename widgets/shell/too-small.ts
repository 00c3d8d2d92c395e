import type blessed from 'blessed';
import * as ui from '../blessed-lite.js';
import type { Theme } from '../../themes/tokens.js';
import { blessedStyle } from '../theme-style.js';
import { MIN_COLS, MIN_ROWS, type Layout } from './layout.js';

/** Replaces the dashboard when the terminal is below the minimum size. */
export function createTooSmall(screen: blessed.Widgets.Screen, theme: Theme) {
  const box = ui.box({
    parent: screen,
    top: 0,
    left: 0,
    width: '100%',
    height: '100%',
    align: 'center',
    valign: 'middle',
    style: blessedStyle(theme.tokens.warning),
    hidden: true,
  });
  let lastKey = '';
  return {
    box,
    update(layout: Layout) {
      if (!layout.tooSmall) {
        if (!box.hidden) box.hide();
        lastKey = '';
        return;
      }
      const key = `${layout.cols}x${layout.rows}`;
      if (key === lastKey) return;
      lastKey = key;
      box.setContent(
        `Terminal too small: ${layout.cols}×${layout.rows}\nPyra needs at least ${MIN_COLS}×${MIN_ROWS}.\nEnlarge the window, or press Ctrl-C to quit.`,
      );
      if (box.hidden) box.show();
      box.setFront();
    },
  };
}
