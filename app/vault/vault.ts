/**
 * The vault: the only way into stored secrets. `openVault()` picks the backend (see
 * choose-backend.ts), records it in `vault/backend.json`, and returns a Vault whose methods validate
 * key names and then read or write the backend at call time. A Vault holds no secret values (and
 * no passphrase, only the caller's way of asking for one).
 */
import { existsSync } from 'node:fs';
import { pyraHome } from '../config/home.js';
import type { BackendName, VaultBackend } from './backend.js';
import { writeBackendRecord } from './backend-record.js';
import { chooseBackend, knownBackend } from './choose-backend.js';
import { VaultError } from './errors.js';
import { FileBackend } from './file-backend.js';
import { KeychainBackend } from './keychain-backend.js';
import { assertSecretValue, assertVaultKey, pluginKey, type VaultKey } from './keys.js';
import { migrateSecrets, type MigrationReport } from './migrate.js';
import type { PassphraseProvider } from './passphrase.js';
import { vaultFiles, type VaultFiles } from './paths.js';
import { VaultSentinelError } from './sentinel.js';

export interface OpenVaultOptions {
  /** The Pyra home; defaults to pyraHome(). bootstrapHome() must have run on it. */
  home?: string;
  /** `vault.backend` from config.json, when the user set one. */
  backend?: BackendName;
  /** Asked for the file vault's passphrase when the environment has none (the dashboard's masked prompt). */
  passphrase?: PassphraseProvider;
  env?: NodeJS.ProcessEnv;
  /** scrypt work factor for new file-vault writes; for tests only. */
  scryptLogN?: number;
}

export interface VaultStatus {
  /** null when no backend can be used at all. */
  backend: BackendName | null;
  available: boolean;
  unlocked: boolean;
  reason?: string;
  count: number;
}

/** A plugin's view of the vault: only `plugin:<name>:*`, addressed by the key part alone. */
export interface PluginSecrets {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<boolean>;
  list(): Promise<string[]>;
}

interface Resolved {
  files: VaultFiles;
  options: OpenVaultOptions & { env: NodeJS.ProcessEnv };
}

function resolve(options: OpenVaultOptions): Resolved {
  const files = vaultFiles(options.home ?? pyraHome(options.env));
  if (!existsSync(files.dir)) {
    throw new VaultError(`The Pyra home ${files.home} is not set up (no ${files.dir}); run pyra once to create it.`);
  }
  if (!existsSync(files.sentinel)) throw new VaultSentinelError(files.dir, files.sentinel);
  return { files, options: { ...options, env: options.env ?? process.env } };
}

function makeBackend(name: BackendName, { files, options }: Resolved, passphrase = options.passphrase): VaultBackend {
  if (name === 'keychain') return new KeychainBackend(files);
  return new FileBackend(files, { env: options.env, passphrase, scryptLogN: options.scryptLogN });
}

/** Asks the provider at most once for the duration of one multi-step operation (a migration). */
function askOnce(provider: PassphraseProvider | undefined): PassphraseProvider | undefined {
  if (!provider) return undefined;
  let answer: Promise<string> | undefined;
  return (request) => (answer ??= provider(request));
}

export class Vault {
  /** @internal use openVault() */
  constructor(
    private readonly resolved: Resolved,
    private active: VaultBackend,
    private note?: string,
  ) {}

  get backend(): BackendName {
    return this.active.name;
  }

  get home(): string {
    return this.resolved.files.home;
  }

  async get(key: string): Promise<string | null> {
    return this.active.get(assertVaultKey(key));
  }

  async set(key: string, value: string): Promise<void> {
    const checked = assertVaultKey(key);
    assertSecretValue(value);
    await this.active.set(checked, value);
  }

  async delete(key: string): Promise<boolean> {
    return this.active.delete(assertVaultKey(key));
  }

  /** Names only. */
  async list(): Promise<VaultKey[]> {
    return this.active.list();
  }

