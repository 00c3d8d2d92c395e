import type { Action } from '../actions.js';
import type { MemoryState } from '../state.js';
import { editorReducer } from './editor.js';

/** The memory pane's state: selection, open folders, preview, search, editor, pins. */
export function memoryReducer(state: MemoryState, action: Action): MemoryState {
  switch (action.type) {
    case 'memory/ready':
      return { ...state, ready: true, error: undefined, pinned: action.pinned, catalogVersion: state.catalogVersion + 1 };
    case 'memory/error':
      return { ...state, error: action.error };
    case 'memory/changed':
      return { ...state, catalogVersion: state.catalogVersion + 1 };
    case 'memory/select':
      return state.selected === action.name ? state : { ...state, selected: action.name };
    case 'memory/toggleFolder': {
      const open = action.open ?? !state.expanded.includes(action.name);
      const closing = (n: string) => n !== '' && (n === action.name || n.startsWith(`${action.name}/`));
      const expanded = open ? [...new Set([...state.expanded, action.name])] : state.expanded.filter((n) => !closing(n));
      return { ...state, expanded };
    }
    case 'memory/zoom': {
      const zoom = action.zoom ?? !state.zoom;
      return zoom === state.zoom ? state : { ...state, zoom };
    }
    case 'memory/preview':
      return { ...state, preview: action.preview };
    case 'memory/scrollPreview':
      return state.preview ? { ...state, preview: { ...state.preview, scroll: Math.max(0, state.preview.scroll + action.delta) } } : state;
    case 'memory/search':
      return { ...state, search: action.search };
    case 'memory/searchSelect': {
      if (!state.search || state.search.hits.length === 0) return state;
      const selected = Math.max(0, Math.min(state.search.hits.length - 1, state.search.selected + action.delta));
      return { ...state, search: { ...state.search, selected } };
    }
    case 'memory/pinned':
      return { ...state, pinned: action.pinned };
    case 'memory/lastContext':
      return { ...state, lastContext: action.context };
    default: {
      const editor = editorReducer(state.editor, action);
      return editor === state.editor ? state : { ...state, editor };
    }
  }
}
