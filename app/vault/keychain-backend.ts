/**
 * The OS keychain backend (@napi-rs/keyring: macOS Keychain, Windows Credential Manager, and on Linux
 * the Secret Service, pinned so it never falls back to the kernel keyring, whose items vanish at reboot
 * and proved unreliable). Items live under a per-home service name, so two PYRA_HOMEs never see each
 * other's secrets; their names are also kept in an index because keychains cannot always enumerate.
 */
import { createHash } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import type { AsyncEntry, EntryOptions } from '@napi-rs/keyring';
import type { BackendProbe, VaultBackend } from './backend.js';
import { KeychainUnavailableError } from './errors.js';
import { isVaultKey, type VaultKey } from './keys.js';
import { NamesIndex } from './names-index.js';
import { importExternal } from '../snapshot/import-external.js';
import type { VaultFiles } from './paths.js';

type KeyringModule = typeof import('@napi-rs/keyring');

let keyringModule: Promise<KeyringModule> | undefined;
/** Loaded on first use: the native addon is not needed for the dashboard's first frame. */
function loadKeyring(): Promise<KeyringModule> {
  return (keyringModule ??= importExternal<KeyringModule>('@napi-rs/keyring'));
}

const ENTRY_OPTIONS: EntryOptions = { linux: { store: 'secret-service' } };
/** Long enough for a desktop keyring's unlock dialog, short enough that a dead service is noticed. */
const OPERATION_TIMEOUT_MS = 60_000;
const PROBE_TIMEOUT_MS = 3_000;
const PROBE_ACCOUNT = 'pyra-availability-probe';

/** `pyra:<first 12 hex of sha256(home)>`: stable for one home, distinct between homes. */
export function keychainServiceName(home: string): string {
  const canonical = existsSync(home) ? realpathSync(home) : home;
  return `pyra:${createHash('sha256').update(canonical).digest('hex').slice(0, 12)}`;
}

const UNAVAILABLE: Array<[RegExp, string]> = [
  [/autolaunch|DBUS_SESSION_BUS_ADDRESS/i, 'there is no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)'],
  [/failed to connect to socket|connection refused/i, 'the D-Bus session bus cannot be reached'],
  [/org\.freedesktop\.secrets|ServiceUnknown|was not provided/i, 'no Secret Service (org.freedesktop.secrets) runs on the session bus'],
  [/AccessDenied|permission denied/i, 'the Secret Service denied access'],
  [/no result found|NoSuchObject|NoSuchCollection|is locked/i, 'the keyring is locked or has no default collection'],
  [/abort|timed? ?out|NoReply/i, 'the Secret Service did not answer in time (is a locked keyring waiting for its password?)'],
  [/platform failure|platform storage|DBus error|no platform|not supported/i, 'the keychain cannot be used'],
];

/** Turns a keyring failure that means "no usable keychain" into a KeychainUnavailableError. */
export function classifyKeychainError(err: unknown): Error {
  if (err instanceof KeychainUnavailableError) return err;
  const message = err instanceof Error ? err.message : String(err);
  for (const [pattern, reason] of UNAVAILABLE) {
    if (pattern.test(message)) return new KeychainUnavailableError(`${reason} [${message.trim()}]`);
  }
  return err instanceof Error ? err : new Error(message);
}

function unavailableProbe(err: unknown): BackendProbe {
  const classified = classifyKeychainError(err);
  const reason = classified instanceof KeychainUnavailableError ? classified.reason : classified.message;
  return { available: false, unlocked: false, reason };
}

export class KeychainBackend implements VaultBackend {
  readonly name = 'keychain' as const;
  readonly service: string;
  private readonly index: NamesIndex;

  constructor(files: VaultFiles) {
    this.service = keychainServiceName(files.home);
    this.index = new NamesIndex(files.keychainIndex);
  }

  private async entry(account: string): Promise<AsyncEntry> {
    const { AsyncEntry } = await loadKeyring();
    try {
      return new AsyncEntry(this.service, account, ENTRY_OPTIONS);
    } catch (err) {
      throw classifyKeychainError(err);
    }
  }

  private async call<T>(account: string, run: (entry: AsyncEntry, signal: AbortSignal) => Promise<T>): Promise<T> {
    const entry = await this.entry(account);
    try {
      return await run(entry, AbortSignal.timeout(OPERATION_TIMEOUT_MS));
    } catch (err) {
      throw classifyKeychainError(err);
    }
  }

  async get(key: VaultKey): Promise<string | null> {
    const value = await this.call(key, (e, signal) => e.getPassword(signal));
    if (value !== null) this.index.add(key); // repairs an index that lost the name
    return value;
  }

  async getMany(keys: readonly VaultKey[]): Promise<Map<VaultKey, string>> {
    const values = new Map<VaultKey, string>();
    for (const key of keys) {
      const value = await this.get(key);
      if (value !== null) values.set(key, value);
    }
    return values;
  }

  async set(key: VaultKey, value: string): Promise<void> {
    await this.call(key, (e, signal) => e.setPassword(value, signal));
    this.index.add(key);
  }

  async setMany(entries: ReadonlyMap<VaultKey, string>): Promise<void> {
    for (const [key, value] of entries) await this.set(key, value);
  }

  async delete(key: VaultKey): Promise<boolean> {
    const existed = await this.call(key, (e, signal) => e.deleteCredential(signal));
    this.index.remove(key);
    return existed;
  }

  async deleteMany(keys: readonly VaultKey[]): Promise<void> {
    for (const key of keys) await this.delete(key);
  }

  async list(): Promise<VaultKey[]> {
    const read = this.index.read();
    if (read.state === 'ok') return read.value;
    // The index is gone or damaged: rebuild it from the keychain (values are dropped at once).
    const { findCredentialsAsync } = await loadKeyring();
    let names: VaultKey[];
    try {
      const found = await findCredentialsAsync(this.service, null, AbortSignal.timeout(OPERATION_TIMEOUT_MS));
      names = found.map((c) => c.account).filter(isVaultKey);
    } catch (err) {
      throw classifyKeychainError(err);
    }
    this.index.write(names);
    return this.index.names();
  }

  /** One lookup of an item that never exists: answers in milliseconds and never unlocks or prompts. */
  async probe(): Promise<BackendProbe> {
    try {
      const { AsyncEntry } = await loadKeyring();
      await new AsyncEntry(this.service, PROBE_ACCOUNT, ENTRY_OPTIONS).getPassword(AbortSignal.timeout(PROBE_TIMEOUT_MS));
      return { available: true, unlocked: true };
    } catch (err) {
      return unavailableProbe(err);
    }
  }

  /**
   * A stronger check for choosing a backend: stores and removes a throwaway item, because a Secret
   * Service without a default collection answers lookups but refuses every write. May show the
   * desktop's unlock dialog, so status() never calls it.
   */
  async probeWritable(): Promise<BackendProbe> {
    try {
      await this.call(PROBE_ACCOUNT, (e, signal) => e.setPassword('probe', signal));
      await this.call(PROBE_ACCOUNT, (e, signal) => e.deleteCredential(signal));
      return { available: true, unlocked: true };
    } catch (err) {
      return unavailableProbe(err);
    }
  }

  indexedNames(): VaultKey[] {
    return this.index.names();
  }

  mayHoldSecrets(): boolean {
    const read = this.index.read();
    return read.state === 'corrupt' || (read.state === 'ok' && read.value.length > 0);
  }
}
