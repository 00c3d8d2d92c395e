import type { CommandId } from '../../app/input/commands.js';
import { keyLabel } from '../../app/input/key-names.js';
import type { Keymap } from '../../app/input/keymap.js';
import type { ApprovalsState } from '../../app/store/state.js';
import type { Theme } from '../../themes/tokens.js';
import { wrapLine } from '../shell/pane-frame.js';
import { escapeTags, paint } from '../theme-style.js';
import type { ModalView } from './modal-content.js';

const RISK_TOKEN = { 'read-only': 'success', write: 'warning', destructive: 'danger' } as const;

/**
 * The approval dialog for the selected request: which plugin and tool, who asked, the risk, any
 * injection findings, what will change, and the exact arguments (scrollable). Keys come from the
 * keymap's approval scope.
 */
export function approvalView(approvals: ApprovalsState, theme: Theme, keymap: Keymap, width: number): ModalView {
  const r = approvals.queue[approvals.selected]!;
  const key = (c: CommandId) => keyLabel(keymap.keysFor('approval', c)[0] ?? '?');
  const wrap = (text: string, token: 'text' | 'muted' | 'danger' | 'warning' | 'accent') =>
    text.split('\n').flatMap((l) => wrapLine(l, width)).map((l) => (token === 'text' ? escapeTags(l) : paint(theme, token, l)));
  const lines: string[] = [
    `${paint(theme, 'muted', 'Plugin')} ${paint(theme, 'accent', r.plugin)}   ${paint(theme, 'muted', 'Tool')} ${paint(theme, 'accent', r.tool)}   ${paint(theme, 'muted', 'Risk')} ${paint(theme, RISK_TOKEN[r.risk], r.risk.toUpperCase())}`,
    `${paint(theme, 'muted', 'Asked by')} ${escapeTags(r.source)}`,
    ...wrap(r.description, 'muted'),
  ];
  if (r.findings.length > 0) {
    lines.push('', paint(theme, 'danger', `⚠ Possible prompt injection in the arguments (${r.findings.length}):`));
    for (const f of r.findings) lines.push(...wrap(`  ${f.severity} · ${f.category}: ${f.excerpt}`, 'danger'));
  }
  if (r.preview) {
    lines.push('', paint(theme, 'accent', 'What will change:'));
    lines.push(...r.preview.split('\n').flatMap((l) => wrapLine(l, width - 2)).map((l) => `  ${l.startsWith('+') ? paint(theme, 'success', l) : l.startsWith('-') ? paint(theme, 'danger', l) : escapeTags(l)}`));
  }
  lines.push('', paint(theme, 'accent', 'Arguments:'));
  lines.push(...r.argsText.split('\n').flatMap((l) => wrapLine(l, width - 2)).map((l) => `  ${escapeTags(l)}`));
  const pairs: [CommandId, string][] = [
    ['approval.once', 'once'],
    ['approval.session', 'session'],
    ['approval.always', 'always'],
    ['approval.deny', 'deny'],
    ['approval.edit', 'edit'],
  ];
  if (approvals.queue.length > 1) pairs.push(['approval.next', 'next']);
  pairs.push(['approval.hide', 'hide']);
  const footer = paint(theme, 'muted', pairs.map(([c, t]) => `${key(c)} ${t}`).join(' · '));
  const count = approvals.queue.length;
  return {
    title: `Approve tool call${count > 1 ? ` (${approvals.selected + 1} of ${count})` : ''}`,
    lines,
    scroll: approvals.scroll,
    footer,
    want: lines.length,
  };
}
