/**
 * The steps of setting up a provider, shared by `pyra setup` (flags or terminal prompts) and the
 * dashboard's wizard: check the choice, test the connection with the key held in memory, then store
 * the key in the vault and the settings in config.json. Nothing is written before a passing test
 * unless the caller decides so. No prompts and no printing here.
 */
import { readConfig } from '../config/config-file.js';
import { setConfigValue } from '../config/config-store.js';
import { testConnection, type ClientOptions, type ConnectionTest } from './client.js';
import { listProviders, providerById, type ProviderInfo } from './registry.js';
import type { KeyReader, ProviderSettings } from './types.js';

/** A choice the user must correct; `usage` means it came from the command line (exit code 2). */
export class SetupError extends Error {
  constructor(
    message: string,
    readonly usage = false,
  ) {
    super(message);
    this.name = 'SetupError';
  }
}

export function providerChoices(): string {
  return listProviders()
    .map((p) => p.id)
    .join(', ');
}

export function chooseProvider(id: string | undefined): ProviderInfo {
  const info = id ? providerById(id.trim().toLowerCase()) : undefined;
  if (!info) {
    const what = id ? `Unknown provider "${id}".` : 'No provider given.';
    throw new SetupError(`${what} Choose one of: ${providerChoices()}.`, true);
  }
  return info;
}

/**
 * The base URL to store: undefined means the registry's default. Refuses an address for providers
 * with a fixed one, URLs other than http(s), and credentials inside the URL (config.json is not
 * the place for secrets).
 */
export function checkBaseUrl(info: ProviderInfo, url: string | undefined): string | undefined {
  const given = url?.trim();
  if (!given) {
    if (info.baseUrlRequired) {
      throw new SetupError(`The provider "${info.id}" needs a base URL, e.g. http://localhost:8080/v1.`, true);
    }
    return undefined;
  }
  if (!info.baseUrlEditable) {
    throw new SetupError(
      `${info.label} has a fixed address (${info.baseUrl}). To use another server that speaks its API, choose the provider "custom".`,
      true,
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(given);
  } catch {
    throw new SetupError(`"${given}" is not a URL; it should look like http://localhost:1234/v1.`, true);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new SetupError(`The base URL must start with http:// or https://, not ${parsed.protocol}//.`, true);
  }
  if (parsed.username || parsed.password) {
    throw new SetupError('The base URL must not contain a user name or password; give the key separately (it goes into the vault).', true);
  }
  if (parsed.search || parsed.hash) throw new SetupError('The base URL must not contain a query (?…) or a fragment (#…).', true);
  return given.replace(/\/+$/, '');
}

export function checkModelName(model: string | undefined): string | undefined {
  const name = model?.trim();
  if (!name) return undefined;
  if (name.length > 200 || /[\s\p{Cc}]/u.test(name)) {
    throw new SetupError(`"${model}" is not a model name (no spaces, at most 200 characters).`, true);
  }
  return name;
}

/** An API key as typed or piped: surrounding whitespace removed; refuses empty or multi-line input. */
export function checkApiKey(key: string): string {
  const trimmed = key.trim();
  if (!trimmed) throw new SetupError('The API key is empty.', true);
  if (/[\s\p{Cc}]/u.test(trimmed)) throw new SetupError('The API key contains spaces or line breaks; paste only the key.', true);
  return trimmed;
}

export interface SettingsDraft {
  id: string;
  baseUrl?: string;
  model?: string;
}

/** Checked settings for a draft (throws SetupError). The model falls back to the provider's default. */
export function settingsFrom(draft: SettingsDraft): ProviderSettings {
  const info = chooseProvider(draft.id);
  const baseUrl = checkBaseUrl(info, draft.baseUrl);
  const model = checkModelName(draft.model) ?? info.defaultModel;
  return { id: info.id, ...(model ? { model } : {}), ...(baseUrl ? { baseUrl } : {}) };
}

/** A key reader over a key held in memory (the one being set up), falling back to a stored one. */
export function keyReaderFor(newKey: string | null, stored?: KeyReader): KeyReader {
  return async () => newKey ?? (stored ? await stored() : null);
}

/** The live test: lists the models through the real client (address, protocol and usually the key). */
export function runConnectionTest(settings: ProviderSettings, readKey: KeyReader, options?: ClientOptions & { signal?: AbortSignal }): Promise<ConnectionTest> {
  return testConnection(settings, readKey, options);
}

/**
 * The model to save when none was chosen: the provider's default, else the only model the server
 * offers. Throws SetupError naming the offered models when a choice is needed.
 */
export function resolveModel(settings: ProviderSettings, test: ConnectionTest | undefined): string {
  if (settings.model) return settings.model;
  const models = test?.models ?? [];
  if (models.length === 1) return models[0]!;
  const offered = models.length ? ` The server offers: ${models.slice(0, 20).join(', ')}${models.length > 20 ? ', …' : ''}.` : '';
  throw new SetupError(`Choose a model with --model.${offered}`, true);
}

/** The human verdict of a connection test, one line (plus the remedy on a failure). */
export function describeTest(test: ConnectionTest, settings: ProviderSettings): string[] {
  if (!test.ok) {
    return [`Connection test failed: ${test.error?.message ?? 'unknown error'}`, ...(test.error?.remedy ? [test.error.remedy] : [])];
  }
  const count = test.models?.length ?? 0;
  const lines = [`Connection test passed in ${test.latencyMs} ms; the provider offers ${count} model${count === 1 ? '' : 's'}.`];
  if (test.modelListed === false) {
    lines.push(`Note: the model "${settings.model}" is not in that list; check its name if chats fail.`);
  }
  return lines;
}

/** The vault's part (a Vault, or anything with the same set/get). */
export interface KeyStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
}

export const vaultKeyFor = (providerId: string) => `provider:${providerId}:api_key`;

export async function storeApiKey(vault: KeyStore, providerId: string, key: string): Promise<string> {
  const name = vaultKeyFor(providerId);
  await vault.set(name, checkApiKey(key));
  return name;
}

/**
 * Writes `provider` to config.json (through conf: validated, atomic, mode 600). A context size the
 * user set is kept while the provider and model stay the same.
 */
export async function saveProviderSettings(configFile: string, settings: ProviderSettings): Promise<void> {
  const previous = readConfig(configFile).provider;
  const keep = previous && previous.id === settings.id && previous.model === settings.model ? previous.contextTokens : undefined;
  await setConfigValue(configFile, 'provider', { ...settings, ...(keep ? { contextTokens: keep } : {}) });
}