  /** Cheap and never prompts: a keychain lookup of a missing item, or a look at the environment. */
  async status(): Promise<VaultStatus> {
    const probe = await this.active.probe();
    const reason = [this.note, probe.reason].filter(Boolean).join('; ');
    return {
      backend: this.active.name,
      available: probe.available,
      unlocked: probe.unlocked,
      ...(reason ? { reason } : {}),
      count: this.active.indexedNames().length,
    };
  }

  /** Moves every secret to the other backend; afterwards this vault uses `to`. */
  async migrate(to: BackendName): Promise<MigrationReport> {
    if (to === this.active.name) {
      return { from: to, to, moved: [], leftInSource: [] };
    }
    const passphrase = askOnce(this.resolved.options.passphrase);
    const source = makeBackend(this.active.name, this.resolved, passphrase);
    const target = makeBackend(to, this.resolved, passphrase);
    const report = await migrateSecrets(this.resolved.files, source, target);
    this.active = makeBackend(to, this.resolved);
    this.note = undefined;
    return report;
  }

  forPlugin(name: string): PluginSecrets {
    pluginKey(name, 'x'); // validates the plugin name now rather than on first use
    return {
      get: (key) => this.get(pluginKey(name, key)),
      set: (key, value) => this.set(pluginKey(name, key), value),
      delete: (key) => this.delete(pluginKey(name, key)),
      list: async () => {
        const prefix = `plugin:${name}:`;
        return (await this.list()).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
      },
    };
  }
}

/**
 * Opens the vault of a bootstrapped home. Throws VaultUnavailableError when no backend is configured
 * or anchored and neither the keychain nor a passphrase is available.
 */
export async function openVault(options: OpenVaultOptions = {}): Promise<Vault> {
  const resolved = resolve(options);
  const keychain = new KeychainBackend(resolved.files);
  const file = makeBackend('file', resolved);
  const choice = await chooseBackend({ files: resolved.files, configured: options.backend, keychain, file, mode: 'open' });
  writeBackendRecord(resolved.files, choice.backend);
  return new Vault(resolved, choice.backend === 'keychain' ? keychain : file, choice.note);
}

/**
 * The status the dashboard shows at start, without loading the OS keychain's library (about 10 MB
 * and a D-Bus connection) before anything needs a secret: the backend secrets would use when that is
 * known without asking the keychain, `opened: false` for the keychain (not asked yet). The file vault
 * is checked in full: that is cheap.
 */
export async function quickVaultStatus(options: OpenVaultOptions = {}): Promise<VaultStatus & { opened: boolean }> {
  try {
    const resolved = resolve(options);
    const keychain = new KeychainBackend(resolved.files);
    const file = makeBackend('file', resolved);
    const known = knownBackend({ files: resolved.files, configured: options.backend, keychain, file });
    if (known?.backend === 'file') return { ...(await new Vault(resolved, file, known.note).status()), opened: true };
    return {
      backend: known ? 'keychain' : null,
      available: true,
      unlocked: false,
      ...(known?.note ? { reason: known.note } : {}),
      count: known ? keychain.indexedNames().length : 0,
      opened: false,
    };
  } catch (err) {
    return { backend: null, available: false, unlocked: false, reason: (err as Error).message, count: 0, opened: true };
  }
}

/**
 * The vault's status for a status bar: never throws, never prompts, never writes. Reports
 * `backend: null` with the reason when no backend could be used.
 */
export async function vaultStatus(options: OpenVaultOptions = {}): Promise<VaultStatus> {
  try {
    const resolved = resolve(options);
    const keychain = new KeychainBackend(resolved.files);
    const file = makeBackend('file', resolved);
    const choice = await chooseBackend({ files: resolved.files, configured: options.backend, keychain, file, mode: 'status' });
    return await new Vault(resolved, choice.backend === 'keychain' ? keychain : file, choice.note).status();
  } catch (err) {
    return { backend: null, available: false, unlocked: false, reason: (err as Error).message, count: 0 };
  }
}
