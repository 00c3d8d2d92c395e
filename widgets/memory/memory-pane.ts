import type blessed from 'blessed';
import type { MemoryView } from '../../app/memory-ui/memory-controller.js';
import type { AppState } from '../../app/store/state.js';
import type { Theme } from '../../themes/tokens.js';
import { stripAnsi } from '../chat/ansi-text.js';
import type { MarkdownRenderer } from '../chat/markdown.js';
import type { Rect } from '../shell/layout.js';
import { createPaneFrame, wrapLine } from '../shell/pane-frame.js';
import { escapeTags, paint } from '../theme-style.js';
import { editorLines, treeLine } from './memory-lines.js';

export interface MemoryPaneOptions {
  view(): MemoryView | null;
  markdown(): MarkdownRenderer | null;
}

/**
 * The Memory pane: the tree of notes (only visible rows render), the selected note's preview as
 * markdown, and the built-in editor. Reads the catalog through the memory service's view.
 */
export function createMemoryPane(screen: blessed.Widgets.Screen, theme: Theme, o: MemoryPaneOptions) {
  const frame = createPaneFrame(screen, 'Memory', theme);
  let lastContent = '';
  let treeTop = 0;
  let editorTop = 0;
  let previewCache: { key: string; lines: string[] } | null = null;

  const previewLines = (state: AppState, width: number): string[] => {
    const p = state.memory.preview;
    if (!p) return [];
    if (p.text === null) return wrapLine(p.reason ?? 'This file cannot be previewed.', width).map((l) => paint(theme, 'warning', l));
    const md = o.markdown();
    const key = `${p.name}|${width}|${p.text.length}|${md ? 1 : 0}|${p.text.slice(0, 64)}`;
    if (previewCache?.key !== key) {
      const lines = md ? md(p.text, width).map(escapeTags) : p.text.split('\n').flatMap((l) => wrapLine(l, width)).map(escapeTags);
      previewCache = { key, lines };
    }
    return previewCache.lines;
  };

  return {
    frame,
    update(state: AppState, rect: Rect | null) {
      const m = state.memory;
      const focused = state.ui.focus === 'memory' && state.ui.modals.length === 0;
      frame.setTitle(m.editor ? `Memory — editing ${m.editor.name}${m.editor.dirty ? ' ●' : ''}` : m.zoom ? 'Memory (z: back)' : 'Memory');
      const inner = frame.place(rect, focused);
      if (!inner) return;
      const { width, height } = inner;
      let lines: string[];
      const view = o.view();
      if (m.editor) {
        const ed = editorLines(theme, m.editor, width, height, editorTop);
        editorTop = ed.top;
        lines = ed.lines;
      } else if (m.error) {
        lines = wrapLine(`Memory is unavailable: ${m.error}`, width).map((l) => paint(theme, 'danger', l));
      } else if (!m.ready || !view) {
        lines = [paint(theme, 'muted', 'Opening your memory…')];
      } else {
        const rows = view.rows();
        const treeHeight = rows.length === 0 ? 3 : Math.max(3, Math.floor(height * (m.zoom ? 0.35 : 0.45)));
        const sel = rows.findIndex((r) => r.name === m.selected);
        if (sel >= 0) {
          if (sel < treeTop) treeTop = sel;
          if (sel >= treeTop + treeHeight) treeTop = sel - treeHeight + 1;
        }
        treeTop = Math.max(0, Math.min(treeTop, Math.max(0, rows.length - treeHeight)));
        const pinned = new Set(m.pinned);
        const tree =
          rows.length === 0
            ? [paint(theme, 'muted', 'No notes yet.'), paint(theme, 'muted', 'Press n for a new note, / to search.')]
            : rows.slice(treeTop, treeTop + treeHeight).map((r) => treeLine(theme, r, r.name === m.selected, focused, pinned.has(r.name), width));
        while (tree.length < treeHeight) tree.push('');
        const title = m.preview ? ` ${m.preview.name}${pinned.has(m.preview.name) ? ' ★' : ''} ` : ' preview ';
        const rule = paint(theme, 'border', `─${title}${'─'.repeat(Math.max(0, width - Array.from(title).length - 1))}`.slice(0, width));
        const previewHeight = height - treeHeight - 1;
        const preview = previewLines(state, width);
        let from = m.preview?.scroll ?? 0;
        if (m.preview?.line && m.preview.text && from === 0) {
          const wanted = (m.preview.text.split('\n')[m.preview.line - 1] ?? '').trim().slice(0, 24);
          const at = wanted ? preview.findIndex((l) => stripAnsi(l).includes(wanted)) : -1;
          if (at > 0) from = Math.max(0, at - 1);
        }
        from = Math.min(from, Math.max(0, preview.length - previewHeight));
        const shown = preview.slice(from, from + previewHeight);
        if (!m.preview) shown.push(paint(theme, 'muted', rows.length ? 'Select a note to preview it; Enter shows it full size.' : ''));
        lines = [...tree, rule, ...shown];
      }
      const content = lines.slice(0, height).join('\n');
      if (content !== lastContent) {
        lastContent = content;
        frame.box.setContent(content);
      }
    },
  };
}
