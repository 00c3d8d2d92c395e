/** The contract both storage backends (OS keychain, encrypted file) implement. */
import type { VaultKey } from './keys.js';

export type BackendName = 'keychain' | 'file';

export const BACKEND_NAMES: readonly BackendName[] = ['keychain', 'file'];

export function isBackendName(value: unknown): value is BackendName {
  return value === 'keychain' || value === 'file';
}

/** What a backend can say about itself without prompting and without reading a secret. */
export interface BackendProbe {
  available: boolean;
  /** True when an operation would not need to ask anyone for anything (keychain: same as available). */
  unlocked: boolean;
  reason?: string;
}

export interface VaultBackend {
  readonly name: BackendName;
  get(key: VaultKey): Promise<string | null>;
  /** Values of several keys with as few unlocks as possible (one decryption for the file vault). */
  getMany(keys: readonly VaultKey[]): Promise<Map<VaultKey, string>>;
  set(key: VaultKey, value: string): Promise<void>;
  setMany(entries: ReadonlyMap<VaultKey, string>): Promise<void>;
  /** True when the key existed. */
  delete(key: VaultKey): Promise<boolean>;
  deleteMany(keys: readonly VaultKey[]): Promise<void>;
  /** Names only, sorted. */
  list(): Promise<VaultKey[]>;
  /** Cheap, never prompts. */
  probe(): Promise<BackendProbe>;
  /** The names in the backend's names index (none when it is missing); never prompts. */
  indexedNames(): VaultKey[];
  /** Whether the backend may hold secrets, judged from files only (index, vault file); never prompts. */
  mayHoldSecrets(): boolean;
}
