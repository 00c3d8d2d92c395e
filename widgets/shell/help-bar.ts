import type blessed from 'blessed';
import * as ui from '../blessed-lite.js';
import { commandInfo } from '../../app/input/commands.js';
import { keyLabel } from '../../app/input/key-names.js';
import type { Keymap, Scope } from '../../app/input/keymap.js';
import { selectOverlayScope, selectPaneScope } from '../../app/store/selectors.js';
import type { AppState } from '../../app/store/state.js';
import type { Theme } from '../../themes/tokens.js';
import { blessedStyle, paint } from '../theme-style.js';
import type { Rect } from './layout.js';

const SCOPE_TITLES: Record<Scope, string> = { global: 'Pyra', chat: 'Chat', memory: 'Memory', plugins: 'Plugins', modal: 'Dialog', approval: 'Approve', editor: 'Editor' };

/**
 * The hinted bindings of a scope, then the global ones, as [key label, title] pairs from the keymap,
 * fitted to a width: scope hints are dropped from the end first, so help and quit always show.
 */
export function helpHints(keymap: Keymap, scope: Scope, width = Infinity): [string, string][] {
  const collect = (sc: Scope) =>
    keymap.bindings.filter((b) => b.scope === sc && b.hint && b.keys.length > 0).map((b): [string, string] => [keyLabel(b.keys[0]!), commandInfo(b.command).title]);
  const own = collect(scope);
  let globals = scope === 'modal' || scope === 'approval' ? [] : collect('global');
  if (scope === 'modal' || scope === 'approval') {
    const quit = keymap.keysFor('global', 'app.quit')[0];
    if (quit) globals = [[keyLabel(quit), commandInfo('app.quit').title]];
  }
  const size = (h: [string, string][]) => h.reduce((n, [k, t]) => n + Array.from(k).length + Array.from(t).length + 3, 0);
  while (own.length > 0 && size([...own, ...globals]) > width) own.pop();
  while (globals.length > 2 && size(globals) > width) globals.shift();
  return [...own, ...globals];
}

/** The bottom line: the focused scope's name and its main keys, from the keymap table. */
export function createHelpBar(screen: blessed.Widgets.Screen, theme: Theme, keymap: Keymap) {
  const box = ui.box({ parent: screen, height: 1, tags: true,
    wrap: false, style: blessedStyle(theme.tokens.helpText), hidden: true });
  let lastKey = '';
  return {
    box,
    update(state: AppState, rect: Rect | null) {
      if (!rect) {
        if (!box.hidden) box.hide();
        lastKey = '';
        return;
      }
      const scope: Scope = selectOverlayScope(state) ?? selectPaneScope(state);
      const key = `${rect.top},${rect.width},${scope}`;
      if (key === lastKey) return;
      lastKey = key;
      const room = rect.width - SCOPE_TITLES[scope].length - 5;
      const parts = helpHints(keymap, scope, room).map(([k, title]) => `${paint(theme, 'helpKey', k)} ${paint(theme, 'helpText', title)}`);
      box.top = rect.top;
      box.left = rect.left;
      box.width = rect.width;
      box.setContent(` ${paint(theme, 'accent', SCOPE_TITLES[scope])} │ ${parts.join('  ')}`);
      if (box.hidden) box.show();
    },
  };
}
