import { readConfig } from '../config/config-file.js';
import { homePaths } from '../config/home.js';
import { listProviders, providerById, type ConnectionTest, type ProviderInfo, type ProviderSettings } from '../providers/index.js';
import {
  SetupError,
  checkApiKey,
  checkBaseUrl,
  describeTest,
  keyReaderFor,
  runConnectionTest,
  saveProviderSettings,
  storeApiKey,
} from '../providers/setup-steps.js';
import { ask, newModalId, type ModalAnswer } from '../store/modal-requests.js';
import type { Store } from '../store/store.js';
import { openVault, providerKey, type PassphraseProvider } from '../vault/index.js';

export interface WizardOptions {
  home: string;
  passphrase?: PassphraseProvider;
}

type Step = 'provider' | 'baseUrl' | 'key' | 'model' | 'verdict';

interface Draft {
  info?: ProviderInfo;
  baseUrl?: string;
  /** the key typed in this run; held only in this closure, never in the store */
  key: string | null;
  hasStoredKey: boolean;
  model?: string;
  test?: ConnectionTest;
}

async function busy<T>(store: Store, title: string, body: string, work: () => Promise<T>): Promise<T> {
  const id = newModalId('busy');
  store.dispatch({ type: 'ui/openModal', modal: { kind: 'message', id, title, body, tone: 'info', busy: true } });
  try {
    return await work();
  } finally {
    store.dispatch({ type: 'ui/removeModal', id });
  }
}

const isCancel = (a: ModalAnswer) => a.type === 'cancel';

/**
 * The provider setup wizard in dashboard modals: provider (searchable list) → base URL where it can
 * change → API key (masked, never in the store) → model (listed live from the provider, or typed) →
 * connection verdict → save (key into the vault, settings into config.json). Esc goes one step back.
 * Returns true when settings were saved.
 */
