import type { Action } from '../actions.js';
import type { AppState } from '../state.js';
import { approvalsReducer } from './approvals.js';
import { chatInputReducer } from './chat-input.js';
import { memoryReducer } from './memory.js';
import { pluginsReducer } from './plugins.js';
import { chatMessagesReducer } from './chat-messages.js';
import { statusReducer } from './status.js';
import { uiReducer } from './ui.js';

/** Each slice returns itself when an action does not concern it, so unchanged state keeps its identity. */
export function rootReducer(state: AppState, action: Action): AppState {
  const ui = uiReducer(state.ui, action);
  const chat = chatMessagesReducer(chatInputReducer(state.chat, action), action);
  const status = statusReducer(state.status, action);
  const approvals = approvalsReducer(state.approvals, action);
  const plugins = pluginsReducer(state.plugins, action);
  const memory = memoryReducer(state.memory, action);
  if (ui === state.ui && chat === state.chat && status === state.status && approvals === state.approvals && plugins === state.plugins && memory === state.memory) {
    return state;
  }
  return { ...state, ui, chat, status, approvals, plugins, memory };
}
