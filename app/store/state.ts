/** The single state tree. Widgets read it through selectors; only reducers produce new versions. */

export type PaneId = 'chat' | 'memory' | 'plugins';
export const PANES: readonly PaneId[] = ['chat', 'memory', 'plugins'];

export type Tone = 'info' | 'success' | 'warning' | 'danger';

export interface ListItem {
  id: string;
  label: string;
  detail?: string;
}

/** Actions a list modal offers besides choosing (each bound to a key in the modal scope). */
export type ListAction = 'rename' | 'delete' | 'new';

export type Modal =
  | { kind: 'help'; scroll: number }
  | { kind: 'message'; id?: string; title: string; body: string; tone: Tone; busy?: boolean }
  | { kind: 'confirm'; id: string; title: string; body: string; confirmLabel: string; tone: Tone }
  | {
      kind: 'prompt';
      id: string;
      title: string;
      label: string;
      /** empty for masked prompts: their text never enters the store (see masked-input.ts) */
      value: string;
      cursor: number;
      masked: boolean;
      /** masked prompts: how many characters were typed (for the dots) */
      maskedLength: number;
      hint?: string;
      error?: string;
    }
  | {
      kind: 'list';
      id: string;
      title: string;
      items: ListItem[];
      filter: string;
      selected: number;
      actions: ListAction[];
      /** Enter with a filter that matches nothing returns the filter text */
      allowCustom: boolean;
      hint?: string;
      error?: string;
    };

export type ModalKind = Modal['kind'];

export interface UiState {
  focus: PaneId;
  modals: Modal[];
  cols: number;
  rows: number;
  theme: string;
  scroll: Record<PaneId, number>;
  /** the markdown renderer has loaded (it loads after the first frame) */
  markdownReady: boolean;
}

export interface ChatMessage {
  id: string;
  role: 'user' | 'assistant' | 'system' | 'error' | 'tool';
  text: string;
  status?: 'streaming' | 'complete' | 'cancelled' | 'error';
  /** error messages: what the user can do about it */
  remedy?: string;
  /** a warning shown on the message (e.g. injection findings) */
  warning?: string;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

export interface ChatState {
  conversation: { id: string; title: string } | null;
  messages: ChatMessage[];
  /** the assistant message being streamed, or null */
  streamingId: string | null;
  input: { text: string; cursor: number };
  /** sent inputs, oldest first, for Up/Down */
  inputHistory: string[];
  /** position while browsing the history; null when editing a new input */
  historyIndex: number | null;
  /** the new input kept aside while browsing the history */
  draft: string;
  usage: { last: Usage | null; session: Usage };
  /** messages left out of the last request to fit the model's context */
  trimmed: number;
}

export interface MemoryState {
  root: string;
}

export interface PluginsState {
  dir: string;
}

export interface ApprovalRequest {
  id: string;
  source: string;
  plugin: string;
  tool: string;
}

export interface ApprovalsState {
  queue: ApprovalRequest[];
}

export interface Notice {
  id: number;
  text: string;
  tone: Tone;
}

export interface VaultStatus {
  backend: string | null;
  unlocked: boolean;
  detail?: string;
}

export interface StatusState {
  version: string;
  provider: { id: string; model?: string } | null;
  vault: VaultStatus;
  notice: Notice | null;
}

export interface AppState {
  ui: UiState;
  chat: ChatState;
  memory: MemoryState;
  plugins: PluginsState;
  approvals: ApprovalsState;
  status: StatusState;
}

export interface InitialStateOptions {
  version: string;
  cols: number;
  rows: number;
  theme: string;
  memoryRoot: string;
  pluginsDir: string;
  provider?: { id: string; model?: string } | null;
  vault?: VaultStatus;
}

export function initialState(o: InitialStateOptions): AppState {
  return {
    ui: { focus: 'chat', modals: [], cols: o.cols, rows: o.rows, theme: o.theme, scroll: { chat: 0, memory: 0, plugins: 0 }, markdownReady: false },
    chat: {
      conversation: null,
      messages: [],
      streamingId: null,
      input: { text: '', cursor: 0 },
      inputHistory: [],
      historyIndex: null,
      draft: '',
      usage: { last: null, session: { inputTokens: 0, outputTokens: 0 } },
      trimmed: 0,
    },
    memory: { root: o.memoryRoot },
    plugins: { dir: o.pluginsDir },
    approvals: { queue: [] },
    status: { version: o.version, provider: o.provider ?? null, vault: o.vault ?? { backend: null, unlocked: false }, notice: null },
  };
}
