import type { ToolDescriptor } from '../plugins/types.js';
import { ask, newModalId } from '../store/modal-requests.js';
import type { Store } from '../store/store.js';
import type { HeldResultChoice } from '../chat/tool-runner.js';
import type { ApprovalService } from './approval-service.js';

/** A flagged tool result is held: the user chooses what the model gets. */
export async function chooseForFlaggedResult(store: Store, tool: ToolDescriptor, summary: string): Promise<HeldResultChoice> {
  const a = await ask(store, {
    kind: 'list',
    id: newModalId('flagged'),
    title: `Result held · ${tool.plugin} › ${tool.tool}`,
    items: [
      { id: 'drop', label: 'Drop it', detail: 'the model is told the result was withheld' },
      { id: 'redacted', label: 'Send it with the flagged parts removed' },
      { id: 'send', label: 'Send it, marked as untrusted content' },
    ],
    filter: '',
    selected: 0,
    actions: [],
    allowCustom: false,
    search: false,
    hint: `The result looks like a prompt injection: ${summary}`,
    error: undefined,
  });
  if (a.type === 'choose' && (a.item.id === 'send' || a.item.id === 'redacted')) return a.item.id;
  return 'drop';
}

/** The Permissions view: stored rules and session grants; Del revokes the selected one. */
export async function runPermissionsFlow(store: Store, approvals: ApprovalService): Promise<void> {
  let error: string | undefined;
  for (;;) {
    const rules = approvals.permissions.rules();
    const grants = approvals.sessionGrants();
    const items = [
      ...rules.map((r) => ({
        id: `rule:${r.id}`,
        label: `${r.decision.toUpperCase()}  ${r.plugin} › ${r.tool === '*' ? 'every tool' : r.tool}`,
        detail: `${r.args ? `when ${Object.entries(r.args).map(([k, v]) => `${k}~/${v}/`).join(', ')} · ` : ''}stored ${r.created.slice(0, 10)}`,
      })),
      ...grants.map((g) => ({ id: `session:${g}`, label: `ALLOW  ${g.replace('__', ' › ')}`, detail: 'this session only' })),
    ];
    const problems = approvals.permissions.problems();
    const a = await ask(store, {
      kind: 'list',
      id: newModalId('permissions'),
      title: `Permissions (${rules.length} stored, ${grants.length} for this session)`,
      items,
      filter: '',
      selected: 0,
      actions: ['delete'],
      allowCustom: false,
      hint: items.length === 0 ? 'Nothing is allowed or denied yet: every tool call asks.' : `Stored in ${approvals.permissions.file}. Del revokes.`,
      error: error ?? (problems.length ? problems.join('\n') : undefined),
    });
    error = undefined;
    if (a.type !== 'action' || !a.item) return;
    const [kind, id] = [a.item.id.slice(0, a.item.id.indexOf(':')), a.item.id.slice(a.item.id.indexOf(':') + 1)];
    try {
      if (kind === 'rule') approvals.permissions.remove(id);
      else approvals.revokeSession(id);
      store.dispatch({ type: 'status/notice', tone: 'info', text: `Revoked: ${a.item.label.replace(/\s+/g, ' ')}` });
    } catch (err) {
      error = (err as Error).message;
    }
  }
}
