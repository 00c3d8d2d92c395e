import type { ApprovalController } from '../approvals/approval-controller.js';
import type { ChatSession } from '../chat/chat-session.js';
import type { MemoryActions } from '../memory-ui/memory-actions.js';
import type { SidebarActions } from '../plugins-ui/sidebar-actions.js';
import { takeMasked, backspaceMasked } from '../store/masked-input.js';
import { answer } from '../store/modal-requests.js';
import { filteredItems } from '../store/reducers/modal.js';
import { selectTopModal } from '../store/selectors.js';
import type { ListAction, PaneId } from '../store/state.js';
import type { Store } from '../store/store.js';
import type { CommandId } from './commands.js';

/** What a command may reach besides the store; the dashboard provides these. */
export interface CommandContext {
  store: Store;
  quit(): void;
  /** Lines in a page of the focused pane or dialog. */
  pageSize(): number;
  chat?: ChatSession;
  openSetup?(): void;
  openConversations?(): void;
  approvals?: ApprovalController;
  openPermissions?(): void;
  memory?: MemoryActions;
  showMemoryContext?(): void;
  sidebar?: SidebarActions;
  /** Runs `/command args` when a plugin offers it; false when the text is not one. */
  runSlash?(text: string): boolean;
  /** Runs `fn` once the services (loaded after the first frame) are there; at once if they are. */
  afterServices?(fn: () => void): void;
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

const FAR = 1_000_000_000;

/** Plugin slash commands that complete what is typed (`/ti` → `/time`), while no space is typed yet. */
export function slashCompletions(state: import('../store/state.js').AppState, text: string): { name: string; description: string; plugin: string }[] {
  const m = /^\/([a-z0-9_-]*)$/.exec(text);
  if (!m) return [];
  return state.plugins.list
    .filter((p) => p.state === 'loaded')
    .flatMap((p) => p.slashCommands.map((c) => ({ ...c, plugin: p.name })))
    .filter((c) => c.name.startsWith(m[1]!));
}

function modalSubmit({ store }: CommandContext): void {
  const top = selectTopModal(store.getState());
  if (!top) return;
  switch (top.kind) {
    case 'help':
      store.dispatch({ type: 'ui/closeModal' });
      return;
    case 'message':
      if (top.busy) return;
      if (top.id) answer(store, top.id, { type: 'confirm' });
      else store.dispatch({ type: 'ui/closeModal' });
      return;
    case 'confirm':
      answer(store, top.id, { type: 'confirm' });
      return;
    case 'prompt':
      answer(store, top.id, { type: 'submit', value: top.masked ? takeMasked(top.id) : top.value });
      return;
    case 'form':
      answer(store, top.id, { type: 'form', values: Object.fromEntries(top.fields.map((f) => [f.name, f.value])) });
      return;
    case 'list': {
      const items = filteredItems(top);
      const item = items[top.selected];
      if (item) answer(store, top.id, { type: 'choose', item });
      else if (top.allowCustom && top.filter.trim()) answer(store, top.id, { type: 'custom', value: top.filter.trim() });
      return;
    }
  }
}

function modalClose({ store }: CommandContext): void {
  const top = selectTopModal(store.getState());
  if (!top) return;
  if ('id' in top && top.id) {
    if (top.kind === 'message' && top.busy) return;
    if (top.kind === 'prompt' && top.masked) takeMasked(top.id);
    answer(store, top.id, { type: 'cancel' });
  } else store.dispatch({ type: 'ui/closeModal' });
}

function listAction(action: ListAction): Handler {
  return ({ store }) => {
    const top = selectTopModal(store.getState());
    if (top?.kind !== 'list' || !top.actions.includes(action)) return;
    answer(store, top.id, { type: 'action', action, item: filteredItems(top)[top.selected] ?? null });
  };
}

function modalMove(delta: (ctx: CommandContext) => number): Handler {
  return (ctx) => {
    const top = selectTopModal(ctx.store.getState());
    if (top?.kind === 'list' || top?.kind === 'form') ctx.store.dispatch({ type: 'modal/select', delta: top.kind === 'form' ? Math.sign(delta(ctx)) : delta(ctx) });
    else ctx.store.dispatch({ type: 'ui/scrollModal', delta: delta(ctx) });
  };
}

const HANDLERS: Record<CommandId, Handler> = {
  'app.quit': (ctx) => {
    if (ctx.store.getState().memory.editor?.dirty && ctx.memory) {
      void ctx.memory.confirmQuit().then((ok) => ok && ctx.quit());
    } else ctx.quit();
  },
  'help.toggle': ({ store }) => {
    const top = selectTopModal(store.getState());
    if (top?.kind === 'help') store.dispatch({ type: 'ui/closeModal' });
    else store.dispatch({ type: 'ui/openModal', modal: { kind: 'help', scroll: 0 } });
  },
  'setup.open': (ctx) => ctx.openSetup?.(),
  'focus.next': ({ store }) => store.dispatch({ type: 'ui/focusNext' }),
  'focus.prev': ({ store }) => store.dispatch({ type: 'ui/focusPrev' }),
  'focus.chat': ({ store }) => store.dispatch({ type: 'ui/focus', pane: 'chat' }),
  'focus.memory': ({ store }) => store.dispatch({ type: 'ui/focus', pane: 'memory' }),
  'focus.plugins': ({ store }) => store.dispatch({ type: 'ui/focus', pane: 'plugins' }),
  'chat.send': (ctx) => {
    const text = ctx.store.getState().chat.input.text;
    if (text.trim() === '') return;
    if (!ctx.chat) {
      if (ctx.afterServices) ctx.afterServices(() => HANDLERS['chat.send'](ctx));
      else ctx.store.dispatch({ type: 'status/notice', tone: 'warning', text: 'Chat is not available. Your text stays in the input.' });
      return;
    }
    ctx.store.dispatch({ type: 'ui/scroll', pane: 'chat', delta: -FAR });
    if (ctx.runSlash?.(text)) return;
    void ctx.chat.send(text);
  },
  'chat.complete': (ctx) => {
    const { text } = ctx.store.getState().chat.input;
    const match = slashCompletions(ctx.store.getState(), text)[0];
    if (match) ctx.store.dispatch({ type: 'chat/setInput', text: `/${match.name} ` });
    else HANDLERS['focus.next'](ctx);
  },
  'chat.newline': ({ store }) => store.dispatch({ type: 'chat/insert', text: '\n' }),
  'chat.cancel': (ctx) => {
    ctx.chat?.cancel();
  },
  'chat.retry': (ctx) => {
    ctx.store.dispatch({ type: 'ui/scroll', pane: 'chat', delta: -FAR });
    void ctx.chat?.retry();
  },
  'chat.historyPrev': ({ store }) => store.dispatch({ type: 'chat/historyPrev' }),
  'chat.historyNext': ({ store }) => store.dispatch({ type: 'chat/historyNext' }),
  'chat.newConversation': (ctx) => ctx.chat?.newConversation(),
  'chat.conversations': (ctx) => ctx.openConversations?.(),
  'chat.cursorLeft': ({ store }) => store.dispatch({ type: 'chat/moveCursor', to: 'left' }),
  'chat.cursorRight': ({ store }) => store.dispatch({ type: 'chat/moveCursor', to: 'right' }),
  'chat.cursorHome': ({ store }) => store.dispatch({ type: 'chat/moveCursor', to: 'home' }),
  'chat.cursorEnd': ({ store }) => store.dispatch({ type: 'chat/moveCursor', to: 'end' }),
  'chat.deleteBack': ({ store }) => store.dispatch({ type: 'chat/deleteBack' }),
  'chat.deleteForward': ({ store }) => store.dispatch({ type: 'chat/deleteForward' }),
  'chat.clearInput': ({ store }) => store.dispatch({ type: 'chat/clearInput' }),
  'pane.scrollUp': (ctx) => scrollPane(ctx.store, ctx.store.getState().ui.focus, 'up', ctx.pageSize()),
  'pane.scrollDown': (ctx) => scrollPane(ctx.store, ctx.store.getState().ui.focus, 'down', ctx.pageSize()),
  'pane.scrollTop': (ctx) => scrollPane(ctx.store, ctx.store.getState().ui.focus, 'up', FAR),
  'pane.scrollBottom': (ctx) => scrollPane(ctx.store, ctx.store.getState().ui.focus, 'down', FAR),
  'modal.close': modalClose,
  'modal.submit': modalSubmit,
  'modal.yes': (ctx) => {
    if (selectTopModal(ctx.store.getState())?.kind === 'confirm') modalSubmit(ctx);
  },
  'modal.no': (ctx) => {
    if (selectTopModal(ctx.store.getState())?.kind === 'confirm') modalClose(ctx);
  },
  'modal.deleteBack': ({ store }) => {
    const top = selectTopModal(store.getState());
    if (top?.kind === 'prompt' && top.masked) store.dispatch({ type: 'modal/maskedLength', length: backspaceMasked(top.id) });
    else store.dispatch({ type: 'modal/deleteBack' });
  },
  'modal.cursorLeft': ({ store }) => store.dispatch({ type: 'modal/moveCursor', to: 'left' }),
  'modal.cursorRight': ({ store }) => store.dispatch({ type: 'modal/moveCursor', to: 'right' }),
  'modal.lineUp': modalMove(() => -1),
  'modal.lineDown': modalMove(() => 1),
  'modal.pageUp': modalMove((ctx) => -ctx.pageSize()),
  'modal.pageDown': modalMove((ctx) => ctx.pageSize()),
  'approval.once': (ctx) => ctx.approvals?.once(),
  'approval.session': (ctx) => ctx.approvals?.session(),
  'approval.always': (ctx) => ctx.approvals?.always(),
  'approval.deny': (ctx) => ctx.approvals?.deny(),
  'approval.edit': (ctx) => ctx.approvals?.edit(),
  'approval.next': ({ store }) => store.dispatch({ type: 'approvals/select', delta: 1 }),
  'approval.prev': ({ store }) => store.dispatch({ type: 'approvals/select', delta: -1 }),
  'approval.scrollDown': (ctx) => ctx.store.dispatch({ type: 'approvals/scroll', delta: ctx.pageSize() }),
  'approval.scrollUp': (ctx) => ctx.store.dispatch({ type: 'approvals/scroll', delta: -ctx.pageSize() }),
  'approval.hide': ({ store }) => store.dispatch({ type: 'approvals/hide' }),
  'approval.show': ({ store }) => {
    if (store.getState().approvals.queue.length === 0) store.dispatch({ type: 'status/notice', tone: 'info', text: 'No tool calls are waiting for approval.' });
    else store.dispatch({ type: 'approvals/show' });
  },
  'permissions.open': (ctx) => ctx.openPermissions?.(),
  'plugins.up': ({ store }) => store.dispatch({ type: 'plugins/select', delta: -1 }),
  'plugins.down': ({ store }) => store.dispatch({ type: 'plugins/select', delta: 1 }),
  'plugins.activate': (ctx) => ctx.sidebar?.activate(),
  'plugins.setup': (ctx) => ctx.sidebar?.setup(),
  'plugins.restart': (ctx) => ctx.sidebar?.restart(),
  'memory.up': (ctx) => ctx.memory?.move(-1),
  'memory.down': (ctx) => ctx.memory?.move(1),
  'memory.open': (ctx) => ctx.memory?.open(),
  'memory.expand': (ctx) => ctx.memory?.expand(),
  'memory.collapse': (ctx) => ctx.memory?.collapse(),
  'memory.newFile': (ctx) => ctx.memory?.newFile(),
  'memory.newFolder': (ctx) => ctx.memory?.newFolder(),
  'memory.rename': (ctx) => ctx.memory?.rename(),
  'memory.delete': (ctx) => ctx.memory?.remove(),
  'memory.edit': (ctx) => ctx.memory?.edit(),
  'memory.external': (ctx) => ctx.memory?.external(),
  'memory.pin': (ctx) => ctx.memory?.pin(),
  'memory.search': (ctx) => ctx.memory?.search(),
  'memory.zoom': ({ store }) => store.dispatch({ type: 'memory/zoom' }),
  'memory.previewDown': (ctx) => ctx.store.dispatch({ type: 'memory/scrollPreview', delta: ctx.pageSize() }),
  'memory.previewUp': (ctx) => ctx.store.dispatch({ type: 'memory/scrollPreview', delta: -ctx.pageSize() }),
  'memory.context': (ctx) => ctx.showMemoryContext?.(),
  'editor.save': (ctx) => ctx.memory?.save(),
  'editor.close': (ctx) => ctx.memory?.close(),
  'editor.undo': ({ store }) => store.dispatch({ type: 'editor/undo' }),
  'editor.newline': ({ store }) => store.dispatch({ type: 'editor/insert', text: '\n' }),
  'editor.left': ({ store }) => store.dispatch({ type: 'editor/move', to: 'left' }),
  'editor.right': ({ store }) => store.dispatch({ type: 'editor/move', to: 'right' }),
  'editor.up': ({ store }) => store.dispatch({ type: 'editor/move', to: 'up' }),
  'editor.down': ({ store }) => store.dispatch({ type: 'editor/move', to: 'down' }),
  'editor.home': ({ store }) => store.dispatch({ type: 'editor/move', to: 'home' }),
  'editor.end': ({ store }) => store.dispatch({ type: 'editor/move', to: 'end' }),
  'editor.pageUp': (ctx) => ctx.store.dispatch({ type: 'editor/move', to: 'pageUp', page: ctx.pageSize() * 2 }),
  'editor.pageDown': (ctx) => ctx.store.dispatch({ type: 'editor/move', to: 'pageDown', page: ctx.pageSize() * 2 }),
  'editor.top': ({ store }) => store.dispatch({ type: 'editor/move', to: 'top' }),
  'editor.bottom': ({ store }) => store.dispatch({ type: 'editor/move', to: 'bottom' }),
  'editor.deleteBack': ({ store }) => store.dispatch({ type: 'editor/deleteBack' }),
  'editor.deleteForward': ({ store }) => store.dispatch({ type: 'editor/deleteForward' }),
  'list.rename': listAction('rename'),
  'list.delete': listAction('delete'),
  'list.new': listAction('new'),
};

export function runCommand(id: CommandId, ctx: CommandContext): void {
  HANDLERS[id](ctx);
}
