import type blessed from 'blessed';
import { sidebarRows } from '../../app/plugins-ui/sidebar-rows.js';
import type { AppState } from '../../app/store/state.js';
import type { Theme } from '../../themes/tokens.js';
import type { Rect } from '../shell/layout.js';
import { createPaneFrame, wrapLine } from '../shell/pane-frame.js';
import { escapeTags, paint } from '../theme-style.js';

const STATE_MARK = { starting: '◌', loaded: '●', failed: '✖', disabled: '○' } as const;
const STATE_TOKEN = { starting: 'muted', loaded: 'success', failed: 'danger', disabled: 'muted' } as const;

function cut(text: string, width: number): string {
  const chars = Array.from(text);
  return chars.length > width ? chars.slice(0, Math.max(0, width - 1)).join('') + '…' : text;
}

/** The Plugins pane: plugins and MCP servers with their state (and why one failed), and their tools. */
export function createPluginsPane(screen: blessed.Widgets.Screen, theme: Theme) {
  const frame = createPaneFrame(screen, 'Plugins', theme);
  let lastContent = '';
  let top = 0;
  return {
    frame,
    update(state: AppState, rect: Rect | null) {
      const focused = state.ui.focus === 'plugins' && state.ui.modals.length === 0;
      const inner = frame.place(rect, focused);
      if (!inner) return;
      const { width, height } = inner;
      let lines: string[];
      const p = state.plugins;
      if (!p.started) lines = [paint(theme, 'muted', 'Starting plugins…')];
      else if (p.list.length === 0) {
        lines = [
          'No plugins enabled.',
          '',
          'Bundled: time-and-units, email, nextcloud.',
          '  pyra plugin install NAME',
          '  pyra plugin enable NAME',
          'MCP servers:',
          '  pyra mcp add NAME -- COMMAND ARGS…',
          '',
          `Plugins live in ${p.dir}`,
        ].flatMap((l) => wrapLine(l, width)).map((l, i) => (i === 0 ? escapeTags(l) : paint(theme, 'muted', l)));
      } else {
        const rows = sidebarRows(p.list);
        if (p.selected < top) top = p.selected;
        if (p.selected >= top + height) top = p.selected - height + 1;
        top = Math.max(0, Math.min(top, Math.max(0, rows.length - height)));
        lines = rows.slice(top, top + height).map((row, k) => {
          const selected = top + k === p.selected;
          let text: string;
          let token: 'text' | 'muted' | 'success' | 'danger' | 'accent';
          if (row.kind === 'plugin') {
            const s = row.plugin.state;
            const why = s === 'failed' ? ` — ${row.plugin.reason ?? 'failed'}` : s === 'disabled' ? ' — disabled' : s === 'starting' ? ' — starting' : ` (${row.plugin.tools.length} tools)`;
            text = `${STATE_MARK[s]} ${row.plugin.name}${row.plugin.kind === 'mcp' ? ' [mcp]' : ''}${why}`;
            token = STATE_TOKEN[s];
          } else {
            const risk = row.tool.annotations.destructive ? ' !' : row.tool.annotations.readOnly ? '' : ' ✎';
            text = `   ${row.tool.tool}${risk}  ${row.tool.description}`;
            token = 'text';
          }
          const shown = cut(text, width);
          if (selected) return paint(theme, focused ? 'selection' : 'accent', shown.padEnd(width));
          return token === 'text' ? escapeTags(shown) : paint(theme, token, shown);
        });
      }
      const content = lines.slice(0, height).join('\n');
      if (content !== lastContent) {
        lastContent = content;
        frame.box.setContent(content);
      }
    },
  };
}
