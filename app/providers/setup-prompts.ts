/**
 * `pyra setup` in a plain terminal: the setup steps as prompts (no blessed). Provider by number or
 * id, base URL where it can change, the key at a masked prompt, a live test, the model from the
 * provider's list (or typed), then the key goes to the vault and the settings to config.json.
 * Ctrl-C or Ctrl-D at any prompt cancels without saving.
 */
import { createInterface } from 'node:readline/promises';
import { readMaskedLine, type SecretInput } from '../vault/secret-input.js';
import type { ConnectionTest } from './client.js';
import { listProviders, providerById, type ProviderInfo } from './registry.js';
import {
  SetupError,
  checkApiKey,
  checkBaseUrl,
  checkModelName,
  describeTest,
  keyReaderFor,
  runConnectionTest,
  saveProviderSettings,
  storeApiKey,
  vaultKeyFor,
  type KeyStore,
} from './setup-steps.js';
import type { ProviderSettings } from './types.js';

export interface PromptIO {
  stdin: SecretInput;
  stdout: NodeJS.WritableStream;
}

export interface InteractiveSetupDeps {
  configFile: string;
  /** What config.json holds now (offered as defaults). */
  current?: ProviderSettings;
  /** Opens the vault (may ask for the file vault's passphrase). */
  openVault(): Promise<KeyStore>;
}

export class SetupCancelled extends Error {
  constructor() {
    super('Setup cancelled; nothing was saved.');
    this.name = 'SetupCancelled';
  }
}

const MAX_LISTED_MODELS = 30;

async function askLine(io: PromptIO, question: string): Promise<string> {
  const rl = createInterface({ input: io.stdin, output: io.stdout, terminal: io.stdin.isTTY === true });
  const controller = new AbortController();
  rl.on('SIGINT', () => controller.abort());
  rl.on('close', () => controller.abort());
  try {
    return (await rl.question(question, { signal: controller.signal })).trim();
  } catch {
    io.stdout.write('\n');
    throw new SetupCancelled();
  } finally {
    rl.close();
  }
}

async function askSecret(io: PromptIO, question: string): Promise<string> {
  try {
    return await readMaskedLine(io.stdin, io.stdout, question);
  } catch {
    throw new SetupCancelled();
  }
}

/** Asks until `parse` accepts the answer; a SetupError's message is shown and the question repeated. */
async function askUntil<T>(io: PromptIO, ask: () => Promise<string>, parse: (answer: string) => T): Promise<T> {
  for (;;) {
    try {
      return parse(await ask());
    } catch (err) {
      if (!(err instanceof SetupError)) throw err;
      io.stdout.write(`  ${err.message}\n`);
    }
  }
}

async function chooseProviderStep(io: PromptIO, current?: ProviderSettings): Promise<ProviderInfo> {
  const providers = listProviders();
  io.stdout.write('Choose the LLM provider:\n');
  providers.forEach((p, i) => io.stdout.write(`  ${String(i + 1).padStart(2)}) ${p.label.padEnd(42)} ${p.id}\n`));
  const fallback = current?.id ? providerById(current.id) : undefined;
  const hint = fallback ? ` [${fallback.id}]` : '';
  return askUntil(io, () => askLine(io, `Provider (number or id)${hint}: `), (answer) => {
    if (!answer && fallback) return fallback;
    const byNumber = /^\d+$/.test(answer) ? providers[Number(answer) - 1] : undefined;
    const info = byNumber ?? providerById(answer.toLowerCase());
    if (!info) throw new SetupError(`Type a number from 1 to ${providers.length}, or an id such as openai.`);
    return info;
  });
}

async function baseUrlStep(io: PromptIO, info: ProviderInfo, previous?: string): Promise<string | undefined> {
  if (!info.baseUrlEditable) return undefined;
  const shown = previous ?? info.baseUrl;
  const hint = shown ? ` [${shown}]` : ' (e.g. http://localhost:8080/v1)';
  return askUntil(io, () => askLine(io, `Base URL${hint}: `), (answer) => checkBaseUrl(info, answer || previous));
}

