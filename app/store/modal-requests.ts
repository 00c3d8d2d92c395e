import type { Store } from './store.js';
import type { ListAction, ListItem, Modal } from './state.js';

/**
 * Services ask the user through modals and await the answer: `ask()` pushes a modal onto the store's
 * stack and resolves when a key decides it (`answer()`, keyed by the modal's id). Resolvers are
 * functions, so they live here, beside the store, not in it.
 */
export type ModalAnswer =
  | { type: 'cancel' }
  | { type: 'confirm' }
  | { type: 'submit'; value: string }
  | { type: 'choose'; item: ListItem }
  | { type: 'custom'; value: string }
  | { type: 'action'; action: ListAction; item: ListItem | null }
  | { type: 'form'; values: Record<string, string> };

const pending = new Map<string, (answer: ModalAnswer) => void>();
let seq = 0;

export function newModalId(prefix = 'm'): string {
  return `${prefix}${++seq}`;
}

type WithId = Exclude<Modal, { kind: 'help' }> & { id: string };

export function ask(store: Store, modal: WithId): Promise<ModalAnswer> {
  return new Promise((resolve) => {
    pending.set(modal.id, resolve);
    store.dispatch({ type: 'ui/openModal', modal });
  });
}

/** Removes the modal and resolves whoever asked. Unknown ids (already answered) are ignored. */
export function answer(store: Store, id: string, value: ModalAnswer): void {
  store.dispatch({ type: 'ui/removeModal', id });
  const resolve = pending.get(id);
  pending.delete(id);
  resolve?.(value);
}

/** Cancels every open request (quit, or a flow torn down). */
export function cancelAll(store: Store): void {
  for (const id of [...pending.keys()]) answer(store, id, { type: 'cancel' });
}
