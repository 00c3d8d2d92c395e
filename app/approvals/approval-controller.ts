import type { ToolDescriptor } from '../plugins/types.js';
import { ask, newModalId } from '../store/modal-requests.js';
import type { Store } from '../store/store.js';
import type { ApprovalService } from './approval-service.js';
import { argsFromForm, formFromSchema } from './args-form.js';

export interface ApprovalController {
  once(): void;
  session(): void;
  always(): void;
  deny(): void;
  edit(): void;
}

/**
 * What the approval dialog's keys do to the selected request: decide at once (y, s), or ask first in
 * a dialog on top (a: confirm for destructive tools, n: optional reason, e: the argument form).
 */
export function createApprovalController(store: Store, service: ApprovalService, toolOf: (toolId: string) => ToolDescriptor | undefined): ApprovalController {
  const selected = () => {
    const { queue, selected: i } = store.getState().approvals;
    return queue[i];
  };
  const run = (work: () => Promise<void>) => {
    work().catch((err: Error) => store.dispatch({ type: 'status/notice', tone: 'danger', text: err.message }));
  };
  return {
    once() {
      const r = selected();
      if (r) service.decide(r.id, { kind: 'once' });
    },
    session() {
      const r = selected();
      if (r) service.decide(r.id, { kind: 'session' });
    },
    always() {
      const r = selected();
      if (!r) return;
      run(async () => {
        if (r.risk === 'destructive') {
          const a = await ask(store, {
            kind: 'confirm',
            id: newModalId('always'),
            title: 'Always allow a destructive tool?',
            body: `${r.plugin} › ${r.tool} can change or delete things. A stored rule will allow every future call without asking, whatever its arguments.\nYou can revoke it in Permissions (F5).`,
            confirmLabel: 'always allow',
            tone: 'danger',
          });
          if (a.type !== 'confirm') return;
        }
        service.decide(r.id, { kind: 'always' });
      });
    },
    deny() {
      const r = selected();
      if (!r) return;
      run(async () => {
        const a = await ask(store, {
          kind: 'prompt',
          id: newModalId('deny'),
          title: `Deny ${r.plugin} › ${r.tool}`,
          label: 'Reason for the model (optional; Enter to deny without one):',
          value: '',
          cursor: 0,
          masked: false,
          maskedLength: 0,
        });
        if (a.type === 'cancel') return;
        service.decide(r.id, { kind: 'deny', reason: a.type === 'submit' && a.value.trim() ? a.value.trim() : undefined });
      });
    },
    edit() {
      const r = selected();
      if (!r) return;
      const pending = service.pending(r.id);
      const tool = toolOf(r.toolId) ?? pending?.input.tool;
      if (!pending || !tool) return;
      run(async () => {
        const fields = formFromSchema(tool.parameters, pending.args);
        let error: string | undefined;
        for (;;) {
          const a = await ask(store, { kind: 'form', id: newModalId('edit'), title: `Edit arguments · ${r.plugin} › ${r.tool}`, fields, focus: 0, cursor: Array.from(fields[0]?.value ?? '').length, hint: 'Enter allows the call with these arguments.', error });
          if (a.type !== 'form') return;
          const parsed = argsFromForm(tool.parameters, fields, a.values);
          if ('error' in parsed) {
            error = parsed.error;
            fields.forEach((f) => (f.value = a.values[f.name] ?? f.value));
            continue;
          }
          service.decide(r.id, { kind: 'once', args: parsed.args });
          return;
        }
      });
    },
  };
}
