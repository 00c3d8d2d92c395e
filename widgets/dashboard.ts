import type blessed from 'blessed';
import * as ui from './blessed-lite.js';
import { runCommand, scrollPane, type CommandContext } from '../app/input/command-handlers.js';
import { keyLabel } from '../app/input/key-names.js';
import { appendMasked } from '../app/store/masked-input.js';
import type { ApprovalController } from '../app/approvals/approval-controller.js';
import type { ChatSession } from '../app/chat/chat-session.js';
import type { MemoryActions } from '../app/memory-ui/memory-actions.js';
import type { SidebarActions } from '../app/plugins-ui/sidebar-actions.js';
import { loadMarkdownRenderer, type MarkdownRenderer } from './chat/markdown.js';
import { routeKey } from '../app/input/dispatcher.js';
import type { Keymap } from '../app/input/keymap.js';
import { selectOverlayScope, selectPaneScope, selectTextInputActive, selectTopModal } from '../app/store/selectors.js';
import type { AppState, PaneId } from '../app/store/state.js';
import type { Store } from '../app/store/store.js';
import type { Theme } from '../themes/tokens.js';
import { createChatPane } from './chat/chat-pane.js';
import { createMemoryPane } from './memory/memory-pane.js';
import { createModalHost } from './modals/modal-host.js';
import { createPluginsPane } from './plugins/plugins-pane.js';
import { BEGIN_SYNC, END_SYNC, createFrameScheduler, type FrameScheduler } from './shell/frame-scheduler.js';
import { createHelpBar } from './shell/help-bar.js';
import { enableBracketedPaste } from './shell/bracketed-paste.js';
import { computeLayout } from './shell/layout.js';
import { createStatusBar } from './shell/status-bar.js';
import { createTooSmall } from './shell/too-small.js';

export interface DashboardOptions {
  store: Store;
  keymap: Keymap;
  theme: Theme;
  /** Fake streams for widget tests; the real terminal otherwise. */
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** Called after the terminal has been restored. */
  onQuit?: () => void;
  /** Filled in after the first frame, when the services have loaded; read at each key press. */
  services?: DashboardServices;
}

export interface DashboardServices {
  chat?: ChatSession;
  openSetup?(): void;
  openConversations?(): void;
  approvals?: ApprovalController;
  openPermissions?(): void;
  memory?: MemoryActions;
  showMemoryContext?(): void;
  sidebar?: SidebarActions;
  runSlash?(text: string): boolean;
}

export interface Dashboard {
  screen: blessed.Widgets.Screen;
  scheduler: FrameScheduler;
  /** Draws synchronously (tests and the first frame). */
  renderNow(): void;
  destroy(): void;
  /** Hands the terminal to `run` (synchronous, e.g. the user's editor) and takes it back. */
  suspend(run: () => void): Promise<void>;
  /** The services are in `services`: runs the key presses that waited for them. */
  servicesReady(): void;
  /** Loads the markdown renderer now (it also loads by itself when a reply or a preview needs it). */
  loadMarkdown(): Promise<void>;
}

const NOTICE_MS = 8000;

