import { readConfig } from '../config/config-file.js';
import { homePaths } from '../config/home.js';
import { createProviderClient, providerById } from '../providers/index.js';
import type { PassphraseProvider } from '../vault/index.js';
import { openVault, providerKey } from '../vault/index.js';
import type { ActiveProvider } from './chat-session.js';

export const DEFAULT_CONTEXT_TOKENS = 32_000;

/**
 * The provider for the next turn, read fresh from config.json each time (the wizard may have changed
 * it). The API key is read from the vault by the client at call time, never held here.
 */
export function activeProviderSource(home: string, passphrase?: PassphraseProvider, onVaultOpened?: () => void): () => Promise<ActiveProvider | null> {
  return async () => {
    const config = readConfig(homePaths(home).config);
    const settings = config.provider;
    if (!settings) return null;
    const info = providerById(settings.id);
    const readKey = async () => {
      try {
        const vault = await openVault({ home, backend: config.vault?.backend, passphrase });
        return await vault.get(providerKey(settings.id));
      } finally {
        onVaultOpened?.();
      }
    };
    const model = settings.model ?? info?.defaultModel;
    if (!model) return null;
    return { client: createProviderClient(settings, readKey), model, contextTokens: settings.contextTokens ?? DEFAULT_CONTEXT_TOKENS };
  };
}
