import type { Action } from '../actions.js';
import type { ChatState } from '../state.js';

/** Code points, so the cursor never splits a surrogate pair. */
const chars = (text: string) => Array.from(text);

export function chatReducer(state: ChatState, action: Action): ChatState {
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
      return text === '' ? state : { ...state, input: { text: '', cursor: 0 } };
    default:
      return state;
  }
}
