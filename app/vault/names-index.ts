/**
 * A JSON list of secret names (never values), mode 600. Keychains cannot always enumerate their items,
 * and the encrypted file cannot be listed without its passphrase, so each backend keeps one of these.
 */
import { readJsonFile, writeJsonFileAtomic, type JsonRead } from './atomic-file.js';
import { isVaultKey, type VaultKey } from './keys.js';

interface IndexDocument {
  version: 1;
  names: VaultKey[];
}

function checkIndex(value: unknown): VaultKey[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const names = (value as { names?: unknown }).names;
  if (!Array.isArray(names) || !names.every(isVaultKey)) return undefined;
  return [...new Set(names)].sort();
}

export class NamesIndex {
  constructor(readonly path: string) {}

  read(): JsonRead<VaultKey[]> {
    return readJsonFile(this.path, checkIndex);
  }

  /** The names, or an empty list when the index is missing or damaged. */
  names(): VaultKey[] {
    const read = this.read();
    return read.state === 'ok' ? read.value : [];
  }

  write(names: Iterable<VaultKey>): void {
    const doc: IndexDocument = { version: 1, names: [...new Set(names)].sort() };
    writeJsonFileAtomic(this.path, doc);
  }

  add(...keys: VaultKey[]): void {
    const current = this.names();
    if (keys.every((k) => current.includes(k))) return;
    this.write([...current, ...keys]);
  }

  remove(...keys: VaultKey[]): void {
    const current = this.names();
    if (!keys.some((k) => current.includes(k))) return;
    this.write(current.filter((k) => !keys.includes(k)));
  }
}
