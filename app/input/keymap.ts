import { COMMANDS, type CommandId } from './commands.js';

export type Scope = 'global' | 'chat' | 'memory' | 'editor' | 'plugins' | 'modal' | 'approval';
export const SCOPES: readonly Scope[] = ['global', 'chat', 'memory', 'editor', 'plugins', 'modal', 'approval'];

export interface Binding {
  scope: Scope;
  command: CommandId;
  keys: string[];
  /** Shown in the help bar when its scope has focus. */
  hint?: boolean;
}

/** The default bindings: the one table the dispatcher, help bar, F1 overlay and README use. */
export const DEFAULT_BINDINGS: readonly Binding[] = [
  { scope: 'global', command: 'focus.next', keys: ['tab'], hint: true },
  { scope: 'global', command: 'focus.prev', keys: ['S-tab'] },
  { scope: 'global', command: 'focus.chat', keys: ['M-1'] },
  { scope: 'global', command: 'focus.memory', keys: ['M-2'] },
  { scope: 'global', command: 'focus.plugins', keys: ['M-3'] },
  { scope: 'global', command: 'help.toggle', keys: ['f1', '?'], hint: true },
  { scope: 'global', command: 'setup.open', keys: ['f2'] },
  { scope: 'global', command: 'chat.conversations', keys: ['f3'] },
  { scope: 'global', command: 'chat.newConversation', keys: ['C-n'] },
  { scope: 'global', command: 'approval.show', keys: ['f4'] },
  { scope: 'global', command: 'permissions.open', keys: ['f5'] },
  { scope: 'global', command: 'app.quit', keys: ['C-c', 'q'], hint: true },
  { scope: 'chat', command: 'chat.send', keys: ['enter'], hint: true },
  { scope: 'chat', command: 'chat.newline', keys: ['M-enter', 'linefeed'], hint: true },
  { scope: 'chat', command: 'chat.complete', keys: ['tab'] },
  { scope: 'chat', command: 'chat.cancel', keys: ['escape'], hint: true },
  { scope: 'chat', command: 'chat.retry', keys: ['C-r'], hint: true },
  { scope: 'chat', command: 'chat.historyPrev', keys: ['up'] },
  { scope: 'chat', command: 'chat.historyNext', keys: ['down'] },
  { scope: 'chat', command: 'chat.cursorLeft', keys: ['left'] },
  { scope: 'chat', command: 'chat.cursorRight', keys: ['right'] },
  { scope: 'chat', command: 'chat.cursorHome', keys: ['C-a'] },
  { scope: 'chat', command: 'chat.cursorEnd', keys: ['C-e'] },
  { scope: 'chat', command: 'chat.deleteBack', keys: ['backspace'] },
  { scope: 'chat', command: 'chat.deleteForward', keys: ['delete'] },
  { scope: 'chat', command: 'chat.clearInput', keys: ['C-u'] },
  { scope: 'chat', command: 'pane.scrollUp', keys: ['pageup'] },
  { scope: 'chat', command: 'pane.scrollDown', keys: ['pagedown'] },
  { scope: 'chat', command: 'pane.scrollTop', keys: ['home'] },
  { scope: 'chat', command: 'pane.scrollBottom', keys: ['end'] },
  { scope: 'global', command: 'memory.context', keys: ['f6'] },
  { scope: 'memory', command: 'memory.up', keys: ['up', 'k'] },
  { scope: 'memory', command: 'memory.down', keys: ['down', 'j'] },
  { scope: 'memory', command: 'memory.open', keys: ['enter'], hint: true },
  { scope: 'memory', command: 'memory.expand', keys: ['right', 'l'] },
  { scope: 'memory', command: 'memory.collapse', keys: ['left', 'h'] },
  { scope: 'memory', command: 'memory.newFile', keys: ['n'], hint: true },
  { scope: 'memory', command: 'memory.newFolder', keys: ['S-n'] },
  { scope: 'memory', command: 'memory.rename', keys: ['r'] },
  { scope: 'memory', command: 'memory.delete', keys: ['d', 'delete'] },
  { scope: 'memory', command: 'memory.edit', keys: ['e'], hint: true },
  { scope: 'memory', command: 'memory.external', keys: ['o'] },
  { scope: 'memory', command: 'memory.pin', keys: ['p'] },
  { scope: 'memory', command: 'memory.search', keys: ['/'], hint: true },
  { scope: 'memory', command: 'memory.zoom', keys: ['z'] },
  { scope: 'memory', command: 'memory.previewDown', keys: ['pagedown', 'space'] },
  { scope: 'memory', command: 'memory.previewUp', keys: ['pageup'] },
  { scope: 'editor', command: 'editor.save', keys: ['C-s'], hint: true },
  { scope: 'editor', command: 'editor.close', keys: ['escape'], hint: true },
  { scope: 'editor', command: 'editor.undo', keys: ['C-z'], hint: true },
  { scope: 'editor', command: 'memory.external', keys: ['C-o'], hint: true },
  { scope: 'editor', command: 'editor.newline', keys: ['enter'] },
  { scope: 'editor', command: 'editor.left', keys: ['left'] },
  { scope: 'editor', command: 'editor.right', keys: ['right'] },
  { scope: 'editor', command: 'editor.up', keys: ['up'] },
  { scope: 'editor', command: 'editor.down', keys: ['down'] },
  { scope: 'editor', command: 'editor.home', keys: ['home', 'C-a'] },
  { scope: 'editor', command: 'editor.end', keys: ['end', 'C-e'] },
  { scope: 'editor', command: 'editor.pageUp', keys: ['pageup'] },
  { scope: 'editor', command: 'editor.pageDown', keys: ['pagedown'] },
  { scope: 'editor', command: 'editor.top', keys: ['C-home'] },
  { scope: 'editor', command: 'editor.bottom', keys: ['C-end'] },
  { scope: 'editor', command: 'editor.deleteBack', keys: ['backspace'] },
  { scope: 'editor', command: 'editor.deleteForward', keys: ['delete'] },
  { scope: 'plugins', command: 'plugins.up', keys: ['up', 'k'] },
  { scope: 'plugins', command: 'plugins.down', keys: ['down', 'j'] },
  { scope: 'plugins', command: 'plugins.activate', keys: ['enter'], hint: true },
  { scope: 'plugins', command: 'plugins.setup', keys: ['s'], hint: true },
  { scope: 'plugins', command: 'plugins.restart', keys: ['r'], hint: true },
  { scope: 'modal', command: 'modal.submit', keys: ['enter'], hint: true },
  { scope: 'modal', command: 'modal.close', keys: ['escape'], hint: true },
  { scope: 'modal', command: 'modal.yes', keys: ['y'] },
  { scope: 'modal', command: 'modal.no', keys: ['n'] },
  { scope: 'modal', command: 'modal.deleteBack', keys: ['backspace'] },
  { scope: 'modal', command: 'modal.cursorLeft', keys: ['left'] },
  { scope: 'modal', command: 'modal.cursorRight', keys: ['right'] },
  { scope: 'modal', command: 'list.rename', keys: ['C-r'] },
  { scope: 'modal', command: 'list.delete', keys: ['delete'] },
  { scope: 'modal', command: 'list.new', keys: ['C-n'] },
  { scope: 'modal', command: 'help.toggle', keys: ['f1', '?'] },
  { scope: 'modal', command: 'modal.lineUp', keys: ['up', 'k', 'S-tab'] },
  { scope: 'modal', command: 'modal.lineDown', keys: ['down', 'j', 'tab'] },
  { scope: 'approval', command: 'approval.once', keys: ['y'], hint: true },
  { scope: 'approval', command: 'approval.session', keys: ['s'], hint: true },
  { scope: 'approval', command: 'approval.always', keys: ['a'], hint: true },
  { scope: 'approval', command: 'approval.deny', keys: ['n'], hint: true },
  { scope: 'approval', command: 'approval.edit', keys: ['e'], hint: true },
  { scope: 'approval', command: 'approval.next', keys: ['j', 'down'] },
  { scope: 'approval', command: 'approval.prev', keys: ['k', 'up'] },
  { scope: 'approval', command: 'approval.scrollDown', keys: ['pagedown', 'space'] },
  { scope: 'approval', command: 'approval.scrollUp', keys: ['pageup'] },
  { scope: 'approval', command: 'approval.hide', keys: ['escape'], hint: true },
  { scope: 'modal', command: 'modal.pageUp', keys: ['pageup'] },
  { scope: 'modal', command: 'modal.pageDown', keys: ['pagedown'] },
];

