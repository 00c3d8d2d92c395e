import { argsFromForm, formFromSchema } from '../approvals/args-form.js';
import type { ApprovalService } from '../approvals/approval-service.js';
import { logToolExecution } from '../approvals/tool-log.js';
import type { ToolProvider } from '../chat/tool-runner.js';
import { scanText } from '../security/injection-scanner.js';
import { ask, newModalId } from '../store/modal-requests.js';
import type { Store } from '../store/store.js';
import { sidebarRows } from './sidebar-rows.js';

/**
 * Enter in the Plugins pane: on a plugin, its status in full; on a tool, its argument form, then the
 * call goes through the approval queue like any other (source 'sidebar') and the result is shown.
 */
export function createSidebarActions(
  store: Store,
  approvals: ApprovalService,
  tools: ToolProvider,
  toolLogFile: string,
  restart?: (name: string) => Promise<void>,
  setupPlugin?: (name: string) => Promise<void>,
) {
  let settingUp = false;
  const selected = () => sidebarRows(store.getState().plugins.list)[store.getState().plugins.selected];
  const run = (work: () => Promise<void>) => {
    work().catch((err: Error) => store.dispatch({ type: 'status/notice', tone: 'danger', text: err.message }));
  };
  return {
    activate() {
      const row = selected();
      if (!row) return;
      if (row.kind === 'plugin') {
        const p = row.plugin;
        const body = [
          `${p.kind === 'mcp' ? 'MCP server' : 'Plugin'} ${p.name}${p.version ? ` ${p.version}` : ''}: ${p.state}`,
          ...(p.reason ? ['', p.reason] : []),
          ...(p.description ? ['', p.description] : []),
          '',
          p.tools.length ? `Tools: ${p.tools.map((t) => t.tool).join(', ')}` : 'No tools.',
          ...(p.slashCommands.length ? [`Slash commands: ${p.slashCommands.map((c) => `/${c.name}`).join(', ')}`] : []),
          ...(p.kind === 'plugin' && (p.hasSetup || p.state === 'failed') ? ['', p.hasSetup ? 'Press s to run its setup (credentials go to the vault).' : 'If it needs credentials, press s to run its setup.'] : []),
        ].join('\n');
        void ask(store, { kind: 'message', id: newModalId('plugin'), title: p.name, body, tone: p.state === 'failed' ? 'danger' : 'info' });
        return;
      }
      const tool = row.tool;
      run(async () => {
        const fields = formFromSchema(tool.parameters, {});
        let error: string | undefined;
        let args: Record<string, unknown> | null = null;
        if (fields.length === 0) args = {};
        while (!args) {
          const a = await ask(store, { kind: 'form', id: newModalId('toolform'), title: `${tool.plugin} › ${tool.tool}`, fields, focus: 0, cursor: Array.from(fields[0]?.value ?? '').length, hint: `${tool.description}\nEnter queues the call for approval.`, error });
          if (a.type !== 'form') return;
          const parsed = argsFromForm(tool.parameters, fields, a.values);
          fields.forEach((f) => (f.value = a.values[f.name] ?? f.value));
          if ('error' in parsed) error = parsed.error;
          else args = parsed.args;
        }
        const preview = await tools.preview?.(tool, args).catch(() => undefined);
        const controller = new AbortController();
        const decision = await approvals.request({ source: 'sidebar', tool, args, preview, signal: controller.signal });
        if (!decision.allowed) {
          store.dispatch({ type: 'status/notice', tone: 'info', text: `${tool.plugin} › ${tool.tool}: not run (${decision.reason ?? 'denied'})` });
          return;
        }
        const result = await tools.run(tool, decision.grant, controller.signal);
        logToolExecution(toolLogFile, { source: 'sidebar', plugin: tool.plugin, tool: tool.tool, decision: 'allowed', decidedBy: decision.decidedBy, args: decision.args, result: result.text, durationMs: result.durationMs, error: result.error });
        const scan = result.ok ? scanText(result.text) : null;
        const warning = scan && scan.verdict !== 'clean' ? `⚠ This result may contain a prompt injection (${scan.findings.map((f) => f.category).slice(0, 3).join(', ')}). It is shown to you, not sent to the model.\n\n` : '';
        await ask(store, {
          kind: 'message',
          id: newModalId('toolresult'),
          title: `${tool.plugin} › ${tool.tool}: ${result.ok ? 'result' : 'failed'}`,
          body: result.ok ? `${warning}${result.text}${result.truncated ? '\n[truncated]' : ''}` : (result.error ?? 'The tool failed.'),
          tone: result.ok ? (warning ? 'warning' : 'info') : 'danger',
        });
      });
    },
    /** `s`: the selected plugin's setup, in dialogs (the plugin of a selected tool row too). */
    setup() {
      const row = selected();
      if (!row || !setupPlugin) return;
      if (row.plugin.kind === 'mcp') {
        store.dispatch({ type: 'status/notice', tone: 'info', text: `${row.plugin.name} is an MCP server: it has no setup step (its command or URL is set with pyra mcp add).` });
        return;
      }
      if (settingUp) return;
      settingUp = true;
      run(() => setupPlugin(row.plugin.name).finally(() => (settingUp = false)));
    },
    restart() {
      const row = selected();
      if (!row || !restart) return;
      run(async () => {
        await restart(row.plugin.name);
        store.dispatch({ type: 'status/notice', tone: 'info', text: `Restarted ${row.plugin.name}` });
      });
    },
  };
}

export type SidebarActions = ReturnType<typeof createSidebarActions>;
