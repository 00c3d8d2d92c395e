/**
 * The encrypted-file backend for machines without a keychain: every secret in one age file,
 * `vault/secrets.age` (mode 600), encrypted to a passphrase (scrypt recipient). The file is decrypted
 * in memory for each operation only; writes go through a lock and an atomic rename, and a wrong
 * passphrase is detected before anything is written.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import type { BackendProbe, VaultBackend } from './backend.js';
import { readFileIfExists, writeFileAtomic } from './atomic-file.js';
import { VaultCorruptError, WrongPassphraseError } from './errors.js';
import { withFileLock } from './file-lock.js';
import { isVaultKey, type VaultKey } from './keys.js';
import { NamesIndex } from './names-index.js';
import {
  environmentPassphraseState,
  resolvePassphrase,
  type PassphraseProvider,
  type PassphrasePurpose,
} from './passphrase.js';
import type { VaultFiles } from './paths.js';

interface AgeModules {
  age: typeof import('age-encryption');
  scrypt: typeof import('./age-scrypt.js');
}
let ageModules: Promise<AgeModules> | undefined;
/** Loaded on first use: age-encryption pulls in several crypto libraries the first frame does not need. */
const loadAge = () =>
  (ageModules ??= Promise.all([import('age-encryption'), import('./age-scrypt.js')]).then(([age, scrypt]) => ({ age, scrypt })));

export interface FileBackendOptions {
  env: NodeJS.ProcessEnv;
  passphrase?: PassphraseProvider;
  /** scrypt work factor for new writes; only tests lower it. */
  scryptLogN?: number;
}

interface SecretsDocument {
  version: 1;
  secrets: Record<string, string>;
}

type Secrets = Map<VaultKey, string>;

function parseDocument(path: string, text: string): Secrets {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new VaultCorruptError(path, 'its decrypted content is not JSON');
  }
  const secrets = (doc as { secrets?: unknown } | null)?.secrets;
  if ((doc as { version?: unknown } | null)?.version !== 1 || typeof secrets !== 'object' || secrets === null) {
    throw new VaultCorruptError(path, 'its decrypted content is not a version 1 secrets document');
  }
  const map: Secrets = new Map();
  for (const [key, value] of Object.entries(secrets)) {
    if (!isVaultKey(key) || typeof value !== 'string') {
      throw new VaultCorruptError(path, 'it holds an entry that is not a valid key and string value');
    }
    map.set(key, value);
  }
  return map;
}

export class FileBackend implements VaultBackend {
  readonly name = 'file' as const;
  private readonly index: NamesIndex;

  constructor(
    private readonly files: VaultFiles,
    private readonly options: FileBackendOptions,
  ) {
    this.index = new NamesIndex(files.fileIndex);
  }

  private passphrase(purpose: PassphrasePurpose): Promise<string> {
    return resolvePassphrase(this.options.env, this.options.passphrase, purpose);
  }

  private async decrypt(bytes: Uint8Array, passphrase: string): Promise<Secrets> {
    const { age, scrypt } = await loadAge();
    const decrypter = new age.Decrypter();
    decrypter.addIdentity(new scrypt.NativeScryptIdentity(passphrase));
    let text: string;
    try {
      text = await decrypter.decrypt(bytes, 'text');
    } catch (err) {
      const message = (err as Error).message ?? String(err);
      if (/no identity matched/i.test(message)) throw new WrongPassphraseError(this.files.secretsFile);
      throw new VaultCorruptError(this.files.secretsFile, message);
    }
    return parseDocument(this.files.secretsFile, text);
  }

  private async encrypt(secrets: Secrets, passphrase: string): Promise<Uint8Array> {
    const { age, scrypt } = await loadAge();
    const encrypter = new age.Encrypter();
    encrypter.addRecipient(new scrypt.NativeScryptRecipient(passphrase, this.options.scryptLogN ?? scrypt.VAULT_SCRYPT_LOG_N));
    const doc: SecretsDocument = { version: 1, secrets: Object.fromEntries([...secrets].sort(([a], [b]) => (a < b ? -1 : 1))) };
    return encrypter.encrypt(JSON.stringify(doc));
  }

