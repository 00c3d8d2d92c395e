import type { MemoryFolderNode } from '../memory/memory-catalog.js';
import type { MemoryStore } from '../memory/memory-store.js';
import type { Store } from '../store/store.js';
import { ancestorsOf, moveSelection, treeRows, type TreeRow } from './tree-rows.js';

export interface MemoryView {
  /** the catalog as a tree (cached per change) */
  tree(): MemoryFolderNode;
  /** the visible rows (cached per change and per set of open folders) */
  rows(): TreeRow[];
}

/**
 * Navigation in the memory pane: selection, folders, zoom, and the preview of the selected file,
 * which is read whenever the selection changes (stale reads are dropped).
 */
export function createMemoryNavigator(store: Store, memory: MemoryStore) {
  let treeCache: { version: number; tree: MemoryFolderNode } | null = null;
  let rowsCache: { version: number; expanded: readonly string[]; rows: TreeRow[] } | null = null;
  const view: MemoryView = {
    tree() {
      const version = store.getState().memory.catalogVersion;
      if (!treeCache || treeCache.version !== version) treeCache = { version, tree: memory.list() };
      return treeCache.tree;
    },
    rows() {
      const { catalogVersion: version, expanded } = store.getState().memory;
      if (!rowsCache || rowsCache.version !== version || rowsCache.expanded !== expanded) {
        rowsCache = { version, expanded, rows: treeRows(view.tree(), expanded) };
      }
      return rowsCache.rows;
    },
  };

  let readToken = 0;
  const loadPreview = async (name: string, line?: number) => {
    const token = ++readToken;
    const entry = memory.entry(name);
    if (!entry) {
      store.dispatch({ type: 'memory/preview', preview: null });
      return;
    }
    if (!entry.kind.previewable) {
      store.dispatch({ type: 'memory/preview', preview: { name, text: null, reason: entry.kind.reasonText ?? 'This file cannot be previewed.', scroll: 0 } });
      return;
    }
    try {
      const doc = await memory.read(name);
      if (token !== readToken) return;
      store.dispatch({ type: 'memory/preview', preview: { name, text: doc.text, reason: doc.text === null ? 'Not UTF-8 text.' : undefined, scroll: 0, line } });
    } catch (err) {
      if (token === readToken) store.dispatch({ type: 'memory/preview', preview: { name, text: null, reason: (err as Error).message, scroll: 0 } });
    }
  };

  const selectedRow = () => {
    const { selected } = store.getState().memory;
    return view.rows().find((r) => r.name === selected);
  };

  const select = (name: string | null) => {
    store.dispatch({ type: 'memory/select', name });
    const row = view.rows().find((r) => r.name === name);
    if (row?.type === 'file') void loadPreview(row.name);
    else store.dispatch({ type: 'memory/preview', preview: null });
  };

  return {
    view,
    move(delta: number) {
      select(moveSelection(view.rows(), store.getState().memory.selected, delta));
    },
    /** Enter: a folder opens or closes; a file fills the dashboard with its preview. */
    activate() {
      const row = selectedRow();
      if (!row) return select(moveSelection(view.rows(), null, 0));
      if (row.type === 'folder') store.dispatch({ type: 'memory/toggleFolder', name: row.name });
      else store.dispatch({ type: 'memory/zoom', zoom: true });
    },
    /** Right: open a folder. Left: close it, or go to the parent folder. */
    expand() {
      const row = selectedRow();
      if (row?.type === 'folder') store.dispatch({ type: 'memory/toggleFolder', name: row.name, open: true });
    },
    collapse() {
      const row = selectedRow();
      if (!row) return;
      if (row.type === 'folder' && row.open) store.dispatch({ type: 'memory/toggleFolder', name: row.name, open: false });
      else {
        const parent = ancestorsOf(row.name).at(-1);
        if (parent !== undefined) select(parent);
      }
    },
    /** Shows a file (opening the folders above it), scrolled to a line when given. */
    reveal(name: string, line?: number) {
      for (const folder of ancestorsOf(name)) store.dispatch({ type: 'memory/toggleFolder', name: folder, open: true });
      store.dispatch({ type: 'memory/select', name });
      void loadPreview(name, line);
    },
    refreshPreview() {
      const { preview } = store.getState().memory;
      if (preview) void loadPreview(preview.name, preview.line);
    },
    selectedRow,
  };
}

export type MemoryNavigator = ReturnType<typeof createMemoryNavigator>;
