/**
 * Vault key names. Only two namespaces exist: `provider:<id>:api_key` for LLM providers and
 * `plugin:<name>:<key>` for plugin credentials. Anything else is rejected, so a typo or a model-made
 * name can never reach the keychain.
 */
import { InvalidSecretValueError, InvalidVaultKeyError } from './errors.js';

/** A key that passed {@link assertVaultKey}. */
export type VaultKey = string & { readonly __vaultKey: unique symbol };

export const SEGMENT_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export type ParsedVaultKey =
  | { namespace: 'provider'; id: string; key: 'api_key' }
  | { namespace: 'plugin'; name: string; key: string };

function checkSegment(key: string, label: string, segment: string | undefined): string {
  if (segment === undefined || segment === '') throw new InvalidVaultKeyError(key, `the ${label} is missing`);
  if (!SEGMENT_PATTERN.test(segment)) {
    throw new InvalidVaultKeyError(key, `the ${label} ${JSON.stringify(segment)} is not allowed`);
  }
  return segment;
}

/** Parses a key or throws {@link InvalidVaultKeyError} saying what is wrong with it. */
export function parseVaultKey(key: unknown): ParsedVaultKey {
  if (typeof key !== 'string') throw new InvalidVaultKeyError(String(key), 'a key must be a string');
  const parts = key.split(':');
  const [namespace] = parts;
  if (namespace === 'provider') {
    if (parts.length !== 3) throw new InvalidVaultKeyError(key, 'expected provider:<id>:api_key');
    const id = checkSegment(key, 'provider id', parts[1]);
    if (parts[2] !== 'api_key') throw new InvalidVaultKeyError(key, 'a provider key must end in :api_key');
    return { namespace, id, key: 'api_key' };
  }
  if (namespace === 'plugin') {
    if (parts.length !== 3) throw new InvalidVaultKeyError(key, 'expected plugin:<name>:<key>');
    const name = checkSegment(key, 'plugin name', parts[1]);
    return { namespace, name, key: checkSegment(key, 'key part', parts[2]) };
  }
  throw new InvalidVaultKeyError(key, 'the namespace must be "provider" or "plugin"');
}

export function assertVaultKey(key: unknown): VaultKey {
  parseVaultKey(key);
  return key as VaultKey;
}

export function isVaultKey(key: unknown): key is VaultKey {
  try {
    parseVaultKey(key);
    return true;
  } catch {
    return false;
  }
}

export function providerKey(id: string): VaultKey {
  return assertVaultKey(`provider:${id}:api_key`);
}

export function pluginKey(name: string, key: string): VaultKey {
  return assertVaultKey(`plugin:${name}:${key}`);
}

export const MAX_SECRET_BYTES = 64 * 1024;

/** Secrets are non-empty strings of at most 64 KiB (UTF-8). The message never repeats the value. */
export function assertSecretValue(value: unknown): asserts value is string {
  if (typeof value !== 'string') throw new InvalidSecretValueError('A secret value must be a string.');
  if (value.length === 0) throw new InvalidSecretValueError('A secret value cannot be empty (use delete to remove a key).');
  if (Buffer.byteLength(value, 'utf8') > MAX_SECRET_BYTES) {
    throw new InvalidSecretValueError(`A secret value cannot be longer than ${MAX_SECRET_BYTES} bytes.`);
  }
}