/** The key to test with: a new one typed now, or null to use the stored one (or none). */
async function keyStep(io: PromptIO, info: ProviderInfo, stored: boolean): Promise<string | null> {
  const keep = stored ? 'Enter keeps the stored one' : info.needsKey ? '' : 'Enter for none';
  if (info.needsKey && !stored) io.stdout.write(`  Get a key at ${info.docs}\n`);
  const prompt = `API key for ${info.label}${info.needsKey ? '' : ' (optional)'}${keep ? ` (${keep})` : ''}: `;
  return askUntil(io, () => askSecret(io, prompt), (answer) => {
    if (answer.trim() === '') {
      if (stored || !info.needsKey) return null;
      throw new SetupError(`${info.label} needs an API key.`);
    }
    return checkApiKey(answer);
  });
}

async function modelStep(io: PromptIO, info: ProviderInfo, test: ConnectionTest, previous?: string): Promise<string> {
  const models = test.models ?? [];
  const preferred = [previous, info.defaultModel].find((m) => m && (models.length === 0 || models.includes(m)));
  const fallback = preferred ?? models[0];
  if (models.length > 0) {
    io.stdout.write('Models offered:\n');
    models.slice(0, MAX_LISTED_MODELS).forEach((m, i) => io.stdout.write(`  ${String(i + 1).padStart(2)}) ${m}\n`));
    if (models.length > MAX_LISTED_MODELS) io.stdout.write(`  … and ${models.length - MAX_LISTED_MODELS} more (type a name)\n`);
  }
  const hint = fallback ? ` [${fallback}]` : '';
  return askUntil(io, () => askLine(io, `Model (${models.length ? 'number or name' : 'name'})${hint}: `), (answer) => {
    if (!answer && fallback) return fallback;
    const byNumber = /^\d+$/.test(answer) ? models[Number(answer) - 1] : undefined;
    const model = byNumber ?? checkModelName(answer);
    if (!model) throw new SetupError('Type the name of a model.');
    return model;
  });
}

async function storedKeyOf(io: PromptIO, deps: InteractiveSetupDeps, info: ProviderInfo): Promise<{ vault?: KeyStore; key: string | null }> {
  try {
    const vault = await deps.openVault();
    return { vault, key: await vault.get(vaultKeyFor(info.id)) };
  } catch (err) {
    if (err instanceof SetupCancelled) throw err;
    io.stdout.write(`  The vault cannot be used: ${(err as Error).message}\n`);
    if (info.needsKey) throw new SetupError('An API key can only be stored in the vault; fix the vault first (`pyra vault status`).');
    return { key: null };
  }
}

export async function runInteractiveSetup(io: PromptIO, deps: InteractiveSetupDeps): Promise<void> {
  io.stdout.write('Pyra setup. Ctrl-C cancels; nothing is saved before the connection test passes.\n\n');
  const info = await chooseProviderStep(io, deps.current);
  const sameProvider = deps.current?.id === info.id;
  const { vault, key: storedKey } = await storedKeyOf(io, deps, info);
  let baseUrl = sameProvider ? deps.current?.baseUrl : undefined;
  for (;;) {
    baseUrl = await baseUrlStep(io, info, baseUrl);
    // Without a usable vault a key could not be kept: only keyless providers get this far then.
    const newKey = vault ? await keyStep(io, info, storedKey !== null) : null;
    const settings: ProviderSettings = { id: info.id, ...(baseUrl ? { baseUrl } : {}) };
    io.stdout.write('Testing the connection…\n');
    const test = await runConnectionTest(settings, keyReaderFor(newKey ?? storedKey));
    for (const line of describeTest(test, settings)) io.stdout.write(`  ${line}\n`);
    if (!test.ok) {
      const again = await askLine(io, 'Change the settings and try again? [Y/n] ');
      if (/^n/i.test(again)) throw new SetupCancelled();
      continue;
    }
    const model = await modelStep(io, info, test, sameProvider ? deps.current?.model : undefined);
    if (newKey && vault) io.stdout.write(`Stored the API key in the vault as ${await storeApiKey(vault, info.id, newKey)}.\n`);
    await saveProviderSettings(deps.configFile, { ...settings, model });
    io.stdout.write(`Saved: ${info.label}, model ${model}${baseUrl ? ` at ${baseUrl}` : ''}.\nTry it: pyra ask "Hello"\n`);
    return;
  }
}
