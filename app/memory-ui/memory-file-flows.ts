import type { MemoryStore } from '../memory/memory-store.js';
import { ask, newModalId } from '../store/modal-requests.js';
import type { Store } from '../store/store.js';
import type { MemoryNavigator } from './memory-controller.js';
import { ancestorsOf } from './tree-rows.js';

/** The folder new entries go into: the selected folder, or the selected file's folder. */
function targetFolder(nav: MemoryNavigator): string {
  const row = nav.selectedRow();
  if (!row) return '';
  return row.type === 'folder' ? row.name : (ancestorsOf(row.name).at(-1) ?? '');
}

async function askName(store: Store, title: string, label: string, value: string, error?: string): Promise<string | null> {
  const a = await ask(store, { kind: 'prompt', id: newModalId('memname'), title, label, value, cursor: Array.from(value).length, masked: false, maskedLength: 0, hint: 'Relative to your memory folder; folders with /.', error });
  return a.type === 'submit' ? a.value.trim() : null;
}

/**
 * New file, new folder, rename, delete, pin and search: each a dialog. Hostile names get the
 * safe-path error in the same dialog and nothing is written.
 */
export function createMemoryFileFlows(store: Store, memory: MemoryStore, nav: MemoryNavigator) {
  const retrying = async (title: string, label: string, initial: string, act: (name: string) => Promise<string>) => {
    let value = initial;
    let error: string | undefined;
    for (;;) {
      const name = await askName(store, title, label, value, error);
      if (name === null || name === '') return;
      try {
        const result = await act(name);
        nav.reveal(result);
        return;
      } catch (err) {
        value = name;
        error = (err as Error).message;
      }
    }
  };
  return {
    newFile: () => {
      const folder = targetFolder(nav);
      return retrying('New note', 'Name of the new note (.md is added when missing):', folder ? `${folder}/` : '', async (name) => {
        const full = /\.[a-z0-9]+$/i.test(name) ? name : `${name}.md`;
        const title = full.split('/').pop()!.replace(/\.[^.]+$/, '');
        const stat = await memory.write(full, `# ${title}\n\n`, { expectedVersion: null });
        return stat.name;
      });
    },
    newFolder: () => {
      const folder = targetFolder(nav);
      return retrying('New folder', 'Name of the new folder:', folder ? `${folder}/` : '', async (name) => (await memory.createFolder(name)).name);
    },
    rename: async () => {
      const row = nav.selectedRow();
      if (!row) return;
      await retrying(`Rename ${row.type}`, `New name for “${row.name}”:`, row.name, async (name) => (await memory.rename(row.name, name)).to);
    },
    remove: async () => {
      const row = nav.selectedRow();
      if (!row) return;
      const what = row.type === 'folder' ? `the folder “${row.name}” and the ${row.count} file(s) in it` : `“${row.name}”`;
      const a = await ask(store, { kind: 'confirm', id: newModalId('memdel'), title: `Delete ${row.type}`, body: `Delete ${what}? This cannot be undone.`, confirmLabel: 'delete', tone: 'danger' });
      if (a.type !== 'confirm') return;
      try {
        await memory.remove(row.name, { recursive: row.type === 'folder' });
        nav.move(0);
      } catch (err) {
        await ask(store, { kind: 'message', id: newModalId('memerr'), title: 'Not deleted', body: (err as Error).message, tone: 'danger' });
      }
    },
    togglePin: async () => {
      const row = nav.selectedRow();
      if (!row || row.type !== 'file') return;
      const pinned = memory.pinned().includes(row.name);
      if (pinned) await memory.unpin(row.name);
      else await memory.pin(row.name);
      store.dispatch({ type: 'memory/pinned', pinned: memory.pinned() });
      store.dispatch({ type: 'status/notice', tone: 'info', text: pinned ? `Unpinned ${row.name}` : `Pinned ${row.name}: it goes into every prompt (within the budget)` });
    },
    search: async () => {
      const q = await ask(store, { kind: 'prompt', id: newModalId('memsearch'), title: 'Search memory', label: 'Words to find (prefix and fuzzy matching):', value: store.getState().memory.search?.query ?? '', cursor: Array.from(store.getState().memory.search?.query ?? '').length, masked: false, maskedLength: 0 });
      if (q.type !== 'submit' || !q.value.trim()) return;
      const hits = memory.search(q.value.trim(), {}).slice(0, 200);
      store.dispatch({ type: 'memory/search', search: { query: q.value.trim(), hits: hits.map((h) => ({ name: h.name, title: h.title, line: h.line, snippet: h.snippet })), selected: 0 } });
      const a = await ask(store, {
        kind: 'list',
        id: newModalId('memhits'),
        title: `“${q.value.trim()}”: ${hits.length} note(s)`,
        items: hits.map((h, i) => ({ id: String(i), label: `${h.name}:${h.line}`, detail: h.snippet.replace(/\s+/g, ' ').slice(0, 120) })),
        filter: '',
        selected: 0,
        actions: [],
        allowCustom: false,
        hint: hits.length === 0 ? 'Nothing found. Check the spelling, or try fewer words.' : 'Enter opens the note at that line.',
      });
      if (a.type !== 'choose') return;
      const hit = hits[Number(a.item.id)]!;
      nav.reveal(hit.name, hit.line);
      store.dispatch({ type: 'memory/zoom', zoom: true });
    },
  };
}
