import type blessed from 'blessed';
import type { Theme } from '../../themes/tokens.js';
import { createTextPane } from '../shell/text-pane.js';

/** Until the memory browser is built, the pane says so and where the notes live. */
export function createMemoryPane(screen: blessed.Widgets.Screen, theme: Theme) {
  return createTextPane(screen, theme, 'memory', 'Memory', (s) => [
    'The memory browser arrives in a later version.',
    '',
    'Your memory is plain markdown in:',
    `  ${s.memory.root}`,
  ]);
}