export async function runSetupWizard(store: Store, o: WizardOptions): Promise<boolean> {
  const configFile = homePaths(o.home).config;
  const current = readConfig(configFile).provider;
  const draft: Draft = { key: null, hasStoredKey: false };
  let step: Step = 'provider';
  let error: string | undefined;
  const storedKeyNames = async () => {
    try {
      return await (await openVault({ home: o.home, backend: readConfig(configFile).vault?.backend, passphrase: o.passphrase })).list();
    } catch {
      return [];
    }
  };

  for (;;) {
    const settings = (): ProviderSettings => ({ id: draft.info!.id, ...(draft.baseUrl ? { baseUrl: draft.baseUrl } : {}), ...(draft.model ? { model: draft.model } : {}) });
    if (step === 'provider') {
      const items = listProviders().map((p) => ({
        id: p.id,
        label: p.label,
        detail: `${p.id}${p.needsKey ? ' · key' : ''}${p.baseUrl ? ` · ${p.baseUrl}` : ''}`,
      }));
      const selected = Math.max(0, items.findIndex((i) => i.id === (draft.info?.id ?? current?.id)));
      const a = await ask(store, { kind: 'list', id: newModalId('setup'), title: 'Setup 1/4 · Provider', items, filter: '', selected, actions: [], allowCustom: false, hint: 'Type to search. Any OpenAI-compatible server: choose “custom”.' });
      if (a.type !== 'choose') return false;
      const info = providerById(a.item.id)!;
      if (draft.info?.id !== info.id) Object.assign(draft, { baseUrl: undefined, model: undefined, key: null, test: undefined });
      draft.info = info;
      draft.hasStoredKey = (await storedKeyNames()).includes(providerKey(info.id));
      step = info.baseUrlEditable ? 'baseUrl' : 'key';
      continue;
    }
    const info = draft.info!;
    if (step === 'baseUrl') {
      const value = draft.baseUrl ?? (current?.id === info.id ? current.baseUrl : undefined) ?? info.baseUrl ?? '';
      const a = await ask(store, { kind: 'prompt', id: newModalId('setup'), title: `Setup 2/4 · ${info.label} address`, label: 'Base URL of the server:', value, cursor: Array.from(value).length, masked: false, maskedLength: 0, hint: info.baseUrlRequired ? 'For example http://localhost:8080/v1' : `Empty for the default${info.baseUrl ? ` (${info.baseUrl})` : ''}.`, error });
      error = undefined;
      if (isCancel(a)) {
        step = 'provider';
        continue;
      }
      try {
        draft.baseUrl = checkBaseUrl(info, a.type === 'submit' ? a.value : '');
        step = 'key';
      } catch (err) {
        error = (err as SetupError).message;
      }
      continue;
    }
    if (step === 'key') {
      if (info.kind === 'ollama' && !draft.hasStoredKey) {
        step = 'model';
        continue;
      }
      const a = await ask(store, {
        kind: 'prompt',
        id: newModalId('setup'),
        title: `Setup 3/4 · ${info.label} API key`,
        label: info.needsKey
          ? `Paste your ${info.label} API key (it goes into your vault, never into a file or a prompt):`
          : 'API key, if the server needs one (it goes into your vault). Leave empty for none:',
        value: '',
        cursor: 0,
        masked: true,
        maskedLength: 0,
        hint: draft.hasStoredKey ? 'Leave empty to keep the key already in your vault.' : `Get one at ${info.docs}`,
        error,
      });
      error = undefined;
      if (isCancel(a)) {
        step = info.baseUrlEditable ? 'baseUrl' : 'provider';
        continue;
      }
      const typed = a.type === 'submit' ? a.value : '';
      if (typed.trim() === '') {
        if (info.needsKey && !draft.hasStoredKey) {
          error = 'This provider needs a key.';
          continue;
        }
        draft.key = null;
      } else {
        try {
          draft.key = checkApiKey(typed);
        } catch (err) {
          error = (err as SetupError).message;
          continue;
        }
      }
      step = 'model';
      continue;
    }
    if (step === 'model') {
      const stored = async () => (await openVault({ home: o.home, backend: readConfig(configFile).vault?.backend, passphrase: o.passphrase })).get(providerKey(info.id));
      const readKey = keyReaderFor(draft.key, draft.hasStoredKey ? stored : undefined);
      const probe = { id: info.id, ...(draft.baseUrl ? { baseUrl: draft.baseUrl } : {}) };
      draft.test = await busy(store, 'Setup · connecting', `Asking ${info.label} for its models…`, () => runConnectionTest(probe, readKey));
      if (!draft.test.ok) {
        const a = await ask(store, { kind: 'confirm', id: newModalId('setup'), title: 'Setup · connection failed', body: describeTest(draft.test, probe).join('\n') + '\n\nTry again? (n goes back to change the settings)', confirmLabel: 'try again', tone: 'danger' });
        if (a.type !== 'confirm') step = info.kind !== 'ollama' || draft.hasStoredKey ? 'key' : info.baseUrlEditable ? 'baseUrl' : 'provider';
        continue;
      }
      const models = draft.test.models ?? [];
      const preferred = draft.model ?? (current?.id === info.id ? current.model : undefined) ?? info.defaultModel;
      const a = await ask(store, {
        kind: 'list',
        id: newModalId('setup'),
        title: `Setup 4/4 · Model (${models.length} offered)`,
        items: models.map((m) => ({ id: m, label: m })),
        filter: models.length === 0 && preferred ? preferred : '',
        selected: Math.max(0, models.indexOf(preferred ?? '')),
        actions: [],
        allowCustom: true,
        hint: 'Type to search, or type a model name that is not listed and press Enter.',
      });
      if (isCancel(a)) {
        step = info.kind !== 'ollama' || draft.hasStoredKey ? 'key' : info.baseUrlEditable ? 'baseUrl' : 'provider';
        continue;
      }
      draft.model = a.type === 'choose' ? a.item.id : a.type === 'custom' ? a.value : draft.model;
      step = 'verdict';
      continue;
    }
    // verdict: the test result with the chosen model; Enter saves
    const lines = describeTest({ ...draft.test!, modelListed: draft.test!.models?.length ? draft.test!.models.includes(draft.model!) : undefined }, settings());
    const a = await ask(store, {
      kind: 'confirm',
      id: newModalId('setup'),
      title: 'Setup · ready',
      body: [`Provider: ${info.label}`, ...(draft.baseUrl ? [`Address: ${draft.baseUrl}`] : []), `Model: ${draft.model}`, `Key: ${draft.key ? 'new, will be stored in your vault' : draft.hasStoredKey ? 'the one in your vault' : 'none'}`, '', ...lines].join('\n'),
      confirmLabel: 'save',
      tone: 'success',
    });
    if (a.type !== 'confirm') {
      step = 'model';
      continue;
    }
    try {
      await busy(store, 'Setup · saving', 'Storing the key and the settings…', async () => {
        if (draft.key) {
          const vault = await openVault({ home: o.home, backend: readConfig(configFile).vault?.backend, passphrase: o.passphrase });
          await storeApiKey(vault, info.id, draft.key);
        }
        await saveProviderSettings(configFile, settings());
      });
    } catch (err) {
      await ask(store, { kind: 'message', id: newModalId('setup'), title: 'Setup · not saved', body: `${(err as Error).message}\n\nNothing was lost; press Enter and try again.`, tone: 'danger' });
      step = 'verdict';
      continue;
    }
    draft.key = null;
    store.dispatch({ type: 'status/provider', provider: { id: info.id, model: draft.model } });
    store.dispatch({ type: 'status/notice', tone: 'success', text: 'Saved. Type a message and press Enter.' });
    return true;
  }
}
