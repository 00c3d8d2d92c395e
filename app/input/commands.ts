/**
 * Every command the keyboard can run: id, a short title for the help bar, a description for the
 * F1 overlay and the README, and a category. Handlers live in command-handlers.ts.
 */
export type Category = 'App' | 'Focus' | 'Chat' | 'Conversations' | 'Approvals' | 'Navigation' | 'Dialogs';

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
