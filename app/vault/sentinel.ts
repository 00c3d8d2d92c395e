import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import type { HomePaths, PermissionFix } from '../config/home.js';

/** Raised when `vault/` exists but its `.vault_lock` sentinel is gone: Pyra must not start. */
export class VaultSentinelError extends Error {
  constructor(readonly vaultDir: string, readonly lockFile: string) {
    super(
      `The vault folder ${vaultDir} has lost its sentinel file ${lockFile}.\n` +
        'Pyra refuses to start: something outside Pyra changed the vault folder, and its contents can no longer be trusted.\n' +
        'Check the folder for files you do not recognise. When you are sure it is yours, restore the sentinel with:\n' +
        `  touch '${lockFile}' && chmod 600 '${lockFile}'`,
    );
    this.name = 'VaultSentinelError';
  }
}

/** Creates `vault/` with its sentinel on a new home; on an existing home requires the sentinel. */
export function ensureVaultSentinel(p: HomePaths, created: string[], fixed: PermissionFix[]): void {
  if (!existsSync(p.vault)) {
    mkdirSync(p.vault, { mode: 0o700 });
    created.push(p.vault);
    closeSync(openSync(p.vaultLock, 'a', 0o600));
    created.push(p.vaultLock);
  }
  const dirMode = statSync(p.vault).mode & 0o777;
  if (dirMode !== 0o700) {
    chmodSync(p.vault, 0o700);
    fixed.push({ path: p.vault, from: '0' + dirMode.toString(8), to: '0700' });
  }
  if (!existsSync(p.vaultLock)) throw new VaultSentinelError(p.vault, p.vaultLock);
  const lockMode = statSync(p.vaultLock).mode & 0o777;
  if (lockMode !== 0o600) {
    chmodSync(p.vaultLock, 0o600);
    fixed.push({ path: p.vaultLock, from: '0' + lockMode.toString(8), to: '0600' });
  }
}