  /** Every secret, or null when there is no vault file yet (then no passphrase is asked for). */
  private async readAll(): Promise<Secrets | null> {
    const bytes = readFileIfExists(this.files.secretsFile);
    if (bytes === null) return null;
    return this.decrypt(bytes, await this.passphrase('unlock'));
  }

  /**
   * Read, change, write back under the lock. `change` returns false when nothing changed (no write).
   * The passphrase is asked for before the lock is taken (a person may take a while to type it); a
   * wrong one throws in decrypt(), before anything is written.
   */
  private async rewrite(change: (secrets: Secrets) => boolean): Promise<void> {
    const passphrase = await this.passphrase(existsSync(this.files.secretsFile) ? 'unlock' : 'create');
    await withFileLock(this.files.secretsLock, async () => {
      const bytes = readFileIfExists(this.files.secretsFile);
      const secrets = bytes === null ? new Map() : await this.decrypt(bytes, passphrase);
      if (!change(secrets)) return;
      writeFileAtomic(this.files.secretsFile, await this.encrypt(secrets, passphrase));
      this.index.write(secrets.keys());
    });
  }

  async get(key: VaultKey): Promise<string | null> {
    return (await this.readAll())?.get(key) ?? null;
  }

  async getMany(keys: readonly VaultKey[]): Promise<Map<VaultKey, string>> {
    const all = await this.readAll();
    const values = new Map<VaultKey, string>();
    for (const key of keys) {
      const value = all?.get(key);
      if (value !== undefined) values.set(key, value);
    }
    return values;
  }

  async set(key: VaultKey, value: string): Promise<void> {
    await this.setMany(new Map([[key, value]]));
  }

  async setMany(entries: ReadonlyMap<VaultKey, string>): Promise<void> {
    if (entries.size === 0) return;
    await this.rewrite((secrets) => {
      for (const [key, value] of entries) secrets.set(key, value);
      return true;
    });
  }

  async delete(key: VaultKey): Promise<boolean> {
    let existed = false;
    if (!existsSync(this.files.secretsFile)) return false;
    await this.rewrite((secrets) => (existed = secrets.delete(key)));
    return existed;
  }

  async deleteMany(keys: readonly VaultKey[]): Promise<void> {
    if (keys.length === 0 || !existsSync(this.files.secretsFile)) return;
    await this.rewrite((secrets) => keys.map((k) => secrets.delete(k)).some(Boolean));
  }

  async list(): Promise<VaultKey[]> {
    const read = this.index.read();
    if (read.state === 'ok') return read.value;
    // The index is gone or damaged: rebuild it from the file (needs the passphrase once).
    const all = await this.readAll();
    this.index.write(all?.keys() ?? []);
    return this.index.names();
  }

  async probe(): Promise<BackendProbe> {
    try {
      accessSync(this.files.dir, constants.R_OK | constants.W_OK);
      if (existsSync(this.files.secretsFile)) accessSync(this.files.secretsFile, constants.R_OK | constants.W_OK);
    } catch (err) {
      return { available: false, unlocked: false, reason: `the vault file cannot be used (${(err as Error).message})` };
    }
    const env = environmentPassphraseState(this.options.env);
    if (env.present) return { available: true, unlocked: true };
    if (env.reason) return { available: false, unlocked: false, reason: env.reason };
    if (this.options.passphrase) return { available: true, unlocked: false, reason: 'the passphrase will be asked for' };
    return {
      available: false,
      unlocked: false,
      reason: 'no passphrase: set PYRA_VAULT_PASSPHRASE or PYRA_VAULT_PASSPHRASE_FILE',
    };
  }

  indexedNames(): VaultKey[] {
    return this.index.names();
  }

  mayHoldSecrets(): boolean {
    if (!existsSync(this.files.secretsFile)) return false;
    const read = this.index.read();
    return read.state !== 'ok' || read.value.length > 0;
  }
}
