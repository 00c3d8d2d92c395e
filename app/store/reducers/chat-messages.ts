import type { Action } from '../actions.js';
import type { ChatMessage, ChatState } from '../state.js';

const MAX_INPUT_HISTORY = 500;

function updateMessage(state: ChatState, id: string, change: (m: ChatMessage) => ChatMessage): ChatState {
  // The streaming message is almost always the last one: look there first.
  const last = state.messages.length - 1;
  const index = state.messages[last]?.id === id ? last : state.messages.findIndex((m) => m.id === id);
  if (index === -1) return state;
  const messages = state.messages.slice();
  messages[index] = change(messages[index]!);
  return { ...state, messages };
}

/** The conversation shown in the chat: loading, sending, streaming, usage. */
export function chatMessagesReducer(state: ChatState, action: Action): ChatState {
  switch (action.type) {
    case 'chat/loaded':
      return { ...state, conversation: action.conversation, messages: action.messages, streamingId: null, trimmed: 0 };
    case 'chat/renamed':
      return state.conversation ? { ...state, conversation: { ...state.conversation, title: action.title } } : state;
    case 'chat/userSent': {
      const sent = action.message.text;
      const history = state.inputHistory.at(-1) === sent ? state.inputHistory : [...state.inputHistory, sent].slice(-MAX_INPUT_HISTORY);
      return {
        ...state,
        messages: [...state.messages, action.message],
        input: { text: '', cursor: 0 },
        inputHistory: history,
        historyIndex: null,
        draft: '',
      };
    }
    case 'chat/assistantStart':
      return {
        ...state,
        streamingId: action.id,
        messages: [...state.messages, { id: action.id, role: 'assistant', text: '', status: 'streaming' }],
      };
    case 'chat/assistantDelta':
      return updateMessage(state, action.id, (m) => ({ ...m, text: m.text + action.text }));
    case 'chat/assistantEnd': {
      const next = updateMessage(state, action.id, (m) => ({ ...m, status: action.status }));
      return { ...next, streamingId: state.streamingId === action.id ? null : state.streamingId };
    }
    case 'chat/setToolCalls':
      return updateMessage(state, action.id, (m) => ({ ...m, toolCalls: action.toolCalls }));
    case 'chat/appendMessage':
      return { ...state, messages: [...state.messages, action.message] };
    case 'chat/usage': {
      const s = state.usage.session;
      return {
        ...state,
        usage: {
          last: action.usage,
          session: { inputTokens: s.inputTokens + action.usage.inputTokens, outputTokens: s.outputTokens + action.usage.outputTokens },
        },
      };
    }
    case 'chat/trimmed':
      return state.trimmed === action.count ? state : { ...state, trimmed: action.count };
    default:
      return state;
  }
}
