import type { Action } from '../actions.js';
import type { StatusState } from '../state.js';

let nextNoticeId = 1;

export function statusReducer(state: StatusState, action: Action): StatusState {
  switch (action.type) {
    case 'status/notice':
      return { ...state, notice: { id: nextNoticeId++, text: action.text, tone: action.tone } };
    case 'status/clearNotice':
      return state.notice?.id === action.id ? { ...state, notice: null } : state;
    case 'status/vault':
      return { ...state, vault: action.vault };
    case 'status/provider':
      return { ...state, provider: action.provider };
    default:
      return state;
  }
}
