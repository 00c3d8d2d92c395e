import { createApprovalController } from '../approvals/approval-controller.js';
import { createApprovalService } from '../approvals/approval-service.js';
import { openPermissionsStore } from '../approvals/permissions-store.js';
import { chooseForFlaggedResult, runPermissionsFlow } from '../approvals/review-flows.js';
import { activeProviderSource } from '../chat/active-provider.js';
import { combineToolProviders, hostToolProvider } from '../chat/tool-sources.js';
import { createToolHost, type PyraToolHost } from '../plugins/index.js';
import { createSidebarActions } from '../plugins-ui/sidebar-actions.js';
import { runPluginSetupFlow } from '../plugins-ui/plugin-setup-flow.js';
import { runPluginSetup } from '../plugins/standalone-plugin.js';
import type { ToolProvider } from '../chat/tool-runner.js';
import { buildMemoryContext } from '../memory/context.js';
import { MemoryStore } from '../memory/memory-store.js';
import { createMemoryActions } from '../memory-ui/memory-actions.js';
import { memoryToolProvider } from '../memory-ui/memory-tools.js';
import { ask, newModalId } from '../store/modal-requests.js';
import { createChatSession } from '../chat/chat-session.js';
import { openConversationStore } from '../chat/conversation-store.js';
import { runConversationsFlow } from '../chat/conversations-flow.js';
import { assembleSystemPrompt } from '../chat/system-prompt.js';
import { homePaths } from '../config/home.js';
import type { PyraConfig } from '../config/schema.js';
import { runSetupWizard } from '../setup/setup-wizard.js';
import { passphrasePrompt } from '../store/passphrase-prompt.js';
import type { Store } from '../store/store.js';
import { openVault, quickVaultStatus, vaultStatus, type Vault } from '../vault/index.js';
import type { DashboardServices } from '../../widgets/dashboard.js';

/**
 * Everything the dashboard does beyond drawing, loaded after the first frame: conversations, the
 * chat session, the setup wizard, the vault status. Failures here become notices, never crashes.
 */
