import type blessed from 'blessed';
import type { Theme } from '../../themes/tokens.js';
import { createTextPane } from '../shell/text-pane.js';

/** Until the plugin host is built, the pane says so plainly. */
export function createPluginsPane(screen: blessed.Widgets.Screen, theme: Theme) {
  return createTextPane(screen, theme, 'plugins', 'Plugins', (s) => [
    'No plugins installed — plugins and their tools arrive in a later version.',
    '',
    'Plugins will live in:',
    `  ${s.plugins.dir}`,
  ]);
}
