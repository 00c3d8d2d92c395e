import type { MemoryStore } from '../memory/memory-store.js';
import type { Store } from '../store/store.js';
import { createMemoryNavigator, type MemoryView } from './memory-controller.js';
import { createMemoryEditorFlows, type Suspend } from './memory-editor-flows.js';
import { createMemoryFileFlows } from './memory-file-flows.js';

/** Everything the memory pane's keys can do, in one object the command handlers call. */
export interface MemoryActions {
  view: MemoryView;
  move(delta: number): void;
  open(): void;
  expand(): void;
  collapse(): void;
  newFile(): void;
  newFolder(): void;
  rename(): void;
  remove(): void;
  edit(): void;
  external(): void;
  pin(): void;
  search(): void;
  save(): void;
  close(): void;
  /** before quitting: false when the user chose to keep editing */
  confirmQuit(): Promise<boolean>;
  refreshPreview(): void;
}

export function createMemoryActions(store: Store, memory: MemoryStore, suspend: Suspend): MemoryActions {
  const nav = createMemoryNavigator(store, memory);
  const files = createMemoryFileFlows(store, memory, nav);
  const editor = createMemoryEditorFlows(store, memory, nav, suspend);
  const run = (work: () => Promise<unknown>) => {
    work().catch((err: Error) => store.dispatch({ type: 'status/notice', tone: 'danger', text: err.message }));
  };
  return {
    view: nav.view,
    move: (d) => nav.move(d),
    open: () => nav.activate(),
    expand: () => nav.expand(),
    collapse: () => nav.collapse(),
    newFile: () => run(files.newFile),
    newFolder: () => run(files.newFolder),
    rename: () => run(files.rename),
    remove: () => run(files.remove),
    edit: () => run(editor.edit),
    external: () => run(editor.external),
    pin: () => run(files.togglePin),
    search: () => run(files.search),
    save: () => run(editor.save),
    close: () => run(editor.close),
    confirmQuit: () => editor.close(),
    refreshPreview: () => nav.refreshPreview(),
  };
}
