import type { Action } from '../actions.js';
import type { ChatState } from '../state.js';

/** Code points, so the cursor never splits a surrogate pair. */
const chars = (text: string) => Array.from(text);

const withText = (state: ChatState, text: string): ChatState => ({ ...state, input: { text, cursor: chars(text).length } });

/** Editing the chat input and browsing what was sent before (Up/Down). */
export function chatInputReducer(state: ChatState, action: Action): ChatState {
  const { text, cursor } = state.input;
  switch (action.type) {
    case 'chat/insert': {
      const c = chars(text);
      const ins = chars(action.text);
      c.splice(cursor, 0, ...ins);
      return { ...state, input: { text: c.join(''), cursor: cursor + ins.length } };
    }
    case 'chat/deleteBack': {
      if (cursor === 0) return state;
      const c = chars(text);
      c.splice(cursor - 1, 1);
      return { ...state, input: { text: c.join(''), cursor: cursor - 1 } };
    }
    case 'chat/deleteForward': {
      const c = chars(text);
      if (cursor >= c.length) return state;
      c.splice(cursor, 1);
      return { ...state, input: { text: c.join(''), cursor } };
    }
    case 'chat/moveCursor': {
      const len = chars(text).length;
      const next =
        action.to === 'home' ? 0 : action.to === 'end' ? len : action.to === 'left' ? Math.max(0, cursor - 1) : Math.min(len, cursor + 1);
      return next === cursor ? state : { ...state, input: { text, cursor: next } };
    }
    case 'chat/clearInput':
      return text === '' && state.historyIndex === null ? state : { ...state, input: { text: '', cursor: 0 }, historyIndex: null, draft: '' };
    case 'chat/setInput':
      return withText({ ...state, historyIndex: null }, action.text);
    case 'chat/historyPrev': {
      const h = state.inputHistory;
      if (h.length === 0 || state.historyIndex === 0) return state;
      const index = state.historyIndex === null ? h.length - 1 : state.historyIndex - 1;
      return withText({ ...state, historyIndex: index, draft: state.historyIndex === null ? text : state.draft }, h[index]!);
    }
    case 'chat/historyNext': {
      if (state.historyIndex === null) return state;
      const index = state.historyIndex + 1;
      if (index >= state.inputHistory.length) return withText({ ...state, historyIndex: null, draft: '' }, state.draft);
      return withText({ ...state, historyIndex: index }, state.inputHistory[index]!);
    }
    default:
      return state;
  }
}
