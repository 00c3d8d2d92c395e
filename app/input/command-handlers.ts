import type { Store } from '../store/store.js';
import { selectTopModal } from '../store/selectors.js';
import type { PaneId } from '../store/state.js';
import type { CommandId } from './commands.js';

/** What a command may reach besides the store; services and the shell provide these. */
export interface CommandContext {
  store: Store;
  quit(): void;
  /** Lines in a page of the focused pane or dialog. */
  pageSize(): number;
}

type Handler = (ctx: CommandContext) => void;

/**
 * The chat's scroll counts lines up from the newest message (it sticks to the bottom); the other
 * panes count lines down from the top.
 */
export function scrollPane(store: Store, pane: PaneId, direction: 'up' | 'down', lines: number): void {
  const towardStart = direction === 'up' ? lines : -lines;
  store.dispatch({ type: 'ui/scroll', pane, delta: pane === 'chat' ? towardStart : -towardStart });
}

const HANDLERS: Record<CommandId, Handler> = {
  'app.quit': (ctx) => ctx.quit(),
  'help.toggle': ({ store }) => {
    const top = selectTopModal(store.getState());
    if (top?.kind === 'help') store.dispatch({ type: 'ui/closeModal' });
    else store.dispatch({ type: 'ui/openModal', modal: { kind: 'help', scroll: 0 } });
  },
  'focus.next': ({ store }) => store.dispatch({ type: 'ui/focusNext' }),
  'focus.prev': ({ store }) => store.dispatch({ type: 'ui/focusPrev' }),
  'focus.chat': ({ store }) => store.dispatch({ type: 'ui/focus', pane: 'chat' }),
  'focus.memory': ({ store }) => store.dispatch({ type: 'ui/focus', pane: 'memory' }),
  'focus.plugins': ({ store }) => store.dispatch({ type: 'ui/focus', pane: 'plugins' }),
  'chat.send': ({ store }) => {
    const state = store.getState();
    if (state.chat.input.text.trim() === '') return;
    if (!state.status.provider) {
      store.dispatch({
        type: 'status/notice',
        tone: 'warning',
        text: 'No provider configured — chat arrives with provider setup in a later version. Your text stays in the input.',
      });
    }
  },
  'chat.cursorLeft': ({ store }) => store.dispatch({ type: 'chat/moveCursor', to: 'left' }),
  'chat.cursorRight': ({ store }) => store.dispatch({ type: 'chat/moveCursor', to: 'right' }),
  'chat.cursorHome': ({ store }) => store.dispatch({ type: 'chat/moveCursor', to: 'home' }),
  'chat.cursorEnd': ({ store }) => store.dispatch({ type: 'chat/moveCursor', to: 'end' }),
  'chat.deleteBack': ({ store }) => store.dispatch({ type: 'chat/deleteBack' }),
  'chat.deleteForward': ({ store }) => store.dispatch({ type: 'chat/deleteForward' }),
  'chat.clearInput': ({ store }) => store.dispatch({ type: 'chat/clearInput' }),
  'pane.scrollUp': (ctx) => scrollPane(ctx.store, ctx.store.getState().ui.focus, 'up', ctx.pageSize()),
  'pane.scrollDown': (ctx) => scrollPane(ctx.store, ctx.store.getState().ui.focus, 'down', ctx.pageSize()),
  'modal.close': ({ store }) => store.dispatch({ type: 'ui/closeModal' }),
  'modal.lineUp': ({ store }) => store.dispatch({ type: 'ui/scrollModal', delta: -1 }),
  'modal.lineDown': ({ store }) => store.dispatch({ type: 'ui/scrollModal', delta: 1 }),
  'modal.pageUp': (ctx) => ctx.store.dispatch({ type: 'ui/scrollModal', delta: -ctx.pageSize() }),
  'modal.pageDown': (ctx) => ctx.store.dispatch({ type: 'ui/scrollModal', delta: ctx.pageSize() }),
};

export function runCommand(id: CommandId, ctx: CommandContext): void {
  HANDLERS[id](ctx);
}
