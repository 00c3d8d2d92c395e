/** Where the vault keeps its own files inside `<home>/vault/`. */
import { join } from 'node:path';
import { homePaths } from '../config/home.js';

export interface VaultFiles {
  home: string;
  dir: string;
  /** The sentinel written by bootstrap (see sentinel.ts). */
  sentinel: string;
  /** Which backend holds the secrets now (backend-record.ts). */
  backendRecord: string;
  /** Names (never values) of the secrets stored in the OS keychain. */
  keychainIndex: string;
  /** The age-encrypted secrets of the file backend. */
  secretsFile: string;
  /** Names (never values) of the secrets in the encrypted file, so listing needs no passphrase. */
  fileIndex: string;
  /** Held while a process rewrites the encrypted file. */
  secretsLock: string;
}

export function vaultFiles(home: string): VaultFiles {
  const p = homePaths(home);
  return {
    home: p.root,
    dir: p.vault,
    sentinel: p.vaultLock,
    backendRecord: join(p.vault, 'backend.json'),
    keychainIndex: join(p.vault, 'keychain-names.json'),
    secretsFile: join(p.vault, 'secrets.age'),
    fileIndex: join(p.vault, 'secrets-names.json'),
    secretsLock: join(p.vault, 'secrets.age.lock'),
  };
}
