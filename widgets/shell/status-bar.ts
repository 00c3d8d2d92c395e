import type blessed from 'blessed';
import * as ui from '../blessed-lite.js';
import { selectStatusLine } from '../../app/store/selectors.js';
import type { AppState } from '../../app/store/state.js';
import type { Theme } from '../../themes/tokens.js';
import { blessedStyle, escapeTags, paint } from '../theme-style.js';
import type { Rect } from './layout.js';

const TONE_TOKEN = { info: 'accent', success: 'success', warning: 'warning', danger: 'danger' } as const;

/** One line: version, provider/model, vault state, pending approvals, and the latest notice. */
export function createStatusBar(screen: blessed.Widgets.Screen, theme: Theme) {
  const box = ui.box({ parent: screen, height: 1, tags: true,
    wrap: false, style: blessedStyle(theme.tokens.status), hidden: true });
  let lastKey = '';
  return {
    box,
    update(state: AppState, rect: Rect | null) {
      if (!rect) {
        if (!box.hidden) box.hide();
        lastKey = '';
        return;
      }
      const s = selectStatusLine(state);
      // A notice must be readable: when it does not fit, the line drops its least useful parts first.
      const parts = { version: true, tokens: Boolean(s.tokens), vault: true, provider: true };
      const line = () =>
        ` Pyra${parts.version ? ` ${s.version}` : ''}${parts.provider ? ` │ provider: ${s.provider}` : ''}${parts.vault ? ` │ vault: ${s.vault}` : ''} │ approvals: ${s.approvals}${parts.tokens ? ` │ ${s.tokens}` : ''}`;
      const noticeLength = s.notice ? Array.from(s.notice.text).length + 3 : 0;
      for (const drop of ['tokens', 'version', 'vault', 'provider'] as const) {
        if (rect.width - Array.from(line()).length >= noticeLength) break;
        parts[drop] = false;
      }
      const left = line();
      const room = rect.width - Array.from(left).length - 2;
      let right = '';
      if (s.notice && room > 4) {
        const chars = Array.from(s.notice.text);
        const text = chars.length > room ? chars.slice(0, room - 1).join('') + '…' : s.notice.text;
        right = paint(theme, TONE_TOKEN[s.notice.tone], text);
      }
      const key = `${rect.top},${rect.width},${left},${right}`;
      if (key === lastKey) return;
      lastKey = key;
      box.top = rect.top;
      box.left = rect.left;
      box.width = rect.width;
      box.setContent(escapeTags(left) + (right ? `{|}${right} ` : ''));
      if (box.hidden) box.show();
    },
  };
}
