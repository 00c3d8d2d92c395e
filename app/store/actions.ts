import type { PluginStatus } from '../plugins/types.js';
import type { ApprovalRequest, ChatMessage, MemoryEditor, MemorySearchHit, MemoryState, Modal, PaneId, Tone, Usage, VaultStatus } from './state.js';

/** Every change to the state tree is one of these. Reducers switch on `type`. */
export type Action =
  | { type: 'ui/focus'; pane: PaneId }
  | { type: 'ui/focusNext' }
  | { type: 'ui/focusPrev' }
  | { type: 'ui/resize'; cols: number; rows: number }
  | { type: 'ui/scroll'; pane: PaneId; delta: number }
  | { type: 'ui/openModal'; modal: Modal }
  | { type: 'ui/closeModal' }
  | { type: 'ui/scrollModal'; delta: number }
  /** replaces the modal with this id (progress, errors) */
  | { type: 'ui/updateModal'; id: string; modal: Modal }
  /** removes the modal with this id, wherever it is in the stack */
  | { type: 'ui/removeModal'; id: string }
  | { type: 'modal/insert'; text: string }
  | { type: 'modal/deleteBack' }
  | { type: 'modal/moveCursor'; to: 'left' | 'right' | 'home' | 'end' }
  | { type: 'modal/maskedLength'; length: number }
  | { type: 'modal/select'; delta: number }
  | { type: 'chat/insert'; text: string }
  | { type: 'chat/deleteBack' }
  | { type: 'chat/deleteForward' }
  | { type: 'chat/moveCursor'; to: 'left' | 'right' | 'home' | 'end' }
  | { type: 'chat/clearInput' }
  | { type: 'chat/setInput'; text: string }
  | { type: 'chat/historyPrev' }
  | { type: 'chat/historyNext' }
  | { type: 'chat/loaded'; conversation: { id: string; title: string } | null; messages: ChatMessage[] }
  | { type: 'chat/renamed'; title: string }
  | { type: 'chat/userSent'; message: ChatMessage }
  | { type: 'chat/assistantStart'; id: string }
  | { type: 'chat/assistantDelta'; id: string; text: string }
  | { type: 'chat/assistantEnd'; id: string; status: 'complete' | 'cancelled' | 'error' }
  | { type: 'chat/appendMessage'; message: ChatMessage }
  | { type: 'chat/setToolCalls'; id: string; toolCalls: import('../providers/types.js').ToolCall[] }
  | { type: 'chat/usage'; usage: Usage }
  | { type: 'chat/trimmed'; count: number }
  | { type: 'ui/markdownReady' }
  | { type: 'approvals/enqueue'; requests: ApprovalRequest[] }
  | { type: 'approvals/remove'; ids: string[] }
  | { type: 'approvals/select'; delta: number }
  | { type: 'approvals/hide' }
  | { type: 'approvals/show' }
  | { type: 'approvals/scroll'; delta: number }
  | { type: 'plugins/update'; list: PluginStatus[] }
  | { type: 'memory/ready'; pinned: string[] }
  | { type: 'memory/error'; error: string }
  | { type: 'memory/changed' }
  | { type: 'memory/select'; name: string | null }
  | { type: 'memory/toggleFolder'; name: string; open?: boolean }
  | { type: 'memory/zoom'; zoom?: boolean }
  | { type: 'memory/preview'; preview: MemoryState['preview'] }
  | { type: 'memory/scrollPreview'; delta: number }
  | { type: 'memory/search'; search: { query: string; hits: MemorySearchHit[]; selected: number } | null }
  | { type: 'memory/searchSelect'; delta: number }
  | { type: 'memory/pinned'; pinned: string[] }
  | { type: 'memory/lastContext'; context: MemoryState['lastContext'] }
  | { type: 'editor/open'; editor: MemoryEditor }
  | { type: 'editor/close' }
  | { type: 'editor/insert'; text: string }
  | { type: 'editor/deleteBack' }
  | { type: 'editor/deleteForward' }
  | { type: 'editor/move'; to: 'left' | 'right' | 'up' | 'down' | 'home' | 'end' | 'pageUp' | 'pageDown' | 'top' | 'bottom'; page?: number }
  | { type: 'editor/undo' }
  | { type: 'editor/saved'; version: string; text?: string }
  | { type: 'editor/scroll'; scroll: number }
  | { type: 'plugins/select'; delta: number }
  | { type: 'status/notice'; text: string; tone: Tone }
  | { type: 'status/clearNotice'; id: number }
  | { type: 'status/vault'; vault: VaultStatus }
  | { type: 'status/provider'; provider: { id: string; model?: string } | null };

export type ActionType = Action['type'];
