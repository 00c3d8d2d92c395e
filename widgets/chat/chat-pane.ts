import type blessed from 'blessed';
import type { AppState } from '../../app/store/state.js';
import type { Theme } from '../../themes/tokens.js';
import type { Rect } from '../shell/layout.js';
import { createPaneFrame, wrapLine } from '../shell/pane-frame.js';
import { paint } from '../theme-style.js';
import { slashCompletions } from '../../app/input/command-handlers.js';
import { inputLines } from './input-lines.js';
import type { MarkdownRenderer } from './markdown.js';
import { MessageLineCache, visibleWindow } from './message-lines.js';

export interface ChatPaneOptions {
  /** The key label for a command, from the keymap (so hints show the user's keys). */
  keyFor(command: 'setup.open' | 'chat.newConversation' | 'chat.conversations'): string;
  /** The markdown renderer once loaded. */
  markdown(): MarkdownRenderer | null;
}

function emptyLines(state: AppState, o: ChatPaneOptions): string[] {
  if (!state.status.provider) {
    return [
      'No provider configured.',
      '',
      `Press ${o.keyFor('setup.open')} to choose one (OpenAI-compatible services, local servers or Ollama) and store its key in your vault.`,
    ];
  }
  return [
    'No messages yet. Type below and press Enter.',
    '',
    `${o.keyFor('chat.newConversation')} starts a new conversation; ${o.keyFor('chat.conversations')} lists them.`,
  ];
}

/** The chat: a virtualized message list (only visible messages render) above the input. */
export function createChatPane(screen: blessed.Widgets.Screen, theme: Theme, o: ChatPaneOptions) {
  const frame = createPaneFrame(screen, 'Chat', theme);
  const cache = new MessageLineCache(theme);
  let lastContent = '';
  let mdLoaded = false;
  // While the user is scrolled up, new lines at the bottom must not move what they are reading.
  let pinned = { scroll: 0, extra: 0, lastCount: 0 };
  return {
    frame,
    update(state: AppState, rect: Rect | null) {
      const title = state.chat.conversation ? `Chat — ${state.chat.conversation.title}` : 'Chat';
      frame.setTitle(title);
      const inner = frame.place(rect, state.ui.focus === 'chat' && state.ui.modals.length === 0);
      if (!inner) return;
      const md = o.markdown();
      if (Boolean(md) !== mdLoaded) {
        mdLoaded = Boolean(md);
        cache.clear();
      }
      const input = inputLines(theme, state.chat.input.text, state.chat.input.cursor, inner.width);
      const notes: string[] = [];
      for (const c of slashCompletions(state, state.chat.input.text).slice(0, 4)) {
        const head = `Tab ▸ /${c.name}`;
        const rest = `  ${c.description} (${c.plugin})`;
        notes.push(paint(theme, 'accent', head) + paint(theme, 'muted', Array.from(rest).slice(0, Math.max(0, inner.width - head.length)).join('')));
      }
      if (state.chat.trimmed > 0) {
        notes.push(paint(theme, 'muted', `ℹ ${state.chat.trimmed} older message(s) left out of the last request to fit the model's context`));
      }
      const messageRows = Math.max(0, inner.height - input.length - 1 - notes.length);
      let body: string[];
      const msgs = state.chat.messages;
      if (msgs.length === 0) {
        body = emptyLines(state, o).flatMap((l) => wrapLine(l, inner.width)).map((l) => paint(theme, 'muted', l));
        body = body.slice(0, messageRows);
        while (body.length < messageRows) body.push('');
      } else {
        const linesOf = (m: (typeof msgs)[number]) => cache.lines(m, inner.width, md);
        const lastLines = linesOf(msgs[msgs.length - 1]!).length + msgs.length;
        const wanted = state.ui.scroll.chat;
        if (wanted === 0) pinned = { scroll: 0, extra: 0, lastCount: lastLines };
        else if (wanted !== pinned.scroll) pinned = { scroll: wanted, extra: 0, lastCount: lastLines };
        else pinned.extra += Math.max(0, lastLines - pinned.lastCount);
        pinned.lastCount = lastLines;
        const win = visibleWindow(msgs, messageRows, wanted + pinned.extra, linesOf);
        body = win.lines;
        if (win.scroll > 0) {
          const more = paint(theme, 'muted', `↓ ${win.scroll} more line(s) below — End jumps to the newest`);
          body = body.slice(1).concat(more);
        }
        while (body.length < messageRows) body.unshift('');
      }
      const content = [...body, ...notes, paint(theme, 'border', '─'.repeat(inner.width)), ...input].join('\n');
      if (content !== lastContent) {
        lastContent = content;
        frame.box.setContent(content);
      }
    },
  };
}
