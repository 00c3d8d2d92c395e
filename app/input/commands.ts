/**
 * Every command the keyboard can run: id, a short title for the help bar, a description for the
 * F1 overlay and the README, and a category. Handlers live in command-handlers.ts.
 */
export type Category = 'App' | 'Focus' | 'Chat' | 'Conversations' | 'Memory' | 'Editor' | 'Plugins' | 'Approvals' | 'Navigation' | 'Dialogs';

export interface CommandInfo {
  title: string;
  description: string;
  category: Category;
  /** Runs even while a modal is open (non-printable keys only). */
  anywhere?: boolean;
}

export const COMMANDS = {
  'app.quit': { title: 'quit', description: 'Quit Pyra', category: 'App', anywhere: true },
  'help.toggle': { title: 'help', description: 'Show or hide all keyboard shortcuts', category: 'App' },
  'focus.next': { title: 'next pane', description: 'Next pane', category: 'Focus' },
  'focus.prev': { title: 'previous pane', description: 'Previous pane', category: 'Focus' },
  'focus.chat': { title: 'chat', description: 'Focus the Chat pane', category: 'Focus' },
  'focus.memory': { title: 'memory', description: 'Focus the Memory pane', category: 'Focus' },
  'focus.plugins': { title: 'plugins', description: 'Focus the Plugins pane', category: 'Focus' },
  'setup.open': { title: 'setup', description: 'Set up the LLM provider (wizard)', category: 'App' },
  'chat.send': { title: 'send', description: 'Send the message', category: 'Chat' },
  'chat.complete': { title: 'complete', description: 'Complete a /command (otherwise: next pane)', category: 'Chat' },
  'chat.newline': { title: 'newline', description: 'Insert a new line in the message', category: 'Chat' },
  'chat.cancel': { title: 'stop', description: 'Stop the reply being streamed (the partial text stays)', category: 'Chat' },
  'chat.retry': { title: 'retry', description: 'Send the last turn again', category: 'Chat' },
  'chat.historyPrev': { title: 'history', description: 'Previous sent message into the input', category: 'Chat' },
  'chat.historyNext': { title: 'history', description: 'Next sent message into the input', category: 'Chat' },
  'chat.newConversation': { title: 'new chat', description: 'Start a new conversation', category: 'Conversations' },
  'chat.conversations': { title: 'chats', description: 'List conversations: open, rename, delete', category: 'Conversations' },
  'chat.cursorLeft': { title: 'left', description: 'Move the cursor left', category: 'Chat' },
  'chat.cursorRight': { title: 'right', description: 'Move the cursor right', category: 'Chat' },
  'chat.cursorHome': { title: 'start', description: 'Move the cursor to the start of the input', category: 'Chat' },
  'chat.cursorEnd': { title: 'end', description: 'Move the cursor to the end of the input', category: 'Chat' },
  'chat.deleteBack': { title: 'delete', description: 'Delete the character before the cursor', category: 'Chat' },
  'chat.deleteForward': { title: 'delete forward', description: 'Delete the character under the cursor', category: 'Chat' },
  'chat.clearInput': { title: 'clear', description: 'Clear the input', category: 'Chat' },
  'memory.up': { title: 'up', description: 'Previous note or folder', category: 'Memory' },
  'memory.down': { title: 'down', description: 'Next note or folder', category: 'Memory' },
  'memory.open': { title: 'open', description: 'Open or close a folder; show a note full size', category: 'Memory' },
  'memory.expand': { title: 'expand', description: 'Open the folder', category: 'Memory' },
  'memory.collapse': { title: 'collapse', description: 'Close the folder, or go to the parent folder', category: 'Memory' },
  'memory.newFile': { title: 'new', description: 'New note', category: 'Memory' },
  'memory.newFolder': { title: 'folder', description: 'New folder', category: 'Memory' },
  'memory.rename': { title: 'rename', description: 'Rename or move the note or folder', category: 'Memory' },
  'memory.delete': { title: 'delete', description: 'Delete the note or folder (asks first)', category: 'Memory' },
  'memory.edit': { title: 'edit', description: 'Edit the note in Pyra', category: 'Memory' },
  'memory.external': { title: '$EDITOR', description: 'Open the note in your $VISUAL/$EDITOR', category: 'Memory' },
  'memory.pin': { title: 'pin', description: 'Pin or unpin the note (pinned notes go into every prompt)', category: 'Memory' },
  'memory.search': { title: 'search', description: 'Search all notes', category: 'Memory' },
  'memory.zoom': { title: 'zoom', description: 'Let the Memory pane fill the screen, or shrink it back', category: 'Memory' },
  'memory.previewDown': { title: 'scroll', description: 'Scroll the preview down', category: 'Memory' },
  'memory.previewUp': { title: 'scroll', description: 'Scroll the preview up', category: 'Memory' },
  'memory.context': { title: 'context', description: 'Show which notes went into the last prompt', category: 'Memory' },
  'editor.save': { title: 'save', description: 'Save the note', category: 'Editor' },
  'editor.close': { title: 'close', description: 'Close the editor (asks when there are unsaved changes)', category: 'Editor' },
  'editor.undo': { title: 'undo', description: 'Undo the last change', category: 'Editor' },
  'editor.newline': { title: 'newline', description: 'New line', category: 'Editor' },
  'editor.left': { title: 'left', description: 'Cursor left', category: 'Editor' },
  'editor.right': { title: 'right', description: 'Cursor right', category: 'Editor' },
  'editor.up': { title: 'up', description: 'Cursor up a line', category: 'Editor' },
  'editor.down': { title: 'down', description: 'Cursor down a line', category: 'Editor' },
  'editor.home': { title: 'home', description: 'Start of the line', category: 'Editor' },
  'editor.end': { title: 'end', description: 'End of the line', category: 'Editor' },
  'editor.pageUp': { title: 'page up', description: 'Up a page', category: 'Editor' },
  'editor.pageDown': { title: 'page down', description: 'Down a page', category: 'Editor' },
  'editor.top': { title: 'top', description: 'Start of the note', category: 'Editor' },
  'editor.bottom': { title: 'bottom', description: 'End of the note', category: 'Editor' },
  'editor.deleteBack': { title: 'delete', description: 'Delete the character before the cursor', category: 'Editor' },
  'editor.deleteForward': { title: 'delete forward', description: 'Delete the character under the cursor', category: 'Editor' },
  'plugins.up': { title: 'up', description: 'Previous plugin or tool', category: 'Plugins' },
  'plugins.down': { title: 'down', description: 'Next plugin or tool', category: 'Plugins' },
  'plugins.activate': { title: 'run', description: 'On a tool: fill in its arguments and queue the call; on a plugin: its status', category: 'Plugins' },
  'plugins.setup': { title: 'setup', description: "Run the selected plugin's setup (its questions in dialogs; secrets go to the vault), then restart it", category: 'Plugins' },
  'plugins.restart': { title: 'restart', description: 'Restart the selected plugin', category: 'Plugins' },
  'pane.scrollUp': { title: 'scroll up', description: 'Scroll the pane up a page', category: 'Navigation' },
  'pane.scrollDown': { title: 'scroll down', description: 'Scroll the pane down a page', category: 'Navigation' },
  'pane.scrollTop': { title: 'top', description: 'Scroll to the start', category: 'Navigation' },
  'pane.scrollBottom': { title: 'bottom', description: 'Scroll to the end (newest)', category: 'Navigation' },
  'approval.once': { title: 'allow once', description: 'Allow this tool call once', category: 'Approvals' },
  'approval.session': { title: 'allow for session', description: 'Allow this tool until Pyra quits', category: 'Approvals' },
  'approval.always': { title: 'always', description: 'Always allow this tool (stored rule; asks first for destructive tools)', category: 'Approvals' },
  'approval.deny': { title: 'deny', description: 'Deny the call (with an optional reason for the model)', category: 'Approvals' },
  'approval.edit': { title: 'edit', description: 'Edit the arguments in a form, then allow', category: 'Approvals' },
  'approval.next': { title: 'next', description: 'Next request in the queue', category: 'Approvals' },
  'approval.prev': { title: 'previous', description: 'Previous request in the queue', category: 'Approvals' },
  'approval.scrollDown': { title: 'scroll', description: 'Scroll the arguments down', category: 'Approvals' },
  'approval.scrollUp': { title: 'scroll', description: 'Scroll the arguments up', category: 'Approvals' },
  'approval.hide': { title: 'hide', description: 'Hide the approval dialog without deciding', category: 'Approvals' },
  'approval.show': { title: 'approvals', description: 'Show the pending tool calls', category: 'Approvals' },
  'permissions.open': { title: 'permissions', description: 'Stored rules and session grants: review and revoke', category: 'Approvals' },
  'modal.close': { title: 'close', description: 'Close the dialog', category: 'Dialogs' },
  'modal.submit': { title: 'ok', description: 'Confirm or choose', category: 'Dialogs' },
  'modal.yes': { title: 'yes', description: 'Answer yes', category: 'Dialogs' },
  'modal.no': { title: 'no', description: 'Answer no', category: 'Dialogs' },
  'modal.deleteBack': { title: 'delete', description: 'Delete the character before the cursor', category: 'Dialogs' },
  'modal.cursorLeft': { title: 'left', description: 'Move the cursor left', category: 'Dialogs' },
  'modal.cursorRight': { title: 'right', description: 'Move the cursor right', category: 'Dialogs' },
  'list.rename': { title: 'rename', description: 'Rename the selected entry', category: 'Dialogs' },
  'list.delete': { title: 'delete', description: 'Delete the selected entry (asks first)', category: 'Dialogs' },
  'list.new': { title: 'new', description: 'Create a new entry', category: 'Dialogs' },
  'modal.lineUp': { title: 'up', description: 'Scroll the dialog up a line', category: 'Dialogs' },
  'modal.lineDown': { title: 'down', description: 'Scroll the dialog down a line', category: 'Dialogs' },
  'modal.pageUp': { title: 'page up', description: 'Scroll the dialog up a page', category: 'Dialogs' },
  'modal.pageDown': { title: 'page down', description: 'Scroll the dialog down a page', category: 'Dialogs' },
} as const satisfies Record<string, CommandInfo>;

export type CommandId = keyof typeof COMMANDS;

export function isCommandId(id: string): id is CommandId {
  return Object.hasOwn(COMMANDS, id);
}

export function commandInfo(id: CommandId): CommandInfo {
  return COMMANDS[id];
}
