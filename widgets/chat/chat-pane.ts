import type blessed from 'blessed';
import type { AppState } from '../../app/store/state.js';
import type { Theme } from '../../themes/tokens.js';
import type { Rect } from '../shell/layout.js';
import { createPaneFrame, wrapLine } from '../shell/pane-frame.js';
import { escapeTags, paint } from '../theme-style.js';

const INPUT_ROWS = 3;
const PROMPT = '› ';

/** Renders the input with a visible cursor cell; returns at most INPUT_ROWS lines. */
function inputLines(theme: Theme, text: string, cursor: number, width: number): string[] {
  const chars = Array.from(text);
  const usable = Math.max(1, width - PROMPT.length);
  const cells = [...chars, ' '];
  const rows: string[][] = [];
  for (let i = 0; i < cells.length; i += usable) rows.push(cells.slice(i, i + usable));
  const cursorRow = Math.floor(cursor / usable);
  const first = Math.max(0, Math.min(cursorRow - INPUT_ROWS + 1, rows.length - INPUT_ROWS));
  const lines: string[] = [];
  for (let r = first; r < Math.min(rows.length, first + INPUT_ROWS); r++) {
    const row = rows[r]!;
    const start = r * usable;
    let line = '';
    row.forEach((c, i) => {
      line += start + i === cursor ? paint(theme, 'selection', c) : escapeTags(c);
    });
    lines.push((r === first ? paint(theme, 'accent', PROMPT) : ' '.repeat(PROMPT.length)) + line);
  }
  return lines;
}

function emptyChatLines(state: AppState): string[] {
  if (state.status.provider) return ['No messages yet. Type below and press Enter.'];
  return [
    'No provider configured — provider setup arrives in a later version.',
    '',
    'Pyra will talk to the LLM provider you choose (OpenAI-compatible services or Ollama),',
    'with your API key kept in the OS keychain, out of the model’s reach.',
  ];
}

export function createChatPane(screen: blessed.Widgets.Screen, theme: Theme) {
  const frame = createPaneFrame(screen, 'Chat', theme);
  let lastContent = '';
  return {
    frame,
    update(state: AppState, rect: Rect | null) {
      const inner = frame.place(rect, state.ui.focus === 'chat' && state.ui.modals.length === 0);
      if (!inner) return;
      const messageRows = Math.max(0, inner.height - INPUT_ROWS - 1);
      const body =
        state.chat.messages.length === 0
          ? emptyChatLines(state).flatMap((l) => wrapLine(l, inner.width)).map((l) => paint(theme, 'muted', l))
          : state.chat.messages.flatMap((m) => wrapLine(`${m.role}: ${m.text}`, inner.width)).map(escapeTags);
      const scroll = Math.min(state.ui.scroll.chat, Math.max(0, body.length - messageRows));
      const visible = body.slice(Math.max(0, body.length - messageRows - scroll), body.length - scroll);
      while (visible.length < messageRows) visible.push('');
      const input = inputLines(theme, state.chat.input.text, state.chat.input.cursor, inner.width);
      while (input.length < INPUT_ROWS) input.push('');
      const content = [...visible, paint(theme, 'border', '─'.repeat(inner.width)), ...input].join('\n');
      if (content !== lastContent) {
        lastContent = content;
        frame.box.setContent(content);
      }
    },
  };
}
