/**
 * Typed vault errors. Messages name the problem and what to do about it; they never contain a secret
 * value or a passphrase (only key names, paths and reasons).
 */
import type { BackendName } from './backend.js';

export class VaultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A key outside the `provider:<id>:api_key` / `plugin:<name>:<key>` namespaces. A usage error. */
export class InvalidVaultKeyError extends VaultError {
  constructor(readonly key: string, readonly why: string) {
    super(
      `Invalid vault key ${JSON.stringify(key)}: ${why}.\n` +
        'Keys look like provider:<id>:api_key or plugin:<name>:<key>, where <id>, <name> and <key> are ' +
        'lowercase letters, digits, "_" or "-" (1-64 characters, starting with a letter or digit).',
    );
  }
}

/** A value the vault will not store (empty, too long). A usage error. */
export class InvalidSecretValueError extends VaultError {}

const KEYCHAIN_HINT =
  'Either start a Secret Service in your session (for example gnome-keyring-daemon or KeePassXC with ' +
  'its Secret Service integration), or use the encrypted file vault: set PYRA_VAULT_PASSPHRASE (or ' +
  'PYRA_VAULT_PASSPHRASE_FILE, a file of mode 600) and "vault": {"backend": "file"} in config.json.';

/** The OS keychain cannot be reached (no D-Bus session, no Secret Service, access denied, locked). */
export class KeychainUnavailableError extends VaultError {
  constructor(readonly reason: string) {
    super(`The OS keychain is not available: ${reason}.\n${KEYCHAIN_HINT}`);
  }
}

/** The file vault needs a passphrase and none is available without asking (and nobody can be asked). */
export class PassphraseRequiredError extends VaultError {
  constructor() {
    super(
      'The encrypted file vault needs its passphrase. Set PYRA_VAULT_PASSPHRASE, or point ' +
        'PYRA_VAULT_PASSPHRASE_FILE at a file of mode 600 that holds it, or run the command in a terminal ' +
        'to be asked for it.',
    );
  }
}

/** PYRA_VAULT_PASSPHRASE_FILE is unusable (missing, not a regular file, readable by others, empty). */
export class PassphraseFileError extends VaultError {
  constructor(readonly path: string, readonly reason: string) {
    super(`Refusing the passphrase file ${path} (PYRA_VAULT_PASSPHRASE_FILE): ${reason}.`);
  }
}

/** The passphrase a new file vault would be created with is too weak. */
export class WeakPassphraseError extends VaultError {}

/** The passphrase does not open the vault file. Nothing was changed. */
export class WrongPassphraseError extends VaultError {
  constructor(readonly path: string) {
    super(`Wrong passphrase for the vault file ${path}. Nothing was changed.`);
  }
}

/** The vault file exists but cannot be decrypted or parsed for a reason other than the passphrase. */
export class VaultCorruptError extends VaultError {
  constructor(readonly path: string, reason: string) {
    super(`The vault file ${path} is damaged (${reason}). It was left as it is; restore it from a backup.`);
  }
}

/** Another Pyra process holds the vault file's lock for too long. */
export class VaultBusyError extends VaultError {}

/** No backend can be used: the keychain is unavailable and no passphrase is available for the file vault. */
export class VaultUnavailableError extends VaultError {
  constructor(readonly keychainReason: string) {
    super(
      `No vault backend is available.\n` +
        `  - OS keychain: ${keychainReason}. Start a Secret Service in your session (for example ` +
        'gnome-keyring-daemon, or KeePassXC with its Secret Service integration).\n' +
        '  - Encrypted file vault: set PYRA_VAULT_PASSPHRASE, or PYRA_VAULT_PASSPHRASE_FILE to a file of ' +
        'mode 600 holding the passphrase.',
    );
  }
}

/** `pyra vault migrate` could not copy every secret; the source backend was left intact. */
export class MigrationError extends VaultError {
  constructor(readonly from: BackendName, readonly to: BackendName, reason: string) {
    super(`Migration from ${from} to ${to} failed: ${reason}. Every secret is still in the ${from} backend.`);
  }
}
