import type { AppState, Modal, PaneId } from './state.js';

export const selectFocus = (s: AppState): PaneId => s.ui.focus;
export const selectTopModal = (s: AppState): Modal | undefined => s.ui.modals.at(-1);
export const selectSize = (s: AppState) => ({ cols: s.ui.cols, rows: s.ui.rows });
export const selectPendingApprovals = (s: AppState): number => s.approvals.queue.length;
export const selectChatInput = (s: AppState) => s.chat.input;
export const selectMessages = (s: AppState) => s.chat.messages;

/** The approval dialog shows when requests wait, the user has not hidden it, and no other dialog is on top. */
export const selectApprovalVisible = (s: AppState): boolean => s.ui.modals.length === 0 && s.approvals.queue.length > 0 && !s.approvals.hidden;

/** The key scope of what is on top: a dialog, the approval dialog, or nothing. */
export const selectOverlayScope = (s: AppState): 'modal' | 'approval' | null => (s.ui.modals.length > 0 ? 'modal' : selectApprovalVisible(s) ? 'approval' : null);

/** The key scope of the focused pane (the editor when a note is being edited in the Memory pane). */
export const selectPaneScope = (s: AppState): 'chat' | 'memory' | 'editor' | 'plugins' =>
  s.ui.focus === 'memory' && s.memory.editor ? 'editor' : s.ui.focus;

/** True when printable keys are text for an input rather than commands. */
export const selectTextInputActive = (s: AppState): boolean => {
  const top = s.ui.modals.at(-1);
  if (top) return top.kind === 'prompt' || top.kind === 'form' || (top.kind === 'list' && top.search !== false);
  if (selectApprovalVisible(s)) return false;
  return s.ui.focus === 'chat' || (s.ui.focus === 'memory' && s.memory.editor !== null);
};

const k = (n: number) => (n >= 10000 ? `${(n / 1000).toFixed(0)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n));

/** "last 1.2k↑ 300↓ · session 5k↑ 2k↓", or '' before the first reply with usage. */
function tokenSummary(s: AppState): string {
  const { last, session } = s.chat.usage;
  if (!last) return '';
  return `tokens: ${k(last.inputTokens)}↑ ${k(last.outputTokens)}↓ (session ${k(session.inputTokens)}↑ ${k(session.outputTokens)}↓)`;
}

export interface StatusLine {
  version: string;
  provider: string;
  vault: string;
  approvals: number;
  tokens: string;
  notice: AppState['status']['notice'];
}

function vaultText(v: AppState['status']['vault']): string {
  if (v.opened === false) return v.backend ?? 'not used yet';
  if (v.backend) return `${v.backend} (${v.unlocked ? 'unlocked' : 'locked'})`;
  return v.detail ? 'unavailable' : 'checking…';
}

export function selectStatusLine(s: AppState): StatusLine {
  const p = s.status.provider;
  const v = s.status.vault;
  return {
    version: s.status.version,
    provider: p ? `${p.id}${p.model ? ' / ' + p.model : ''}` : 'none',
    vault: vaultText(v),
    approvals: selectPendingApprovals(s),
    tokens: tokenSummary(s),
    notice: s.status.notice,
  };
}