export async function startDashboardServices(
  store: Store,
  services: DashboardServices,
  home: string,
  config: PyraConfig,
  firstStart: boolean,
  ready: () => void,
  suspend: (run: () => void) => Promise<void>,
): Promise<void> {
  const paths = homePaths(home);
  const passphrase = passphrasePrompt(store);
  const conversations = openConversationStore(paths.conversations);
  const approvals = createApprovalService(store, openPermissionsStore(home), paths.toolLog);
  const memoryRef: { store: MemoryStore | null } = { store: null };
  const tools: { memory: ToolProvider | null; host: ToolProvider | null } = { memory: null, host: null };
  const toolProvider: ToolProvider = {
    tools: () => combineToolProviders(tools.memory, tools.host).tools(),
    preview: (t, a) => combineToolProviders(tools.memory, tools.host).preview!(t, a),
    run: (t, g, s) => combineToolProviders(tools.memory, tools.host).run(t, g, s),
  };
  const hostRef: { host: PyraToolHost | null } = { host: null };
  const systemPrompt = async (latest: string) => {
    const parts = [];
    for (const p of hostRef.host?.plugins() ?? []) {
      if (p.state === 'loaded' && p.promptAddition) parts.push({ name: `Plugin ${p.name}`, text: p.promptAddition });
    }
    const memory = memoryRef.store;
    if (memory) {
      const context = await buildMemoryContext({ memory, userMessage: latest, budgetTokens: 2000 });
      store.dispatch({
        type: 'memory/lastContext',
        context: {
          files: context.files,
          usedTokens: context.usedTokens,
          budgetTokens: context.budgetTokens,
          findings: context.findings.filter((f) => f.verdict !== 'clean').map((f) => `${f.name}: ${f.verdict} (${f.findings.map((x) => x.category).join(', ')})`),
        },
      });
      const flagged = context.findings.filter((f) => f.verdict !== 'clean');
      if (flagged.length > 0) {
        store.dispatch({ type: 'status/notice', tone: 'warning', text: `Memory with possible injection went into the prompt (marked untrusted): ${flagged.map((f) => f.name).join(', ')} — F6 shows it` });
      }
      if (context.text) parts.push({ name: 'Memory (the user’s notes)', text: context.text });
    }
    return assembleSystemPrompt(parts);
  };
  const refreshVault = async () => {
    const v = await vaultStatus({ home, backend: config.vault?.backend });
    store.dispatch({ type: 'status/vault', vault: { backend: v.backend, unlocked: v.unlocked, detail: v.reason } });
  };
  // The keychain is not asked at start (its library alone is ~10 MB): the status bar says which
  // backend secrets use, and the full status comes each time something has opened the vault (it may
  // have just been created, unlocked or found missing).
  let vaultChecked = false;
  let statusRefresh = Promise.resolve();
  const vaultOpened = () => {
    vaultChecked = true;
    statusRefresh = statusRefresh.then(refreshVault); // in order: the last open's status wins
  };
  const chat = createChatSession({
    store,
    conversations,
    provider: activeProviderSource(home, passphrase, vaultOpened),
    systemPrompt,
    tools: { provider: toolProvider, approvals, toolLogFile: paths.toolLog, chooseForFlagged: (tool, summary) => chooseForFlaggedResult(store, tool, summary) },
  });
  let flowOpen = false;
  const once = (flow: () => Promise<void>) => () => {
    if (flowOpen) return;
    flowOpen = true;
    flow()
      .catch((err: Error) => store.dispatch({ type: 'status/notice', tone: 'danger', text: err.message }))
      .finally(() => {
        flowOpen = false;
      });
  };
  services.chat = chat;
  services.approvals = createApprovalController(store, approvals, (id) => toolProvider.tools().find((t) => t.id === id));
  services.openPermissions = once(() => runPermissionsFlow(store, approvals));
  services.showMemoryContext = () => {
    const c = store.getState().memory.lastContext;
    const body = c
      ? [
          `${c.usedTokens} of ${c.budgetTokens} tokens used by memory in the last prompt.`,
          '',
          ...(c.files.length ? c.files.map((f) => `• ${f.name} — ${f.reason}, ${f.tokens} tokens${f.cut ? ' (cut)' : ''}`) : ['No notes went in.']),
          ...(c.findings.length ? ['', 'Possible injection (sent marked as untrusted):', ...c.findings.map((f) => `⚠ ${f}`)] : []),
        ].join('\n')
      : 'Nothing has been sent yet in this session.';
    void ask(store, { kind: 'message', id: newModalId('context'), title: 'Memory in the last prompt', body, tone: 'info' });
  };
  services.openConversations = once(() => runConversationsFlow(store, conversations, chat));
  services.openSetup = once(async () => {
    await runSetupWizard(store, { home, passphrase });
    await refreshVault();
  });

  const current = conversations.current();
  if (current) {
    try {
      chat.open(current);
    } catch (err) {
      store.dispatch({ type: 'status/notice', tone: 'warning', text: `Could not reopen the last conversation: ${(err as Error).message}` });
    }
  }
  services.runSlash = (text) => {
    const m = /^\/([a-z0-9_-]+)(?:\s+([\s\S]*))?$/.exec(text.trim());
    const host = hostRef.host;
    if (!m || !host) return false;
    const owner = host.plugins().find((p) => p.state === 'loaded' && p.slashCommands.some((c) => c.name === m[1]));
    if (!owner) return false;
    store.dispatch({ type: 'chat/clearInput' });
    void host.runSlashCommand(owner.name, m[1]!, m[2] ?? '').then((r) => {
      const body = r.ok ? r.text : `failed: ${r.error ?? 'the command failed'}`;
      store.dispatch({ type: 'chat/appendMessage', message: { id: `s${Date.now().toString(36)}`, role: 'tool', text: `/${m[1]} (${owner.name})\n${body}`, status: r.ok ? 'complete' : 'error' } });
    });
    return true;
  };
  const restartPlugin = (name: string) => hostRef.host?.restart(name) ?? Promise.resolve();
  const pluginVault = () => openVault({ home, backend: config.vault?.backend, passphrase }).finally(vaultOpened);
  const setupPlugin = (name: string) =>
    runPluginSetupFlow(store, name, {
      setup: (n, prompter) => runPluginSetup({ home, name: n, prompter, secrets: async () => (await pluginVault()).forPlugin(n) }),
      restart: restartPlugin,
    });
  services.sidebar = createSidebarActions(store, approvals, toolProvider, paths.toolLog, restartPlugin, setupPlugin);
  ready();
  void openMemory(store, services, home, suspend, memoryRef, tools);
  void startPlugins(store, home, hostRef, tools, pluginVault);
  const quick = await quickVaultStatus({ home, backend: config.vault?.backend });
  if (!vaultChecked) store.dispatch({ type: 'status/vault', vault: { backend: quick.backend, unlocked: quick.unlocked, detail: quick.reason, opened: quick.opened } });
  if (firstStart && !store.getState().status.provider) services.openSetup();
}

async function openMemory(
  store: Store,
  services: DashboardServices,
  home: string,
  suspend: (run: () => void) => Promise<void>,
  ref: { store: MemoryStore | null },
  tools: { memory: ToolProvider | null },
): Promise<void> {
  try {
    const memory = await MemoryStore.open({ home, watch: true });
    ref.store = memory;
    const actions = createMemoryActions(store, memory, suspend);
    services.memory = actions;
    tools.memory = memoryToolProvider(memory);
    memory.onChange((change) => {
      store.dispatch({ type: 'memory/changed' });
      const preview = store.getState().memory.preview;
      if (preview && (preview.name === change.name || preview.name.startsWith(`${change.name}/`))) actions.refreshPreview();
    });
    store.dispatch({ type: 'memory/ready', pinned: memory.pinned() });
    if (store.getState().memory.selected === null) actions.move(0);
  } catch (err) {
    store.dispatch({ type: 'memory/error', error: (err as Error).message });
  }
}

async function startPlugins(
  store: Store,
  home: string,
  ref: { host: PyraToolHost | null },
  tools: { host: ToolProvider | null },
  vault: () => Promise<Vault>,
): Promise<void> {
  try {
    const host = createToolHost({ home, vault });
    ref.host = host;
    host.onChange(() => store.dispatch({ type: 'plugins/update', list: host.plugins() }));
    tools.host = hostToolProvider(host);
    await host.start();
    store.dispatch({ type: 'plugins/update', list: host.plugins() });
    process.once('exit', () => void host.stop());
  } catch (err) {
    store.dispatch({ type: 'plugins/update', list: [] });
    store.dispatch({ type: 'status/notice', tone: 'danger', text: `Plugins could not start: ${(err as Error).message}` });
  }
}