/** Mounts every widget on one screen, wires keys and mouse to the dispatcher and frames to the store. */
export function mountDashboard(o: DashboardOptions): Dashboard {
  const { store, keymap, theme } = o;
  const screen = ui.screen({
    smartCSR: true,
    fullUnicode: true,
    title: 'Pyra',
    warnings: false,
    input: o.input as never,
    output: o.output as never,
    terminal: o.output ? 'xterm-256color' : undefined,
    forceUnicode: true,
  });
  // Draw box lines as UTF-8 rather than through the terminal's alternate character set, which
  // several terminals and multiplexers render as letters.
  (screen.program as unknown as { tput: { brokenACS: boolean } }).tput.brokenACS = true;
  let markdown: MarkdownRenderer | null = null;
  const chatKey = (command: 'setup.open' | 'chat.newConversation' | 'chat.conversations') =>
    keyLabel(keymap.keysFor('global', command)[0] ?? '?');
  const chat = createChatPane(screen, theme, { keyFor: chatKey, markdown: () => markdown });
  const memory = createMemoryPane(screen, theme, { view: () => o.services?.memory?.view ?? null, markdown: () => markdown });
  const plugins = createPluginsPane(screen, theme);
  const status = createStatusBar(screen, theme);
  const help = createHelpBar(screen, theme, keymap);
  const tooSmall = createTooSmall(screen, theme);
  const modals = createModalHost(screen, theme, keymap);

  function draw(state: AppState): void {
    const layout = computeLayout(state.ui.cols, state.ui.rows, state.memory.zoom || state.memory.editor ? 'memory' : null);
    const shown = layout.tooSmall ? null : layout;
    chat.update(state, shown?.chat ?? null);
    memory.update(state, shown?.memory ?? null);
    plugins.update(state, shown?.plugins ?? null);
    status.update(state, shown?.status ?? null);
    help.update(state, shown?.help ?? null);
    modals.update(state, !layout.tooSmall);
    tooSmall.update(layout);
  }

  const program = screen.program as unknown as { _write(text: string): void };
  const scheduler = createFrameScheduler(() => {
    const state = store.getState();
    draw(state);
    program._write(BEGIN_SYNC);
    screen.render();
    program._write(END_SYNC);
    if (modals.animating(state)) setTimeout(() => scheduler.request(), 80).unref();
  });

  let destroyed = false;
  let noticeTimer: NodeJS.Timeout | null = null;
  // The markdown renderer (marked-terminal, cli-highlight: ~30 MB) loads when something needs it:
  // a reply in the chat or a note in the preview. An idle dashboard never pays for it.
  let markdownRequested = false;
  const needsMarkdown = (s: AppState) => s.memory.preview?.text != null || s.chat.messages.some((m) => m.role === 'assistant');
  const requestMarkdown = () => {
    if (markdownRequested) return;
    markdownRequested = true;
    loadMarkdownRenderer(theme.color)
      .then((md) => {
        markdown = md;
        store.dispatch({ type: 'ui/markdownReady' });
      })
      .catch((err: Error) => store.dispatch({ type: 'status/notice', tone: 'warning', text: `Markdown rendering is off: ${err.message}` }));
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (!markdownRequested && needsMarkdown(state)) requestMarkdown();
    if (state.status.notice && state.status.notice !== previous.status.notice) {
      const id = state.status.notice.id;
      if (noticeTimer) clearTimeout(noticeTimer);
      noticeTimer = setTimeout(() => store.dispatch({ type: 'status/clearNotice', id }), NOTICE_MS);
      noticeTimer.unref();
    }
    scheduler.request();
  });

  const destroy = () => {
    if (destroyed) return;
    destroyed = true;
    unsubscribe();
    scheduler.dispose();
    if (noticeTimer) clearTimeout(noticeTimer);
    disablePaste();
    screen.destroy();
  };

  // Keys that need the services (Enter, F2, F3) may come before they have loaded: run them after.
  const waiting: (() => void)[] = [];
  let servicesReady = false;
  const ctx: CommandContext = {
    store,
    quit: () => {
      destroy();
      o.onQuit?.();
    },
    pageSize: () => Math.max(1, Math.floor(store.getState().ui.rows / 2) - 2),
    get chat() {
      return o.services?.chat;
    },
    openSetup: () => (o.services?.openSetup ? o.services.openSetup() : waiting.push(() => o.services?.openSetup?.())),
    openConversations: () =>
      o.services?.openConversations ? o.services.openConversations() : waiting.push(() => o.services?.openConversations?.()),
    afterServices: o.services ? (fn) => (servicesReady ? fn() : waiting.push(fn)) : undefined,
    get approvals() {
      return o.services?.approvals;
    },
    openPermissions: () => o.services?.openPermissions?.(),
    get memory() {
      return o.services?.memory;
    },
    showMemoryContext: () => o.services?.showMemoryContext?.(),
    get sidebar() {
      return o.services?.sidebar;
    },
    runSlash: (text) => o.services?.runSlash?.(text) ?? false,
  };

  /** Text goes to whatever takes text now: a masked prompt, a dialog, the editor or the chat input. */
  const insertText = (text: string) => {
    const state = store.getState();
    const top = selectTopModal(state);
    if (top?.kind === 'prompt' && top.masked) store.dispatch({ type: 'modal/maskedLength', length: appendMasked(top.id, text) });
    else if (top) store.dispatch({ type: 'modal/insert', text });
    else if (selectPaneScope(state) === 'editor') store.dispatch({ type: 'editor/insert', text });
    else store.dispatch({ type: 'chat/insert', text });
  };

  // Characters typed (or pasted without bracketed paste) in one input chunk become one insert, so a
  // long paste costs one edit rather than one per character.
  let pendingText = '';
  const flushText = () => {
    if (!pendingText) return;
    const text = pendingText;
    pendingText = '';
    insertText(text);
  };

  const handleKey = (full: string, ch: string | undefined) => {
    const state = store.getState();
    const route = routeKey(keymap, { modal: selectOverlayScope(state), pane: selectPaneScope(state), textInput: selectTextInputActive(state) }, { full, ch });
    if (!route) return;
    if ('text' in route) {
      if (!pendingText) queueMicrotask(flushText);
      pendingText += route.text;
      return;
    }
    flushText();
    runCommand(route.command, ctx);
  };

  const disablePaste = enableBracketedPaste(screen, (text) => {
    flushText();
    if (selectTextInputActive(store.getState())) insertText(text.replace(/\r\n?/g, '\n'));
  });

  // blessed splits Alt-Enter (ESC CR) into Escape then Enter within one chunk: hold an Escape until
  // the chunk is parsed, and join the two when Enter follows.
  let heldEscape = false;
  screen.on('keypress', (ch: string | undefined, key: blessed.Widgets.Events.IKeyEventArg) => {
    if (destroyed || key.name === 'return') return; // Enter arrives twice ('return' and 'enter'): keep 'enter'
    if (key.full === 'escape') {
      if (heldEscape) handleKey('escape', undefined);
      heldEscape = true;
      queueMicrotask(() => {
        if (heldEscape) {
          heldEscape = false;
          handleKey('escape', undefined);
        }
      });
      return;
    }
    if (heldEscape && key.full === 'enter') {
      heldEscape = false;
      handleKey('M-enter', undefined);
      return;
    }
    if (heldEscape) {
      heldEscape = false;
      handleKey('escape', undefined);
    }
    handleKey(key.full, ch);
  });

  const panes: [PaneId, blessed.Widgets.BoxElement][] = [
    ['chat', chat.frame.box],
    ['memory', memory.frame.box],
    ['plugins', plugins.frame.box],
  ];
  for (const [pane, box] of panes) {
    box.on('click', () => {
      if (!selectTopModal(store.getState())) store.dispatch({ type: 'ui/focus', pane });
    });
    box.on('wheelup', () => scrollPane(store, pane, 'up', 3));
    box.on('wheeldown', () => scrollPane(store, pane, 'down', 3));
  }

  screen.on('resize', () => {
    store.dispatch({ type: 'ui/resize', cols: screen.width as number, rows: screen.height as number });
    scheduler.flush();
  });

  store.dispatch({ type: 'ui/resize', cols: screen.width as number, rows: screen.height as number });
  return {
    screen,
    scheduler,
    renderNow: () => scheduler.flush(),
    destroy,
    async suspend(run) {
      // Hand the terminal to another program (the user's $EDITOR) the way blessed's spawn does:
      // normal screen, cursor, cooked input; then take it back and redraw everything.
      const program = screen.program as unknown as {
        mouseEnabled: boolean;
        normalBuffer(): void;
        alternateBuffer(): void;
        showCursor(): void;
        hideCursor(): void;
        enableMouse(): void;
        disableMouse(): void;
        input: NodeJS.ReadStream;
        output: { write: (...a: unknown[]) => boolean };
        flush(): void;
      };
      const mouse = program.mouseEnabled;
      program.flush();
      program.normalBuffer();
      program.showCursor();
      if (mouse) program.disableMouse();
      const write = program.output.write;
      program.output.write = () => true;
      program.input.pause();
      program.input.setRawMode?.(false);
      try {
        run();
      } finally {
        program.input.setRawMode?.(true);
        program.input.resume();
        program.output.write = write;
        program.alternateBuffer();
        program.hideCursor();
        if (mouse) program.enableMouse();
        screen.alloc();
        scheduler.flush();
      }
    },
    servicesReady() {
      servicesReady = true;
      for (const fn of waiting.splice(0)) fn();
    },
    async loadMarkdown() {
      markdownRequested = true;
      markdown = await loadMarkdownRenderer(theme.color);
      store.dispatch({ type: 'ui/markdownReady' });
    },
  };
}