export interface Keymap {
  bindings: readonly Binding[];
  lookup(scope: Scope, key: string): CommandId | undefined;
  keysFor(scope: Scope, command: CommandId): string[];
}

/** Builds lookup tables; on a conflict inside a scope the first binding wins (validation reports it). */
export function createKeymap(bindings: readonly Binding[]): Keymap {
  const byScope = new Map<Scope, Map<string, CommandId>>();
  for (const scope of SCOPES) byScope.set(scope, new Map());
  for (const b of bindings) {
    const table = byScope.get(b.scope)!;
    for (const key of b.keys) if (!table.has(key)) table.set(key, b.command);
  }
  return {
    bindings,
    lookup: (scope, key) => byScope.get(scope)!.get(key),
    keysFor: (scope, command) => bindings.filter((b) => b.scope === scope && b.command === command).flatMap((b) => b.keys),
  };
}

/** Pairs of bindings in one scope that claim the same key. */
export function findConflicts(bindings: readonly Binding[]): { scope: Scope; key: string; commands: CommandId[] }[] {
  const seen = new Map<string, CommandId>();
  const out: { scope: Scope; key: string; commands: CommandId[] }[] = [];
  for (const b of bindings) {
    for (const key of b.keys) {
      const id = `${b.scope}\u0000${key}`;
      const other = seen.get(id);
      if (other && other !== b.command) out.push({ scope: b.scope, key, commands: [other, b.command] });
      else seen.set(id, b.command);
    }
  }
  return out;
}

export const commandIds = (): CommandId[] => Object.keys(COMMANDS) as CommandId[];
