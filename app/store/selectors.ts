import type { AppState, Modal, PaneId } from './state.js';

export const selectFocus = (s: AppState): PaneId => s.ui.focus;
export const selectTopModal = (s: AppState): Modal | undefined => s.ui.modals.at(-1);
export const selectSize = (s: AppState) => ({ cols: s.ui.cols, rows: s.ui.rows });
export const selectPendingApprovals = (s: AppState): number => s.approvals.queue.length;
export const selectChatInput = (s: AppState) => s.chat.input;
export const selectMessages = (s: AppState) => s.chat.messages;

/** True when printable keys are text for an input rather than commands. */
export const selectTextInputActive = (s: AppState): boolean => s.ui.modals.length === 0 && s.ui.focus === 'chat';

export interface StatusLine {
  version: string;
  provider: string;
  vault: string;
  approvals: number;
  notice: AppState['status']['notice'];
}

export function selectStatusLine(s: AppState): StatusLine {
  const p = s.status.provider;
  const v = s.status.vault;
  return {
    version: s.status.version,
    provider: p ? `${p.id}${p.model ? ' / ' + p.model : ''}` : 'none',
    vault: v.backend ? `${v.backend} (${v.unlocked ? 'unlocked' : 'locked'})` : 'not set up',
    approvals: selectPendingApprovals(s),
    notice: s.status.notice,
  };
}
