/**
 * Where the file vault's passphrase comes from, in order: PYRA_VAULT_PASSPHRASE, the file named by
 * PYRA_VAULT_PASSPHRASE_FILE (mode 600 or 400, owned by us), then the caller's provider (the dashboard
 * asks with a masked prompt). The passphrase is fetched for each operation and never kept; the key is
 * never derived from host or user names.
 */
import { readFileSync, statSync } from 'node:fs';
import { PassphraseFileError, PassphraseRequiredError, WeakPassphraseError } from './errors.js';

export type PassphrasePurpose = 'unlock' | 'create';

/** Asked when no passphrase is in the environment; `create` means a new vault file (ask twice). */
export type PassphraseProvider = (request: { purpose: PassphrasePurpose }) => Promise<string>;

export const MIN_NEW_PASSPHRASE_LENGTH = 8;

export const PASSPHRASE_ENV = 'PYRA_VAULT_PASSPHRASE';
export const PASSPHRASE_FILE_ENV = 'PYRA_VAULT_PASSPHRASE_FILE';

function stripOneNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}

function readPassphraseFile(path: string): string {
  let stat;
  try {
    stat = statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new PassphraseFileError(path, code === 'ENOENT' ? 'it does not exist' : `it cannot be read (${code})`);
  }
  if (!stat.isFile()) throw new PassphraseFileError(path, 'it is not a regular file');
  const mode = stat.mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new PassphraseFileError(
      path,
      `its mode is 0${mode.toString(8)}, so other users may read it; run: chmod 600 '${path}'`,
    );
  }
  if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) {
    throw new PassphraseFileError(path, 'it belongs to another user');
  }
  const passphrase = stripOneNewline(readFileSync(path, 'utf8'));
  if (passphrase === '') throw new PassphraseFileError(path, 'it is empty');
  return passphrase;
}

/**
 * The passphrase from the environment, or null when none is configured there. A configured but
 * unusable passphrase file throws rather than falling back to a prompt.
 */
export function passphraseFromEnvironment(env: NodeJS.ProcessEnv): string | null {
  const direct = env[PASSPHRASE_ENV];
  if (direct !== undefined && direct !== '') return direct;
  const file = env[PASSPHRASE_FILE_ENV]?.trim();
  if (file) return readPassphraseFile(file);
  return null;
}

/** Whether the environment provides a passphrase, without reading a secret unless it must. */
export function environmentPassphraseState(env: NodeJS.ProcessEnv): { present: boolean; reason?: string } {
  try {
    return { present: passphraseFromEnvironment(env) !== null };
  } catch (err) {
    return { present: false, reason: (err as Error).message };
  }
}

export async function resolvePassphrase(
  env: NodeJS.ProcessEnv,
  provider: PassphraseProvider | undefined,
  purpose: PassphrasePurpose,
): Promise<string> {
  let passphrase = passphraseFromEnvironment(env);
  if (passphrase === null) {
    if (!provider) throw new PassphraseRequiredError();
    passphrase = await provider({ purpose });
    if (passphrase === '') throw new PassphraseRequiredError();
  }
  if (purpose === 'create' && [...passphrase].length < MIN_NEW_PASSPHRASE_LENGTH) {
    throw new WeakPassphraseError(
      `A new vault passphrase needs at least ${MIN_NEW_PASSPHRASE_LENGTH} characters; ` +
        'a few random words are a good choice.',
    );
  }
  return passphrase;
}
