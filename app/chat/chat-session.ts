import type { Store } from '../store/store.js';
import type { ChatMessage } from '../store/state.js';
import { ProviderError, type ProviderClient, type ProviderMessage } from '../providers/types.js';
import type { ConversationStore } from './conversation-store.js';
import { trimToBudget } from './context-budget.js';
import { modelToolName, toolIdFromModelName } from './tool-names.js';
import { runToolCalls, type ToolRunnerDeps } from './tool-runner.js';

/** What a turn needs from the configured provider; null when none is configured. */
export interface ActiveProvider {
  client: ProviderClient;
  model: string;
  /** context window in tokens (estimate) */
  contextTokens: number;
}

export interface ChatSessionDeps {
  store: Store;
  conversations: ConversationStore;
  provider(): Promise<ActiveProvider | null>;
  /** The system prompt for a turn (memory context is chosen by the user's latest message). */
  systemPrompt(latestUserText: string): string | Promise<string>;
  /** tokens kept free for the reply */
  replyReserve?: number;
  /** tools offered to the model, and how calls are approved and run; none: plain chat */
  tools?: ToolRunnerDeps & { maxIterations?: number };
}

export const DEFAULT_MAX_TOOL_ITERATIONS = 10;

export interface ChatSession {
  send(text: string): Promise<void>;
  retry(): Promise<void>;
  cancel(): boolean;
  newConversation(): void;
  open(id: string): void;
  rename(title: string): void;
  remove(id: string): void;
  /**
   * Pyra is quitting: stops the turn and saves the reply streaming now (marked cancelled), at once and
   * synchronously, so a quit during a reply keeps what arrived.
   */
  saveOnQuit(): void;
  /** the turn in flight, for tests */
  readonly running: Promise<void> | null;
}

let seq = 0;
const newMessageId = () => `c${Date.now().toString(36)}${(seq++).toString(36)}`;

/**
 * Messages the model sees: user turns, assistant replies (with their tool calls) and tool results;
 * never errors, never a reply cut short after the last user turn, never a tool call without its results.
 */
export function providerHistory(messages: ChatMessage[]): ProviderMessage[] {
  let lastUser = -1;
  messages.forEach((m, i) => {
    if (m.role === 'user') lastUser = i;
  });
  const answered = new Set(messages.filter((m) => m.role === 'tool' && m.toolCallId).map((m) => m.toolCallId!));
  const out: ProviderMessage[] = [];
  messages.forEach((m, i) => {
    if (m.role === 'user') out.push({ role: 'user', content: m.text });
    else if (m.role === 'assistant' && m.status !== 'error' && m.status !== 'streaming' && !(i > lastUser && m.status === 'cancelled')) {
      const calls = (m.toolCalls ?? []).filter((c) => answered.has(c.id));
      if (m.text === '' && calls.length === 0) return;
      out.push({ role: 'assistant', content: m.text, ...(calls.length ? { toolCalls: calls } : {}) });
    } else if (m.role === 'tool' && m.toolCallId) {
      out.push({ role: 'tool', content: m.modelText ?? m.text, toolCallId: m.toolCallId, ...(m.toolName ? { toolName: m.toolName } : {}) });
    }
  });
  return out;
}

/**
 * The chat's turn runner: sends the user's text with the trimmed history, streams the reply into the
 * store, persists each finished message, and turns every failure into an error message with a remedy.
 */
