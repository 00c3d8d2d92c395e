import type { Action } from '../actions.js';
import type { PluginsState } from '../state.js';

/** Rows of the sidebar: each plugin, then its tools. */
export function sidebarRowCount(state: PluginsState): number {
  return state.list.reduce((n, p) => n + 1 + p.tools.length, 0);
}

export function pluginsReducer(state: PluginsState, action: Action): PluginsState {
  switch (action.type) {
    case 'plugins/update': {
      const next = { ...state, started: true, list: action.list };
      return { ...next, selected: Math.min(state.selected, Math.max(0, sidebarRowCount(next) - 1)) };
    }
    case 'plugins/select': {
      const selected = Math.max(0, Math.min(sidebarRowCount(state) - 1, state.selected + action.delta));
      return selected === state.selected ? state : { ...state, selected };
    }
    default:
      return state;
  }
}
