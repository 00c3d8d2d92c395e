import type { Action } from '../actions.js';
import type { AppState } from '../state.js';
import { chatInputReducer } from './chat-input.js';
import { chatMessagesReducer } from './chat-messages.js';
import { statusReducer } from './status.js';
import { uiReducer } from './ui.js';

/** Slices without actions yet (memory, plugins, approvals) keep their identity. */
export function rootReducer(state: AppState, action: Action): AppState {
  const ui = uiReducer(state.ui, action);
  const chat = chatMessagesReducer(chatInputReducer(state.chat, action), action);
  const status = statusReducer(state.status, action);
  if (ui === state.ui && chat === state.chat && status === state.status) return state;
  return { ...state, ui, chat, status };
}
