import { ask, newModalId } from '../store/modal-requests.js';
import type { ListItem } from '../store/state.js';
import type { Store } from '../store/store.js';
import type { ChatSession } from './chat-session.js';
import type { ConversationStore } from './conversation-store.js';

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * The conversations dialog: choose one to open, or create, rename or delete (after a confirm).
 * Stays open after rename/delete so several can be tidied in a row.
 */
export async function runConversationsFlow(store: Store, conversations: ConversationStore, chat: ChatSession): Promise<void> {
  let error: string | undefined;
  for (;;) {
    const currentId = store.getState().chat.conversation?.id;
    const items: ListItem[] = conversations.list().map((m) => ({
      id: m.id,
      label: m.title,
      detail: `${when(m.updated)}${m.id === currentId ? '  (open)' : ''}`,
    }));
    const id = newModalId('conversations');
    const reply = await ask(store, {
      kind: 'list',
      id,
      title: `Conversations (${items.length})`,
      items,
      filter: '',
      selected: Math.max(0, items.findIndex((i) => i.id === currentId)),
      actions: ['new', 'rename', 'delete'],
      allowCustom: false,
      hint: 'Type to filter.',
      error,
    });
    error = undefined;
    if (reply.type === 'cancel') return;
    if (reply.type === 'choose') {
      try {
        chat.open(reply.item.id);
      } catch (err) {
        error = (err as Error).message;
        continue;
      }
      return;
    }
    if (reply.type !== 'action') return;
    if (reply.action === 'new') {
      chat.newConversation();
      return;
    }
    const item = reply.item;
    if (!item) continue;
    if (reply.action === 'rename') {
      const pid = newModalId('rename');
      const answer = await ask(store, { kind: 'prompt', id: pid, title: 'Rename conversation', label: `New title for “${item.label}”:`, value: item.label, cursor: Array.from(item.label).length, masked: false, maskedLength: 0 });
      if (answer.type === 'submit' && answer.value.trim()) {
        try {
          const meta = conversations.rename(item.id, answer.value);
          if (item.id === currentId) store.dispatch({ type: 'chat/renamed', title: meta.title });
        } catch (err) {
          error = (err as Error).message;
        }
      }
    } else if (reply.action === 'delete') {
      const cid = newModalId('delete');
      const answer = await ask(store, { kind: 'confirm', id: cid, title: 'Delete conversation', body: `Delete “${item.label}”? Its file is removed; this cannot be undone.`, confirmLabel: 'delete', tone: 'danger' });
      if (answer.type === 'confirm') {
        try {
          chat.remove(item.id);
        } catch (err) {
          error = (err as Error).message;
        }
      }
    }
  }
}
