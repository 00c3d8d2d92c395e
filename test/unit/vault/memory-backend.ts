// An in-memory VaultBackend for testing the migration algorithm, with switches to make it misbehave.
import type { BackendName, BackendProbe, VaultBackend } from '../../../app/vault/backend.js';
import type { VaultKey } from '../../../app/vault/keys.js';

export class MemoryBackend implements VaultBackend {
  readonly items = new Map<VaultKey, string>();
  /** The n-th set() (0-based) throws, once. */
  failSetNumber = -1;
  corruptReads = false;
  failDeletes = false;
  private sets = 0;

  constructor(readonly name: BackendName) {}

  async get(key: VaultKey) {
    const value = this.items.get(key);
    return value === undefined ? null : this.corruptReads ? value + '!' : value;
  }
  async getMany(keys: readonly VaultKey[]) {
    const out = new Map<VaultKey, string>();
    for (const key of keys) {
      const value = await this.get(key);
      if (value !== null) out.set(key, value);
    }
    return out;
  }
  async set(key: VaultKey, value: string) {
    if (this.sets++ === this.failSetNumber) throw new Error('disk full');
    this.items.set(key, value);
  }
  async setMany(entries: ReadonlyMap<VaultKey, string>) {
    for (const [key, value] of entries) await this.set(key, value);
  }
  async delete(key: VaultKey) {
    if (this.failDeletes) throw new Error('locked');
    return this.items.delete(key);
  }
  async deleteMany(keys: readonly VaultKey[]) {
    for (const key of keys) await this.delete(key);
  }
  async list() {
    return [...this.items.keys()].sort();
  }
  async probe(): Promise<BackendProbe> {
    return { available: true, unlocked: true };
  }
  indexedNames() {
    return [...this.items.keys()].sort();
  }
  mayHoldSecrets() {
    return this.items.size > 0;
  }
}
