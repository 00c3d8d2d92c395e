import type { PassphraseProvider } from '../vault/index.js';
import { ask, newModalId } from './modal-requests.js';
import type { Store } from './store.js';

export class PassphraseDeclinedError extends Error {
  constructor() {
    super('The vault stays locked: no passphrase was given.');
    this.name = 'PassphraseDeclinedError';
  }
}

/** Asks for the file vault's passphrase in a masked prompt (its text never enters the store). */
export function passphrasePrompt(store: Store): PassphraseProvider {
  return async ({ purpose }) => {
    const creating = purpose === 'create';
    const reply = await ask(store, {
      kind: 'prompt',
      id: newModalId('passphrase'),
      title: creating ? 'Create the vault passphrase' : 'Unlock the vault',
      label: creating
        ? 'No OS keychain is available, so secrets go to an encrypted file. Choose a passphrase (at least 8 characters):'
        : 'Passphrase for your encrypted vault file:',
      value: '',
      cursor: 0,
      masked: true,
      maskedLength: 0,
      hint: 'Headless use: set PYRA_VAULT_PASSPHRASE or PYRA_VAULT_PASSPHRASE_FILE instead.',
    });
    if (reply.type !== 'submit' || reply.value === '') throw new PassphraseDeclinedError();
    return reply.value;
  };
}
