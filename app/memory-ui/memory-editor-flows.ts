import { join } from 'node:path';
import { MemoryConflictError } from '../memory/errors.js';
import { runEditor } from '../memory/editor.js';
import type { MemoryStore } from '../memory/memory-store.js';
import { ask, newModalId } from '../store/modal-requests.js';
import type { Store } from '../store/store.js';
import type { MemoryNavigator } from './memory-controller.js';

/** Hands the terminal to another program and takes it back (the dashboard provides it). */
export type Suspend = (run: () => void) => Promise<void>;

function copyName(name: string, taken: (n: string) => boolean): string {
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > name.lastIndexOf('/') ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let i = 1; ; i++) {
    const candidate = `${stem} (copy${i > 1 ? ` ${i}` : ''})${ext}`;
    if (!taken(candidate)) return candidate;
  }
}

/**
 * The built-in editor's open, save and close, and "open in $EDITOR". Saving checks the version the
 * edit started from: when the file changed on disk meanwhile, the user chooses overwrite, reload or
 * save as a copy; nothing is lost silently.
 */
export function createMemoryEditorFlows(store: Store, memory: MemoryStore, nav: MemoryNavigator, suspend: Suspend) {
  const flows = {
    async edit() {
      const row = nav.selectedRow();
      if (!row || row.type !== 'file') return;
      if (!row.previewable) {
        store.dispatch({ type: 'status/notice', tone: 'warning', text: `${row.name} is not editable here (not markdown/UTF-8 text, or over 1 MB); try $EDITOR (o).` });
        return;
      }
      try {
        const doc = await memory.read(row.name);
        if (doc.text === null) throw new Error(`${row.name} is not UTF-8 text.`);
        store.dispatch({ type: 'editor/open', editor: { name: doc.name, version: doc.version, text: doc.text, cursor: 0, scroll: 0, dirty: false, undo: [] } });
        store.dispatch({ type: 'memory/zoom', zoom: true });
      } catch (err) {
        store.dispatch({ type: 'status/notice', tone: 'danger', text: (err as Error).message });
      }
    },
    /** Returns true when the text is safely on disk. */
    async save(): Promise<boolean> {
      const e = store.getState().memory.editor;
      if (!e) return true;
      try {
        const stat = await memory.write(e.name, e.text, { expectedVersion: e.version });
        store.dispatch({ type: 'editor/saved', version: stat.version });
        store.dispatch({ type: 'status/notice', tone: 'success', text: `Saved ${e.name}` });
        return true;
      } catch (err) {
        if (!(err instanceof MemoryConflictError)) {
          await ask(store, { kind: 'message', id: newModalId('saveerr'), title: 'Not saved', body: `${(err as Error).message}\n\nYour text is still in the editor.`, tone: 'danger' });
          return false;
        }
        const a = await ask(store, {
          kind: 'list',
          id: newModalId('conflict'),
          title: 'Changed on disk',
          items: [
            { id: 'copy', label: 'Save my text as a copy', detail: 'keeps both' },
            { id: 'overwrite', label: 'Overwrite the file on disk with my text' },
            { id: 'reload', label: 'Reload from disk', detail: 'drops my changes' },
          ],
          filter: '',
          selected: 0,
          actions: [],
          allowCustom: false,
          search: false,
          hint: `${err.message} Esc keeps editing.`,
        });
        if (a.type !== 'choose') return false;
        if (a.item.id === 'reload') {
          const doc = await memory.read(e.name).catch(() => null);
          if (doc?.text == null) return false;
          store.dispatch({ type: 'editor/saved', version: doc.version, text: doc.text });
          return true;
        }
        if (a.item.id === 'overwrite') {
          const current = await memory.stat(e.name).catch(() => null);
          const stat = await memory.write(e.name, e.text, { expectedVersion: current ? current.version : null });
          store.dispatch({ type: 'editor/saved', version: stat.version });
          return true;
        }
        const target = copyName(e.name, (n) => memory.entry(n) !== undefined);
        const stat = await memory.write(target, e.text, { expectedVersion: null });
        store.dispatch({ type: 'editor/open', editor: { ...e, name: stat.name, version: stat.version, dirty: false } });
        store.dispatch({ type: 'status/notice', tone: 'success', text: `Saved as ${stat.name}` });
        nav.reveal(stat.name);
        return true;
      }
    },
    /** Esc: closes, asking first when there are unsaved changes. Returns false when the user stays. */
    async close(): Promise<boolean> {
      const e = store.getState().memory.editor;
      if (!e) return true;
      if (e.dirty) {
        const a = await ask(store, {
          kind: 'list',
          id: newModalId('unsaved'),
          title: `Unsaved changes in ${e.name}`,
          items: [
            { id: 'save', label: 'Save, then close' },
            { id: 'discard', label: 'Discard my changes' },
            { id: 'stay', label: 'Keep editing' },
          ],
          filter: '',
          selected: 0,
          actions: [],
          allowCustom: false,
          search: false,
        });
        if (a.type !== 'choose' || a.item.id === 'stay') return false;
        if (a.item.id === 'save' && !(await flows.save())) return false;
      }
      store.dispatch({ type: 'editor/close' });
      nav.reveal(e.name);
      return true;
    },
    /** Suspends the dashboard, runs the user's $VISUAL/$EDITOR on the file, and resumes. */
    async external() {
      const row = nav.selectedRow();
      const name = store.getState().memory.editor?.name ?? (row?.type === 'file' ? row.name : null);
      if (!name) return;
      if (store.getState().memory.editor?.dirty && !(await flows.save())) return;
      const result: { outcome: ReturnType<typeof runEditor> } = { outcome: { ok: true } };
      await suspend(() => {
        result.outcome = runEditor(join(memory.root, name), process.env);
      });
      const outcome = result.outcome;
      await memory.reindex().catch(() => undefined);
      store.dispatch({ type: 'memory/changed' });
      if (!outcome.ok) store.dispatch({ type: 'status/notice', tone: 'danger', text: `Editor: ${outcome.message}` });
      if (store.getState().memory.editor) {
        const doc = await memory.read(name).catch(() => null);
        if (doc?.text != null) store.dispatch({ type: 'editor/saved', version: doc.version, text: doc.text });
      }
      nav.reveal(name);
    },
  };
  return flows;
}
