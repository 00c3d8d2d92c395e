import { existsSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { corruptCopyPath, readConfig } from './config-file.js';
import { CONFIG_VERSION, configSchema, type PyraConfig } from './schema.js';
import { importExternal } from '../snapshot/import-external.js';

type ConfStore = { store: Record<string, unknown>; set(key: string, value: unknown): void; delete(key: string): void };

/**
 * Writes go through conf (ajv-validated against the schema, atomic, mode 600). conf is loaded
 * only here, on first write, never on the dashboard's start-up path.
 */
async function openConf(file: string): Promise<ConfStore> {
  readConfig(file); // refuse to write over a file the user must repair first
  const { default: Conf } = await importExternal<typeof import('conf')>('conf');
  return new Conf({
    cwd: dirname(file),
    configName: 'config',
    fileExtension: 'json',
    configFileMode: 0o600,
    schema: configSchema as never,
    clearInvalidConfig: false,
    watch: false,
  }) as unknown as ConfStore;
}

/** Sets (or with `undefined`, removes) one top-level setting. Throws a clear error when invalid. */
export async function setConfigValue<K extends keyof PyraConfig>(file: string, key: K, value: PyraConfig[K] | undefined): Promise<void> {
  const conf = await openConf(file);
  if (conf.store.version === undefined) conf.set('version', CONFIG_VERSION);
  if (value === undefined) conf.delete(key);
  else conf.set(key, value);
}

/** Moves the current file aside (to config.json.corrupt) so Pyra starts with defaults. */
export function resetConfig(file: string): string | null {
  if (!existsSync(file)) return null;
  const aside = corruptCopyPath(file);
  renameSync(file, aside);
  return aside;
}
