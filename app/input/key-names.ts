/**
 * Key names are blessed's `key.full` strings ('C-c', 'M-1', 'S-tab', 'f1', 'enter', 'q', '?').
 * This module checks them and turns them into labels people read ('Ctrl-C', 'Alt-1', 'F1').
 */
const NAMED = [
  'tab', 'enter', 'linefeed', 'escape', 'space', 'backspace', 'delete', 'insert', 'home', 'end', 'pageup', 'pagedown',
  'up', 'down', 'left', 'right', ...Array.from({ length: 12 }, (_, i) => `f${i + 1}`),
];

const KEY_RE = new RegExp(`^(C-)?(M-)?(S-)?(${NAMED.join('|')}|[a-z0-9]|[!-/:-@\\[-\`{-~])$`);

export function isValidKeyName(key: string): boolean {
  return KEY_RE.test(key);
}

/** A single printable character with no modifier: text when an input has focus. */
export function isPrintableKeyName(key: string): boolean {
  return key.length === 1 && key >= '!' && key <= '~';
}

const LABELS: Record<string, string> = {
  tab: 'Tab', enter: 'Enter', linefeed: 'Ctrl-J', escape: 'Esc', space: 'Space', backspace: 'Backspace', delete: 'Del', insert: 'Ins',
  home: 'Home', end: 'End', pageup: 'PgUp', pagedown: 'PgDn', up: '↑', down: '↓', left: '←', right: '→',
};

export function keyLabel(key: string): string {
  let rest = key;
  let prefix = '';
  for (const [mod, label] of [['C-', 'Ctrl-'], ['M-', 'Alt-'], ['S-', 'Shift-']] as const) {
    if (rest.startsWith(mod) && rest.length > mod.length) {
      prefix += label;
      rest = rest.slice(mod.length);
    }
  }
  const base = LABELS[rest] ?? (/^f\d+$/.test(rest) ? rest.toUpperCase() : prefix && rest.length === 1 ? rest.toUpperCase() : rest);
  return prefix + base;
}
