import type blessed from 'blessed';
import * as ui from '../blessed-lite.js';
import type { Theme } from '../../themes/tokens.js';
import { paneStyle } from '../theme-style.js';
import type { Rect } from './layout.js';

/** The bordered, labelled box every pane sits in; the focused one shows `● ` before its title. */
export interface PaneFrame {
  box: blessed.Widgets.BoxElement;
  /** Places the frame and sets focus styling; returns the inner size, or null when hidden. */
  place(rect: Rect | null, focused: boolean): { width: number; height: number } | null;
  /** Changes the title shown in the border. */
  setTitle(title: string): void;
}

export function createPaneFrame(screen: blessed.Widgets.Screen, initialTitle: string, theme: Theme): PaneFrame {
  let title = initialTitle;
  const box = ui.box({
    parent: screen,
    border: { type: 'line' },
    tags: true,
    wrap: false,
    label: ` ${title} `,
    style: paneStyle(theme, false),
    hidden: true,
  });
  let lastKey = '';
  return {
    box,
    setTitle(next) {
      const clean = next.replace(/[{}]/g, '');
      if (clean !== title) {
        title = clean;
        lastKey = '';
      }
    },
    place(rect, focused) {
      if (!rect) {
        if (!box.hidden) box.hide();
        lastKey = '';
        return null;
      }
      const key = `${rect.left},${rect.top},${rect.width},${rect.height},${focused}`;
      if (key !== lastKey) {
        lastKey = key;
        box.left = rect.left;
        box.top = rect.top;
        box.width = rect.width;
        box.height = rect.height;
        box.style = paneStyle(theme, focused);
        const room = Math.max(4, rect.width - 8);
        const shown = Array.from(title).length > room ? Array.from(title).slice(0, room - 1).join('') + '…' : title;
        box.setLabel(focused ? ` ● ${shown} ` : ` ${shown} `);
        if (box.hidden) box.show();
      }
      return { width: rect.width - 2, height: rect.height - 2 };
    },
  };
}

/** Word-wraps one line to a width (code points); words longer than the width are cut. */
export function wrapLine(line: string, width: number): string[] {
  if (width <= 0 || Array.from(line).length <= width) return [line];
  const out: string[] = [];
  let current: string[] = [];
  for (const word of line.split(/(?<= )/)) {
    const w = Array.from(word);
    if (current.length + Array.from(word.trimEnd()).length > width && current.length > 0) {
      out.push(current.join('').trimEnd());
      current = [];
    }
    for (const c of w) {
      if (current.length === width) {
        out.push(current.join(''));
        current = [];
        if (c === ' ') continue;
      }
      current.push(c);
    }
  }
  if (current.length > 0) out.push(current.join('').trimEnd());
  return out;
}
