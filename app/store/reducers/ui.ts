import type { Action } from '../actions.js';
import { PANES, type UiState } from '../state.js';
import { modalReducer } from './modal.js';

function cycle(current: UiState['focus'], step: number): UiState['focus'] {
  const i = PANES.indexOf(current);
  return PANES[(i + step + PANES.length) % PANES.length]!;
}

export function uiReducer(state: UiState, action: Action): UiState {
  switch (action.type) {
    case 'ui/focus':
      return state.focus === action.pane ? state : { ...state, focus: action.pane };
    case 'ui/focusNext':
      return { ...state, focus: cycle(state.focus, 1) };
    case 'ui/focusPrev':
      return { ...state, focus: cycle(state.focus, -1) };
    case 'ui/resize':
      if (state.cols === action.cols && state.rows === action.rows) return state;
      return { ...state, cols: action.cols, rows: action.rows };
    case 'ui/scroll': {
      const next = Math.max(0, state.scroll[action.pane] + action.delta);
      return next === state.scroll[action.pane] ? state : { ...state, scroll: { ...state.scroll, [action.pane]: next } };
    }
    case 'ui/openModal':
      return { ...state, modals: [...state.modals, action.modal] };
    case 'ui/closeModal':
      return state.modals.length === 0 ? state : { ...state, modals: state.modals.slice(0, -1) };
    case 'ui/scrollModal': {
      const top = state.modals.at(-1);
      if (!top || top.kind !== 'help') return state;
      const scroll = Math.max(0, top.scroll + action.delta);
      return { ...state, modals: [...state.modals.slice(0, -1), { ...top, scroll }] };
    }
    case 'ui/updateModal':
    case 'ui/removeModal':
    case 'modal/insert':
    case 'modal/deleteBack':
    case 'modal/moveCursor':
    case 'modal/maskedLength':
    case 'modal/select':
      return modalReducer(state, action);
    case 'ui/markdownReady':
      return state.markdownReady ? state : { ...state, markdownReady: true };
    default:
      return state;
  }
}
