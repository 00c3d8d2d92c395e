import { activeProviderSource } from '../chat/active-provider.js';
import { createChatSession } from '../chat/chat-session.js';
import { openConversationStore } from '../chat/conversation-store.js';
import { runConversationsFlow } from '../chat/conversations-flow.js';
import { assembleSystemPrompt } from '../chat/system-prompt.js';
import { homePaths } from '../config/home.js';
import type { PyraConfig } from '../config/schema.js';
import { runSetupWizard } from '../setup/setup-wizard.js';
import { passphrasePrompt } from '../store/passphrase-prompt.js';
import type { Store } from '../store/store.js';
import { vaultStatus } from '../vault/index.js';
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
): Promise<void> {
  const paths = homePaths(home);
  const passphrase = passphrasePrompt(store);
  const conversations = openConversationStore(paths.conversations);
  const chat = createChatSession({
    store,
    conversations,
    provider: activeProviderSource(home, passphrase),
    systemPrompt: () => assembleSystemPrompt([]),
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
  const refreshVault = async () => {
    const v = await vaultStatus({ home, backend: config.vault?.backend });
    store.dispatch({ type: 'status/vault', vault: { backend: v.backend, unlocked: v.unlocked, detail: v.reason } });
  };
  services.chat = chat;
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
  ready();
  await refreshVault();
  if (firstStart && !store.getState().status.provider) services.openSetup();
}
