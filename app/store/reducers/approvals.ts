import type { Action } from '../actions.js';
import type { ApprovalsState } from '../state.js';

export function approvalsReducer(state: ApprovalsState, action: Action): ApprovalsState {
  switch (action.type) {
    case 'approvals/enqueue':
      // a new request shows the modal again, pointing at the first new one if nothing was shown
      return {
        ...state,
        queue: [...state.queue, ...action.requests],
        hidden: false,
        selected: state.queue.length === 0 ? 0 : state.selected,
      };
    case 'approvals/remove': {
      const queue = state.queue.filter((r) => !action.ids.includes(r.id));
      if (queue.length === state.queue.length) return state;
      return { ...state, queue, selected: Math.min(state.selected, Math.max(0, queue.length - 1)), scroll: 0 };
    }
    case 'approvals/select': {
      const selected = Math.max(0, Math.min(state.queue.length - 1, state.selected + action.delta));
      return selected === state.selected ? state : { ...state, selected, scroll: 0 };
    }
    case 'approvals/hide':
      return state.hidden ? state : { ...state, hidden: true };
    case 'approvals/show':
      return state.hidden ? { ...state, hidden: false } : state;
    case 'approvals/scroll':
      return { ...state, scroll: Math.max(0, state.scroll + action.delta) };
    default:
      return state;
  }
}
