/** The vault's public surface. Everything else in app/vault/ is internal. */
export { openVault, quickVaultStatus, vaultStatus, Vault, type OpenVaultOptions, type PluginSecrets, type VaultStatus } from './vault.js';
export { BACKEND_NAMES, isBackendName, type BackendName } from './backend.js';
export { readBackendRecord, readConfiguredBackend } from './backend-record.js';
export type { MigrationReport } from './migrate.js';
export type { PassphraseProvider, PassphrasePurpose } from './passphrase.js';
export { assertVaultKey, isVaultKey, parseVaultKey, pluginKey, providerKey, type VaultKey } from './keys.js';
export * from './errors.js';
