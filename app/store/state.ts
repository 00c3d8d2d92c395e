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
      /** false: a short choice, no filter; letters are keys (j/k move) rather than text */
      search?: boolean;
      hint?: string;
      error?: string;
    }
  | {
      kind: 'form';
      id: string;
      title: string;
      fields: FormField[];
      /** the field being edited */
      focus: number;
      cursor: number;
      hint?: string;
      error?: string;
    };

export type ModalKind = Modal['kind'];

export interface FormField {
  name: string;
  label: string;
  /** json: nested objects and arrays, edited as JSON text */
  type: 'string' | 'number' | 'integer' | 'boolean' | 'json';
  value: string;
  required: boolean;
  enum?: string[];
  description?: string;
}

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
  /** assistant messages that asked for tools */
  toolCalls?: import('../providers/types.js').ToolCall[];
  /** tool results: the call they answer, the tool, and what the model is sent (text is the chat's summary) */
  toolCallId?: string;
  toolName?: string;
  modelText?: string;
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

export interface MemorySearchHit {
  name: string;
  title: string;
  line: number;
  snippet: string;
}

export interface MemoryEditor {
  name: string;
  /** the content version the edit started from (conflict check on save) */
  version: string | null;
  text: string;
  /** code-point index */
  cursor: number;
  /** first visible line */
  scroll: number;
  dirty: boolean;
  /** earlier texts with their cursors, newest last (Ctrl-Z) */
  undo: { text: string; cursor: number }[];
}

export interface MemoryState {
  root: string;
  /** the memory service has opened (after the first frame) */
  ready: boolean;
  /** why memory is unavailable, when it is */
  error?: string;
  /** bumped on every change to the files, so views re-read the catalog */
  catalogVersion: number;
  /** expanded folders, by name ('' is the memory folder itself and is always open) */
  expanded: string[];
  /** the selected row (a file or folder name) */
  selected: string | null;
  /** the pane fills the dashboard body */
  zoom: boolean;
  search: { query: string; hits: MemorySearchHit[]; selected: number } | null;
  preview: { name: string; text: string | null; reason?: string; scroll: number; line?: number } | null;
  editor: MemoryEditor | null;
  pinned: string[];
  /** what went into the last prompt */
  lastContext: { files: { name: string; tokens: number; reason: string; cut: boolean }[]; usedTokens: number; budgetTokens: number; findings: string[] } | null;
}

export interface PluginsState {
  dir: string;
  /** false until the plugin host has started (after the first frame) */
  started: boolean;
  list: import('../plugins/types.js').PluginStatus[];
  /** row selected in the sidebar (plugins and their tools, flattened) */
  selected: number;
}

export type Risk = 'read-only' | 'write' | 'destructive';

export interface ApprovalFinding {
  category: string;
  severity: 'low' | 'medium' | 'high';
  excerpt: string;
}

/** One tool call waiting for the user's decision. */
export interface ApprovalRequest {
  id: string;
  /** who asked: 'model', 'sidebar', 'cli', later 'bot:<name>' */
  source: string;
  plugin: string;
  tool: string;
  toolId: string;
  description: string;
  /** the arguments, pretty-printed */
  argsText: string;
  risk: Risk;
  findings: ApprovalFinding[];
  /** what the call will change, when the tool can say (e.g. a diff for memory writes, a draft email) */
  preview?: string;
  /** calls from one model turn share this, and are shown together */
  group?: string;
}

export interface ApprovalsState {
  queue: ApprovalRequest[];
  /** the request shown in the modal */
  selected: number;
  /** Esc hides the modal without deciding; the status bar keeps the count */
  hidden: boolean;
  /** scroll of the arguments in the modal */
  scroll: number;
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
  /** false until something needed a secret: the keychain is not asked before (see quickVaultStatus) */
  opened?: boolean;
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
    memory: {
      root: o.memoryRoot,
      ready: false,
      catalogVersion: 0,
      expanded: [''],
      selected: null,
      zoom: false,
      search: null,
      preview: null,
      editor: null,
      pinned: [],
      lastContext: null,
    },
    plugins: { dir: o.pluginsDir, started: false, list: [], selected: 0 },
    approvals: { queue: [], selected: 0, hidden: false, scroll: 0 },
    status: { version: o.version, provider: o.provider ?? null, vault: o.vault ?? { backend: null, unlocked: false }, notice: null },
  };
}