export function createChatSession(deps: ChatSessionDeps): ChatSession {
  const { store, conversations } = deps;
  let controller: AbortController | null = null;
  let running: Promise<void> | null = null;
  /** ids of messages already saved by saveOnQuit: the turn must not save them twice */
  const savedOnQuit = new Set<string>();

  const conversationId = (titleHint: string): string => {
    const current = store.getState().chat.conversation;
    if (current) return current.id;
    const meta = conversations.create(titleHint.split('\n')[0] ?? 'New conversation');
    conversations.setCurrent(meta.id);
    store.dispatch({ type: 'chat/loaded', conversation: { id: meta.id, title: meta.title }, messages: store.getState().chat.messages });
    return meta.id;
  };

  const persist = (id: string, m: ChatMessage) => {
    if (savedOnQuit.has(m.id)) return;
    try {
      conversations.append(id, {
        id: m.id,
        role: m.role,
        text: m.text,
        status: m.status === 'streaming' ? undefined : m.status,
        ...(m.toolCalls ? { toolCalls: m.toolCalls } : {}),
        ...(m.toolCallId ? { toolCallId: m.toolCallId, toolName: m.toolName, modelText: m.modelText } : {}),
      });
    } catch (err) {
      store.dispatch({ type: 'status/notice', tone: 'danger', text: `Could not save the conversation: ${(err as Error).message}` });
    }
  };

  const addError = (convId: string, err: ProviderError | Error) => {
    const message: ChatMessage = {
      id: newMessageId(),
      role: 'error',
      text: err.message,
      remedy: err instanceof ProviderError ? `${err.remedy} Press Ctrl-R to retry.` : 'Press Ctrl-R to retry.',
    };
    store.dispatch({ type: 'chat/appendMessage', message });
    persist(convId, message);
  };

  /** One model reply; returns its tool calls (empty when the reply is final) or null when it failed or was cancelled. */
  async function streamReply(convId: string, active: ActiveProvider, signal: AbortSignal): Promise<ChatMessage | null> {
    const history = providerHistory(store.getState().chat.messages);
    const budget = Math.max(256, active.contextTokens - (deps.replyReserve ?? 1024));
    const latest = [...history].reverse().find((m) => m.role === 'user')?.content ?? '';
    const system = await deps.systemPrompt(latest);
    const { messages, dropped } = trimToBudget({ role: 'system', content: system }, history, budget);
    store.dispatch({ type: 'chat/trimmed', count: dropped });
    const tools = deps.tools?.provider.tools().map((t) => ({ name: modelToolName(t.id), description: t.description, parameters: t.parameters }));
    const id = newMessageId();
    store.dispatch({ type: 'chat/assistantStart', id });
    let status: 'complete' | 'cancelled' | 'error' = 'complete';
    let failure: Error | null = null;
    let toolCalls: ChatMessage['toolCalls'] = [];
    try {
      for await (const ev of active.client.stream({ model: active.model, messages, signal, ...(tools && tools.length ? { tools } : {}) })) {
        if (ev.type === 'text') store.dispatch({ type: 'chat/assistantDelta', id, text: ev.delta });
        else if (ev.type === 'usage') store.dispatch({ type: 'chat/usage', usage: { inputTokens: ev.inputTokens, outputTokens: ev.outputTokens } });
        else if (ev.type === 'finish') toolCalls = ev.toolCalls;
      }
      if (signal.aborted) status = 'cancelled';
    } catch (err) {
      if (err instanceof ProviderError && err.kind === 'cancelled') status = 'cancelled';
      else {
        status = 'error';
        failure = err instanceof Error ? err : new Error(String(err));
      }
    }
    if (status === 'complete' && toolCalls.length > 0) store.dispatch({ type: 'chat/setToolCalls', id, toolCalls });
    store.dispatch({ type: 'chat/assistantEnd', id, status });
    const reply = store.getState().chat.messages.find((m) => m.id === id);
    if (reply && (reply.text !== '' || status === 'complete')) persist(convId, reply);
    if (failure) addError(convId, failure);
    return status === 'complete' && reply ? reply : null;
  }

  /** A turn never fails silently: anything thrown becomes an error message in the chat. */
  async function runTurn(convId: string): Promise<void> {
    try {
      await runTurnUnguarded(convId);
    } catch (err) {
      store.dispatch({ type: 'chat/assistantEnd', id: store.getState().chat.streamingId ?? '', status: 'error' });
      addError(convId, err instanceof Error ? err : new Error(String(err)));
    }
  }

  async function runTurnUnguarded(convId: string): Promise<void> {
    const active = await deps.provider();
    if (!active) {
      addError(convId, new ProviderError('no_key', 'No provider is configured.', 'Press F2 to set one up (or run `pyra setup`).'));
      return;
    }
    controller = new AbortController();
    const signal = controller.signal;
    const max = deps.tools?.maxIterations ?? DEFAULT_MAX_TOOL_ITERATIONS;
    try {
      for (let round = 1; ; round++) {
        const reply = await streamReply(convId, active, signal);
        const calls = reply?.toolCalls ?? [];
        if (!reply || calls.length === 0 || !deps.tools) return;
        if (round > max) {
          addError(convId, new Error(`Stopped: the model asked for tools more than ${max} times in one turn.`));
          return;
        }
        const ids = deps.tools.provider.tools().map((t) => t.id);
        const named = calls.map((c) => ({ ...c, name: toolIdFromModelName(c.name, ids) }));
        const outcomes = await runToolCalls(deps.tools, named, reply.id, signal);
        for (const o of outcomes) {
          const message: ChatMessage = {
            id: newMessageId(),
            role: 'tool',
            text: o.summary,
            status: o.status === 'done' ? 'complete' : o.status === 'cancelled' ? 'cancelled' : 'error',
            toolCallId: o.call.id,
            toolName: o.call.name,
            modelText: o.modelText,
          };
          store.dispatch({ type: 'chat/appendMessage', message });
          persist(convId, message);
        }
        if (signal.aborted) return;
      }
    } finally {
      controller = null;
    }
  }

  const track = (p: Promise<void>) => {
    running = p.finally(() => {
      if (running === tracked) running = null;
    });
    const tracked = running;
    return running;
  };

  return {
    get running() {
      return running;
    },
    async send(text) {
      if (text.trim() === '') return;
      if (store.getState().chat.streamingId) {
        store.dispatch({ type: 'status/notice', tone: 'warning', text: 'A reply is still streaming: wait for it, or press Esc to stop it.' });
        return;
      }
      const convId = conversationId(text);
      const message: ChatMessage = { id: newMessageId(), role: 'user', text };
      store.dispatch({ type: 'chat/userSent', message });
      persist(convId, message);
      await track(runTurn(convId));
    },
    async retry() {
      const state = store.getState().chat;
      if (state.streamingId) return;
      if (!state.conversation || !state.messages.some((m) => m.role === 'user')) {
        store.dispatch({ type: 'status/notice', tone: 'info', text: 'Nothing to retry yet.' });
        return;
      }
      await track(runTurn(state.conversation.id));
    },
    saveOnQuit() {
      const { streamingId, conversation, messages } = store.getState().chat;
      controller?.abort();
      const reply = streamingId ? messages.find((m) => m.id === streamingId) : undefined;
      if (!reply || !conversation || reply.text === '') return;
      persist(conversation.id, { ...reply, status: 'cancelled' });
      savedOnQuit.add(reply.id);
    },
    cancel() {
      if (!controller) return false;
      controller.abort();
      return true;
    },
    newConversation() {
      controller?.abort();
      conversations.setCurrent(null);
      store.dispatch({ type: 'chat/loaded', conversation: null, messages: [] });
    },
    open(id) {
      controller?.abort();
      const loaded = conversations.load(id);
      conversations.setCurrent(id);
      const messages: ChatMessage[] = loaded.messages
        .filter((m) => m.role !== 'system')
        .map((m) => ({
          id: m.id,
          role: m.role,
          text: m.text,
          status: m.status,
          ...(m.toolCalls ? { toolCalls: m.toolCalls } : {}),
          ...(m.toolCallId ? { toolCallId: m.toolCallId, toolName: m.toolName, modelText: m.modelText } : {}),
        }));
      store.dispatch({ type: 'chat/loaded', conversation: { id, title: loaded.meta.title }, messages });
      if (loaded.skipped > 0) {
        store.dispatch({ type: 'status/notice', tone: 'warning', text: `${loaded.skipped} damaged line(s) in this conversation's file were skipped.` });
      }
    },
    rename(title) {
      const conv = store.getState().chat.conversation;
      if (!conv) return;
      const meta = conversations.rename(conv.id, title);
      store.dispatch({ type: 'chat/renamed', title: meta.title });
    },
    remove(id) {
      const current = store.getState().chat.conversation;
      conversations.remove(id);
      if (current?.id === id) {
        conversations.setCurrent(null);
        store.dispatch({ type: 'chat/loaded', conversation: null, messages: [] });
      }
    },
  };
}
